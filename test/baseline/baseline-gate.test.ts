import { Baseline } from '../../constructs/baseline/baseline';
import { App, Testing } from '../../constructs/framework';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { TerraformHclModule, TerraformStack, TerraformVariable } from 'cdktf';
import { LeastPrivilegeSecurityGroup } from '../../constructs/network/security-group';
import { exampleEstate } from '../../config/estate';
import { loadEstateConfig } from '../../config/load';
import { buildEstate } from '../../stacks/estate';
import { NetworkStack } from '../../stacks/network-stack';
import { testEnvironment } from '../support/synth';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * A network stack with one deliberately weak rule, written with the raw provider resource (the construct would
 * refuse it): all-port egress to the internet.
 */
function weakStack(app = Testing.app()): { stack: NetworkStack; group: LeastPrivilegeSecurityGroup } {
  const stack = new NetworkStack(app, testEnvironment());
  const group = new LeastPrivilegeSecurityGroup(stack, 'legacy', { vpcId: stack.network.vpc.id, name: 'legacy', description: 'Legacy batch hosts', tier: 'app' });
  new VpcSecurityGroupEgressRule(group, 'egress_internet_all', { securityGroupId: group.id, ipProtocol: '-1', cidrIpv4: '0.0.0.0/0', description: 'Legacy batch job pulls from many vendors' });
  return { stack, group };
}

describe('the baseline in the construct tree', () => {
  test('every stack of the example estate passes the baseline', () => {
    const app = Testing.app();
    for (const stack of buildEstate(app, loadEstateConfig(exampleEstate))) expect(stack).toPassBaseline();
  });

  test('toPassBaseline fails on a weakened stack and lists rule, resource and fix hint', () => {
    const { stack } = weakStack();
    expect(() => expect(stack).toPassBaseline()).toThrow(/\[PAL-SG-\d+ \w+\] aws_vpc_security_group_egress_rule\.test_legacy_egress_internet_all: .* Fix: /);
  });

  test('synthesis fails while a finding is unsuppressed (the synth gate)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-gate-'));
    const app = new App({ outdir });
    weakStack(app);
    expect(() => app.synth()).toThrow(/Validation failed[\s\S]*aws_vpc_security_group_egress_rule\.test_legacy_egress_internet_all/);
  });

  test("a stack's gate reports its own verdicts, not those of a stack it reads through a cross-stack reference", () => {
    const app = Testing.app();
    const net = new TerraformStack(app, 'net');
    new AwsProvider(net, 'aws', { region: 'eu-west-1', allowedAccountIds: ['123456789012'] });
    const adminCidr = new TerraformVariable(net, 'admin_cidr', { type: 'string' });
    const shared = new S3Bucket(net, 'shared', { bucket: 'acme-shared' });
    // SSH from a CIDR known only when the variable is set: unproven in `net`.
    new SecurityGroupRule(net, 'ssh', { type: 'ingress', fromPort: 22, toPort: 22, protocol: 'tcp', cidrBlocks: [adminCidr.stringValue], securityGroupId: 'sg-0123' });
    const consumer = new TerraformStack(app, 'consumer');
    new AwsProvider(consumer, 'aws', { region: 'eu-west-1', allowedAccountIds: ['123456789012'] });
    new S3Bucket(consumer, 'copy', { bucket: `${shared.bucket}-copy` });
    app.synth();
    expect(consumer.dependencies).toEqual([net]);
    const unprovenIn = (stack: TerraformStack) => Baseline.check(stack, { allowedRegions: ['eu-west-1'] }).unproven.map((f) => `${f.stack} ${f.ruleId} ${f.resource}`);
    expect(unprovenIn(net)).toContain('net PAL-SG-001 aws_security_group_rule.ssh');
    expect(unprovenIn(consumer).filter((f) => f.startsWith('net '))).toEqual([]);
  });

  describe('Baseline.suppress', () => {
    test('a reasoned suppression on the construct silences the finding and travels in the synthesized JSON', () => {
      const { stack, group } = weakStack();
      Testing.synth(stack);
      const ruleId = Baseline.check(stack, { allowedRegions: ['eu-west-1'] }).findings.find((f) => !f.suppressed)!.ruleId;
      Baseline.suppress(group, ruleId, { reason: 'Vendor list changes weekly; egress proxy planned', expires: '2099-01-31' });
      expect(stack).toPassBaseline();
      const rule = stack.toTerraform().resource.aws_vpc_security_group_egress_rule.test_legacy_egress_internet_all;
      expect(rule['//'].palisade.suppressions).toEqual([{ ruleId, reason: 'Vendor list changes weekly; egress proxy planned', expires: '2099-01-31' }]);
      expect(rule['//'].metadata.path).toBe('test-network/legacy/egress_internet_all');
    });

    test('the suppressed finding is still reported, marked with its reason', () => {
      const { stack, group } = weakStack();
      Baseline.suppress(group, 'PAL-SG-002', { reason: 'Accepted for the pilot' });
      Testing.synth(stack);
      const suppressed = Baseline.check(stack, { allowedRegions: ['eu-west-1'] }).findings.filter((f) => f.suppressed);
      expect(suppressed.map((f) => [f.ruleId, f.suppression?.reason])).toContainEqual(['PAL-SG-002', 'Accepted for the pilot']);
    });

    test('an expired suppression no longer silences the finding and fails the gate itself', () => {
      const { stack, group } = weakStack();
      Baseline.suppress(group, 'PAL-SG-002', { reason: 'Was temporary', expires: '2020-01-01' });
      expect(() => expect(stack).toPassBaseline()).toThrow(/PAL-SUPPRESSION-EXPIRED[\s\S]*PAL-SG-002|PAL-SG-002[\s\S]*PAL-SUPPRESSION-EXPIRED/);
    });

    test.each([
      ['an unknown rule id', 'PAL-NOPE-999', { reason: 'x' }, /test-network\/legacy: ruleId = "PAL-NOPE-999": not a rule of the baseline/],
      ['an empty reason', 'PAL-SG-002', { reason: '  ' }, /test-network\/legacy: reason = " {2}": suppressing PAL-SG-002 needs a stated reason/],
      ['a malformed expiry', 'PAL-SG-002', { reason: 'Vendor list changes weekly', expires: '31/01/2099' }, /expires = "31\/01\/2099": use a calendar date written YYYY-MM-DD/],
    ])('refuses %s', (_name, ruleId, options, message) => {
      const { group } = weakStack();
      expect(() => Baseline.suppress(group, ruleId, options)).toThrow(message);
    });
  });
});

