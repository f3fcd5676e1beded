import { modelFromDocuments } from '../../../policies/model/load';
import { DEFAULT_ALLOWED_REGIONS } from '../../../policies/rules/pal-gdpr-001';
import { s3Versioning } from '../../../policies/rules/pal-bucket-002';
import { s3PublicAccessBlock } from '../../../policies/rules/pal-bucket-003';
import type { Rule } from '../../../policies/rules/types';

/*
 * A bucket's split settings (aws_s3_bucket_versioning, _public_access_block…) protect it only when their `bucket` is
 * that bucket: the whole value one reference to it. A template around the reference names another bucket, and a
 * choice between buckets does not say which one it protects.
 */
const settings = (bucketValue: string) => ({
  aws_s3_bucket_versioning: { v: { bucket: bucketValue, versioning_configuration: { status: 'Enabled' } } },
  aws_s3_bucket_public_access_block: { p: { bucket: bucketValue, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
});
const verdicts = (rule: Rule, bucketValue: string) => {
  const json = { resource: { aws_s3_bucket: { a: { bucket: 'data-a' }, b: { bucket: 'data-b' } }, ...settings(bucketValue) } };
  const model = modelFromDocuments([{ file: 'main.tf.json', json, stackName: 's' }]);
  return rule.evaluate(model, { allowedRegions: DEFAULT_ALLOWED_REGIONS }).filter((r) => r.resource.startsWith('aws_s3_bucket.')).map((r) => `${r.resource} ${r.status}`);
};

describe.each<[string, Rule]>([['PAL-BUCKET-002', s3Versioning], ['PAL-BUCKET-003', s3PublicAccessBlock]])('%s: which bucket a setting protects', (_id, rule) => {
  test('a setting whose bucket is the reference itself protects that bucket only', () => {
    expect(verdicts(rule, '${aws_s3_bucket.a.id}')).toEqual(['aws_s3_bucket.a compliant', 'aws_s3_bucket.b non-compliant']);
  });

  test('a template around the reference names another bucket: it protects neither', () => {
    expect(verdicts(rule, '${aws_s3_bucket.a.id}-replica')).toEqual(['aws_s3_bucket.a non-compliant', 'aws_s3_bucket.b non-compliant']);
  });

  test('a choice between two buckets does not say which one it protects: neither is credited', () => {
    expect(verdicts(rule, '${var.primary ? aws_s3_bucket.a.id : aws_s3_bucket.b.id}')).toEqual(['aws_s3_bucket.a non-compliant', 'aws_s3_bucket.b non-compliant']);
  });
});

test('a plan\'s alternatives naming this bucket and one that is not planned (a directory bucket of count 0) credit this bucket', () => {
  const json = { resource: {
    aws_s3_bucket: { a: { bucket: 'data-a' } },
    aws_s3_bucket_versioning: { v: { bucket: ['${aws_s3_directory_bucket.this[0].bucket}', '${aws_s3_bucket.a.id}'], versioning_configuration: { status: 'Enabled' } } },
  } };
  const model = modelFromDocuments([{ file: 'main.tf.json', json, stackName: 's' }]);
  expect(s3Versioning.evaluate(model, { allowedRegions: DEFAULT_ALLOWED_REGIONS }).map((r) => `${r.resource} ${r.status}`)).toEqual(['aws_s3_bucket.a compliant']);
});
