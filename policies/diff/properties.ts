import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { asBool, asNumber, asString, block, blocks, isToken, type Obj } from '../model/values';
import { ELB_SECURITY_POLICIES } from '../rules/lib/elb-security-policies';
import type { ChangeCategory, Impact, SecurityChange } from './types';

/** A security level of one property: higher rank is stronger. `undefined` = cannot tell (unknown until apply). */
interface Level {
  rank: number;
  text: string;
}

interface Property {
  type: string;
  category: ChangeCategory;
  /** What the property is, in words: "key rotation". */
  label: string;
  read(values: Obj): Level | undefined;
  /** Impact of a weakening (default `regression`). */
  weakening?: Impact;
}

const ON: Level = { rank: 1, text: 'on' };
const OFF: Level = { rank: 0, text: 'off' };

/**
 * A boolean setting; `missing` is the provider default. `invert`: the attribute is secure when false
 * (`map_public_ip_on_launch`), so its label names the attribute as it is and the words follow the raw value
 * ("public IPs on launch goes from off to on") — never a double negative. `words` names both states explicitly.
 */
function flag(get: (v: Obj) => unknown, missing: boolean | undefined, invert = false, words?: { secure: string; insecure: string }): (v: Obj) => Level | undefined {
  const w = words ?? (invert ? { secure: 'off', insecure: 'on' } : { secure: 'on', insecure: 'off' });
  return (v) => {
    const raw = get(v);
    if (isToken(raw)) return undefined;
    const b = raw === undefined || raw === null ? missing : asBool(raw);
    if (b === undefined) return undefined;
    return (invert ? !b : b) ? { rank: ON.rank, text: w.secure } : { rank: OFF.rank, text: w.insecure };
  };
}

/** Set (non-empty) is the secure value, e.g. a customer-managed KMS key. Tokens count as set. */
function present(get: (v: Obj) => unknown, on = 'set', off = 'not set'): (v: Obj) => Level | undefined {
  return (v) => {
    const raw = get(v);
    const set = typeof raw === 'string' ? raw.trim() !== '' : raw !== undefined && raw !== null;
    return set ? { rank: 1, text: on } : { rank: 0, text: off };
  };
}

/** A number where more is stronger; `missing` is the provider default. */
function amount(get: (v: Obj) => unknown, missing: number | undefined, unit: string, zeroMeans?: { rank: number; text: string }): (v: Obj) => Level | undefined {
  return (v) => {
    const raw = get(v);
    if (isToken(raw)) return undefined;
    const n = raw === undefined || raw === null ? missing : asNumber(raw);
    if (n === undefined) return undefined;
    if (n === 0 && zeroMeans) return zeroMeans;
    return { rank: n, text: `${n} ${unit}` };
  };
}

/** One of a ranked list of strings (weakest first). */
function ranked(get: (v: Obj) => unknown, order: readonly string[], missing?: string): (v: Obj) => Level | undefined {
  return (v) => {
    const raw = get(v);
    if (isToken(raw)) return undefined;
    const s = asString(raw) ?? missing;
    if (s === undefined) return undefined;
    const i = order.findIndex((o) => o.toLowerCase() === s.toLowerCase());
    return i < 0 ? undefined : { rank: i, text: s };
  };
}

const at = (...keys: string[]) => (v: Obj): unknown => {
  let cur: unknown = v;
  for (const k of keys) cur = block(cur)?.[k];
  return cur;
};

const TLS_RANK: Record<string, number> = { '1.0': 0, '1.1': 1, '1.2': 2, '1.3': 3 };

