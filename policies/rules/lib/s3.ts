import type { Model } from '../../model/model';
import type { Resource } from '../../model/types';
import { hasPolicy, readPolicy, type Statement } from '../../iam/document';
import { interpolations } from '../../model/refs';
import { unprovenAs, type RuleResult } from '../types';
import { whyUncertain } from './unknown';
import { asString, isComputed, isToken, nameKey } from '../../model/values';

/**
 * Split configuration resources (`aws_s3_bucket_<aspect>`) of a bucket: those referencing it through `bucket`, and
 * those of its stack that reference no bucket but name it with the same `bucket` value — the same literal name, or the
 * same expression (`bucket = var.bucket_name` on both), which Terraform resolves to the same bucket.
 */
export function bucketSettings(model: Model, bucket: Resource, type: string): Resource[] {
  const linked = model.referrers(bucket, type, 'bucket').filter((s) => namesBucketExactly(model, s, bucket));
  const name = bucketName(bucket.values.bucket);
  if (name === undefined) return linked;
  const named = (settingsByName(model, type).get(`${bucket.stack}\u0000${name}`) ?? []).filter((s) => !linked.includes(s));
  return named.length === 0 ? linked : [...linked, ...named];
}

/**
 * Whether a setting's `bucket` is this bucket itself: the whole value one reference to it (`${aws_s3_bucket.b.id}`),
 * or, in a plan, the name it will have, linked to it by the configuration's reference.
 * A template around it (`"${aws_s3_bucket.b.id}-replica"`) names another bucket; a choice between buckets
 * (`var.primary ? a.id : b.id`) or an instance the input does not name (`b[var.i]`) does not say which.
 */
function namesBucketExactly(model: Model, setting: Resource, bucket: Resource): boolean {
  const value = setting.values.bucket;
  if (typeof value === 'string' && isToken(value) && !isWholeInterpolation(value)) return false;
  // Every bucket the value may name is this one (a plan's alternatives may also name resources that are not planned,
  // a directory bucket of count 0, or the bucket's own policy, whose id is the bucket's name).
  const buckets = model.outgoing(setting, 'bucket').filter((e) => e.to.type === 'aws_s3_bucket');
  return !setting.instancesUnknown && buckets.length > 0 && buckets.every((e) => e.to === bucket && !e.unresolvedInstance);
}

/**
 * Settings of `type` that may be the bucket's but are not sure to be: they name it as a candidate instance
 * (`aws_s3_bucket.b[var.i]`) or may not exist (a `count`/`for_each` the source does not show).
 */
export function uncertainBucketSettings(model: Model, bucket: Resource, type: string): Resource[] {
  const certain = bucketSettings(model, bucket, type);
  return model.referrers(bucket, type, 'bucket').filter((s) => !certain.includes(s) && (s.instancesUnknown || model.outgoing(s, 'bucket').some((e) => e.to === bucket && e.unresolvedInstance)));
}

/**
 * A finding about a bucket's missing or weak `type` setting, or unproven when a setting of that type may be the
 * bucket's ({@link uncertainBucketSettings}): the input cannot show whether it is there.
 */
export function unlessUncertainSetting(model: Model, bucket: Resource, type: string, finding: RuleResult): RuleResult {
  if (finding.status !== 'non-compliant') return finding;
  const maybe = uncertainBucketSettings(model, bucket, type)[0];
  if (!maybe) return finding;
  return unprovenAs(bucket, `${finding.message} Unless ${maybe.address}, which ${whyUncertain(maybe)}, is its ${type}: this cannot be shown from the input.`, finding.severity);
}

/** A value that is one `${…}` and no text around it (`${aws_s3_bucket.b.id}`, `${element(aws_s3_bucket.c[*].id, 1)}`). */
function isWholeInterpolation(value: string): boolean {
  const v = value.trim();
  if (!v.startsWith('${') || !v.endsWith('}')) return false;
  const bodies = interpolations(v);
  return bodies.length === 1 && bodies[0].length === v.length - 3;
}

/** A `bucket` value that names one bucket: a non-empty string other than the plan's unknown/computed markers. */
function bucketName(value: unknown): string | undefined {
  return nameKey(asString(value));
}

const byNameCache = new WeakMap<Model, Map<string, Map<string, Resource[]>>>();

/** Settings of `type` that reference no bucket, by `<stack>\0<bucket value>` (built once per model and type). */
function settingsByName(model: Model, type: string): Map<string, Resource[]> {
  let perType = byNameCache.get(model);
  if (!perType) byNameCache.set(model, (perType = new Map()));
  let index = perType.get(type);
  if (!index) {
    index = new Map();
    for (const s of model.ofType(type)) {
      const name = bucketName(s.values.bucket);
      if (name === undefined || model.targets(s, 'bucket', 'aws_s3_bucket').length > 0) continue;
      const key = `${s.stack}\u0000${name}`;
      index.set(key, [...(index.get(key) ?? []), s]);
    }
    perType.set(type, index);
  }
  return index;
}

/**
 * Statements of a bucket's policies (`aws_s3_bucket_policy` and the legacy inline `policy`) in the IAM normal form
 * (JSON, `jsonencode(...)`, policy-document data sources), and why each policy that cannot be read before apply cannot be.
 */
export function bucketPolicyStatements(model: Model, bucket: Resource): { statements: Statement[]; unreadable: Array<{ holder: Resource; reason: string }> } {
  const holders = bucketSettings(model, bucket, 'aws_s3_bucket_policy').filter((p) => hasPolicy(p));
  // A plan's provider-computed `policy` (never written in the configuration) is no policy of the bucket.
  if (hasPolicy(bucket) && !isComputed(bucket.values.policy)) holders.push(bucket);
  const statements: Statement[] = [];
  const unreadable: Array<{ holder: Resource; reason: string }> = [];
  for (const holder of new Set(holders)) {
    const doc = readPolicy(model, holder);
    if (doc.readable) statements.push(...doc.statements);
    else unreadable.push({ holder, reason: doc.reason });
  }
  return { statements, unreadable };
}
