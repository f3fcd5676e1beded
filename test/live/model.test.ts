import { EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { LIVE_RULES, runLiveAudit } from '../../live/audit';
import { assignNames, sanitizeName } from '../../live/names';
import { emptySnapshot } from '../../live/snapshot';
import { liveModel, toTerraformDocument } from '../../live/to-terraform';
import { runBaseline } from '../../policies/engine';
import { ebsDefaultEncryption } from '../../policies/rules/pal-acct-001';
import { sgNoWorldAdminIngress } from '../../policies/rules/pal-sg-001';
import { compliantEstate, modelOf, ref } from '../policies/fixtures';
import { ACCOUNT, deployedAccount, emptyAccount, REGION, serveAccount, sgRule, testClientFactory, type Account } from './fixtures';

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());

const snapshotOf = (account: Account, region = REGION) => ({ region, ...account });
const docOf = (account: Account) => toTerraformDocument(snapshotOf(account));
const resources = (account: Account) => docOf(account).json.resource as Record<string, Record<string, Record<string, unknown>>>;

async function audit(account: Account, rules = LIVE_RULES) {
  serveAccount(ec2, { [REGION]: account });
  return runLiveAudit({ regions: [REGION], clientFactory: testClientFactory, rules });
}

describe('mapping EC2 responses to Terraform-shaped resources', () => {
  test('names resources after their Name tag and links them with ${type.name.attr} references', () => {
    const r = resources(deployedAccount());
    expect(Object.keys(r.aws_vpc)).toEqual(['production_vpc']);
    expect(r.aws_subnet.production_app_a).toMatchObject({ id: 'subnet-0app1', vpc_id: '${aws_vpc.production_vpc.id}', map_public_ip_on_launch: false, tags: { Name: 'production-app-a', Tier: 'app' } });
    expect(r.aws_flow_log.production_vpc_flow_log).toMatchObject({ vpc_id: '${aws_vpc.production_vpc.id}', traffic_type: 'ALL' });
  });

  test('security group rules become aws_vpc_security_group_*_rule resources referencing their groups', () => {
    const r = resources(deployedAccount());
    expect(r.aws_vpc_security_group_ingress_rule.production_app_ingress_sgr_0appin).toEqual({
      id: 'sgr-0appin',
      security_group_id: '${aws_security_group.production_app.id}',
      ip_protocol: 'tcp',
      from_port: 8443,
      to_port: 8443,
      referenced_security_group_id: '${aws_security_group.production_alb.id}',
      description: 'From ALB',
    });
    expect(r.aws_vpc_security_group_egress_rule.production_app_egress_sgr_0appout).toMatchObject({ cidr_ipv4: '0.0.0.0/0', from_port: 443 });
  });

  test('the group named "default" becomes aws_default_security_group with its rules inline', () => {
    const account = deployedAccount();
    account.securityGroupRules.push(sgRule('sgr-0defself', 'sg-0default', false, '-1', -1, -1, { group: 'sg-0default' }), sgRule('sgr-0defout', 'sg-0default', true, '-1', -1, -1, { cidr: '0.0.0.0/0' }));
    const sg = resources(account).aws_default_security_group.production_default_closed;
    expect(sg.ingress).toEqual([{ protocol: '-1', from_port: 0, to_port: 0, self: true }]);
    expect(sg.egress).toEqual([{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }]);
  });

  test('network ACLs carry inline entries (without the implicit rule 32767) and subnet_ids references', () => {
    const r = resources(deployedAccount());
    expect(r.aws_network_acl.production_public_nacl.subnet_ids).toEqual(['${aws_subnet.production_public_a.id}']);
    expect(r.aws_network_acl.production_public_nacl.ingress).toHaveLength(3);
    expect(r.aws_network_acl.production_public_nacl.egress).toEqual([{ rule_no: 100, action: 'allow', protocol: '-1', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 }]);
    expect(r.aws_default_network_acl.production_default_deny_all).toMatchObject({ default_network_acl_id: '${aws_vpc.production_vpc.default_network_acl_id}', ingress: [], egress: [] });
  });

  test('routes skip the implicit local route; the main route table gets a main association', () => {
    const r = resources(deployedAccount());
    expect(Object.keys(r.aws_route)).toEqual(['production_public_0_0_0_0_0', 'production_app_a_0_0_0_0_0']);
    expect(r.aws_route.production_public_0_0_0_0_0).toMatchObject({ route_table_id: '${aws_route_table.production_public.id}', gateway_id: 'igw-0a1' });
    expect(r.aws_main_route_table_association.production_vpc_main).toEqual({ vpc_id: '${aws_vpc.production_vpc.id}', route_table_id: '${aws_route_table.production_vpc_main.id}' });
  });

  test('instances carry metadata options, public IP and their volumes with encryption', () => {
    const i = resources(deployedAccount()).aws_instance.production_app_1;
    expect(i).toMatchObject({
      associate_public_ip_address: false,
      subnet_id: '${aws_subnet.production_app_a.id}',
      vpc_security_group_ids: ['${aws_security_group.production_app.id}'],
      metadata_options: [{ http_tokens: 'required', http_endpoint: 'enabled', http_put_response_hop_limit: 1 }],
      root_block_device: [{ device_name: '/dev/xvda', volume_id: '${aws_ebs_volume.vol_0root1.id}', encrypted: true }],
      launch_template: [{ id: '${aws_launch_template.production_app.id}', version: '1' }],
    });
    expect(i.tags).not.toHaveProperty('aws:ec2launchtemplate:id');
  });

  test('launch templates take the data of their default version, not the latest', () => {
    const lt = resources(deployedAccount()).aws_launch_template.production_app;
    expect(lt).toMatchObject({ name: 'production-app', default_version: 1, latest_version: 2, image_id: 'ami-0abc', metadata_options: [{ http_tokens: 'required' }] });
    expect(lt.block_device_mappings).toEqual([{ device_name: '/dev/xvda', ebs: [expect.objectContaining({ encrypted: true, volume_size: 20 })] }]);
  });

  test('EBS encryption by default and a customer-managed default key become account-setting resources', () => {
    const r = resources(deployedAccount());
    expect(r.aws_ebs_encryption_by_default.this).toEqual({ enabled: true });
    expect(r.aws_ebs_default_kms_key.this.key_arn).toMatch(/^arn:aws:kms:/);
    expect(resources({ ...emptyAccount(), ebsDefaultKmsKeyId: 'alias/aws/ebs' }).aws_ebs_default_kms_key).toBeUndefined();
  });

  test('each region is one stack named live:<region>, with the account from the responses', () => {
    const doc = docOf(deployedAccount());
    expect(doc.stack).toBe(`live:${REGION}`);
    expect(doc.accountId).toBe(ACCOUNT);
    const model = liveModel([doc, toTerraformDocument(emptySnapshot('eu-west-1'))]);
    expect(model.stacks.map((s) => s.name)).toEqual([`live:${REGION}`, 'live:eu-west-1']);
    const vpc = model.get(`live:${REGION}`, 'aws_vpc.production_vpc')!;
    expect(model.referrers(vpc, 'aws_flow_log', 'vpc_id').map((f) => f.address)).toEqual(['aws_flow_log.production_vpc_flow_log']);
  });
});