describe('the synth gate and Terraform modules (PAL-MODULE-001)', () => {
  /** A stack that calls a registry module through cdktf, gated by the baseline. */
  function moduleStack(suppress: boolean): { app: App; stack: TerraformStack } {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-module-gate-'));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'net');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1', allowedAccountIds: ['123456789012'] });
    const vpc = new TerraformHclModule(stack, 'vpc', { source: 'terraform-aws-modules/vpc/aws', version: '5.8.1', variables: { cidr: '10.0.0.0/16' } });
    if (suppress) Baseline.suppress(vpc, 'PAL-MODULE-001', { reason: 'Pinned release of the reviewed VPC module, planned and checked in its own pipeline' });
    Baseline.enforce(stack, { allowedRegions: ['eu-west-1'] });
    return { app, stack };
  }

  test("fails synthesis on a module call, whose resources the stack's Terraform JSON does not hold", () => {
    const { app } = moduleStack(false);
    expect(() => app.synth()).toThrow(/\[PAL-MODULE-001 high unproven\] The resources of module\.vpc \(source "terraform-aws-modules\/vpc\/aws"\)/);
  });

  test('passes once the module is suppressed with a reason, which travels in the stack comment (cdktf rewrites the module block\'s)', () => {
    const { app, stack } = moduleStack(true);
    app.synth();
    const synthesized = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'net', 'cdk.tf.json'), 'utf8'));
    expect(synthesized['//'].palisade.modules.vpc.suppressions).toEqual([{ ruleId: 'PAL-MODULE-001', reason: 'Pinned release of the reviewed VPC module, planned and checked in its own pipeline' }]);
    const report = Baseline.check(stack, { allowedRegions: ['eu-west-1'] });
    expect(report.unproven.map((u) => `${u.ruleId} ${u.resource} ${u.suppressed}`)).toEqual(['PAL-MODULE-001 module.vpc true']);
  });
});
