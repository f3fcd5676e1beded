import fc from 'fast-check';
import * as path from 'path';
import { App } from '../../constructs/framework';
import { KmsKey } from '../../constructs/kms/kms-key';
import { SegmentedVpc } from '../../constructs/network/segmented-vpc';
import { PalisadeStack } from '../../stacks/palisade-stack';
import { estatePlan, estateStack, estateStackNames, estateTerraformRuns } from '../support/estate';
import { testRunDir } from '../support/paths';
import { testEnvironment } from '../support/synth';
import { requireTerraform, runTerraform } from '../support/terraform';

const ESTATE_STACKS = ['production-data', 'production-edge', 'production-hosts', 'production-network', 'production-security', 'staging-data', 'staging-edge', 'staging-hosts', 'staging-network', 'staging-security'];

describe('the estate through the real Terraform AWS provider', () => {
  test('terraform is installed (the tests never skip without it)', () => {
    expect(requireTerraform()).toMatch(/^1\.\d+\.\d+$/);
  });

  test('the estate has a network, edge, data, hosts and security stack per environment', () => {
    expect(estateStackNames()).toEqual(ESTATE_STACKS);
  });

  describe.each(ESTATE_STACKS)('%s', (stack) => {
    const run = () => {
      const found = estateTerraformRuns().find((r) => r.stack === stack);
      if (!found) throw new Error(`no terraform run recorded for ${stack}`);
      if (found.error) throw new Error(found.error);
      return found;
    };

    test('passes terraform validation (terraform plan validates the whole configuration before planning)', () => {
      const { init, plan } = run();
      expect({ init: init.ok, output: init.ok ? '' : init.output }).toEqual({ init: true, output: '' });
      expect({ plan: plan?.ok, output: plan?.ok ? '' : plan?.output }).toEqual({ plan: true, output: '' });
    });

    test('produces an offline plan that creates every synthesized resource and nothing else', () => {
      const plan = estatePlan(stack);
      const creates = plan.resource_changes.filter((c: any) => c.change.actions.join() === 'create').map((c: any) => c.address).sort();
      const others = plan.resource_changes.filter((c: any) => c.change.actions.join() !== 'create');
      expect(others).toEqual([]);
      const synthesized = (plan.configuration.root_module.resources as any[]).filter((r) => r.mode === 'managed').length;
      expect(creates.length).toBe(synthesized);
      const [env, component] = stack.split('-');
      const landmark: Record<string, string> = {
        network: `aws_subnet.${env}_network_data_a`,
        security: `aws_guardduty_detector.${env}_guardduty`,
        edge: `aws_lb.${env}_edge_alb`,
        hosts: `aws_autoscaling_group.${env}_app`,
        data: `aws_db_instance.${env}_reviews`,
      };
      expect(creates).toContain(landmark[component]);
    });

    test('what cdktf deploy uses keeps the account allowlist and none of the offline test settings', () => {
      const provider = estateStack(stack).provider.aws[0];
      expect(provider.allowed_account_ids).toEqual([expect.stringMatching(/^\d{12}$/)]);
      expect(Object.keys(provider).filter((k) => k.startsWith('skip_') || k.endsWith('_key'))).toEqual([]);
    });
  });

  test('random valid VPC plans synthesize and pass terraform validate', async () => {
    // Many VPCs in one stack: one terraform run checks them all.
    const vpcArb = fc.record({
      second: fc.integer({ min: 0, max: 255 }),
      prefix: fc.integer({ min: 16, max: 20 }),
      azCount: fc.integer({ min: 2, max: 6 }),
      nat: fc.constantFrom('per-az' as const, 'single' as const),
      appExtraBits: fc.integer({ min: 4, max: 6 }),
    });
    const samples = fc.sample(vpcArb, { numRuns: 12, seed: 20261129 });
    const app = new App({ outdir: path.join(testRunDir(), 'random-vpcs') });
    const stack = new PalisadeStack(app, { environment: testEnvironment(), component: 'random' });
    const key = new KmsKey(stack, 'logs_key', { purpose: 'logs', environment: 'test', accountId: '123456789012', region: 'eu-west-1', description: 'logs', serviceGrants: [{ service: 'logs.eu-west-1.amazonaws.com', condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }] });
    samples.forEach((s, i) => new SegmentedVpc(stack, `vpc${i}`, {
      environment: `r${i}`, accountId: '123456789012', region: 'eu-west-1',
      cidr: `10.${s.second}.0.0/${s.prefix}`,
      availabilityZones: 'abcdef'.slice(0, s.azCount).split('').map((l) => `eu-west-1${l}`),
      natGateways: s.nat,
      tiers: [{ name: 'public', kind: 'public', subnetPrefixLength: 27 }, { name: 'app', kind: 'private', subnetPrefixLength: s.prefix + s.appExtraBits }, { name: 'data', kind: 'isolated', subnetPrefixLength: 27 }],
      logsKey: key,
    }));
    app.synth();
    const result = await runTerraform(path.join(testRunDir(), 'random-vpcs', 'stacks', 'test-random', 'cdk.tf.json'), path.join(testRunDir(), 'random-vpcs-tf'), { plan: false });
    expect({ init: result.init.ok, validate: result.validate?.ok, output: result.validate?.ok ? '' : (result.validate ?? result.init).output }).toEqual({ init: true, validate: true, output: '' });
  });
});
