import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { asString, blocks, isObject, isToken, list, strings } from '../model/values';
import type { SecurityChange } from './types';

/** A policy statement in one normal form, whether it came from JSON or an `aws_iam_policy_document` block. */
interface Statement {
  effect: 'Allow' | 'Deny';
  sid?: string;
  actions: string[];
  notAction: boolean;
  resources: string[];
  principals: string[];
  conditioned: boolean;
}

/** Attributes holding a policy document, per resource type. */
const POLICY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_policy: ['policy'],
  aws_iam_role_policy: ['policy'],
  aws_iam_user_policy: ['policy'],
  aws_iam_group_policy: ['policy'],
  aws_iam_role: ['assume_role_policy'],
  aws_kms_key: ['policy'],
  aws_kms_key_policy: ['policy'],
  aws_s3_bucket_policy: ['policy'],
  aws_sns_topic_policy: ['policy'],
  aws_sqs_queue_policy: ['policy'],
  aws_secretsmanager_secret_policy: ['policy'],
  aws_ecr_repository_policy: ['policy'],
  aws_backup_vault_policy: ['policy'],
  aws_cloudwatch_log_resource_policy: ['policy_document'],
};

const ATTACHMENTS = ['aws_iam_role_policy_attachment', 'aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment', 'aws_iam_policy_attachment'];
const POWERFUL_MANAGED = /:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess|AWSKeyManagementServicePowerUser)$/;

function principalsOfJson(p: unknown): string[] {
  if (p === undefined || p === null) return [];
  if (p === '*') return ['*'];
  if (!isObject(p)) return [String(p)];
  return Object.entries(p).flatMap(([k, v]) => list(v).map((id) => (id === '*' ? '*' : `${k}:${String(id)}`)));
}

function fromJson(doc: unknown): Statement[] | undefined {
  if (!isObject(doc)) return undefined;
  return list(doc.Statement).filter(isObject).map((st) => ({
    effect: st.Effect === 'Deny' ? 'Deny' : 'Allow',
    sid: asString(st.Sid),
    actions: strings(list(st.Action ?? st.NotAction)).map((a) => a.toLowerCase()),
    notAction: st.NotAction !== undefined,
    resources: strings(list(st.Resource ?? st.NotResource)),
    principals: principalsOfJson(st.Principal ?? st.NotPrincipal),
    conditioned: isObject(st.Condition) && Object.keys(st.Condition).length > 0,
  }));
}

function fromDocument(data: Resource): Statement[] {
  return blocks(data.values.statement).map((st) => ({
    effect: st.effect === 'Deny' ? 'Deny' : 'Allow',
    sid: asString(st.sid),
    actions: [...strings(st.actions), ...strings(st.not_actions)].map((a) => a.toLowerCase()),
    notAction: strings(st.not_actions).length > 0,
    resources: [...strings(st.resources), ...strings(st.not_resources)],
    principals: [...blocks(st.principals), ...blocks(st.not_principals)].flatMap((p) => strings(p.identifiers).map((id) => (id === '*' ? '*' : `${String(p.type)}:${id}`))),
    conditioned: blocks(st.condition).length > 0,
  }));
}

/** Statements per holder (`address#attribute`); expressions that cannot be read statically are left out. */
function policies(model: Model, stack: string | null): Map<string, { holder: Resource; statements: Statement[]; keyPolicy: boolean }> {
  const out = new Map<string, { holder: Resource; statements: Statement[]; keyPolicy: boolean }>();
  if (stack === null) return out;
  for (const [type, attrs] of Object.entries(POLICY_ATTRIBUTES)) {
    for (const r of model.ofType(type)) {
      if (r.stack !== stack) continue;
      for (const a of attrs) {
        const v = r.values[a];
        let parsed: Statement[] | undefined;
        if (isObject(v)) parsed = fromJson(v);
        else if (typeof v === 'string' && v.trim() !== '' && !isToken(v)) {
          try {
            parsed = fromJson(JSON.parse(v));
          } catch {
            parsed = undefined;
          }
        }
        if (parsed) out.set(`${r.address}#${a}`, { holder: r, statements: parsed, keyPolicy: type === 'aws_kms_key' || type === 'aws_kms_key_policy' });
      }
    }
  }
  for (const d of model.dataOfType('aws_iam_policy_document')) {
    if (d.stack !== stack) continue;
    const keyPolicy = model.referrers(d).some((r) => r.type === 'aws_kms_key' || r.type === 'aws_kms_key_policy');
    out.set(`${d.address}#statement`, { holder: d, statements: fromDocument(d), keyPolicy });
  }
  return out;
}

