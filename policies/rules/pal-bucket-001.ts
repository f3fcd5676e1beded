import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { asString, block, blocks, isToken } from '../model/values';
import { bucketSettings } from './lib/s3';
import { ALB_ACCESS_LOGS_EXCEPTION, ENCRYPTION_EXCEPTION_TAG } from './lib/s3-markers';
import { unresolvedReference } from './lib/unknown';
import { fail, notApplicable, pass, unproven, type Rule } from './types';

/** Source: checkov CKV_AWS_19 / CKV_AWS_145 (SSE, SSE with KMS); marker documented in lib/s3-markers.ts. */
export const s3Encryption: Rule = {
  id: 'PAL-BUCKET-001',
  title: 'S3 buckets encrypt with a customer-managed KMS key (SSE-S3 only for declared ALB access-log buckets).',
  rationale: 'A customer key adds key-policy access control, an audit trail of decrypts and crypto-shredding; SSE-S3 is accepted only where AWS supports nothing else.',
  severity: 'high',
  routine: 'secure-storage',
  controls: { checkov: ['CKV_AWS_19', 'CKV_AWS_145'], fsbp: [], cis: [], ccm: ['CEK-03', 'CEK-11', 'DSP-17'] },
  fixHint: `Add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = "aws:kms" and kms_master_key_id = <key>.arn (SecureBucket encryption { kind: 'kms' }); for ALB access-log buckets use SSE-S3 and tag ${ENCRYPTION_EXCEPTION_TAG}=${ALB_ACCESS_LOGS_EXCEPTION}.`,
  evaluate(model) {
    const buckets = model.ofType('aws_s3_bucket');
    if (buckets.length === 0) return [notApplicable('No aws_s3_bucket in scope.')];
    return buckets.map((b) => {
      const defaults = encryptionDefaults(model, b);
      if (defaults.length === 0 && encryptionUnknown(model, b)) return unproven(b, `The default encryption of ${b.address}`, 'its server_side_encryption_configuration rule is known only after apply');
      if (defaults.length === 0) return fail(b, `Bucket ${b.address} declares no default encryption (S3 falls back to SSE-S3 with AWS's key).`);
      // An algorithm written as an expression (var.sse_algorithm) is known only after apply.
      const computed = defaults.filter((d) => isToken(d.sse_algorithm)).map((d) => String(d.sse_algorithm));
      const known = defaults.filter((d) => !isToken(d.sse_algorithm));
      const undecided = () => unproven(b, `The default encryption of ${b.address}`, `its sse_algorithm is the expression ${computed.join(', ')}`);
      if (known.length === 0) return undecided();
      const algorithms = known.map((d) => asString(d.sse_algorithm) ?? 'unset');
      if (algorithms.every((a) => a.startsWith('aws:kms'))) {
        if (known.some((d) => !asString(d.kms_master_key_id))) return fail(b, `Bucket ${b.address} uses SSE-KMS with the AWS-managed key aws/s3 (no key policy of ours, no crypto-shredding); name a customer key.`, 'medium');
        return computed.length > 0 ? undecided() : pass(b, `Bucket ${b.address} encrypts with a customer KMS key.`);
      }
      const declared = model.effectiveTags(b)[ENCRYPTION_EXCEPTION_TAG] === ALB_ACCESS_LOGS_EXCEPTION;
      if (!declared) return fail(b, `Bucket ${b.address} encrypts with ${algorithms.join(', ')}, not a customer KMS key.`);
      const writers = [...model.referrers(b, 'aws_lb', 'access_logs'), ...model.referrers(b, 'aws_alb', 'access_logs')];
      if (writers.length === 0) return fail(b, `Bucket ${b.address} claims the ALB access-log exception for SSE-S3 but no load balancer writes access logs to it.`);
      return pass(b, `Bucket ${b.address} uses SSE-S3 because ${writers.map((w) => w.address).join(', ')} deliver access logs to it (ELB supports only SSE-S3).`);
    });
  },
};

/** `apply_server_side_encryption_by_default` blocks of a bucket: split resource or legacy inline block. */
/** A configuration whose `rule` (or whose bucket link) the plan cannot show. */
function encryptionUnknown(model: Model, bucket: Resource): boolean {
  const configs = bucketSettings(model, bucket, 'aws_s3_bucket_server_side_encryption_configuration');
  const orphans = model.ofType('aws_s3_bucket_server_side_encryption_configuration').filter((c) => c.stack === bucket.stack && unresolvedReference(model, c, 'bucket'));
  return configs.some((c) => isToken(c.values.rule)) || orphans.length > 0;
}

function encryptionDefaults(model: Model, bucket: Resource) {
  const configs = [
    ...bucketSettings(model, bucket, 'aws_s3_bucket_server_side_encryption_configuration').map((c) => c.values),
    ...blocks(bucket.values.server_side_encryption_configuration),
  ];
  return configs.flatMap((c) => blocks(c.rule)).map((r) => block(r.apply_server_side_encryption_by_default)).filter((d) => d !== undefined);
}
