import { asString, blocks } from '../model/values';
import { bucketSettings } from './lib/s3';
import { ACCESS_LOGGING_EXCEPTION_TAG, LOG_TARGET_EXCEPTION } from './lib/s3-markers';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS FSBP S3.9 (checkov CKV_AWS_18); marker documented in lib/s3-markers.ts. */
export const s3AccessLogging: Rule = {
  id: 'PAL-BUCKET-006',
  title: 'S3 buckets write server access logs to a log bucket (the log bucket itself is exempt by marker).',
  rationale: 'Server access logs record who read or changed which object, which CloudTrail management events do not.',
  severity: 'medium',
  routine: 'monitoring',
  controls: { checkov: ['CKV_AWS_18'], fsbp: ['S3.9'], cis: [], ccm: ['LOG-07', 'LOG-08'] },
  fixHint: `Add aws_s3_bucket_logging with target_bucket = <log bucket> (SecureBucket accessLogs { kind: 'to-log-bucket' }); the log bucket carries ${ACCESS_LOGGING_EXCEPTION_TAG}=${LOG_TARGET_EXCEPTION}.`,
  evaluate(model) {
    const buckets = model.ofType('aws_s3_bucket');
    if (buckets.length === 0) return [notApplicable('No aws_s3_bucket in scope.')];
    return buckets.map((b) => {
      const logging = [...bucketSettings(model, b, 'aws_s3_bucket_logging').map((l) => l.values), ...blocks(b.values.logging)];
      if (logging.some((l) => asString(l.target_bucket))) return pass(b, `Bucket ${b.address} writes server access logs.`);
      if (model.effectiveTags(b)[ACCESS_LOGGING_EXCEPTION_TAG] !== LOG_TARGET_EXCEPTION) return fail(b, `Bucket ${b.address} has no server access logging.`);
      const sources = model.referrers(b, 'aws_s3_bucket_logging', 'target_bucket');
      if (sources.length === 0) return fail(b, `Bucket ${b.address} claims the log-bucket exemption but no aws_s3_bucket_logging targets it.`);
      return pass(b, `Bucket ${b.address} is the access-log target of ${sources.length} bucket(s); it does not log into itself.`);
    });
  },
};