function pattern(action: string): RegExp {
  return new RegExp(`^${action.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

function covered(action: string, by: readonly string[]): boolean {
  return by.some((b) => b === action || (b.includes('*') && pattern(b).test(action)));
}

function signature(s: Statement): string {
  return s.sid ?? `${s.effect}|${[...s.actions].sort().join(',')}|${[...s.principals].sort().join(',')}`;
}

const quote = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');

/** Statements broadened or narrowed on policies present on both sides, plus powerful managed policies attached. */
export function iamChanges(base: Model, head: Model, stack: { base: string | null; head: string }): SecurityChange[] {
  const before = policies(base, stack.base);
  const after = policies(head, stack.head);
  const out: SecurityChange[] = [];
  for (const [key, h] of after) {
    const b = before.get(key);
    const where = h.holder.address + (key.endsWith('#statement') || key.endsWith('#policy') ? '' : ` (${key.split('#')[1]})`);
    if (!b) continue; // a new policy: its content is judged by the baseline findings
    const bAllow = b.statements.filter((s) => s.effect === 'Allow');
    const hAllow = h.statements.filter((s) => s.effect === 'Allow');
    const baseActions = bAllow.filter((s) => !s.notAction).flatMap((s) => s.actions);
    const newActions = [...new Set(hAllow.filter((s) => !s.notAction).flatMap((s) => s.actions).filter((a) => !covered(a, baseActions)))];
    const wildcards = newActions.filter((a) => a.includes('*'));
    const specific = newActions.filter((a) => !a.includes('*'));
    const reasons: string[] = [];
    let regression = false;
    if (wildcards.length > 0) {
      reasons.push(`new wildcard action(s) ${quote(wildcards)}`);
      regression = true;
    }
    if (specific.length > 0) reasons.push(`new action(s) ${quote(specific.slice(0, 8))}${specific.length > 8 ? ` and ${specific.length - 8} more` : ''}`);
    if (!h.keyPolicy && hAllow.some((s) => s.resources.includes('*')) && !bAllow.some((s) => s.resources.includes('*'))) {
      reasons.push('resource "*" newly allowed');
      regression = true;
    }
    const basePrincipals = new Set(bAllow.flatMap((s) => s.principals));
    const newPrincipals = [...new Set(hAllow.flatMap((s) => s.principals))].filter((p) => !basePrincipals.has(p));
    if (newPrincipals.length > 0) {
      reasons.push(`new principal(s) ${quote(newPrincipals)}`);
      if (newPrincipals.includes('*')) regression = true;
    }
    if (hAllow.some((s) => s.notAction) && !bAllow.some((s) => s.notAction)) {
      reasons.push('an Allow with NotAction (allows everything except the listed actions)');
      regression = true;
    }
    const headBySig = new Map(h.statements.map((s) => [signature(s), s]));
    for (const s of b.statements) {
      const now = headBySig.get(signature(s));
      if (s.effect === 'Deny' && !now) {
        reasons.push(`Deny statement ${s.sid ? `"${s.sid}"` : `on ${quote(s.actions)}`} removed`);
        regression = true;
      } else if (s.effect === 'Allow' && s.conditioned && now && !now.conditioned) {
        reasons.push(`condition removed from statement ${s.sid ? `"${s.sid}"` : `on ${quote(s.actions)}`}`);
        regression = true;
      }
    }
    if (reasons.length > 0) {
      out.push({ impact: regression ? 'regression' : 'review', category: 'iam', resource: h.holder.address, message: `IAM policy broadened on ${where}: ${reasons.join('; ')}.` });
      continue;
    }
    const headActions = hAllow.filter((s) => !s.notAction).flatMap((s) => s.actions);
    const dropped = [...new Set(baseActions.filter((a) => !covered(a, headActions)))];
    if (dropped.length > 0) out.push({ impact: 'improvement', category: 'iam', resource: h.holder.address, message: `IAM policy narrowed on ${where}: no longer allows ${quote(dropped.slice(0, 8))}${dropped.length > 8 ? ` and ${dropped.length - 8} more` : ''}.` });
  }
  // Managed policies attached in HEAD that were not attached in BASE.
  if (stack.head !== null) {
    const attached = (m: Model, s: string | null) => new Set(ATTACHMENTS.flatMap((t) => m.ofType(t)).filter((r) => r.stack === s).map((r) => `${r.address}|${String(r.values.policy_arn)}`));
    const was = attached(base, stack.base);
    for (const t of ATTACHMENTS) {
      for (const r of head.ofType(t)) {
        if (r.stack !== stack.head || was.has(`${r.address}|${String(r.values.policy_arn)}`)) continue;
        const arn = String(r.values.policy_arn ?? '');
        const powerful = POWERFUL_MANAGED.test(arn);
        out.push({ impact: powerful ? 'regression' : 'review', category: 'iam', resource: r.address, message: `IAM policy attached by ${r.address}: ${arn}${powerful ? ' (a broad AWS-managed policy)' : ''}.` });
      }
    }
  }
  return out;
}