describe('naming', () => {
  test('a Name tag shared by two resources of a type falls back to the AWS ids', () => {
    const account = deployedAccount();
    account.subnets[1].Tags = account.subnets[0].Tags;
    expect(Object.keys(resources(account).aws_subnet).sort()).toEqual(['production_data_a', 'subnet_0app1', 'subnet_0pub1']);
  });

  test('names do not depend on the order AWS returns resources in', () => {
    const items = [
      { id: 'sg-1', readable: ['web'] },
      { id: 'sg-2', readable: ['Web!'] },
      { id: 'sg-3', readable: [undefined, 'batch'] },
    ];
    const forward = assignNames(items);
    const backward = assignNames([...items].reverse());
    expect([...forward].sort()).toEqual([...backward].sort());
    expect(forward.get('sg-1')).toBe('sg_1');
    expect(forward.get('sg-3')).toBe('batch');
  });

  test('sanitized names are valid Terraform identifiers', () => {
    expect(sanitizeName('10.0.0.0/16')).toBe('r_10_0_0_0_16');
    expect(sanitizeName('Prod App (blue)')).toBe('prod_app_blue');
    expect(sanitizeName('---')).toBe('unnamed');
  });
});

describe('one rule set, two sources', () => {
  test('a world-open SSH rule is PAL-SG-001 in synthesized JSON and in the account', async () => {
    const code = compliantEstate('network').add('aws_vpc_security_group_ingress_rule', 'ssh', {
      security_group_id: ref('aws_security_group', 'app'),
      ip_protocol: 'tcp',
      from_port: 22,
      to_port: 22,
      cidr_ipv4: '0.0.0.0/0',
      description: 'debug',
    });
    const inCode = runBaseline(modelOf(code), { rules: [sgNoWorldAdminIngress] }).findings;
    expect(inCode.map((f) => [f.ruleId, f.resource])).toEqual([['PAL-SG-001', 'aws_vpc_security_group_ingress_rule.ssh']]);

    const account = deployedAccount();
    account.securityGroupRules.push(sgRule('sgr-0ssh', 'sg-0app', false, 'tcp', 22, 22, { cidr: '0.0.0.0/0' }, 'debug'));
    const inAccount = (await audit(account, [sgNoWorldAdminIngress])).report.findings;
    expect(inAccount.map((f) => [f.ruleId, f.stack, f.resource])).toEqual([['PAL-SG-001', `live:${REGION}`, 'aws_vpc_security_group_ingress_rule.production_app_ingress_sgr_0ssh']]);
    expect(inAccount[0].message).toContain('allows 22/SSH from 0.0.0.0/0');
    expect(inAccount[0].severity).toBe(inCode[0].severity);
  });

  test('the faithfully deployed estate passes the whole baseline', async () => {
    const { report } = await audit(deployedAccount());
    expect(report.findings).toEqual([]);
    expect(report.summary.stacks).toEqual([`live:${REGION}`]);
    expect(report.summary.resourcesScanned).toBeGreaterThan(20);
  });

  test('live findings point at the resource, not at a file', async () => {
    const account = deployedAccount();
    account.subnets[0].MapPublicIpOnLaunch = true;
    const [f] = (await audit(account)).report.findings;
    expect(f).toMatchObject({ ruleId: 'PAL-VPC-003', resource: 'aws_subnet.production_public_a' });
    expect(f.file).toBeUndefined();
    expect(f.jsonPath).toBeUndefined();
  });

  test('a data subnet on the main route table is judged by the main table routes', async () => {
    const account = deployedAccount();
    account.routeTables = account.routeTables.filter((t) => t.RouteTableId !== 'rtb-0data');
    account.routeTables[0].Routes!.push({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0a1', State: 'active' });
    const ids = (await audit(account)).report.findings.map((f) => `${f.ruleId} ${f.resource}`);
    expect(ids).toEqual(['PAL-VPC-004 aws_subnet.production_data_a']);
  });

  test('AWS default rules left on a default security group fail PAL-VPC-002', async () => {
    const account = deployedAccount();
    account.securityGroupRules.push(sgRule('sgr-0defself', 'sg-0default', false, '-1', -1, -1, { group: 'sg-0default' }));
    const f = (await audit(account)).report.findings.find((x) => x.ruleId === 'PAL-VPC-002');
    expect(f?.resource).toBe('aws_vpc.production_vpc');
  });

  test('rules that are not registered yet run unchanged on live resources (EBS default encryption)', async () => {
    const account = { ...emptyAccount(), ebsEncryptionByDefault: false, ebsDefaultKmsKeyId: 'alias/aws/ebs' };
    const { report } = await audit(account, [ebsDefaultEncryption]);
    expect(report.findings.map((f) => [f.ruleId, f.resource, f.message])).toEqual([['PAL-ACCT-001', 'aws_ebs_encryption_by_default.this', 'EBS default encryption is disabled by aws_ebs_encryption_by_default.this.']]);
  });

  test('an empty region is clean: no infrastructure, no provider to judge', async () => {
    const { report, documents } = await audit(emptyAccount());
    expect(report.findings).toEqual([]);
    expect(documents[0].json.provider).toBeUndefined();
  });
});
