import { EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { runLiveAudit } from '../../live/audit';
import { sgNoWorldAdminIngress } from '../../policies/rules/pal-sg-001';
import { modelOf, StackBuilder } from '../policies/fixtures';
import { ACCOUNT, deployedAccount, emptyAccount, intendedEstate, REGION, serveAccount, sgRule, tags, testClientFactory, type Account } from './fixtures';

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());

const LIVE = `live:${REGION}`;

async function driftOf(account: Account, intent: StackBuilder[] = intendedEstate(), region = REGION) {
  serveAccount(ec2, { [region]: account });
  const result = await runLiveAudit({ regions: [region], clientFactory: testClientFactory, against: modelOf(...intent), rules: [sgNoWorldAdminIngress] });
  const drift = result.report.findings.filter((f) => f.ruleId.startsWith('PAL-DRIFT-'));
  return { result, drift, ids: drift.map((f) => `${f.ruleId} ${f.stack}/${f.resource}`) };
}

describe('an account deployed exactly as synthesized', () => {
  test('has no drift, and every resource is matched with a stated reason', async () => {
    const { drift, result } = await driftOf(deployedAccount());
    expect(drift).toEqual([]);
    const reasons = Object.fromEntries(result.drift!.matches.map((m) => [m.live.address, m.reason]));
    expect(reasons['aws_subnet.production_app_a']).toBe('type aws_subnet and Name tag "production-app-a"');
    expect(reasons['aws_default_security_group.production_default_closed']).toBe('aws_default_security_group of the matched VPC aws_vpc.production_network (aws_vpc.production_vpc)');
    expect(result.drift!.scopes).toEqual([{ region: REGION, stacks: ['production-network', 'production-security'] }]);
  });

  test('matched resources are passes of PAL-DRIFT-001 that say what they matched', async () => {
    const { result } = await driftOf(deployedAccount());
    const vpc = result.report.results.find((r) => r.ruleId === 'PAL-DRIFT-001' && r.resource === 'aws_vpc.production_vpc');
    expect(vpc).toMatchObject({ status: 'compliant', message: 'aws_vpc.production_vpc is production-network/aws_vpc.production_network, matched by type aws_vpc and Name tag "production-vpc".' });
    expect(result.report.outcomes['PAL-DRIFT-002']).toBe('pass');
  });

  test('NACL entries whose CIDR is a reference to the VPC are compared by the referenced value', async () => {
    const account = deployedAccount();
    account.networkAcls[2].Entries![0].CidrBlock = '10.99.0.0/16';
    const { ids } = await driftOf(account);
    expect(ids).toEqual([`PAL-DRIFT-002 ${LIVE}/aws_network_acl.production_private_nacl`, 'PAL-DRIFT-003 production-network/aws_network_acl.production_network_private_nacl']);
  });
});

