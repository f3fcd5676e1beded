/**
 * "Who can do what": one evaluation of every Allow statement in the normal form, shared by the IAM rules, the
 * security diff and the evidence report.
 */
import type { Model } from '../model/model';
import { isToken } from '../model/values';
import { ELB_LOG_DELIVERY_ACCOUNTS } from './aws-accounts';
import { actionMatches, canonicalActionPattern, expandAction, isEveryAction, isServiceWildcard, isWriteLevel } from './actions';
import type { Condition, Principal, Statement } from './document';
import { policyUses, type PolicyUse } from './inventory';
import { accountBelonging, accountOf, callerRestriction, externalIdRestriction, scopeOf, sourceRestriction, type Restriction, type Scope } from './scope';

/**
 * Actions that let a principal grant itself more than it was given (published IAM privilege-escalation paths:
 * policy versions, attaching/putting policies, credentials of other users, trust changes, passing a role to compute).
 */
export const PRIVILEGE_ESCALATION_ACTIONS: readonly string[] = [
  'iam:PassRole', 'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:AttachUserPolicy', 'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy', 'iam:PutUserPolicy', 'iam:PutGroupPolicy', 'iam:PutRolePolicy', 'iam:CreateAccessKey',
  'iam:CreateLoginProfile', 'iam:UpdateLoginProfile', 'iam:UpdateAssumeRolePolicy', 'iam:AddUserToGroup',
  'iam:PutUserPermissionsBoundary', 'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary',
  'sts:AssumeRole', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'glue:UpdateDevEndpoint',
  'cloudformation:UpdateStack', 'ssm:SendCommand', 'ssm:StartSession', 'ec2:ModifyInstanceAttribute',
];

/**
 * Services that assume a role only for a principal of the same account that passed it with `iam:PassRole`
 * (an instance profile): no cross-account request can make them use the role, and their trust policies carry no
 * `aws:SourceAccount`. Every other service principal must be pinned.
 */
export const PASS_ROLE_ONLY_SERVICES: readonly string[] = ['ec2.amazonaws.com'];

/**
 * Everything: `*`, an ARN whose resource part is `*`, or every resource of a type (`arn:aws:kms:…:key/*`,
 * `arn:aws:iam::*:role/*`). S3 ARNs carry no type (`arn:aws:s3:::bucket/*` is one bucket), so only `*` counts there.
 */
export function isWildcardResource(resource: string): boolean {
  if (resource === '*') return true;
  const m = /^arn:[^:]*:([^:]*):[^:]*:[^:]*:(.*)$/.exec(resource);
  if (!m || isToken(resource)) return false;
  const [, service, rest] = m;
  if (service === '*' || rest === '*' || rest === '*/*') return true;
  return service !== 's3' && /^[A-Za-z0-9-]+[/:]\*$/.test(rest);
}

function onEveryResource(st: Statement): boolean {
  return st.resources === undefined || st.resources.negated || st.resources.values.some(isWildcardResource);
}

/** The weakness of an Allow statement of an identity policy, strongest first. */
export type IdentityRisk = 'admin' | 'privilege-escalation' | 'service-wildcard' | 'write-on-every-resource';

export interface IdentityFinding {
  risk: IdentityRisk;
  /** Plain words: what the statement allows. */
  detail: string;
}

const list = (xs: readonly string[], max = 6) => xs.slice(0, max).map((x) => `"${x}"`).join(', ') + (xs.length > max ? ` and ${xs.length - max} more` : '');

/** Classifies one identity-policy statement (undefined for a Deny or a statement scoped well enough). */
export function identityRisk(st: Statement): IdentityFinding | undefined {
  if (st.effect !== 'Allow') return undefined;
  const every = onEveryResource(st);
  const on = every ? 'on every resource' : `on ${list(st.resources?.values ?? [])}`;
  const actions = st.actions.values;
  if (st.actions.negated) {
    return every
      ? { risk: 'admin', detail: `${st.origin} allows every action except ${list(actions)} (NotAction) ${on}` }
      : { risk: 'service-wildcard', detail: `${st.origin} allows every action except ${list(actions)} (NotAction) ${on}` };
  }
  const all = actions.filter((a) => isEveryAction(a) || canonicalActionPattern(a) === 'iam:*');
  if (all.length > 0 && every) return { risk: 'admin', detail: `${st.origin} allows ${list(all)} ${on}` };
  if (every) {
    const escalation = PRIVILEGE_ESCALATION_ACTIONS.filter((e) => actions.some((a) => actionMatches(a, e)));
    if (escalation.length > 0) return { risk: 'privilege-escalation', detail: `${st.origin} allows ${list(escalation)} ${on}` };
  }
  const wild = actions.filter((a) => isServiceWildcard(a));
  if (wild.length > 0) return { risk: 'service-wildcard', detail: `${st.origin} allows all of ${list(wild)} ${on}` };
  if (every) {
    const writes = [...new Set(actions.flatMap((a) => expandAction(a).filter((i) => isWriteLevel(i) && !i.wildcardOnly).map((i) => i.action)))];
    if (writes.length > 0) return { risk: 'write-on-every-resource', detail: `${st.origin} allows write/decrypt action(s) ${list(writes)} on every resource although they can be scoped to resources` };
  }
  return undefined;
}

