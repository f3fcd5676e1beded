import { Testing } from '../../constructs/framework';
import { KmsKey, KmsServiceGrants } from '../../constructs/kms/kms-key';
import { SecureBucket, SecureBucketProps } from '../../constructs/storage/secure-bucket';
import { PalisadeStack } from '../../stacks/palisade-stack';
import { ref, resourcesOf, synthStack, testEnvironment } from '../support/synth';

const ACCOUNT = '123456789012';
const BASE = { environment: 'test', accountId: ACCOUNT, region: 'eu-west-1' };

function setup() {
  const stack = new PalisadeStack(Testing.app(), { environment: testEnvironment(), component: 'storage' });
  const key = new KmsKey(stack, 'logs_key', { ...BASE, purpose: 'access-logs', description: 'access logs', serviceGrants: [KmsServiceGrants.s3ServerAccessLogs(ACCOUNT, 'arn:aws:s3:::palisade-test-*')] });
  const dataKey = new KmsKey(stack, 'data_key', { ...BASE, purpose: 'data', description: 'data' });
  const logBucket = new SecureBucket(stack, 'access_logs', { ...BASE, purpose: 'access-logs', encryption: { kind: 'kms', key }, accessLogs: { kind: 'is-log-bucket' } });
  const bucket = (overrides: Partial<SecureBucketProps> = {}, id = 'data') => new SecureBucket(stack, id, {
    ...BASE, purpose: 'data', encryption: { kind: 'kms', key: dataKey }, accessLogs: { kind: 'to-log-bucket', bucket: logBucket }, ...overrides,
  });
  return { stack, key, dataKey, logBucket, bucket };
}
const policy = (json: any, name: string) => JSON.parse(resourcesOf(json, 'aws_s3_bucket_policy')[`${name}_policy`].policy);

