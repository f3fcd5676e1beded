import { Testing } from '../../constructs/framework';
import { KmsKey, KmsKeyProps, KmsServiceGrants } from '../../constructs/kms/kms-key';
import { PalisadeStack } from '../../stacks/palisade-stack';
import { resourcesOf, synthStack, testEnvironment } from '../support/synth';

const ACCOUNT = '123456789012';
function make(overrides: Partial<KmsKeyProps> = {}) {
  const stack = new PalisadeStack(Testing.app(), { environment: testEnvironment(), component: 'kms' });
  const key = new KmsKey(stack, 'data_key', { purpose: 'data', environment: 'test', accountId: ACCOUNT, region: 'eu-west-1', description: 'Encrypts test data', ...overrides });
  return { stack, key };
}
const keyOf = (stack: PalisadeStack) => resourcesOf(synthStack(stack), 'aws_kms_key').test_data_key;
const policyOf = (stack: PalisadeStack) => JSON.parse(keyOf(stack).policy);

describe('KmsKey', () => {
  test('a key rotates yearly, waits 30 days before deletion, refuses terraform destroy and gets an alias per purpose', () => {
    const { stack } = make();
    const json = synthStack(stack);
    expect(resourcesOf(json, 'aws_kms_key').test_data_key).toEqual(expect.objectContaining({
      enable_key_rotation: true, rotation_period_in_days: 365, deletion_window_in_days: 30, customer_master_key_spec: 'SYMMETRIC_DEFAULT',
      lifecycle: { prevent_destroy: true }, tags: expect.objectContaining({ Purpose: 'data' }),
    }));
    expect(resourcesOf(json, 'aws_kms_alias').test_data_key_alias.name).toBe('alias/palisade/test/data');
  });

  test('the policy lets the account root administer the key and names no other principal by default', () => {
    const { stack } = make();
    expect(policyOf(stack).Statement).toEqual([{ Sid: 'AccountRootAdministers', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }]);
  });

  test('named admin roles may administer but not use the key', () => {
    const { stack } = make({ adminRoleArns: [`arn:aws:iam::${ACCOUNT}:role/key-admins`] });
    const admin = policyOf(stack).Statement.find((s: any) => s.Sid === 'NamedAdminRoles');
    expect(admin.Principal).toEqual({ AWS: [`arn:aws:iam::${ACCOUNT}:role/key-admins`] });
    expect(admin.Action).toContain('kms:ScheduleKeyDeletion');
    expect(admin.Action.some((a: string) => /Decrypt|Encrypt|GenerateDataKey/.test(a))).toBe(false);
  });

  test('the CloudWatch Logs grant is scoped to log groups of this account and region by encryption context', () => {
    const { stack, key } = make({ serviceGrants: [KmsServiceGrants.cloudWatchLogs('eu-west-1', ACCOUNT)] });
    expect(key.grantsService('logs.eu-west-1.amazonaws.com')).toBe(true);
    expect(key.grantsService('logs.eu-central-1.amazonaws.com')).toBe(false);
    expect(policyOf(stack).Statement[1]).toEqual(expect.objectContaining({
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*` } },
    }));
  });

  test('the S3 server-access-log grant gives data keys only, to this account\'s source buckets', () => {
    const { stack } = make({ serviceGrants: [KmsServiceGrants.s3ServerAccessLogs(ACCOUNT, 'arn:aws:s3:::palisade-test-*')] });
    expect(policyOf(stack).Statement[1]).toEqual(expect.objectContaining({
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::palisade-test-*' } },
    }));
  });

  test.each([7, 30])('a deletion window of %p days is accepted', (days) => {
    const { stack } = make({ deletionWindowInDays: days });
    expect(keyOf(stack).deletion_window_in_days).toBe(days);
  });

  test('preventDestroy: false drops the lifecycle guard (keys protecting no data)', () => {
    const { stack } = make({ preventDestroy: false });
    expect(keyOf(stack).lifecycle).toEqual({ prevent_destroy: false });
  });

  describe('refuses', () => {
    test.each([6, 31, 0, 7.5])('a deletion window of %p days', (days) => {
      expect(() => make({ deletionWindowInDays: days })).toThrow(/kms\/data_key: deletionWindowInDays = .*: AWS accepts 7 to 30 days/);
    });

    test.each(['Data', 'd', 'data_key', '-data'])('the purpose %p', (purpose) => {
      expect(() => make({ purpose })).toThrow(/purpose = .*lower-case letters, digits and dashes/);
    });

    test('an empty description', () => {
      expect(() => make({ description: ' ' })).toThrow(/description = " ": say what the key protects/);
    });

    test('a service grant without condition', () => {
      expect(() => make({ serviceGrants: [{ service: 'logs.eu-west-1.amazonaws.com', condition: {} }] })).toThrow(/serviceGrants\[0\]\.condition = \{\}: a grant to logs.eu-west-1.amazonaws.com must be scoped/);
    });

    test('a service grant whose condition does not pin the account (e.g. only aws:UserAgent)', () => {
      expect(() => make({ serviceGrants: [{ service: 's3.amazonaws.com', condition: { StringEquals: { 'aws:UserAgent': 'x' } } }] })).toThrow(/does not pin s3.amazonaws.com to this account/);
    });

    test.each(['*', 'arn:aws:iam::123456789012:root', 'example.com'])('a service principal %p', (service) => {
      expect(() => make({ serviceGrants: [{ service, condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }] })).toThrow(/serviceGrants\[0\]\.service = .*must be an AWS service principal/);
    });

    test.each(['arn:aws:iam::123456789012:role/*', 'arn:aws:iam::123456789012:user/alice', '*'])('the admin ARN %p', (arn) => {
      expect(() => make({ adminRoleArns: [arn] })).toThrow(/adminRoleArns\[0\] = .*must be the ARN of one IAM role/);
    });
  });
});
