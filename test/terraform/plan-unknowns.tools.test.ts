import * as fs from 'fs';
import * as path from 'path';
import { runBaseline } from '../../policies/engine';
import { loadModel } from '../../policies/model/load';
import { testRunDir } from '../support/paths';
import { requireTerraform, runTerraform } from '../support/terraform';

/**
 * A small Terraform project in the shapes public modules use — ids routed through locals, count, a CMK-encrypted
 * bucket whose rule is unknown at plan time, a key without policy, rules on the VPC's default group by id, a
 * world-open IPv6 rule in a long spelling — planned offline with the real AWS provider.
 */
const UNKNOWNS_PROJECT = {
  provider: { aws: [{ region: 'eu-west-1' }] },
  locals: { vpc_id: '${aws_vpc.main.id}' },
  resource: {
    aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
    aws_subnet: {
      a: { count: 2, vpc_id: '${local.vpc_id}', cidr_block: '${cidrsubnet("10.0.0.0/16", 8, count.index)}' },
      b: { count: 2, vpc_id: '${aws_vpc.main.id}', cidr_block: '${cidrsubnet("10.0.0.0/16", 8, count.index + 10)}' },
    },
    aws_default_network_acl: { main: { default_network_acl_id: '${aws_vpc.main.default_network_acl_id}' } },
    aws_default_security_group: { main: { vpc_id: '${aws_vpc.main.id}' } },
    aws_vpc_security_group_ingress_rule: {
      default_open: { security_group_id: '${aws_vpc.main.default_security_group_id}', ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.0.0.0/8', description: 'opens the default group' },
      ssh_v6: { security_group_id: '${aws_security_group.web.id}', ip_protocol: '6', from_port: '22', to_port: '22', cidr_ipv6: '0:0:0:0:0:0:0:0/0', description: 'ssh from the IPv6 internet' },
    },
    aws_security_group: { web: { name: 'web', description: 'web', vpc_id: '${local.vpc_id}' } },
    aws_cloudwatch_log_group: { flow: { name: 'flow', retention_in_days: 400, kms_key_id: '${aws_kms_key.cmk.arn}' } },
    aws_iam_role: { flow: { name: 'flow', assume_role_policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"vpc-flow-logs.amazonaws.com"},"Action":"sts:AssumeRole"}]}' } },
    aws_flow_log: { main: { vpc_id: '${local.vpc_id}', traffic_type: 'ALL', log_destination: '${aws_cloudwatch_log_group.flow.arn}', iam_role_arn: '${aws_iam_role.flow.arn}' } },
    aws_kms_key: {
      nopolicy: { description: 'declares no policy', enable_key_rotation: true },
      cmk: { description: 'bucket key', enable_key_rotation: true, policy: '{"Version":"2012-10-17","Statement":[{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}' },
    },
    aws_s3_bucket: { data: { bucket: 'palisade-unknowns-data' } },
    aws_s3_bucket_server_side_encryption_configuration: {
      data: { bucket: '${aws_s3_bucket.data.id}', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.cmk.arn}' }], bucket_key_enabled: true }] },
    },
  },
};

describe('the baseline on a real plan full of values known only after apply', () => {
  let statusOf: (ruleId: string, address: string) => string | undefined;
  let messageOf: (ruleId: string, address: string) => string | undefined;

  beforeAll(async () => {
    requireTerraform();
    const dir = path.join(testRunDir(), 'plan-unknowns');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'main.tf.json');
    fs.writeFileSync(file, JSON.stringify(UNKNOWNS_PROJECT));
    const run = await runTerraform(file, path.join(dir, 'tf'), { plan: true, stack: 'unknowns' });
    if (!run.planJsonPath) throw new Error(`plan failed: ${run.plan?.output ?? run.validate?.output ?? run.init.output}`);
    const report = runBaseline(loadModel(run.planJsonPath));
    const find = (ruleId: string, address: string) => report.results.find((r) => r.ruleId === ruleId && r.resource === address);
    statusOf = (id, a) => find(id, a)?.status;
    messageOf = (id, a) => find(id, a)?.message;
  }, 300000);

  test('a flow log whose vpc_id comes through a local is unproven for the VPC, never "no flow log"', () => {
    expect(statusOf('PAL-VPC-001', 'aws_vpc.main')).toBe('unproven');
    expect(messageOf('PAL-VPC-001', 'aws_vpc.main')).toMatch(/cannot be shown at plan time because the vpc_id of aws_flow_log.main/);
  });

  test('count instances in the adopted default ACL are in a managed ACL; through a local their VPC is unproven', () => {
    expect(statusOf('PAL-NACL-001', 'aws_subnet.b[0]')).toBe('compliant');
    expect(statusOf('PAL-NACL-001', 'aws_subnet.b[1]')).toBe('compliant');
    expect(statusOf('PAL-NACL-001', 'aws_subnet.a[0]')).toBe('unproven');
    expect(messageOf('PAL-NACL-001', 'aws_subnet.a[1]')).toMatch(/cannot be shown at plan time because its vpc_id/);
  });

  test('nothing computed by the provider is read as a declared policy that cannot be analysed', () => {
    expect(statusOf('PAL-KMS-003', 'aws_kms_key.nopolicy')).toBe('compliant');
  });

  test('a rule resource on the VPC default group id opens the default group', () => {
    expect(statusOf('PAL-VPC-002', 'aws_vpc.main')).toBe('non-compliant');
    expect(messageOf('PAL-VPC-002', 'aws_vpc.main')).toContain('aws_vpc_security_group_ingress_rule.default_open');
  });

  test('SSH from 0:0:0:0:0:0:0:0/0 with protocol "6" and string ports is world-open', () => {
    expect(statusOf('PAL-SG-001', 'aws_vpc_security_group_ingress_rule.ssh_v6')).toBe('non-compliant');
  });

  test('a key that declares no policy fails, a key with a policy passes', () => {
    expect(statusOf('PAL-KMS-002', 'aws_kms_key.nopolicy')).toBe('non-compliant');
    expect(statusOf('PAL-KMS-002', 'aws_kms_key.cmk')).toBe('compliant');
  });

  test('a bucket encrypted with a CMK whose rule is unknown at plan time passes the encryption rule', () => {
    expect(statusOf('PAL-BUCKET-001', 'aws_s3_bucket.data')).toBe('compliant');
  });
});
