/**
 * One policy, every spelling Palisade must read the same way: a JSON string, a JSON string with a single-object
 * `Statement` and string (not list) fields, `jsonencode({...})` as cdktf renders it, an `aws_iam_policy_document`
 * data source, and a plain object.
 */
import { dataRef, ref, StackBuilder } from '../fixtures';

export const OWN = '111122223333';
export const FOREIGN = '999999999999';

type Json = Record<string, any>;

/** `{"K" = v, ...}`: how cdktf renders `Fn.jsonencode(value)`. */
export function hcl(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(hcl).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} = ${hcl(v)}`).join(', ')}}`;
  return JSON.stringify(value);
}

const asList = (v: unknown) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

function principalBlocks(p: unknown): Json[] | undefined {
  if (p === undefined) return undefined;
  if (p === '*') return [{ type: '*', identifiers: ['*'] }];
  return Object.entries(p as Json).map(([type, ids]) => ({ type, identifiers: asList(ids) }));
}

/** The `statement` blocks of an `aws_iam_policy_document` equivalent to a JSON policy. */
export function documentBlocks(doc: Json): Json[] {
  return (asList(doc.Statement) as Json[]).map((s) => {
    const b: Json = { effect: s.Effect ?? 'Allow' };
    if (s.Sid) b.sid = s.Sid;
    if (s.Action !== undefined) b.actions = asList(s.Action);
    if (s.NotAction !== undefined) b.not_actions = asList(s.NotAction);
    if (s.Resource !== undefined) b.resources = asList(s.Resource);
    if (s.NotResource !== undefined) b.not_resources = asList(s.NotResource);
    if (s.Principal !== undefined) b.principals = principalBlocks(s.Principal);
    if (s.NotPrincipal !== undefined) b.not_principals = principalBlocks(s.NotPrincipal);
    if (s.Condition) b.condition = Object.entries(s.Condition as Json).flatMap(([test, body]) => Object.entries(body as Json).map(([variable, values]) => ({ test, variable, values: asList(values) })));
    return b;
  });
}

/** Collapses one-element lists to strings and a one-statement list to a single object. */
function collapsed(doc: Json): Json {
  const one = (v: unknown) => (Array.isArray(v) && v.length === 1 ? v[0] : v);
  const sts = (asList(doc.Statement) as Json[]).map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'Principal' && v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, one(pv)])) : one(v)])));
  return { ...doc, Statement: sts.length === 1 ? sts[0] : sts };
}

export type Spelling = 'json' | 'json-single-statement' | 'jsonencode' | 'policy-document' | 'object';
export const SPELLINGS: readonly Spelling[] = ['json', 'json-single-statement', 'jsonencode', 'policy-document', 'object'];

/** Writes `doc` into `values[attribute]` of a resource in the given spelling (adding a data source when needed). */
export function spell(stack: StackBuilder, spelling: Spelling, name: string, doc: Json): unknown {
  const full = { Version: '2012-10-17', ...doc };
  switch (spelling) {
    case 'json': return JSON.stringify(full);
    case 'json-single-statement': return JSON.stringify(collapsed(full));
    case 'jsonencode': return `\${jsonencode(${hcl(collapsed(full))})}`;
    case 'object': return full;
    case 'policy-document':
      stack.addData('aws_iam_policy_document', name, { statement: documentBlocks(full) });
      return dataRef('aws_iam_policy_document', name);
  }
}

/** A stack whose provider allows only our account. */
export function ownStack(): StackBuilder {
  return new StackBuilder('prod').setProviders([{ region: 'eu-west-1', allowed_account_ids: [OWN] }]);
}

const EC2_TRUST = { Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

/** A role with an inline policy `doc`. */
export function roleWithPolicy(spelling: Spelling, doc: Json): StackBuilder {
  const s = ownStack();
  s.add('aws_iam_role', 'app', { name: 'app', assume_role_policy: JSON.stringify(EC2_TRUST) });
  s.add('aws_iam_role_policy', 'app', { role: ref('aws_iam_role', 'app'), policy: spell(s, spelling, 'app', doc) });
  return s;
}

/** A role whose trust policy is `doc`. */
export function roleTrusting(spelling: Spelling, doc: Json): StackBuilder {
  const s = ownStack();
  s.add('aws_iam_role', 'app', { name: 'app', assume_role_policy: spell(s, spelling, 'trust', doc) });
  return s;
}

/** Resource-policy holders the tests exercise: type, policy attribute, and the protected resource. */
export const RESOURCE_HOLDERS: ReadonlyArray<{ type: string; protect?: [type: string, attr: string] }> = [
  { type: 'aws_s3_bucket_policy', protect: ['aws_s3_bucket', 'bucket'] },
  { type: 'aws_kms_key' },
  { type: 'aws_sns_topic_policy', protect: ['aws_sns_topic', 'arn'] },
  { type: 'aws_sqs_queue_policy', protect: ['aws_sqs_queue', 'queue_url'] },
  { type: 'aws_secretsmanager_secret_policy', protect: ['aws_secretsmanager_secret', 'secret_arn'] },
];

/** A resource policy `doc` on a holder of `type`. */
export function resourcePolicy(type: string, spelling: Spelling, doc: Json): StackBuilder {
  const s = ownStack();
  const holder = RESOURCE_HOLDERS.find((h) => h.type === type)!;
  const values: Json = { policy: spell(s, spelling, 'res', doc) };
  if (holder.protect) {
    s.add(holder.protect[0], 'target', { name: 'target' });
    values[holder.protect[1]] = ref(holder.protect[0], 'target', holder.protect[1] === 'bucket' ? 'id' : holder.protect[1] === 'queue_url' ? 'url' : 'arn');
  }
  s.add(type, 'res', values);
  return s;
}
