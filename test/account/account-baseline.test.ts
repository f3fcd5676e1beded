import { ApplicationSecret } from '../../constructs/account/application-secret';
import { PasswordPolicy } from '../../constructs/account/password-policy';
import { AuditTrail } from '../../constructs/account/audit-trail';
import { Testing } from '../../constructs/framework';
import { SecureBucket } from '../../constructs/storage/secure-bucket';
import { KmsKey, KmsServiceGrants } from '../../constructs/kms/kms-key';
import { PalisadeStack } from '../../stacks/palisade-stack';
import { resourcesOf, synthStack, testEnvironment } from '../support/synth';
import { statements, synthSecurity } from '../security/helpers';

const base = { environment: 'test', accountId: '123456789012', region: 'eu-west-1' };
const scratch = () => new PalisadeStack(Testing.app(), { environment: testEnvironment(), component: 'x' });
function logBucket(stack: PalisadeStack): SecureBucket {
  const key = new KmsKey(stack, 'log_key', { ...base, purpose: 'log', description: 'logs', serviceGrants: [KmsServiceGrants.s3ServerAccessLogs('123456789012', 'arn:aws:s3:::palisade-test-*')] });
  return new SecureBucket(stack, 'logs', { ...base, purpose: 'access-logs', encryption: { kind: 'kms', key }, accessLogs: { kind: 'is-log-bucket' } });
}

