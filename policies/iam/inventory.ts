/**
 * Every policy of a model, read once into the normal form and tagged with what it governs: identity policies (and
 * whom they are given to), role trust policies, and resource policies (and the resource they protect).
 */
import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { asString, blocks, isComputed, isToken, list, strings } from '../model/values';
import { readPolicy, readPolicyValue, type Condition, type PolicyDocument, type Principal, type Statement } from './document';
import { awsManagedPolicyName, powerfulManagedStatements } from './managed';
import { groupBy } from '../model/group';

export type PolicyKind = 'identity' | 'trust' | 'resource';

/** Something a policy is about: a role/user/group given permissions, or a resource a policy protects. */
export interface Subject {
  /** `role`, `user`, `group`, `key`, `bucket`, `topic`, … */
  noun: string;
  /** Terraform address when the subject is declared here, else the literal name/ARN as written. */
  name: string;
}

export interface PolicyUse {
  kind: PolicyKind;
  /** The resource the policy is written on — where a finding belongs. */
  holder: Resource;
  /** Attribute holding it: `policy`, `assume_role_policy`, `inline_policy[0]`, `policy_arn`, `managed_policy_arns[1]`. */
  attribute: string;
  document: PolicyDocument;
  subjects: Subject[];
  /** A KMS key policy: `Resource: "*"` there means the key itself. */
  keyPolicy: boolean;
  /** An attached policy ARN: the AWS-managed name, or that the policy is defined outside this configuration. */
  attached?: { arn: string; awsManaged?: string; external: boolean };
}

interface ResourcePolicyType {
  type: string;
  attribute: string;
  noun: string;
  /** Attribute referencing the protected resource; absent when the policy sits on the resource itself. */
  target?: string;
}

/** Resource-policy holders the engine reads. */
export const RESOURCE_POLICY_TYPES: readonly ResourcePolicyType[] = [
  { type: 'aws_s3_bucket', attribute: 'policy', noun: 'bucket' },
  { type: 'aws_s3_bucket_policy', attribute: 'policy', noun: 'bucket', target: 'bucket' },
  { type: 'aws_kms_key', attribute: 'policy', noun: 'key' },
  { type: 'aws_kms_key_policy', attribute: 'policy', noun: 'key', target: 'key_id' },
  { type: 'aws_sns_topic', attribute: 'policy', noun: 'topic' },
  { type: 'aws_sns_topic_policy', attribute: 'policy', noun: 'topic', target: 'arn' },
  { type: 'aws_sqs_queue', attribute: 'policy', noun: 'queue' },
  { type: 'aws_sqs_queue_policy', attribute: 'policy', noun: 'queue', target: 'queue_url' },
  { type: 'aws_secretsmanager_secret', attribute: 'policy', noun: 'secret' },
  { type: 'aws_secretsmanager_secret_policy', attribute: 'policy', noun: 'secret', target: 'secret_arn' },
  { type: 'aws_ecr_repository_policy', attribute: 'policy', noun: 'repository', target: 'repository' },
  { type: 'aws_backup_vault_policy', attribute: 'policy', noun: 'backup vault', target: 'backup_vault_name' },
  { type: 'aws_efs_file_system_policy', attribute: 'policy', noun: 'file system', target: 'file_system_id' },
  { type: 'aws_cloudwatch_log_resource_policy', attribute: 'policy_document', noun: 'log groups' },
  { type: 'aws_s3_access_point', attribute: 'policy', noun: 'access point' },
  { type: 'aws_s3control_access_point_policy', attribute: 'policy', noun: 'access point', target: 'access_point_arn' },
  { type: 'aws_opensearch_domain', attribute: 'access_policies', noun: 'search domain' },
  { type: 'aws_opensearch_domain_policy', attribute: 'access_policies', noun: 'search domain', target: 'domain_name' },
  { type: 'aws_elasticsearch_domain', attribute: 'access_policies', noun: 'search domain' },
  { type: 'aws_elasticsearch_domain_policy', attribute: 'access_policies', noun: 'search domain', target: 'domain_name' },
  { type: 'aws_cloudwatch_event_bus_policy', attribute: 'policy', noun: 'event bus', target: 'event_bus_name' },
  { type: 'aws_glacier_vault', attribute: 'access_policy', noun: 'Glacier vault' },
  { type: 'aws_api_gateway_rest_api', attribute: 'policy', noun: 'REST API' },
  { type: 'aws_api_gateway_rest_api_policy', attribute: 'policy', noun: 'REST API', target: 'rest_api_id' },
  { type: 'aws_dynamodb_resource_policy', attribute: 'policy', noun: 'DynamoDB table or stream', target: 'resource_arn' },
];