/** How a principal of a trust or resource policy stands. */
export type PrincipalVerdict =
  | 'own' // a principal of our accounts (or a reference to one)
  | 'restricted' // `*` or a foreign account, but a condition restricts the caller to us / requires an external id
  | 'aws-service-account' // an AWS-owned account doing its documented job (ELB log delivery)
  | 'service-pinned'
  | 'service-pass-role' // a service that only acts for a principal that passed the role
  | 'federated-restricted'
  | 'public'
  | 'foreign'
  | 'service-unpinned'
  | 'federated-open'
  | 'unknown'; // the allowed accounts are not declared, or the principal cannot be read

export const RISKY_VERDICTS: ReadonlySet<PrincipalVerdict> = new Set(['public', 'foreign', 'service-unpinned', 'federated-open']);

export interface Access {
  use: PolicyUse;
  statement: Statement;
  /** The principal as written (`*`, `AWS:arn:…`, `Service:logs.amazonaws.com`), or the role/user/group for identity policies. */
  principal: string;
  /** Plain words: `anyone`, `account 999999999999`, `service cloudwatch.amazonaws.com`, `role aws_iam_role.app`. */
  who: string;
  verdict: PrincipalVerdict;
  /** Why (the condition that restricts it, what is missing). */
  reason: string;
  /** Identity policies: the statement's weakness. */
  risk?: IdentityFinding;
}

function describe(p: Principal): string {
  if (p.kind === '*' || p.id === '*') return 'anyone (Principal "*")';
  if (p.kind === 'AWS') {
    const account = accountOf(p.id);
    if (account && /:root$|^\d{12}$/.test(p.id)) return `account ${account}`;
    return account ? `${p.id} (account ${account})` : p.id;
  }
  if (p.kind === 'Service') return `service ${p.id}`;
  if (p.kind === 'Federated') return `identities of ${p.id}`;
  return `canonical user ${p.id}`;
}

const NO_ACCOUNTS = 'cannot be shown at plan time because the provider sets no allowed_account_ids (and the input shows no account it deploys to)';

function restrictedOr(r: Restriction, otherwise: PrincipalVerdict, missing: string, scope: Scope): [PrincipalVerdict, string] {
  if (r.restricted) return ['restricted', `restricted by ${r.by}`];
  if (r.foreign.length > 0) return ['foreign', `its condition names account(s) outside ${scope.accountsFrom}: ${r.foreign.join(', ')}`];
  if (r.unknown) return ['unknown', NO_ACCOUNTS];
  return [otherwise, missing];
}

/** S3 log delivery writes under `…/AWSLogs/<account>/`: the object path pins whose logs they are. */
function pinnedByLogPath(st: Statement, scope: Scope): boolean {
  const rs = st.resources?.negated ? [] : st.resources?.values ?? [];
  return rs.length > 0 && rs.every((r) => {
    const m = /^arn:[a-z-]+:s3:::[^/]+\/(?:.*\/)?AWSLogs\/(\d{12}|\$\{[^}]+\})\//.exec(r);
    return m !== null && (isToken(m[1]) || accountBelonging(m[1], scope) === 'own');
  });
}

function isElbLogDelivery(account: string, st: Statement, scope: Scope): boolean {
  return scope.region !== undefined && ELB_LOG_DELIVERY_ACCOUNTS[scope.region] === account && !st.actions.negated && st.actions.values.every((a) => a.toLowerCase() === 's3:putobject') && pinnedByLogPath(st, scope);
}

