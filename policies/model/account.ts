/**
 * Which AWS account a provider deploys to: its `allowed_account_ids` (literal 12-digit ids) — or, in a plan made
 * without them, the account an `aws_caller_identity` data source of that provider read at plan time.
 */
import { forEachRootProviderResource, type PlanConfigOf } from './plan-walk';
import type { ProviderConfig } from './types';
import { isObject, isToken, list, type Obj } from './values';

/** The accounts a provider may deploy to and how the input shows them; undefined when it cannot be shown. */
export interface ProviderAccounts {
  accounts: readonly string[];
  /** `allowed_account_ids`, or the data source that read the account. */
  source: string;
}

const ACCOUNT_ID = /^\d{12}$/;

/** Answers per provider config: IAM scoping asks once per policy principal, and a large estate has thousands. */
const answered = new WeakMap<ProviderConfig, ProviderAccounts | null>();

export function providerAccounts(p: ProviderConfig | undefined): ProviderAccounts | undefined {
  if (!p) return undefined;
  const known = answered.get(p);
  if (known !== undefined) return known ?? undefined;
  const found = readAccounts(p);
  // A config that shows no account yet is not kept: loading a plan may still add its accountEvidence.
  if (found || p.accountEvidence !== undefined || list(p.allowedAccountIds).length > 0) answered.set(p, found ?? null);
  return found;
}

function readAccounts(p: ProviderConfig): ProviderAccounts | undefined {
  const ids = list(p.allowedAccountIds).map(String).filter((id) => !isToken(id));
  if (ids.length > 0 && ids.every((id) => ACCOUNT_ID.test(id))) return { accounts: ids, source: 'allowed_account_ids' };
  if (ids.length === 0 && p.accountEvidence) return { accounts: [p.accountEvidence.account], source: p.accountEvidence.source };
  return undefined;
}

/**
 * Sets `accountEvidence` on every root provider of a plan that pins no account but read `aws_caller_identity` in
 * `prior_state`: all such reads of one provider must agree, else nothing is derived. `configOf` answers a data
 * source's configuration block (its `provider_config_key`).
 */
export function derivePlanAccounts(plan: Obj, providers: readonly ProviderConfig[], configOf: PlanConfigOf): void {
  const pending = providers.filter((p) => list(p.allowedAccountIds).length === 0);
  if (pending.length === 0 || !isObject(plan.prior_state) || !isObject(plan.prior_state.values)) return;
  const seen = new Map<ProviderConfig, Map<string, string>>(); // account → first address that read it
  forEachRootProviderResource(plan.prior_state.values.root_module, providers, configOf, (r, provider) => {
    if (r.mode !== 'data' || r.type !== 'aws_caller_identity' || !isObject(r.values) || !pending.includes(provider)) return;
    const account = r.values.account_id;
    if (typeof account !== 'string' || !ACCOUNT_ID.test(account)) return;
    const accounts = seen.get(provider) ?? new Map<string, string>();
    if (!accounts.has(account)) accounts.set(account, r.address);
    seen.set(provider, accounts);
  });
  for (const [provider, accounts] of seen) {
    if (accounts.size !== 1) continue;
    const [[account, address]] = [...accounts];
    provider.accountEvidence = { account, source: `${address}, read at plan time` };
  }
}
