import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { App, KmsKey, PalisadeStack, Testing } from '../../index';

const environment = { name: 'dev', accountId: '123456789012', region: 'eu-west-1' };
const synth = (stack: PalisadeStack) => JSON.parse(Testing.synth(stack));

describe('PalisadeStack with an account, a region and an environment name', () => {
  test('locks the AWS provider to the account and region', () => {
    const json = synth(new PalisadeStack(Testing.app(), { environment, component: 'web' }));
    expect(json.provider.aws).toEqual([expect.objectContaining({ region: 'eu-west-1', allowed_account_ids: ['123456789012'] })]);
  });

  test('tags with the environment, the stack and the optional owner, classification and extra tags', () => {
    const bare = synth(new PalisadeStack(Testing.app(), { environment, component: 'web' }));
    expect(bare.provider.aws[0].default_tags[0].tags).toEqual({ Environment: 'dev', ManagedBy: 'palisade', Stack: 'dev-web' });
    const full = synth(new PalisadeStack(Testing.app(), {
      environment: { ...environment, owner: 'web-team', dataClassification: 'internal', tags: { CostCenter: '42', Environment: 'spoofed' } },
      component: 'web',
    }));
    expect(full.provider.aws[0].default_tags[0].tags).toEqual({
      CostCenter: '42', Environment: 'dev', Owner: 'web-team', DataClassification: 'internal', ManagedBy: 'palisade', Stack: 'dev-web',
    });
  });

  test('gives resources readable addresses', () => {
    const stack = new PalisadeStack(Testing.app(), { environment, component: 'web' });
    new KmsKey(stack, 'dataKey', { purpose: 'data', environment: 'dev', accountId: '123456789012', region: 'eu-west-1', description: 'x' });
    expect(Object.keys(synth(stack).resource.aws_kms_key)).toEqual(['dev_data_key']);
  });

  test('defaults the allowed regions to the EU and accepts its own list', () => {
    expect(new PalisadeStack(Testing.app(), { environment, component: 'web' }).allowedRegions).toContain('eu-central-1');
    const stack = new PalisadeStack(Testing.app(), { environment: { ...environment, region: 'us-east-1', allowedRegions: ['us-east-1'] }, component: 'web' });
    expect(synth(stack).provider.aws[0].region).toBe('us-east-1');
  });

  test.each([
    [{ ...environment, accountId: '12345' }, 'web', /dev-web: environment\.accountId = "12345": an AWS account id has 12 digits/],
    [{ ...environment, region: 'us-east-1' }, 'web', /dev-web: environment\.region = "us-east-1": outside allowedRegions/],
    [{ ...environment, name: 'Dev' }, 'web', /Dev-web: environment\.name = "Dev"/],
    [environment, 'web stack', /dev-web stack: component = "web stack"/],
  ])('refuses %j / %s, naming the field and value', (env, component, message) => {
    expect(() => new PalisadeStack(new App(), { environment: env, component })).toThrow(message);
  });

  test('synthesis fails on an unsuppressed baseline finding', () => {
    const app = Testing.app();
    const stack = new PalisadeStack(app, { environment, component: 'web' });
    new CloudwatchLogGroup(stack, 'plain_logs', { name: '/plain', retentionInDays: 365 });
    expect(() => app.synth()).toThrow(/PAL-LOGS-001/);
  });
});