describe('AuditTrail (CloudTrail)', () => {
  const { json } = synthSecurity();
  const trail = resourcesOf(json, 'aws_cloudtrail').test_account_cloudtrail;

  test('is multi-region, validates log files, is KMS-encrypted and logs management events', () => {
    expect(trail).toMatchObject({
      name: 'palisade-test', is_multi_region_trail: true, include_global_service_events: true, enable_log_file_validation: true, enable_logging: true,
      kms_key_id: '${aws_kms_key.test_account_cloudtrail_key.arn}', s3_bucket_name: 'palisade-test-cloudtrail-123456789012',
    });
  });

  test('the key lets CloudTrail encrypt only for this trail (source ARN and encryption context)', () => {
    const grants = statements(resourcesOf(json, 'aws_kms_key').test_account_cloudtrail_key.policy).filter((s) => s.Principal?.Service === 'cloudtrail.amazonaws.com');
    expect(grants[0]).toMatchObject({ Action: ['kms:GenerateDataKey*'], Condition: {
      StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/palisade-test' },
      StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:123456789012:trail/*' },
    } });
  });

  test('the bucket policy lets this trail, and nothing else, write its logs', () => {
    const write = statements(resourcesOf(json, 'aws_s3_bucket_policy').test_account_cloudtrail_bucket_policy.policy).find((s) => s.Sid === 'CloudTrailWrite');
    expect(write).toMatchObject({ Resource: 'arn:aws:s3:::palisade-test-cloudtrail-123456789012/AWSLogs/123456789012/*', Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/palisade-test' } } });
  });

  test('delivers to a KMS-encrypted log group kept a year, through a role limited to the trail\'s streams', () => {
    expect(resourcesOf(json, 'aws_cloudwatch_log_group').test_account_cloudtrail_log_group).toMatchObject({ retention_in_days: 365, kms_key_id: '${aws_kms_key.test_account_cloudtrail_key.arn}' });
    expect(trail.cloud_watch_logs_group_arn).toBe('${aws_cloudwatch_log_group.test_account_cloudtrail_log_group.arn}:*');
    const policy = statements(resourcesOf(json, 'aws_iam_role_policy').test_account_cloudtrail_role_policy.policy);
    expect(policy).toEqual([{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '${aws_cloudwatch_log_group.test_account_cloudtrail_log_group.arn}:log-stream:123456789012_CloudTrail_eu-west-1*' }]);
  });

  test.each([90, 3653])('refuses a retention of %p days (below the audit floor or above the personal-data cap)', (days) => {
    const stack = scratch();
    expect(() => new AuditTrail(stack, 'trail', { ...base, allowedRegions: ['eu-west-1'], accessLogBucket: logBucket(stack), retentionDays: days }))
      .toThrow(`test-x/trail: retentionDays = ${days}: must be a CloudWatch retention value from 365 (audit floor) to 731`);
  });

  test('refuses a trail destination outside the GDPR allowlist', () => {
    const stack = scratch();
    expect(() => new AuditTrail(stack, 'trail', { ...base, region: 'us-east-1', allowedRegions: ['eu-west-1'], accessLogBucket: logBucket(stack) }))
      .toThrow('test-x/trail: region = "us-east-1": outside allowedRegions (eu-west-1)');
  });
});

describe('account settings', () => {
  const { json } = synthSecurity();

  test('EBS volumes are encrypted by default with a customer-managed key', () => {
    expect(resourcesOf(json, 'aws_ebs_encryption_by_default').test_account_ebs_encryption).toEqual(expect.objectContaining({ enabled: true }));
    expect(resourcesOf(json, 'aws_ebs_default_kms_key').test_account_ebs_encryption_default_key.key_arn).toBe('${aws_kms_key.test_account_ebs_encryption_key.arn}');
  });

  test('S3 public access is blocked account-wide on all four flags', () => {
    expect(resourcesOf(json, 'aws_s3_account_public_access_block').test_account_s3_public_access_block).toMatchObject({
      account_id: '123456789012', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
  });

  test('the password policy is 14+ characters of all classes, 24 remembered, 90 days', () => {
    expect(resourcesOf(json, 'aws_iam_account_password_policy').test_account_password_policy).toMatchObject({
      minimum_password_length: 14, password_reuse_prevention: 24, max_password_age: 90,
      require_lowercase_characters: true, require_uppercase_characters: true, require_numbers: true, require_symbols: true,
    });
  });

  test('a stricter password policy from config is accepted', () => {
    const { json: j } = synthSecurity({ security: { passwordPolicy: { minimumLength: 20, maxAgeDays: 60 } } } as any);
    expect(resourcesOf(j, 'aws_iam_account_password_policy').test_account_password_policy).toMatchObject({ minimum_password_length: 20, max_password_age: 60 });
  });

  test.each([
    ['minimumLength', 12, 'must be 14–128 (CIS 1.8)'],
    ['reusePrevention', 5, 'must be 24 (CIS 1.9'],
    ['maxAgeDays', 180, 'must be 1–90 days'],
    ['maxAgeDays', 0, 'must be 1–90 days'],
  ])('refuses a weaker %s of %p', (field, value, reason) => {
    expect(() => new PasswordPolicy(scratch(), 'pw', { [field]: value })).toThrow(`test-x/pw: ${field} = ${value}: ${reason}`);
  });
});

describe('ApplicationSecret', () => {
  const make = (props: Partial<ConstructorParameters<typeof ApplicationSecret>[2]>) => {
    const stack = scratch();
    new ApplicationSecret(stack, 'db', { ...base, name: 'db-password', description: 'Database master password', ...props });
    return synthStack(stack);
  };

  test('is encrypted with its own CMK and rotated by the given Lambda', () => {
    const json = make({ rotation: { lambdaArn: 'arn:aws:lambda:eu-west-1:123456789012:function:rotate-db' } });
    expect(resourcesOf(json, 'aws_secretsmanager_secret').test_db).toMatchObject({ name: 'palisade/test/db-password', kms_key_id: '${aws_kms_key.test_db_key.arn}', recovery_window_in_days: 30 });
    expect(resourcesOf(json, 'aws_secretsmanager_secret_rotation').test_db_rotation).toMatchObject({ rotation_rules: { automatically_after_days: 30 } });
  });

  test('holds no value: nothing secret reaches state, tags or outputs', () => {
    const json = make({ noRotationReason: 'vendor API key, rotated in the vendor portal' });
    expect(resourcesOf(json, 'aws_secretsmanager_secret_version')).toEqual({});
    expect(json.output).toBeUndefined();
    expect(resourcesOf(json, 'aws_secretsmanager_secret').test_db.tags).toEqual({ Name: 'palisade/test/db-password', Tier: 'shared', Rotation: 'manual' });
  });

  test('refuses a secret without rotation and without a reason', () => {
    expect(() => make({})).toThrow('test-x/db: rotation = undefined: a secret needs a rotation Lambda, or noRotationReason saying why it is not rotated');
  });

  test('refuses rotation less often than every 90 days', () => {
    expect(() => make({ rotation: { lambdaArn: 'arn:aws:lambda:eu-west-1:123456789012:function:r', afterDays: 120 } })).toThrow('test-x/db: rotation.afterDays = 120: rotate at least every 90 days');
  });

  test('refuses a rotation target that is not a Lambda ARN', () => {
    expect(() => make({ rotation: { lambdaArn: 'rotate-db' } })).toThrow('test-x/db: rotation.lambdaArn = "rotate-db": a Lambda function ARN');
  });
});
