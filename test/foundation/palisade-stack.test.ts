import { Testing } from '../../constructs/framework';
import { KmsKey } from '../../constructs/kms/kms-key';
import { PalisadeStack } from '../../stacks/palisade-stack';
import { synthNetwork, synthStack, testEnvironment } from '../support/synth';

describe('PalisadeStack', () => {
  const { json } = synthNetwork();

  test('locks the AWS provider to the environment\'s account and region', () => {
    expect(json.provider.aws).toEqual([expect.objectContaining({ region: 'eu-west-1', allowed_account_ids: ['123456789012'] })]);
  });

  test('tags everything with environment, owner and data classification by default', () => {
    expect(json.provider.aws[0].default_tags[0].tags).toEqual({
      Environment: 'test', Owner: 'platform-team', DataClassification: 'confidential', ManagedBy: 'palisade', Stack: 'test-network',
    });
  });

  test('keeps local state relative to the stack directory, never an absolute path of the synthesizing machine', () => {
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.test-network.tfstate' } });
  });

  test('gives every resource a readable address without hash suffixes', () => {
    for (const [, resources] of Object.entries(json.resource)) {
      for (const name of Object.keys(resources)) expect(name).toMatch(/^test_[a-z0-9_]+$/);
    }
    expect(Object.keys(json.resource.aws_subnet)).toContain('test_network_data_a');
  });

  test('addresses do not change when unrelated constructs are added', () => {
    const a = synthNetwork().json;
    const stack = new PalisadeStack(Testing.app(), { environment: testEnvironment(), component: 'network' });
    new KmsKey(stack, 'extra_key', { purpose: 'extra', environment: 'test', accountId: '123456789012', region: 'eu-west-1', description: 'x' });
    const b = synthStack(stack);
    expect(Object.keys(b.resource.aws_kms_key)).toEqual(['test_extra_key']);
    expect(Object.keys(a.resource.aws_subnet).length).toBe(9);
  });

  test('every taggable resource carries a Tier tag and a Name', () => {
    for (const [type, resources] of Object.entries(json.resource)) {
      for (const [name, resource] of Object.entries(resources as Record<string, any>)) {
        if (resource.tags === undefined) continue;
        expect({ address: `${type}.${name}`, tier: typeof resource.tags.Tier, name: typeof resource.tags.Name }).toEqual({ address: `${type}.${name}`, tier: 'string', name: 'string' });
      }
    }
  });

  test('refuses two constructs that would share one Terraform address', () => {
    const stack = new PalisadeStack(Testing.app(), { environment: testEnvironment(), component: 'x' });
    new KmsKey(stack, 'a_b', { purpose: 'one', environment: 'test', accountId: '123456789012', region: 'eu-west-1', description: 'x' });
    expect(() => {
      new KmsKey(stack, 'a-b', { purpose: 'two', environment: 'test', accountId: '123456789012', region: 'eu-west-1', description: 'x' });
      synthStack(stack);
    }).toThrow(/test-x\/a-b\/resource: id = "test_a_b": resource address collides with test-x\/a_b\/resource/);
  });
});

describe('KmsKey', () => {
  const make = (props: Partial<ConstructorParameters<typeof KmsKey>[2]>) => {
    const stack = new PalisadeStack(Testing.app(), { environment: testEnvironment(), component: 'kms' });
    new KmsKey(stack, 'key', { purpose: 'data', environment: 'test', accountId: '123456789012', region: 'eu-west-1', description: 'Data', ...props });
    return synthStack(stack).resource;
  };

  test('defaults: rotation on, 30-day deletion window, symmetric, destroy prevented, alias per purpose', () => {
    const resources = make({});
    expect(resources.aws_kms_key.test_key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, is_enabled: true, customer_master_key_spec: 'SYMMETRIC_DEFAULT', lifecycle: { prevent_destroy: true } });
    expect(resources.aws_kms_alias.test_key_alias.name).toBe('alias/palisade/test/data');
  });

  test.each([6, 31, 7.5])('refuses a deletion window of %p days', (days) => {
    expect(() => make({ deletionWindowInDays: days })).toThrow(`test-kms/key: deletionWindowInDays = ${days}: AWS accepts 7 to 30 days`);
  });

  test('refuses a service grant without a scoping condition', () => {
    expect(() => make({ serviceGrants: [{ service: 's3.amazonaws.com', condition: {} }] })).toThrow(/serviceGrants\[0\]\.condition = \{\}: a grant to s3.amazonaws.com must be scoped/);
  });

  test('refuses a purpose that cannot be part of an alias', () => {
    expect(() => make({ purpose: 'My Data' })).toThrow(/purpose = "My Data"/);
  });
});