/** Who an identity policy is given to: the attribute naming them, the noun for messages, their resource type. */
type SubjectRef = readonly [attr: string, noun: string, type: string];
const ROLE: SubjectRef = ['role', 'role', 'aws_iam_role'];
const USER: SubjectRef = ['user', 'user', 'aws_iam_user'];
const GROUP: SubjectRef = ['group', 'group', 'aws_iam_group'];
/** IAM Identity Center permission sets: their policies become roles in every account they are assigned to. */
const PERMISSION_SET: SubjectRef = ['permission_set_arn', 'permission set', 'aws_ssoadmin_permission_set'];

const INLINE: ReadonlyArray<[type: string, policyAttr: string, subject: SubjectRef]> = [
  ['aws_iam_role_policy', 'policy', ROLE],
  ['aws_iam_user_policy', 'policy', USER],
  ['aws_iam_group_policy', 'policy', GROUP],
  ['aws_ssoadmin_permission_set_inline_policy', 'inline_policy', PERMISSION_SET],
];

const ATTACHMENTS: ReadonlyArray<[type: string, arnAttr: string, subjects: readonly SubjectRef[]]> = [
  ['aws_iam_role_policy_attachment', 'policy_arn', [ROLE]],
  ['aws_iam_user_policy_attachment', 'policy_arn', [USER]],
  ['aws_iam_group_policy_attachment', 'policy_arn', [GROUP]],
  ['aws_iam_policy_attachment', 'policy_arn', [['roles', 'role', 'aws_iam_role'], ['users', 'user', 'aws_iam_user'], ['groups', 'group', 'aws_iam_group']]],
  ['aws_iam_role_policy_attachments_exclusive', 'policy_arns', [['role_name', 'role', 'aws_iam_role']]],
  ['aws_iam_user_policy_attachments_exclusive', 'policy_arns', [['user_name', 'user', 'aws_iam_user']]],
  ['aws_iam_group_policy_attachments_exclusive', 'policy_arns', [['group_name', 'group', 'aws_iam_group']]],
  ['aws_ssoadmin_managed_policy_attachment', 'managed_policy_arn', [PERMISSION_SET]],
];

/** Types whose resources may hold or attach identity policies (rules use it to say "nothing in scope"). */
export const IDENTITY_POLICY_TYPES: readonly string[] = ['aws_iam_policy', 'aws_iam_role', ...INLINE.map((i) => i[0]), ...ATTACHMENTS.map((a) => a[0])];

function subjectsOf(model: Model, holder: Resource, [attr, noun, type]: SubjectRef): Subject[] {
  const declared = model.targets(holder, attr).filter((t) => t.type === type);
  if (declared.length > 0) return declared.map((t) => ({ noun, name: t.address }));
  return strings(list(holder.values[attr])).filter((v) => !isToken(v)).map((name) => ({ noun, name }));
}

function resourceSubject(model: Model, holder: Resource, t: ResourcePolicyType): Subject {
  if (!t.target) return { noun: t.noun, name: holder.address };
  const target = model.targets(holder, t.target).find((r) => r.mode === 'managed');
  return { noun: t.noun, name: target?.address ?? String(holder.values[t.target] ?? holder.address) };
}

/**
 * The ARN of an AWS-managed policy written with an interpolated partition (`arn:${data.aws_partition.x.partition}:iam::
 * aws:policy/AdministratorAccess`): the partition does not change which policy it is. Undefined for any other token.
 */
