import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { groupBy } from '../model/group';
import { asBool, asNumber, asString, block, blocks, boolSettingOr, isComputed, isToken, isUnknownMarker, nameKey } from '../model/values';
import { fail, limitsOf, notApplicable, pass, unproven, type Rule } from './types';
import { bucketSettings } from './lib/s3';

/** Log writers and the attribute naming their S3 destination (a block attribute as `block.attribute`). */
const LOG_WRITERS: ReadonlyArray<{ types: readonly string[]; attribute: string; inBlock?: string }> = [
  { types: ['aws_s3_bucket_logging'], attribute: 'target_bucket' },
  { types: ['aws_lb', 'aws_alb'], attribute: 'bucket', inBlock: 'access_logs' },
  { types: ['aws_lb', 'aws_alb'], attribute: 'bucket', inBlock: 'connection_logs' },
  { types: ['aws_cloudtrail'], attribute: 's3_bucket_name' },
  { types: ['aws_config_delivery_channel'], attribute: 's3_bucket_name' },
  { types: ['aws_guardduty_publishing_destination'], attribute: 'destination_arn' },
  { types: ['aws_flow_log'], attribute: 'log_destination' },
];

/**
 * Buckets that receive audit or log data: named as a destination by a log writer in scope (by reference, literal name
 * or the same expression) — and the writers whose destination a plan knows only after apply, so which bucket receives
 * their logs cannot be shown.
 */
export function logBuckets(model: Model): { buckets: Resource[]; unknownDestinations: Array<{ writer: Resource; where: string; value: string }> } {
  const bucketsByName = groupBy(model.ofType('aws_s3_bucket'), (b) => nameKey(b.values.bucket));
  const byName = (name: unknown) => {
    const n = nameKey(asString(name)?.replace(/^arn:aws[a-z-]*:s3:::/, '').replace(/\/.*$/, ''));
    return (n && bucketsByName.get(n)) || [];
  };
  const found = new Set<Resource>();
  const unknownDestinations: Array<{ writer: Resource; where: string; value: string }> = [];
  for (const { types, attribute, inBlock } of LOG_WRITERS) {
    for (const writer of types.flatMap((t) => model.ofType(t))) {
      const holder = inBlock ? block(writer.values[inBlock]) : writer.values;
      if (inBlock && !holder) continue;
      const value = holder?.[attribute];
      const linked = [...model.targets(writer, inBlock ?? attribute, 'aws_s3_bucket'), ...byName(value)];
      linked.forEach((b) => found.add(b));
      if (linked.length === 0 && (isUnknownMarker(value) || isComputed(value))) unknownDestinations.push({ writer, where: inBlock ? `${inBlock}.${attribute}` : attribute, value: String(value) });
    }
  }
  return { buckets: [...found], unknownDestinations };
}

/** Source: CIS AWS Foundations v3.0.0 3.x (log integrity), FSBP CloudTrail/Config evidence; CSA CCM LOG-02, LOG-04. */
export const logBucketsKept: Rule = {
  id: 'PAL-BUCKET-007',
  title: 'Audit and log buckets cannot be emptied by terraform destroy (no force_destroy) and expire current objects no sooner than the retention floor (default 365 days).',
  rationale: 'force_destroy lets one destroy delete every trail, config snapshot and access log with the bucket; a lifecycle expiry of a day destroys the audit record as it is written.',
  severity: 'high',
  routine: 'monitoring',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['LOG-02', 'LOG-04'] },
  fixHint: 'Remove force_destroy (or set false) on the bucket and set lifecycle expiration days ≥ the floor (Palisade: SecureBucket lifecycle.expireCurrentVersionsAfterDays).',
  evaluate(model, ctx) {
    const { buckets, unknownDestinations } = logBuckets(model);
    const unknown = unknownDestinations.map(({ writer, where, value }) => unproven(writer, `Which bucket receives the logs of ${writer.address}, and whether it is kept,`, `its ${where} (${value}) is known only after apply`));
    if (buckets.length === 0) return unknown.length > 0 ? unknown : [notApplicable('No bucket in scope receives audit or log data.')];
    const floor = limitsOf(ctx).logBucketMinRetentionDays;
    return [...unknown, ...buckets.map((b) => {
      const problems: string[] = [];
      const forceDestroy = boolSettingOr(b.values.force_destroy, false);
      if (forceDestroy === true) problems.push('force_destroy = true (terraform destroy deletes every object)');
      if (forceDestroy === 'unknown') problems.push(`cannot be shown at plan time whether terraform destroy empties it: force_destroy is ${String(b.values.force_destroy)}`);
      const lifecycles = bucketSettings(model, b, 'aws_s3_bucket_lifecycle_configuration');
      const rules = [...blocks(b.values.lifecycle_rule), ...lifecycles.flatMap((l) => blocks(l.values.rule))].filter((r) => {
        const status = asString(r.status) ?? (asBool(r.enabled) === false ? 'Disabled' : 'Enabled');
        return status === 'Enabled';
      });
      for (const r of rules) {
        for (const e of blocks(r.expiration)) {
          const raw = e.days;
          if (raw === undefined || raw === null) continue;
          const days = asNumber(raw);
          if (days === undefined) problems.push(isToken(raw) ? `cannot be shown at plan time because rule "${String(r.id)}" expiry is computed` : `rule "${String(r.id)}" expiry is not a number`);
          else if (days < floor) problems.push(`rule "${String(r.id)}" expires objects after ${days} days (< ${floor})`);
        }
      }
      return problems.length > 0 ? fail(b, `Log bucket ${b.address}: ${problems.join('; ')}.`) : pass(b, `Log bucket ${b.address} is kept ≥ ${floor} days and not force-destroyable.`);
    })];
  },
};