function listenerTls(v: Obj): Level | undefined {
  const protocol = String(v.protocol ?? '').toUpperCase();
  if (protocol !== 'HTTPS' && protocol !== 'TLS') {
    if (isToken(v.protocol)) return undefined;
    const redirect = blocks(v.default_action).some((a) => String(block(a.redirect)?.protocol ?? '').toUpperCase() === 'HTTPS');
    return redirect ? { rank: 10, text: `${protocol || 'HTTP'} redirecting to HTTPS` } : { rank: -1, text: `plain ${protocol || 'HTTP'} (no TLS)` };
  }
  const policy = asString(v.ssl_policy);
  if (isToken(v.ssl_policy)) return undefined;
  const name = policy ?? 'ELBSecurityPolicy-2016-08';
  const min = ELB_SECURITY_POLICIES[name];
  if (!min) return undefined;
  return { rank: TLS_RANK[min], text: `${name} (TLS ${min}+)` };
}

function publicAccessBlock(type: string): Property[] {
  return ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].map((k) => ({
    type, category: 'exposure' as const, label: k.replace(/_/g, ' '), read: flag((v) => v[k], false),
  }));
}

/**
 * The security properties the diff compares for resources present on both sides. Source of the defaults: the AWS
 * provider 5.x argument reference (the value used when the argument is absent).
 */