function awsManagedArnTemplate(value: string): string | undefined {
  const m = /^arn:\$\{[^{}]*\}:(iam::aws:policy\/[^${}]+)$/.exec(value);
  return m ? `arn:aws:${m[1]}` : undefined;
}

/** An attached ARN: a powerful AWS-managed policy is expanded; a declared `aws_iam_policy` is judged on itself. */
function attachedUse(model: Model, holder: Resource, attribute: string, written: string, subjects: Subject[]): PolicyUse | undefined {
  // A plan's computed list (a role's managed_policy_arns the configuration never writes) attaches nothing itself.
  if (isComputed(written)) return undefined;
  const arn = isToken(written) ? awsManagedArnTemplate(written) : written;
  if (arn === undefined) {
    // A reference to a declared aws_iam_policy: that policy is read on its own. Anything else (a variable, a data
    // source, a module output) names a policy this input cannot show.
    const targets = model.outgoing(holder).filter((e) => e.path === attribute).map((e) => e.to);
    if (targets.some((t) => t.mode === 'managed' && t.type === 'aws_iam_policy')) return undefined;
    const document: PolicyDocument = { readable: false, reason: `cannot be shown at plan time because the attached policy ARN ${written} is known only after apply` };
    return { kind: 'identity', holder, attribute, document, subjects, keyPolicy: false, attached: { arn: written, external: true } };
  }
  const awsManaged = awsManagedPolicyName(arn);
  const statements = powerfulManagedStatements(arn);
  const document: PolicyDocument = statements
    ? { readable: true, statements }
    : awsManaged
      ? { readable: true, statements: [] }
      : { readable: false, reason: `cannot be shown at plan time because ${arn} is defined outside this configuration` };
  return { kind: 'identity', holder, attribute, document, subjects, keyPolicy: false, attached: { arn, awsManaged, external: !awsManaged } };
}

function identityUses(model: Model): PolicyUse[] {
  const out: PolicyUse[] = [];
  for (const p of model.ofType('aws_iam_policy')) {
    const subjects = model.referrers(p).flatMap((a) => ATTACHMENTS.filter((t) => t[0] === a.type).flatMap((t) => t[2].flatMap((ref) => subjectsOf(model, a, ref))));
    out.push({ kind: 'identity', holder: p, attribute: 'policy', document: readPolicy(model, p), subjects, keyPolicy: false });
  }
  for (const [type, policyAttr, subject] of INLINE) {
    for (const r of model.ofType(type)) out.push({ kind: 'identity', holder: r, attribute: policyAttr, document: readPolicy(model, r, policyAttr), subjects: subjectsOf(model, r, subject), keyPolicy: false });
  }
  for (const role of model.ofType('aws_iam_role')) {
    const self = [{ noun: 'role', name: role.address }];
    blocks(role.values.inline_policy).forEach((b, i) => {
      if (asString(b.policy) === undefined) return;
      out.push({ kind: 'identity', holder: role, attribute: `inline_policy[${i}]`, document: readPolicyValue(model, role, 'inline_policy', b.policy), subjects: self, keyPolicy: false });
    });
    strings(list(role.values.managed_policy_arns)).forEach((arn, i) => {
      const use = attachedUse(model, role, `managed_policy_arns[${i}]`, arn, self);
      if (use) out.push(use);
    });
  }
  for (const [type, arnAttr, subjectAttrs] of ATTACHMENTS) {
    for (const a of model.ofType(type)) {
      const subjects = subjectAttrs.flatMap((ref) => subjectsOf(model, a, ref));
      strings(list(a.values[arnAttr])).forEach((arn, i) => {
        const use = attachedUse(model, a, Array.isArray(a.values[arnAttr]) ? `${arnAttr}[${i}]` : arnAttr, arn, subjects);
        if (use) out.push(use);
      });
    }
  }
  return out;
}

