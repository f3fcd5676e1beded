/**
 * Two plan shapes Terraform 1.11 writes that the loader must not misread:
 * - a resource planned to be forgotten (`removed { lifecycle { destroy = false } }`, action `forget`): it leaves
 *   Terraform's management and the plan shows no values for it, so it is no planned resource — the stack says so in a note;
 * - the AWS provider under another local name (`required_providers { amazon = { source = "hashicorp/aws" } }`): it
 *   is an AWS provider by its `full_name`, and resources naming it by `provider_config_key` use it.
 */
import { modelFromDocuments } from '../../../policies/model/load';
import { providerRegionsAllowed, DEFAULT_ALLOWED_REGIONS } from '../../../policies/rules/pal-gdpr-001';
import { providerAccountPinned } from '../../../policies/rules/pal-provider-001';
import { sgNoWorldAdminIngress } from '../../../policies/rules/pal-sg-001';
import { statusOf } from '../fixtures';

type Obj = Record<string, unknown>;

const CONTEXT = { allowedRegions: DEFAULT_ALLOWED_REGIONS };

const OPEN_SSH = { name: 'x', description: 'x', vpc_id: 'vpc-12345678', egress: [], ingress: [{ cidr_blocks: ['0.0.0.0/0'], description: 'ssh', from_port: 22, ipv6_cidr_blocks: [], prefix_list_ids: [], protocol: 'tcp', security_groups: [], self: false, to_port: 22 }] };
const sg = (name: string) => ({ address: `aws_security_group.${name}`, mode: 'managed', type: 'aws_security_group', name, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 1 });
const AWS = { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'eu-west-1' } } };
const model = (json: Obj) => modelFromDocuments([{ file: '/virtual/plan.json', json, stackName: 'plan' }], { baseDir: '/virtual' });

describe('a resource planned to be forgotten', () => {
  /** `removed { from = aws_security_group.gone  lifecycle { destroy = false } }` next to a security group being created. */
  const plan = {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: [{ ...sg('gone'), sensitive_values: false }, { ...sg('kept'), values: OPEN_SSH, sensitive_values: {} }] } },
    resource_changes: [
      { ...sg('gone'), change: { actions: ['forget'], before: { ...OPEN_SSH, id: 'sg-0123456789abcdef0' }, after: null, after_unknown: false } },
      { ...sg('kept'), change: { actions: ['create'], before: null, after: OPEN_SSH, after_unknown: { id: true } } },
    ],
    prior_state: { format_version: '1.0', terraform_version: '1.11.4', values: { root_module: { resources: [{ ...sg('gone'), values: { ...OPEN_SSH, id: 'sg-0123456789abcdef0' } }] } } },
    configuration: { provider_config: { aws: AWS }, root_module: { resources: [{ address: 'aws_security_group.kept', mode: 'managed', type: 'aws_security_group', name: 'kept', provider_config_key: 'aws', expressions: {} }] } },
    complete: true,
    errored: false,
  };

  test('is not judged as a planned resource (it would be an empty one), and the stack names it in a note', () => {
    const m = model(plan);
    expect(m.resources.map((r) => r.address)).toEqual(['aws_security_group.kept']);
    expect(m.stacks[0].unevaluated).toEqual([{ file: '/virtual/plan.json', expression: 'aws_security_group.gone', reason: expect.stringMatching(/forgotten .*destroy = false.*leaves Terraform's management/), outcome: 'not checked' }]);
    const results = sgNoWorldAdminIngress.evaluate(m, CONTEXT);
    expect(results.some((r) => r.resource === 'aws_security_group.gone')).toBe(false);
    expect(statusOf(results, 'aws_security_group.kept')).toBe('non-compliant');
  });

  test('a plan without forgotten resources has no notes', () => {
    const withoutGone = { ...plan, resource_changes: plan.resource_changes.slice(1), planned_values: { root_module: { resources: plan.planned_values.root_module.resources.slice(1) } } };
    expect(model(withoutGone).stacks[0].unevaluated).toBeUndefined();
  });
});

describe('the AWS provider under another local name', () => {
  /** `amazon = { source = "hashicorp/aws" }` in us-east-1 (and its alias), beside `aws` in eu-west-1. */
  const plan = (extraProviders: Obj = {}) => ({
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: [{ ...sg('east'), values: OPEN_SSH }, { ...sg('west'), values: OPEN_SSH }, { ...sg('south'), values: OPEN_SSH }] } },
    resource_changes: [],
    configuration: {
      provider_config: {
        amazon: { name: 'amazon', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'us-east-1' } } },
        'amazon.south': { name: 'amazon', full_name: 'registry.opentofu.org/hashicorp/aws', alias: 'south', expressions: { region: { constant_value: 'sa-east-1' } } },
        aws: AWS,
        ...extraProviders,
      },
      root_module: {
        resources: [
          { address: 'aws_security_group.east', mode: 'managed', type: 'aws_security_group', name: 'east', provider_config_key: 'amazon', expressions: {} },
          { address: 'aws_security_group.west', mode: 'managed', type: 'aws_security_group', name: 'west', provider_config_key: 'aws', expressions: {} },
          { address: 'aws_security_group.south', mode: 'managed', type: 'aws_security_group', name: 'south', provider_config_key: 'amazon.south', expressions: {} },
        ],
      },
    },
    complete: true,
    errored: false,
  });

  test('is an AWS provider (any registry host), named by its local name, and its resources use it', () => {
    const m = model(plan());
    expect(m.stacks[0].providers.map((p) => [p.name, p.alias, p.region])).toEqual([
      ['amazon', undefined, 'us-east-1'],
      ['amazon', 'south', 'sa-east-1'],
      ['aws', undefined, 'eu-west-1'],
    ]);
    const regionOf = (address: string) => m.get('plan', address)!.provider?.region;
    expect([regionOf('aws_security_group.east'), regionOf('aws_security_group.west'), regionOf('aws_security_group.south')]).toEqual(['us-east-1', 'eu-west-1', 'sa-east-1']);
  });

  test('PAL-GDPR-001 judges its region', () => {
    const results = providerRegionsAllowed.evaluate(model(plan()), { allowedRegions: DEFAULT_ALLOWED_REGIONS });
    expect(statusOf(results, 'provider.amazon')).toBe('non-compliant');
    expect(statusOf(results, 'provider.amazon.south')).toBe('non-compliant');
    expect(statusOf(results, 'provider.aws')).toBe('compliant');
  });

  test('PAL-PROVIDER-001 judges its allowed_account_ids like any AWS provider\'s', () => {
    const results = providerAccountPinned.evaluate(model(plan()), { allowedRegions: DEFAULT_ALLOWED_REGIONS });
    expect(['provider.amazon', 'provider.amazon.south', 'provider.aws'].map((p) => statusOf(results, p))).toEqual(['non-compliant', 'non-compliant', 'non-compliant']);
  });

  test('another provider is not an AWS provider, even under the local name aws', () => {
    const m = model(plan({ 'aws.other': { name: 'aws', full_name: 'registry.terraform.io/hashicorp/google', alias: 'other', expressions: {} }, random: { name: 'random', full_name: 'registry.terraform.io/hashicorp/random', expressions: {} } }));
    expect(m.stacks[0].providers.map((p) => `${p.name}${p.alias ? `.${p.alias}` : ''}`)).toEqual(['amazon', 'amazon.south', 'aws']);
  });
});
