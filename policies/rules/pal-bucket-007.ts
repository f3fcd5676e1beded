import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { asBool, asNumber, asString, block, blocks, isToken, sameName } from '../model/values';
import { fail, limitsOf, notApplicable, pass, type Rule } from './types';
import { bucketSettings } from './lib/s3';

/** Buckets that receive audit or log data: named as a destination by a log writer in scope. */
export function logBuckets(model: Model): Resource[] {
  const buckets = model.ofType('aws_s3_bucket');
  const byName = (name: unknown) => {
    const n = asString(name)?.replace(/^arn:aws[a-z-]*:s3:::/, '').replace(/\/.*$/, '');
    return n ? buckets.filter((b) => sameName(b.values.bucket, n)) : [];
  };
  const found = new Set<Resource>();
  const add = (rs: Resource[]) => rs.forEach((r) => found.add(r));
  for (const l of model.ofType('aws_s3_bucket_logging')) { add(model.targets(l, 'target_bucket', 'aws_s3_bucket')); add(byName(l.values.target_bucket)); }
  for (const lb of [...model.ofType('aws_lb'), ...model.ofType('aws_alb')]) for (const attr of ['access_logs', 'connection_logs']) { add(model.targets(lb, attr, 'aws_s3_bucket')); add(byName(block(lb.values[attr])?.bucket)); }
  for (const t of model.ofType('aws_cloudtrail')) { add(model.targets(t, 's3_bucket_name', 'aws_s3_bucket')); add(byName(t.values.s3_bucket_name)); }
  for (const c of model.ofType('aws_config_delivery_channel')) { add(model.targets(c, 's3_bucket_name', 'aws_s3_bucket')); add(byName(c.values.s3_bucket_name)); }
  for (const d of model.ofType('aws_guardduty_publishing_destination')) { add(model.targets(d, 'destination_arn', 'aws_s3_bucket')); add(byName(d.values.destination_arn)); }
  for (const f of model.ofType('aws_flow_log')) { add(model.targets(f, 'log_destination', 'aws_s3_bucket')); add(byName(f.values.log_destination)); }
  return [...found];
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
    const buckets = logBuckets(model);
    if (buckets.length === 0) return [notApplicable('No bucket in scope receives audit or log data.')];
    const floor = limitsOf(ctx).logBucketMinRetentionDays;
    return buckets.map((b) => {
      const problems: string[] = [];
      if (asBool(b.values.force_destroy) === true) problems.push('force_destroy = true (terraform destroy deletes every object)');
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
    });
  },
};