describe('firewall drift', () => {
  test('an SSH rule added in the console is drift (PAL-DRIFT-002) and a baseline finding (PAL-SG-001)', async () => {
    const account = deployedAccount();
    account.securityGroupRules.push(sgRule('sgr-0ssh', 'sg-0app', false, 'tcp', 22, 22, { cidr: '0.0.0.0/0' }, 'temp debug'));
    const { result, drift } = await driftOf(account);
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatchObject({ ruleId: 'PAL-DRIFT-002', severity: 'high', stack: LIVE, resource: 'aws_vpc_security_group_ingress_rule.production_app_ingress_sgr_0ssh' });
    expect(drift[0].message).toBe(
      'security-group rule "ingress tcp port 22 from 0.0.0.0/0" of aws_security_group.production_app (sg-0app) exists in AWS but not in production-network/aws_security_group.production_app: added by hand or by another tool.',
    );
    expect(result.report.findings.map((f) => f.ruleId)).toContain('PAL-SG-001');
  });

  test('a rule deleted in the console is reported against the code that declares it', async () => {
    const account = deployedAccount();
    account.securityGroupRules = account.securityGroupRules.filter((r) => r.SecurityGroupRuleId !== 'sgr-0appin');
    const { drift } = await driftOf(account);
    expect(drift.map((f) => [f.ruleId, f.stack, f.resource])).toEqual([['PAL-DRIFT-003', 'production-network', 'aws_vpc_security_group_ingress_rule.production_app_ingress_alb']]);
    expect(drift[0].message).toContain('"ingress tcp port 8443 from group production-alb"');
    expect(drift[0].file).toBe('stacks/production-network/cdk.tf.json');
  });

  test('a NACL entry removed and another added by hand are both drift', async () => {
    const account = deployedAccount();
    const pub = account.networkAcls[1];
    pub.Entries = pub.Entries!.filter((e) => e.RuleNumber !== 110);
    pub.Entries.push({ RuleNumber: 90, Egress: false, RuleAction: 'allow', Protocol: '-1', CidrBlock: '0.0.0.0/0' });
    const { drift } = await driftOf(account);
    expect(drift.map((f) => f.message)).toEqual([
      expect.stringContaining('network ACL entry "ingress rule #90 allow all traffic from 0.0.0.0/0" of aws_network_acl.production_public_nacl (acl-0pub) exists in AWS but not in production-network/aws_network_acl.production_network_public_nacl'),
      expect.stringContaining('network ACL entry "ingress rule #110 deny tcp port 3389 from 0.0.0.0/0" declared by production-network/aws_network_acl.production_network_public_nacl is missing'),
    ]);
  });

  test('a security group declared in code but not deployed is PAL-DRIFT-003', async () => {
    const [network, security] = intendedEstate();
    network.add('aws_security_group', 'production_batch', { name: 'production-batch', description: 'Batch', vpc_id: '${aws_vpc.production_network.id}', tags: { Name: 'production-batch' } });
    const { ids, drift } = await driftOf(deployedAccount(), [network, security]);
    expect(ids).toEqual(['PAL-DRIFT-003 production-network/aws_security_group.production_batch']);
    expect(drift[0].message).toBe(
      `production-network/aws_security_group.production_batch (aws_security_group "production-batch") is in the code but nothing of that type and name exists in ${REGION}: not deployed yet, destroyed, or renamed outside Terraform.`,
    );
  });
});