function otherUses(model: Model): PolicyUse[] {
  const out: PolicyUse[] = [];
  for (const role of model.ofType('aws_iam_role')) {
    out.push({ kind: 'trust', holder: role, attribute: 'assume_role_policy', document: readPolicy(model, role, 'assume_role_policy'), subjects: [{ noun: 'role', name: role.address }], keyPolicy: false });
  }
  for (const t of RESOURCE_POLICY_TYPES) {
    for (const r of model.ofType(t.type)) {
      const v = r.values[t.attribute];
      // A plan's provider-computed policy (the configuration writes none) is no policy of the resource.
      if (v === undefined || v === null || v === '' || isComputed(v)) continue;
      out.push({ kind: 'resource', holder: r, attribute: t.attribute, document: readPolicy(model, r, t.attribute), subjects: [resourceSubject(model, r, t)], keyPolicy: t.noun === 'key' });
    }
  }
  for (const r of model.ofType('aws_lambda_permission')) {
    out.push({ kind: 'resource', holder: r, attribute: 'principal', document: lambdaPermissionDocument(r), subjects: [resourceSubject(model, r, { type: r.type, attribute: 'principal', noun: 'function', target: 'function_name' })], keyPolicy: false });
  }
  return out;
}

/**
 * An `aws_lambda_permission` is one statement of the function's resource policy, written as arguments: it is read as
 * that statement (principal, action, and the `source_arn` / `source_account` / `principal_org_id` conditions AWS adds).
 */
function lambdaPermissionDocument(r: Resource): PolicyDocument {
  const v = r.values;
  const principal = asString(v.principal);
  const action = asString(v.action);
  if (!principal || !action) return { readable: false, reason: 'cannot be shown at plan time because its principal or action is not set' };
  if (isToken(principal) || isToken(action)) return { readable: false, reason: `cannot be shown at plan time because its principal (${principal}) or action (${action}) is decided at apply` };
  const conditions: Condition[] = [];
  const condition = (operator: string, key: string, value: unknown) => {
    const text = asString(value);
    if (text !== undefined) conditions.push({ operator, key, values: [text] });
  };
  condition('ArnLike', 'aws:SourceArn', v.source_arn);
  condition('StringEquals', 'aws:SourceAccount', v.source_account);
  condition('StringEquals', 'aws:PrincipalOrgID', v.principal_org_id);
  const who: Principal = principal === '*' ? { kind: '*', id: '*' } : /\.amazonaws\.com(\.cn)?$/.test(principal) ? { kind: 'Service', id: principal } : { kind: 'AWS', id: principal };
  const statement: Statement = { effect: 'Allow', actions: { negated: false, values: [action] }, resources: { negated: false, values: ['*'] }, principals: { negated: false, values: [who] }, conditions, origin: 'the permission' };
  return { readable: true, statements: [statement] };
}

const cache = new WeakMap<Model, PolicyUse[]>();

/** Every policy of the model in the normal form (computed once per model). */
export function policyUses(model: Model): readonly PolicyUse[] {
  let uses = cache.get(model);
  if (!uses) cache.set(model, (uses = [...identityUses(model), ...otherUses(model)]));
  return uses;
}

const byHolderCache = new WeakMap<Model, Map<Resource, PolicyUse[]>>();

/** The policies one resource holds (its own attributes and attachments), from an index built once per model. */
export function usesOfHolder(model: Model, holder: Resource): readonly PolicyUse[] {
  let index = byHolderCache.get(model);
  if (!index) byHolderCache.set(model, (index = groupBy(policyUses(model), (u) => u.holder)));
  return index.get(holder) ?? [];
}

/** The policies of one kind. */
export function usesOf(model: Model, kind: PolicyKind): PolicyUse[] {
  return policyUses(model).filter((u) => u.kind === kind);
}

/** Where a use is written, for messages: `aws_iam_role.app (inline_policy[0])`, `aws_kms_key.logs`. */
export function whereOf(use: PolicyUse): string {
  return ['policy', 'inline_policy', 'assume_role_policy', 'policy_document'].includes(use.attribute) ? use.holder.address : `${use.holder.address} (${use.attribute})`;
}