export const PROPERTIES: readonly Property[] = [
  { type: 'aws_kms_key', category: 'rotation', label: 'automatic key rotation', read: flag((v) => v.enable_key_rotation, false) },
  { type: 'aws_kms_key', category: 'deletion-protection', label: 'deletion waiting period', read: amount((v) => v.deletion_window_in_days, 30, 'days') },
  { type: 'aws_kms_key', category: 'encryption', label: 'key enabled', read: flag((v) => v.is_enabled, true), weakening: 'review' },
  { type: 'aws_cloudwatch_log_group', category: 'encryption', label: 'KMS encryption', read: present((v) => v.kms_key_id, 'customer-managed key', 'no customer-managed key') },
  { type: 'aws_cloudwatch_log_group', category: 'logging', label: 'retention', read: amount((v) => v.retention_in_days, 0, 'days', { rank: Number.MAX_SAFE_INTEGER, text: 'never expire' }), weakening: 'review' },
  { type: 'aws_s3_bucket_server_side_encryption_configuration', category: 'encryption', label: 'default encryption', read: ranked(at('rule', 'apply_server_side_encryption_by_default', 'sse_algorithm'), ['AES256', 'aws:kms', 'aws:kms:dsse']) },
  { type: 'aws_s3_bucket_versioning', category: 'backup', label: 'versioning', read: ranked(at('versioning_configuration', 'status'), ['Disabled', 'Suspended', 'Enabled']) },
  { type: 'aws_s3_bucket', category: 'deletion-protection', label: 'force_destroy (deleting the bucket with its objects)', read: flag((v) => v.force_destroy, false, true) },
  ...publicAccessBlock('aws_s3_bucket_public_access_block'),
  ...publicAccessBlock('aws_s3_account_public_access_block'),
  { type: 'aws_lb', category: 'deletion-protection', label: 'deletion protection', read: flag((v) => v.enable_deletion_protection, false) },
  { type: 'aws_lb', category: 'exposure', label: 'dropping invalid header fields', read: flag((v) => v.drop_invalid_header_fields, false) },
  { type: 'aws_lb', category: 'logging', label: 'access logs', read: flag(at('access_logs', 'enabled'), false) },
  { type: 'aws_lb', category: 'exposure', label: 'desync mitigation', read: ranked((v) => v.desync_mitigation_mode, ['monitor', 'defensive', 'strictest'], 'defensive') },
  { type: 'aws_lb', category: 'exposure', label: 'scheme', read: flag((v) => v.internal, false, false, { secure: 'internal', insecure: 'internet-facing' }) },
  { type: 'aws_lb_listener', category: 'tls', label: 'TLS policy', read: listenerTls },
  { type: 'aws_alb_listener', category: 'tls', label: 'TLS policy', read: listenerTls },
  { type: 'aws_db_instance', category: 'encryption', label: 'storage encryption', read: flag((v) => v.storage_encrypted, false) },
  { type: 'aws_db_instance', category: 'deletion-protection', label: 'deletion protection', read: flag((v) => v.deletion_protection, false) },
  { type: 'aws_db_instance', category: 'exposure', label: 'public accessibility (publicly_accessible)', read: flag((v) => v.publicly_accessible, false, true) },
  { type: 'aws_db_instance', category: 'backup', label: 'backup retention', read: amount((v) => v.backup_retention_period, undefined, 'days') },
  { type: 'aws_rds_cluster', category: 'encryption', label: 'storage encryption', read: flag((v) => v.storage_encrypted, false) },
  { type: 'aws_rds_cluster', category: 'deletion-protection', label: 'deletion protection', read: flag((v) => v.deletion_protection, false) },
  { type: 'aws_rds_cluster', category: 'backup', label: 'backup retention', read: amount((v) => v.backup_retention_period, 1, 'days') },
  { type: 'aws_dynamodb_table', category: 'backup', label: 'point-in-time recovery', read: flag(at('point_in_time_recovery', 'enabled'), false) },
  { type: 'aws_dynamodb_table', category: 'deletion-protection', label: 'deletion protection', read: flag((v) => v.deletion_protection_enabled, false) },
  { type: 'aws_dynamodb_table', category: 'encryption', label: 'customer-managed KMS encryption', read: flag(at('server_side_encryption', 'enabled'), false) },
  { type: 'aws_ebs_volume', category: 'encryption', label: 'encryption', read: flag((v) => v.encrypted, false) },
  { type: 'aws_ebs_encryption_by_default', category: 'encryption', label: 'EBS encryption by default', read: flag((v) => v.enabled, true) },
  { type: 'aws_efs_file_system', category: 'encryption', label: 'encryption', read: flag((v) => v.encrypted, false) },
  { type: 'aws_cloudtrail', category: 'logging', label: 'logging', read: flag((v) => v.enable_logging, true) },
  { type: 'aws_cloudtrail', category: 'logging', label: 'log file validation', read: flag((v) => v.enable_log_file_validation, false) },
  { type: 'aws_cloudtrail', category: 'logging', label: 'multi-region trail', read: flag((v) => v.is_multi_region_trail, false) },
  { type: 'aws_cloudtrail', category: 'encryption', label: 'KMS encryption of the trail', read: present((v) => v.kms_key_id, 'customer-managed key', 'no customer-managed key') },
  { type: 'aws_flow_log', category: 'logging', label: 'captured traffic', read: ranked((v) => v.traffic_type, ['REJECT', 'ACCEPT', 'ALL']) },
  { type: 'aws_guardduty_detector', category: 'detection', label: 'GuardDuty detector', read: flag((v) => v.enable, true) },
  { type: 'aws_config_configuration_recorder_status', category: 'logging', label: 'AWS Config recording', read: flag((v) => v.is_enabled, undefined) },
  { type: 'aws_subnet', category: 'exposure', label: 'public IPs on launch (map_public_ip_on_launch)', read: flag((v) => v.map_public_ip_on_launch, false, true) },
  { type: 'aws_instance', category: 'exposure', label: 'IMDSv2 required', read: ranked(at('metadata_options', 'http_tokens'), ['optional', 'required']) },
  { type: 'aws_instance', category: 'exposure', label: 'public IP address (associate_public_ip_address)', read: flag((v) => v.associate_public_ip_address, undefined, true) },
  { type: 'aws_launch_template', category: 'exposure', label: 'IMDSv2 required', read: ranked(at('metadata_options', 'http_tokens'), ['optional', 'required']) },
  { type: 'aws_iam_account_password_policy', category: 'passwords', label: 'minimum password length', read: amount((v) => v.minimum_password_length, 6, 'characters') },
  { type: 'aws_iam_account_password_policy', category: 'passwords', label: 'password reuse prevention', read: amount((v) => v.password_reuse_prevention, 0, 'previous passwords') },
  ...['require_lowercase_characters', 'require_uppercase_characters', 'require_numbers', 'require_symbols'].map((k) => ({
    type: 'aws_iam_account_password_policy', category: 'passwords' as const, label: k.replace(/_/g, ' '), read: flag((v: Obj) => v[k], false),
  })),
  { type: 'aws_secretsmanager_secret', category: 'encryption', label: 'customer-managed KMS key', read: present((v) => v.kms_key_id, 'customer-managed key', 'AWS-managed key') },
  { type: 'aws_secretsmanager_secret', category: 'deletion-protection', label: 'recovery window', read: amount((v) => v.recovery_window_in_days, 30, 'days', { rank: 0, text: 'deleted immediately (0 days)' }) },
  { type: 'aws_sns_topic', category: 'encryption', label: 'KMS encryption', read: present((v) => v.kms_master_key_id, 'KMS key', 'no encryption key') },
  { type: 'aws_sqs_queue', category: 'encryption', label: 'customer-managed KMS key', read: present((v) => v.kms_master_key_id, 'KMS key', 'no customer-managed key'), weakening: 'review' },
  { type: 'aws_backup_vault', category: 'encryption', label: 'customer-managed KMS key', read: present((v) => v.kms_key_arn, 'customer-managed key', 'AWS-managed key') },
  { type: 'aws_backup_vault', category: 'deletion-protection', label: 'force_destroy (deleting the vault with its recovery points)', read: flag((v) => v.force_destroy, false, true) },
  { type: 'aws_elasticache_replication_group', category: 'encryption', label: 'encryption at rest', read: flag((v) => v.at_rest_encryption_enabled, false) },
  { type: 'aws_elasticache_replication_group', category: 'tls', label: 'encryption in transit', read: flag((v) => v.transit_encryption_enabled, false) },
  { type: 'aws_wafv2_web_acl', category: 'waf', label: 'number of rules', read: (v) => ({ rank: blocks(v.rule).length, text: `${blocks(v.rule).length} rule(s)` }), weakening: 'review' },
];