describe('resources not managed by Terraform', () => {
  test('an instance launched outside the fleet is unmanaged, and the message says why', async () => {
    const account = deployedAccount();
    account.instances.push({ InstanceId: 'i-0debug', ImageId: 'ami-0zzz', InstanceType: 't3.large', SubnetId: 'subnet-0pub1', PublicIpAddress: '3.120.0.10', State: { Code: 16, Name: 'running' }, Tags: [{ Key: 'Name', Value: 'debug-box' }] });
    const { drift } = await driftOf(account);
    expect(drift.map((f) => [f.ruleId, f.resource])).toEqual([['PAL-DRIFT-001', 'aws_instance.debug_box']]);
    expect(drift[0].message).toBe(
      `aws_instance i-0debug (Name "debug-box") is not managed by Terraform: it has no ManagedBy=palisade tag and no aws_instance with Name "debug-box" in the stacks for ${REGION}: production-network, production-security.`,
    );
  });

  describe('instances an auto scaling group launched', () => {
    const fleetInstance = (): Instance => ({
      InstanceId: 'i-0fleet2', ImageId: 'ami-0abc', InstanceType: 't3.micro', SubnetId: 'subnet-0app1', State: { Code: 16, Name: 'running' },
      MetadataOptions: { State: 'applied', HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled' },
      Tags: [...tags('production-app', 'app'), { Key: 'aws:autoscaling:groupName', Value: 'production-app' }, { Key: 'aws:ec2launchtemplate:id', Value: 'lt-0app' }, { Key: 'aws:ec2launchtemplate:version', Value: '1' }],
    });

    test('are managed through their group when the code declares that group for the launch template', async () => {
      const account = deployedAccount();
      account.instances.push(fleetInstance());
      const intent = intendedEstate();
      intent[0].add('aws_autoscaling_group', 'production_app', { name: 'production-app', min_size: 2, max_size: 4, launch_template: [{ id: '${aws_launch_template.production_app.id}', version: '$Latest' }] });
      const { drift } = await driftOf(account, intent);
      expect(drift).toEqual([]);
    });

    test('are unmanaged when no declared group uses their launch template', async () => {
      const account = deployedAccount();
      account.instances.push(fleetInstance());
      const { drift } = await driftOf(account);
      expect(drift.map((f) => [f.ruleId, f.resource])).toEqual([['PAL-DRIFT-001', 'aws_instance.production_app']]);
    });
  });

  test('a resource tagged by the estate but absent from the code is called out as such', async () => {
    const account = deployedAccount();
    account.subnets.push({ SubnetId: 'subnet-0old', VpcId: 'vpc-0a1b2c3d', CidrBlock: '10.20.200.0/24', MapPublicIpOnLaunch: false, Tags: tags('production-legacy-a', 'app') });
    const { drift } = await driftOf(account);
    expect(drift[0].message).toContain('is tagged ManagedBy=palisade, Stack=production-network but no aws_subnet with Name "production-legacy-a"');
  });

  test('the default VPC is reported once; its AWS-made subnets, group, ACL and route table are not', async () => {
    const account = deployedAccount();
    account.vpcs.push({ VpcId: 'vpc-0dflt', CidrBlock: '172.31.0.0/16', IsDefault: true, OwnerId: ACCOUNT, Tags: [] });
    account.subnets.push({ SubnetId: 'subnet-0dflta', VpcId: 'vpc-0dflt', CidrBlock: '172.31.0.0/20', DefaultForAz: true, MapPublicIpOnLaunch: true });
    account.securityGroups.push({ GroupId: 'sg-0dflt', GroupName: 'default', VpcId: 'vpc-0dflt', OwnerId: ACCOUNT });
    account.networkAcls.push({ NetworkAclId: 'acl-0dflt', VpcId: 'vpc-0dflt', IsDefault: true, Entries: [], Associations: [{ SubnetId: 'subnet-0dflta' }] });
    account.routeTables.push({ RouteTableId: 'rtb-0dflt', VpcId: 'vpc-0dflt', Associations: [{ Main: true }], Routes: [] });
    const { ids, drift } = await driftOf(account);
    expect(ids).toEqual([`PAL-DRIFT-001 ${LIVE}/aws_vpc.default_vpc`]);
    expect(drift[0].message).toContain('is the default VPC created by AWS');
  });

  test('volumes attached to an instance are managed through it; a loose volume is unmanaged', async () => {
    const account = deployedAccount();
    account.volumes.push({ VolumeId: 'vol-0loose', AvailabilityZone: `${REGION}a`, Size: 100, Encrypted: false, Attachments: [], Tags: [] });
    const { ids } = await driftOf(account);
    expect(ids).toEqual([`PAL-DRIFT-001 ${LIVE}/aws_ebs_volume.vol_0loose`]);
  });

  test('a region that no stack targets: everything found there is unmanaged', async () => {
    const account = emptyAccount();
    account.vpcs.push({ VpcId: 'vpc-0x', CidrBlock: '10.9.0.0/16', OwnerId: ACCOUNT, Tags: [{ Key: 'Name', Value: 'shadow-it' }] });
    const { drift, result } = await driftOf(account, intendedEstate(), 'eu-west-1');
    expect(result.drift!.scopes).toEqual([{ region: 'eu-west-1', stacks: [] }]);
    expect(drift[0].message).toContain(`in the stacks for eu-west-1: none (no stack in the code targets eu-west-1 for account ${ACCOUNT})`);
  });

  test('stacks locked to another account are not compared with this one', async () => {
    const intent = intendedEstate().map((s) => s.setProviders([{ region: REGION, allowed_account_ids: ['999999999999'] }]));
    const { result, drift } = await driftOf(deployedAccount(), intent);
    expect(result.drift!.scopes[0].stacks).toEqual([]);
    expect(drift.every((f) => f.ruleId === 'PAL-DRIFT-001')).toBe(true);
  });
});

describe('setting drift', () => {
  test('EBS encryption by default switched off in the console is PAL-DRIFT-004', async () => {
    const account = deployedAccount();
    account.ebsEncryptionByDefault = false;
    account.ebsDefaultKmsKeyId = 'alias/aws/ebs';
    const { drift } = await driftOf(account);
    expect(drift.map((f) => [f.ruleId, f.message])).toEqual([
      ['PAL-DRIFT-004', `EBS encryption by default is disabled in ${REGION}, but production-security/aws_ebs_encryption_by_default.production_ebs_encryption sets enabled = true.`],
      ['PAL-DRIFT-004', `The default EBS KMS key in ${REGION} is the AWS-managed alias/aws/ebs, but production-security/aws_ebs_default_kms_key.production_ebs_default_key sets a customer-managed key.`],
    ]);
  });
});