/** A whole reference to a resource or data source of the configuration (`${aws_iam_role.ci.arn}`). */
const RESOURCE_REFERENCE = /^\$\{(?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.[a-z_]+\}$/;
/** An IAM ARN written with interpolations: partition and account parts may each be a `${…}`. */
const IAM_ARN_TEMPLATE = /^arn:(?:[a-z-]+|\$\{[^{}]*\}):iam::(\d{12}|\$\{[^{}]*\}):(.*)$/;

/**
 * What an AWS principal written with interpolations names: `own` for a reference to the configuration's own resources
 * or to the current account (`data.aws_caller_identity`), the ARN with a literal account when only the partition is
 * interpolated (`arn:${…partition}:iam::999999999999:root` is that account), and `unknown` for anything decided at
 * apply (a variable, a local, a module output): that principal may be anyone.
 */
function tokenPrincipal(id: string): 'own' | 'unknown' | string {
  if (RESOURCE_REFERENCE.test(id)) return 'own';
  const m = IAM_ARN_TEMPLATE.exec(id);
  if (!m) return 'unknown';
  if (/^\d{12}$/.test(m[1])) return isToken(m[2]) ? 'unknown' : `arn:aws:iam::${m[1]}:${m[2]}`;
  return /^\$\{data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id\}$/.test(m[1]) && !isToken(m[2]) ? 'own' : 'unknown';
}

const GITHUB_ACTIONS = 'token.actions.githubusercontent.com';
const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';

/**
 * Whether a claim condition narrows who may federate. Which claim does depends on the provider: GitHub's `aud` is
 * `sts.amazonaws.com` for every workflow, so only `sub` names a repository (and `repo:*` names none); a Cognito
 * identity pool is pinned by `aud`, not `amr`; elsewhere `sub`, or an `aud` other than STS. Values are alternatives:
 * one that matches anything (`*`) opens the condition.
 */
function claimRestricts(host: string, c: Condition): boolean {
  const key = c.key.toLowerCase();
  if (key.startsWith('saml:')) return c.values.every((v) => !/^[*?]+$/.test(v));
  if (!key.startsWith(`${host}:`)) return false;
  const claim = key.slice(host.length + 1);
  const open = (v: string) => /^[*?]+$/.test(v) || (host === GITHUB_ACTIONS && claim === 'sub' && !/^repo:[^*?/:]+\/[^:]/.test(v));
  const narrowing = host === GITHUB_ACTIONS ? claim === 'sub' : host === COGNITO_IDENTITY ? claim === 'aud' : claim === 'sub' || (claim === 'aud' && c.values.every((v) => v.toLowerCase() !== 'sts.amazonaws.com'));
  return narrowing && c.values.length > 0 && !c.values.some(open);
}

function federatedVerdict(st: Statement, p: Principal): [PrincipalVerdict, string] {
  const host = p.id.replace(/^arn:[^:]*:iam::\d{12}:oidc-provider\//, '').toLowerCase();
  // A provider of the configuration (`${aws_iam_openid_connect_provider.ci.arn}`): its host is the claims' prefix.
  const hostOf = (c: Condition) => (isToken(p.id) ? c.key.toLowerCase().slice(0, Math.max(0, c.key.lastIndexOf(':'))) : host);
  const own = st.conditions.find((c) => /^(ForAnyValue:)?(StringEquals|StringLike)$/i.test(c.operator) && claimRestricts(hostOf(c), c));
  const claim = host === COGNITO_IDENTITY ? `${host}:aud` : `${host}:sub`;
  return own ? ['federated-restricted', `restricted by ${own.operator} ${own.key}`] : ['federated-open', `no condition narrows the identity provider's claims (${claim}, or SAML:aud): every identity it issues may assume it`];
}

/** Verdict on one principal of a trust or resource statement. */
export function principalVerdict(use: PolicyUse, st: Statement, p: Principal, scope: Scope): [PrincipalVerdict, string] {
  if (st.principals?.negated) return ['public', 'NotPrincipal with Allow grants everyone except the listed principals'];
  if (p.kind === '*' || p.id === '*') return restrictedOr(callerRestriction(st.conditions, scope), 'public', 'no condition restricts the caller to your accounts or organization', scope);
  if (p.kind === 'AWS') {
    const templated = isToken(p.id) ? tokenPrincipal(p.id) : undefined;
    if (templated === 'own') return ['own', 'a principal of this configuration'];
    if (templated === 'unknown') return ['unknown', `cannot be shown at plan time because the principal ${p.id} is decided at apply`];
    const account = accountOf(templated ?? p.id);
    if (!account) return ['unknown', `cannot be shown at plan time because ${p.id} names no account`];
    const belonging = accountBelonging(account, scope);
    if (belonging === 'own') return ['own', 'an allowed account'];
    if (belonging === 'unknown') return ['unknown', NO_ACCOUNTS];
    if (use.kind === 'resource' && isElbLogDelivery(account, st, scope)) return ['aws-service-account', `Elastic Load Balancing log delivery of ${scope.region}`];
    const r = use.kind === 'trust' ? externalIdRestriction(st.conditions, scope) : callerRestriction(st.conditions, scope);
    return r.restricted ? ['restricted', `restricted by ${r.by}`] : ['foreign', use.kind === 'trust' ? `an account outside ${scope.accountsFrom}, without sts:ExternalId or another restricting condition` : `an account outside ${scope.accountsFrom}`];
  }
  if (p.kind === 'Service') {
    if (use.kind === 'trust' && PASS_ROLE_ONLY_SERVICES.includes(p.id.toLowerCase())) return ['service-pass-role', 'acts only for a principal that passed the role'];
    if (use.kind === 'resource' && pinnedByLogPath(st, scope)) return ['service-pinned', 'pinned by the AWSLogs/<account>/ object path'];
    const r = sourceRestriction(st.conditions, scope, use.keyPolicy);
    if (r.restricted) return ['service-pinned', `pinned by ${r.by}`];
    return restrictedOr(r, 'service-unpinned', `no ${use.keyPolicy ? 'aws:SourceAccount/aws:SourceArn/kms:ViaService/kms:CallerAccount/encryption-context' : 'aws:SourceAccount/aws:SourceArn'} condition: any account's use of the service can reach it (confused deputy)`, scope);
  }
  if (p.kind === 'Federated') return federatedVerdict(st, p);
  return ['unknown', `cannot be shown at plan time because canonical user ${p.id} cannot be mapped to an account`];
}

function principalKey(p: Principal): string {
  return p.kind === '*' || p.id === '*' ? '*' : `${p.kind}:${p.id}`;
}

function accessesOf(use: PolicyUse): Access[] {
  if (!use.document.readable) return [];
  const scope = scopeOf(use.holder);
  const out: Access[] = [];
  for (let i = 0; i < use.document.statements.length; i++) {
    const st = use.document.statements[i];
    if (st.effect !== 'Allow') continue;
    if (use.kind === 'identity') {
      const risk = identityRisk(st);
      const subjects = use.subjects.length > 0 ? use.subjects : [{ noun: 'policy', name: use.holder.address }];
      for (let j = 0; j < subjects.length; j++) {
        const s = subjects[j];
        out.push({ use, statement: st, principal: `${s.noun}:${s.name}`, who: `${s.noun} ${s.name}`, verdict: 'own', reason: 'an identity of this configuration', risk });
      }
      continue;
    }
    const principals = st.principals?.values ?? [];
    for (let j = 0; j < principals.length; j++) {
      const p = principals[j];
      const [verdict, reason] = principalVerdict(use, st, p, scope);
      out.push({ use, statement: st, principal: principalKey(p), who: describe(p), verdict, reason });
    }
  }
  return out;
}

interface AccessIndex {
  byUse: Map<PolicyUse, Access[]>;
  /** Every access, flattened on first use: only reports and diffs ask for all of them, rules ask per use. */
  all?: Access[];
}

const cache = new WeakMap<Model, AccessIndex>();

function accessIndex(model: Model): AccessIndex {
  let index = cache.get(model);
  if (!index) {
    const byUse = new Map<PolicyUse, Access[]>();
    for (const use of policyUses(model)) byUse.set(use, accessesOf(use));
    cache.set(model, (index = { byUse }));
  }
  return index;
}

/** Who can do what, for every readable policy of the model (computed once per model). */
export function accessOf(model: Model): readonly Access[] {
  const index = accessIndex(model);
  return (index.all ??= [...index.byUse.values()].flat());
}

/** The accesses one policy use grants. */
export function accessOfUse(model: Model, use: PolicyUse): Access[] {
  return accessIndex(model).byUse.get(use) ?? [];
}

/** Plain words for what a statement allows: `kms:Decrypt, kms:Encrypt` or `every action except "iam:*"`. */
export function actionsInWords(st: Statement): string {
  if (st.actions.negated) return `every action except ${list(st.actions.values)}`;
  return st.actions.values.includes('*') ? 'every action (*)' : st.actions.values.join(', ');
}

/** Plain words for what a statement applies to, for an access of a resource or identity policy. */
export function targetInWords(a: Access): string {
  if (a.use.kind === 'trust') return `role ${a.use.subjects[0]?.name ?? a.use.holder.address}`;
  if (a.use.kind === 'resource') return a.use.subjects.map((s) => `${s.noun} ${s.name}`).join(', ');
  const rs = a.statement.resources;
  if (!rs) return 'every resource';
  if (rs.negated) return `every resource except ${list(rs.values)}`;
  return rs.values.includes('*') ? 'every resource (*)' : list(rs.values, 3);
}