describe('SecureBucket', () => {
  test('a bucket is named palisade-<env>-<purpose>-<account>, keeps its objects on destroy and refuses terraform destroy', () => {
    const { stack, bucket } = setup();
    const b = bucket();
    expect([b.name, b.arn]).toEqual([`palisade-test-data-${ACCOUNT}`, `arn:aws:s3:::palisade-test-data-${ACCOUNT}`]);
    expect(resourcesOf(synthStack(stack), 'aws_s3_bucket').test_data).toEqual(expect.objectContaining({
      bucket: `palisade-test-data-${ACCOUNT}`, force_destroy: false, lifecycle: { prevent_destroy: true }, tags: { Name: `palisade-test-data-${ACCOUNT}`, Tier: 'shared', Purpose: 'data' },
    }));
  });

  test('encrypts with its KMS key and S3 bucket keys', () => {
    const { stack, bucket } = setup();
    bucket();
    expect(resourcesOf(synthStack(stack), 'aws_s3_bucket_server_side_encryption_configuration').test_data_encryption.rule).toEqual([{
      apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: ref('aws_kms_key', 'test_data_key', 'arn') }, bucket_key_enabled: true,
    }]);
  });

  test('is versioned, blocks every kind of public access and disables ACLs', () => {
    const { stack, bucket } = setup();
    bucket();
    const json = synthStack(stack);
    expect(resourcesOf(json, 'aws_s3_bucket_versioning').test_data_versioning.versioning_configuration).toEqual({ status: 'Enabled' });
    expect(resourcesOf(json, 'aws_s3_bucket_public_access_block').test_data_public_access_block).toEqual(expect.objectContaining({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }));
    expect(resourcesOf(json, 'aws_s3_bucket_ownership_controls').test_data_ownership.rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  test('the policy denies plain HTTP and TLS below 1.2 to everyone, on the bucket and its objects', () => {
    const { stack, bucket } = setup();
    bucket();
    const arn = `arn:aws:s3:::palisade-test-data-${ACCOUNT}`;
    expect(policy(synthStack(stack), 'test_data').Statement).toEqual([
      { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Sid: 'DenyTlsBelow12', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } },
    ]);
  });

  test('writes server access logs to the log bucket under its own name, partitioned by date', () => {
    const { stack, bucket } = setup();
    bucket();
    expect(resourcesOf(synthStack(stack), 'aws_s3_bucket_logging').test_data_access_logs).toEqual(expect.objectContaining({
      bucket: ref('aws_s3_bucket', 'test_data'), target_bucket: ref('aws_s3_bucket', 'test_access_logs'), target_prefix: `palisade-test-data-${ACCOUNT}/`,
    }));
  });

  test('the log bucket does not log into itself, is marked as the exception, and admits S3 log delivery from this environment\'s buckets only', () => {
    const { stack } = setup();
    const json = synthStack(stack);
    expect(resourcesOf(json, 'aws_s3_bucket_logging').test_access_logs_access_logs).toBeUndefined();
    expect(resourcesOf(json, 'aws_s3_bucket').test_access_logs.tags.AccessLoggingException).toBe('server-access-log-target');
    expect(policy(json, 'test_access_logs').Statement[2]).toEqual({
      Sid: 'AllowS3ServerAccessLogDelivery', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject',
      Resource: `arn:aws:s3:::palisade-test-access-logs-${ACCOUNT}/*`,
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::palisade-test-*' } },
    });
  });

  test('lifecycle: noncurrent versions expire after 90 days, unfinished uploads are aborted after 7, current versions are kept', () => {
    const { stack, bucket } = setup();
    bucket();
    const rules = resourcesOf(synthStack(stack), 'aws_s3_bucket_lifecycle_configuration').test_data_lifecycle.rule;
    expect(rules[0]).toEqual(expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: 90 }], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }));
    expect(rules[0].expiration).toBeUndefined();
  });

  test('lifecycle: a retention from config expires current versions', () => {
    const { stack, bucket } = setup();
    bucket({ lifecycle: { expireCurrentVersionsAfterDays: 400, noncurrentVersionExpirationDays: 30 } });
    const rules = resourcesOf(synthStack(stack), 'aws_s3_bucket_lifecycle_configuration').test_data_lifecycle.rule;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toEqual(expect.objectContaining({ expiration: [{ days: 400 }], noncurrent_version_expiration: [{ noncurrent_days: 30 }] }));
  });

  test('object lock turns on at creation with a default retention', () => {
    const { stack, bucket } = setup();
    bucket({ objectLock: { mode: 'COMPLIANCE', days: 365 } });
    const json = synthStack(stack);
    expect(resourcesOf(json, 'aws_s3_bucket').test_data.object_lock_enabled).toBe(true);
    expect(resourcesOf(json, 'aws_s3_bucket_object_lock_configuration').test_data_object_lock.rule).toEqual({ default_retention: { mode: 'COMPLIANCE', days: 365 } });
  });

  test('SSE-S3 for ALB access logs is declared by the EncryptionException tag', () => {
    const { stack, bucket } = setup();
    bucket({ purpose: 'alb-logs', encryption: { kind: 's3-managed', reason: 'alb-access-logs' } }, 'alb_logs');
    const json = synthStack(stack);
    expect(resourcesOf(json, 'aws_s3_bucket_server_side_encryption_configuration').test_alb_logs_encryption.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    expect(resourcesOf(json, 'aws_s3_bucket').test_alb_logs.tags.EncryptionException).toBe('alb-access-logs');
  });

  test('extra statements (service log delivery) are appended after the TLS denials', () => {
    const { stack, bucket } = setup();
    bucket({ extraStatements: [{ Sid: 'AllowCloudTrail', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::x/*', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }] });
    expect(policy(synthStack(stack), 'test_data').Statement.map((s: any) => s.Sid)).toEqual(['DenyInsecureTransport', 'DenyTlsBelow12', 'AllowCloudTrail']);
  });

  describe('refuses', () => {
    test('SSE-S3 for any other reason', () => {
      const { bucket } = setup();
      expect(() => bucket({ encryption: { kind: 's3-managed', reason: 'cheaper' as never } })).toThrow(/storage\/data: encryption.reason = "cheaper": SSE-S3 is accepted only where AWS supports nothing else/);
    });

    test('an unknown encryption kind', () => {
      const { bucket } = setup();
      expect(() => bucket({ encryption: { kind: 'none' } as never })).toThrow(/encryption.kind = "none"/);
    });

    test('logging into a bucket that is not a log bucket', () => {
      const { bucket } = setup();
      const other = bucket({ purpose: 'other' }, 'other');
      expect(() => bucket({ accessLogs: { kind: 'to-log-bucket', bucket: other } })).toThrow(/accessLogs.bucket = "test-storage\/other": server access logs go to a log bucket/);
    });

    test('an SSE-KMS log bucket whose key does not grant S3 log delivery', () => {
      const { bucket, dataKey } = setup();
      expect(() => bucket({ purpose: 'logs2', encryption: { kind: 'kms', key: dataKey }, accessLogs: { kind: 'is-log-bucket' } }, 'logs2')).toThrow(/encryption.key = "test-storage\/data_key": S3 server access log delivery cannot write/);
    });

    test.each(['Data', 'da', 'data_x', 'data-', 'a--b', 'x'.repeat(26)])('the purpose %p', (purpose) => {
      const { bucket } = setup();
      expect(() => bucket({ purpose })).toThrow(/purpose = .*3–25 lower-case letters/);
    });

    test('a purpose that makes the name longer than 63 characters', () => {
      const stack = new PalisadeStack(Testing.app(), { environment: testEnvironment(), component: 'storage' });
      const key = new KmsKey(stack, 'k', { ...BASE, environment: 'averylongenvname', purpose: 'data', description: 'd' });
      expect(() => new SecureBucket(stack, 'b', { ...BASE, environment: 'averylongenvname', purpose: 'abcdefghijklmnopqrstuvwxy', encryption: { kind: 'kms', key }, accessLogs: { kind: 'is-log-bucket' } }))
        .toThrow(/longer than 63 characters/);
    });

    test.each([0, -1, 1.5, 36501])('a lifecycle of %p days', (days) => {
      const { bucket } = setup();
      expect(() => bucket({ lifecycle: { noncurrentVersionExpirationDays: days } })).toThrow(/lifecycle.noncurrentVersionExpirationDays = .*a whole number of days from 1 to 36500/);
    });

    test('an object lock mode other than GOVERNANCE or COMPLIANCE', () => {
      const { bucket } = setup();
      expect(() => bucket({ objectLock: { mode: 'LEGAL' as never, days: 1 } })).toThrow(/objectLock.mode = "LEGAL"/);
    });

    test('an object lock of 0 days', () => {
      const { bucket } = setup();
      expect(() => bucket({ objectLock: { mode: 'GOVERNANCE', days: 0 } })).toThrow(/objectLock.days = 0/);
    });

    test('expiring current versions before their object lock ends', () => {
      const { bucket } = setup();
      expect(() => bucket({ objectLock: { mode: 'GOVERNANCE', days: 90 }, lifecycle: { expireCurrentVersionsAfterDays: 30 } })).toThrow(/shorter than the Object Lock retention \(90 days\)/);
    });

    test('an extra statement allowing "*" without a condition', () => {
      const { bucket } = setup();
      expect(() => bucket({ extraStatements: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] })).toThrow(/extraStatements\[0\] = "Public": allows principal "\*" without a condition/);
    });

    test('an extra statement reusing a built-in Sid', () => {
      const { bucket } = setup();
      expect(() => bucket({ extraStatements: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] })).toThrow(/extraStatements\[0\].Sid = "DenyInsecureTransport": needs a unique alphanumeric Sid/);
    });

    test('a malformed account id', () => {
      const { bucket } = setup();
      expect(() => bucket({ accountId: '1234' })).toThrow(/accountId = "1234": a 12-digit AWS account id/);
    });
  });
});