/**
 * Resources whose mere presence protects something: destroying one (while what it protects stays) weakens security,
 * adding one strengthens it. `protects` lists the attributes that point at the protected resource.
 */
export const PROTECTIVE: Readonly<Record<string, { category: ChangeCategory; what: string; protects: readonly string[] }>> = {
  aws_wafv2_web_acl_association: { category: 'waf', what: 'WAF web ACL association', protects: ['resource_arn'] },
  aws_s3_bucket_server_side_encryption_configuration: { category: 'encryption', what: 'default encryption of a bucket', protects: ['bucket'] },
  aws_s3_bucket_public_access_block: { category: 'exposure', what: 'public access block of a bucket', protects: ['bucket'] },
  aws_s3_bucket_versioning: { category: 'backup', what: 'versioning of a bucket', protects: ['bucket'] },
  aws_s3_bucket_logging: { category: 'logging', what: 'server access logging of a bucket', protects: ['bucket'] },
  aws_s3_bucket_policy: { category: 'exposure', what: 'bucket policy (e.g. TLS-only access)', protects: ['bucket'] },
  aws_flow_log: { category: 'logging', what: 'VPC flow log', protects: ['vpc_id', 'subnet_id', 'eni_id'] },
  aws_wafv2_web_acl_logging_configuration: { category: 'logging', what: 'WAF logging', protects: ['resource_arn'] },
  aws_cloudtrail: { category: 'logging', what: 'CloudTrail trail', protects: [] },
  aws_guardduty_detector: { category: 'detection', what: 'GuardDuty detector', protects: [] },
  aws_securityhub_account: { category: 'detection', what: 'Security Hub', protects: [] },
  aws_securityhub_standards_subscription: { category: 'detection', what: 'Security Hub standard subscription', protects: [] },
  aws_config_configuration_recorder: { category: 'logging', what: 'AWS Config recorder', protects: [] },
  aws_ebs_encryption_by_default: { category: 'encryption', what: 'EBS encryption by default', protects: [] },
  aws_s3_account_public_access_block: { category: 'exposure', what: 'account-level S3 public access block', protects: [] },
  aws_iam_account_password_policy: { category: 'passwords', what: 'account password policy', protects: [] },
  aws_backup_selection: { category: 'backup', what: 'backup selection', protects: ['plan_id'] },
  aws_backup_vault_lock_configuration: { category: 'deletion-protection', what: 'backup vault lock', protects: ['backup_vault_name'] },
};

