/**
 * Whose accounts are "ours", which account a principal or ARN names, and whether a statement's conditions really
 * restrict who may use it.
 */
import { providerAccounts } from '../model/account';
import { knownRegion } from '../model/region';
import type { Resource } from '../model/types';
import { isToken } from '../model/values';
import type { Condition } from './document';

/** The accounts a stack may deploy to (`policies/model/account.ts`: `allowed_account_ids`, or the account a plan read), and its region. */
export interface Scope {
  /** Undefined when the input does not show them (then "foreign" cannot be shown). */
  accounts: readonly string[] | undefined;
  /** Words for where the accounts come from, for findings: `allowed_account_ids`, or the plan's deploying account. */
  accountsFrom: string;
  region: string | undefined;
}

export function scopeOf(r: Resource): Scope {
  const found = providerAccounts(r.provider);
  const accountsFrom = !found || found.source === 'allowed_account_ids' ? 'allowed_account_ids' : `the deploying account (${found.source})`;
  return { accounts: found?.accounts, accountsFrom, region: knownRegion(r.provider) };
}

/** The account an AWS principal (`123456789012`, `arn:aws:iam::123456789012:root`, a role/user ARN) belongs to. */
export function accountOf(id: string): string | undefined {
  if (/^\d{12}$/.test(id)) return id;
  const arn = /^arn:[a-z-]+:(?:iam|sts)::(\d{12}):/.exec(id);
  return arn?.[1];
}

/** How a value relates to our accounts: `own`, `foreign`, `unknown` (no allowed list), or `open` (restricts nothing). */
export type Belonging = 'own' | 'foreign' | 'unknown' | 'open';

export function accountBelonging(account: string, scope: Scope): Belonging {
  if (!/^\d{12}$/.test(account)) return 'open';
  if (!scope.accounts) return 'unknown';
  return scope.accounts.includes(account) ? 'own' : 'foreign';
}

/** Belonging of an ARN value in a condition: by its account field, or — for account-less ARNs (S3) — by being specific. */
function arnBelonging(arn: string, scope: Scope): Belonging {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return isToken(arn) ? 'own' : 'open';
  const account = parts[4];
  // An account-less ARN (S3) is ours only by its bucket name: a wildcard in it (`arn:aws:s3:::a*`) matches buckets anyone
  // can create.
  if (account === '') return /[*?]/.test(parts.slice(5).join(':').split('/')[0]) ? 'open' : 'own';
  if (isToken(account)) return 'own';
  return accountBelonging(account, scope);
}

const POSITIVE = /^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i;
// aws:VpceAccount: the owner of the VPC endpoint the request came through (our endpoints, like aws:SourceVpce).
const ACCOUNT_KEYS = new Set(['aws:principalaccount', 'aws:sourceaccount', 'aws:sourceowner', 'kms:calleraccount', 'aws:vpceaccount']);
const ARN_KEYS = new Set(['aws:principalarn', 'aws:sourcearn']);
const ORG_KEYS = new Set(['aws:principalorgid', 'aws:principalorgpaths', 'aws:sourceorgid', 'aws:sourceorgpaths']);
const NETWORK_KEYS = new Set(['aws:sourcevpc', 'aws:sourcevpce']);
/** Keys that pin an AWS service's request to the resource or account it acts for (confused-deputy protection). */
const SOURCE_KEYS = new Set(['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths']);

function valueBelonging(key: string, value: string, scope: Scope): Belonging {
  if (value === '' || /^[*?]+$/.test(value)) return 'open';
  if (isToken(value)) return 'own'; // a reference to a resource of this stack (its ARN or account id)
  if (ACCOUNT_KEYS.has(key)) return /[*?]/.test(value) ? 'open' : accountBelonging(value, scope);
  if (ARN_KEYS.has(key) || key.startsWith('kms:encryptioncontext:')) return arnBelonging(value, scope);
  // Anyone can create an organization or a VPC endpoint: a pattern (`o-*`, `vpce-*`) pins the caller to none of ours.
  // An org path is ours by its organization id, the first segment (`o-abc123/*` is).
  if (ORG_KEYS.has(key) || NETWORK_KEYS.has(key)) return /[*?]/.test(key.endsWith('paths') ? value.split('/')[0] : value) ? 'open' : 'own';
  return 'own';
}

/** Verdict of a statement's conditions on one question. */
export type Restriction =
  | { restricted: true; by: string }
  | { restricted: false; foreign: string[]; unknown: boolean };

function restriction(conditions: readonly Condition[], scope: Scope, applies: (key: string) => boolean): Restriction {
  const foreign: string[] = [];
  let unknown = false;
  for (const c of conditions) {
    const key = c.key.toLowerCase();
    if (!applies(key) || !POSITIVE.test(c.operator) || c.values.length === 0) continue;
    const verdicts = c.values.map((v) => valueBelonging(key, v, scope));
    if (verdicts.every((v) => v === 'own')) return { restricted: true, by: `${c.operator} ${c.key}` };
    if (verdicts.includes('foreign')) foreign.push(...c.values.filter((v, i) => verdicts[i] === 'foreign'));
    if (verdicts.includes('unknown')) unknown = true;
  }
  return { restricted: false, foreign, unknown };
}

/** Do the conditions restrict the caller to our accounts, our organization or our network? */
export function callerRestriction(conditions: readonly Condition[], scope: Scope): Restriction {
  return restriction(conditions, scope, (k) => ACCOUNT_KEYS.has(k) || ARN_KEYS.has(k) || ORG_KEYS.has(k) || NETWORK_KEYS.has(k));
}

/** Do the conditions pin a service principal to our account or resources (`aws:SourceAccount`/`aws:SourceArn`…, or KMS's own keys)? */
export function sourceRestriction(conditions: readonly Condition[], scope: Scope, keyPolicy: boolean): Restriction {
  return restriction(conditions, scope, (k) => SOURCE_KEYS.has(k) || (keyPolicy && (k === 'kms:viaservice' || k === 'kms:calleraccount' || k.startsWith('kms:encryptioncontext:'))));
}

/** Does a trust statement for a foreign account require an external id (or otherwise restrict the caller)? */
export function externalIdRestriction(conditions: readonly Condition[], scope: Scope): Restriction {
  const ext = restriction(conditions, scope, (k) => k === 'sts:externalid');
  return ext.restricted ? ext : restriction(conditions, scope, (k) => ORG_KEYS.has(k) || ARN_KEYS.has(k) || ACCOUNT_KEYS.has(k));
}