const WORDS: Partial<Record<ChangeCategory, string>> = { 'deletion-protection': 'deletion protection', tls: 'TLS', waf: 'WAF', iam: 'IAM' };

function word(category: ChangeCategory): string {
  return WORDS[category] ?? category;
}

/** Properties weakened or strengthened on resources that exist on both sides (matched by address). */
export function propertyChanges(pairs: ReadonlyArray<{ base: Resource; head: Resource }>): SecurityChange[] {
  const byType = new Map<string, Property[]>();
  for (const p of PROPERTIES) byType.set(p.type, [...(byType.get(p.type) ?? []), p]);
  const out: SecurityChange[] = [];
  for (const { base, head } of pairs) {
    for (const p of byType.get(head.type) ?? []) {
      const before = p.read(base.values);
      const after = p.read(head.values);
      if (!before || !after) {
        if (before && !after && before.rank > 0) {
          out.push({ impact: 'review', category: p.category, resource: head.address, message: `${cap(word(p.category))}: ${p.label} of ${head.address} was ${before.text}; the new value is known only after apply — check it.` });
        }
        continue;
      }
      if (after.rank === before.rank) continue;
      const weaker = after.rank < before.rank;
      out.push({
        impact: weaker ? (p.weakening ?? 'regression') : 'improvement',
        category: p.category,
        resource: head.address,
        message: `${cap(word(p.category))} ${weaker ? 'weakened' : 'strengthened'}: ${p.label} of ${head.address} goes from ${before.text} to ${after.text}.`,
      });
    }
  }
  return out;
}

/** Protective resources removed (while what they protect stays) or added. */
const addressIndexes = new WeakMap<Model, Set<string>>();

/** Every address of a model (any stack), built once per model. */
function addressesOf(model: Model): Set<string> {
  let set = addressIndexes.get(model);
  if (!set) addressIndexes.set(model, (set = new Set(model.resources.map((r) => r.address))));
  return set;
}

export function protectiveChanges(base: Model, head: Model, removed: readonly Resource[], added: readonly Resource[], headStack: string): SecurityChange[] {
  const out: SecurityChange[] = [];
  for (const r of removed) {
    const p = PROTECTIVE[r.type];
    if (!p) continue;
    const targets = p.protects.flatMap((a) => base.targets(r, a));
    if (targets.length > 0 && targets.every((t) => !head.get(headStack, t.address))) continue; // destroyed together
    const of = targets.length > 0 ? ` of ${targets.map((t) => t.address).join(', ')}` : '';
    out.push({ impact: 'regression', category: p.category, resource: r.address, message: `${cap(word(p.category))} weakened: the ${p.what}${of} is removed (${r.address}).` });
  }
  for (const r of added) {
    const p = PROTECTIVE[r.type];
    if (!p) continue;
    const targets = p.protects.flatMap((a) => head.targets(r, a));
    const isNewTarget = targets.length > 0 && targets.every((t) => !addressesOf(base).has(t.address));
    if (isNewTarget) continue; // protection that comes with a new resource is not a change of existing security
    const of = targets.length > 0 ? ` for ${targets.map((t) => t.address).join(', ')}` : '';
    out.push({ impact: 'improvement', category: p.category, resource: r.address, message: `${cap(word(p.category))} strengthened: ${r.address} adds the ${p.what}${of}.` });
  }
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
