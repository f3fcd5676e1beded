/**
 * EC2 API responses of a small deployed estate (shapes and field names as in the EC2 API reference /
 * `@aws-sdk/client-ec2` output types), the synthesized intent that was reviewed for it, and a mock
 * that serves the account per region with real pagination (NextToken).
 */
import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  type NetworkAclEntry,
  type SecurityGroupRule,
  type Tag,
} from '@aws-sdk/client-ec2';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { emptySnapshot, type RegionSnapshot } from '../../live/snapshot';
import { ref, StackBuilder } from '../policies/fixtures';

export const ACCOUNT = '222222222222';
export const REGION = 'eu-central-1';
const KMS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** The account's contents per region, in EC2 API shapes. */
export type Account = Omit<RegionSnapshot, 'region'>;

export function tags(name: string, tier: string, stack = 'production-network'): Tag[] {
  return [
    { Key: 'Name', Value: name },
    { Key: 'Tier', Value: tier },
    { Key: 'ManagedBy', Value: 'palisade' },
    { Key: 'Stack', Value: stack },
    { Key: 'Environment', Value: 'production' },
  ];
}

const entry = (n: number, egress: boolean, action: 'allow' | 'deny', protocol: string, cidr: string, from?: number, to?: number): NetworkAclEntry => ({
  RuleNumber: n,
  Egress: egress,
  RuleAction: action,
  Protocol: protocol,
  CidrBlock: cidr,
  ...(from !== undefined ? { PortRange: { From: from, To: to } } : {}),
});
const catchAll = [entry(32767, false, 'deny', '-1', '0.0.0.0/0'), entry(32767, true, 'deny', '-1', '0.0.0.0/0')];

export const sgRule = (id: string, group: string, egress: boolean, protocol: string, from: number, to: number, peer: { cidr?: string; group?: string }, description?: string): SecurityGroupRule => ({
  SecurityGroupRuleId: id,
  GroupId: group,
  GroupOwnerId: ACCOUNT,
  IsEgress: egress,
  IpProtocol: protocol,
  FromPort: from,
  ToPort: to,
  ...(peer.cidr ? { CidrIpv4: peer.cidr } : {}),
  ...(peer.group ? { ReferencedGroupInfo: { GroupId: peer.group, UserId: ACCOUNT } } : {}),
  ...(description ? { Description: description } : {}),
  SecurityGroupRuleArn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group-rule/${id}`,
  Tags: [],
});

/** The estate as deployed by `cdktf deploy`, nothing changed since. */
export function deployedAccount(): Account {
  return {
    vpcs: [{ VpcId: 'vpc-0a1b2c3d', CidrBlock: '10.20.0.0/16', OwnerId: ACCOUNT, State: 'available', InstanceTenancy: 'default', IsDefault: false, Tags: tags('production-vpc', 'shared') }],
    subnets: [
      { SubnetId: 'subnet-0pub1', VpcId: 'vpc-0a1b2c3d', CidrBlock: '10.20.0.0/22', AvailabilityZone: `${REGION}a`, MapPublicIpOnLaunch: false, DefaultForAz: false, State: 'available', Tags: tags('production-public-a', 'public') },
      { SubnetId: 'subnet-0app1', VpcId: 'vpc-0a1b2c3d', CidrBlock: '10.20.64.0/20', AvailabilityZone: `${REGION}a`, MapPublicIpOnLaunch: false, DefaultForAz: false, State: 'available', Tags: tags('production-app-a', 'app') },
      { SubnetId: 'subnet-0data1', VpcId: 'vpc-0a1b2c3d', CidrBlock: '10.20.16.0/20', AvailabilityZone: `${REGION}a`, MapPublicIpOnLaunch: false, DefaultForAz: false, State: 'available', Tags: tags('production-data-a', 'data') },
    ],
    routeTables: [
      { RouteTableId: 'rtb-0main', VpcId: 'vpc-0a1b2c3d', OwnerId: ACCOUNT, Routes: [{ DestinationCidrBlock: '10.20.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }], Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-0main', RouteTableId: 'rtb-0main', AssociationState: { State: 'associated' } }], Tags: [] },
      {
        RouteTableId: 'rtb-0pub',
        VpcId: 'vpc-0a1b2c3d',
        OwnerId: ACCOUNT,
        Routes: [
          { DestinationCidrBlock: '10.20.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
          { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0a1', Origin: 'CreateRoute', State: 'active' },
        ],
        Associations: [{ Main: false, RouteTableAssociationId: 'rtbassoc-0pub', RouteTableId: 'rtb-0pub', SubnetId: 'subnet-0pub1', AssociationState: { State: 'associated' } }],
        Tags: tags('production-public', 'public'),
      },
      {
        RouteTableId: 'rtb-0app',
        VpcId: 'vpc-0a1b2c3d',
        OwnerId: ACCOUNT,
        Routes: [
          { DestinationCidrBlock: '10.20.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
          { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0a1', Origin: 'CreateRoute', State: 'active' },
        ],
        Associations: [{ Main: false, RouteTableAssociationId: 'rtbassoc-0app', RouteTableId: 'rtb-0app', SubnetId: 'subnet-0app1', AssociationState: { State: 'associated' } }],
        Tags: tags('production-app-a', 'app'),
      },
      {
        RouteTableId: 'rtb-0data',
        VpcId: 'vpc-0a1b2c3d',
        OwnerId: ACCOUNT,
        Routes: [{ DestinationCidrBlock: '10.20.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }],
        Associations: [{ Main: false, RouteTableAssociationId: 'rtbassoc-0data', RouteTableId: 'rtb-0data', SubnetId: 'subnet-0data1', AssociationState: { State: 'associated' } }],
        Tags: tags('production-data', 'data'),
      },
    ],
    securityGroups: [
      { GroupId: 'sg-0default', GroupName: 'default', Description: 'default VPC security group', VpcId: 'vpc-0a1b2c3d', OwnerId: ACCOUNT, IpPermissions: [], IpPermissionsEgress: [], Tags: tags('production-default-closed', 'shared') },
      { GroupId: 'sg-0alb', GroupName: 'production-alb', Description: 'Public ALB', VpcId: 'vpc-0a1b2c3d', OwnerId: ACCOUNT, Tags: tags('production-alb', 'public') },
      { GroupId: 'sg-0app', GroupName: 'production-app', Description: 'App tier', VpcId: 'vpc-0a1b2c3d', OwnerId: ACCOUNT, Tags: tags('production-app', 'app') },
    ],
    securityGroupRules: [
      sgRule('sgr-0alb443', 'sg-0alb', false, 'tcp', 443, 443, { cidr: '0.0.0.0/0' }, 'HTTPS from the internet'),
      sgRule('sgr-0albout', 'sg-0alb', true, 'tcp', 8443, 8443, { group: 'sg-0app' }, 'To app tier'),
      sgRule('sgr-0appin', 'sg-0app', false, 'tcp', 8443, 8443, { group: 'sg-0alb' }, 'From ALB'),
      sgRule('sgr-0appout', 'sg-0app', true, 'tcp', 443, 443, { cidr: '0.0.0.0/0' }, 'HTTPS out via NAT'),
    ],
    networkAcls: [
      { NetworkAclId: 'acl-0default', VpcId: 'vpc-0a1b2c3d', IsDefault: true, OwnerId: ACCOUNT, Associations: [], Entries: [...catchAll], Tags: tags('production-default-deny-all', 'shared') },
      {
        NetworkAclId: 'acl-0pub',
        VpcId: 'vpc-0a1b2c3d',
        IsDefault: false,
        OwnerId: ACCOUNT,
        Associations: [{ NetworkAclAssociationId: 'aclassoc-0pub', NetworkAclId: 'acl-0pub', SubnetId: 'subnet-0pub1' }],
        Entries: [
          entry(100, false, 'allow', '6', '0.0.0.0/0', 443, 443),
          entry(110, false, 'deny', '6', '0.0.0.0/0', 3389, 3389),
          entry(120, false, 'allow', '6', '0.0.0.0/0', 1024, 65535),
          entry(100, true, 'allow', '-1', '0.0.0.0/0'),
          ...catchAll,
        ],
        Tags: tags('production-public-nacl', 'public'),
      },
      {
        NetworkAclId: 'acl-0priv',
        VpcId: 'vpc-0a1b2c3d',
        IsDefault: false,
        OwnerId: ACCOUNT,
        Associations: [
          { NetworkAclAssociationId: 'aclassoc-0app', NetworkAclId: 'acl-0priv', SubnetId: 'subnet-0app1' },
          { NetworkAclAssociationId: 'aclassoc-0data', NetworkAclId: 'acl-0priv', SubnetId: 'subnet-0data1' },
        ],
        Entries: [entry(100, false, 'allow', '6', '10.20.0.0/16', 0, 65535), entry(100, true, 'allow', '6', '10.20.0.0/16', 0, 65535), ...catchAll],
        Tags: tags('production-private-nacl', 'app'),
      },
    ],
    flowLogs: [
      {
        FlowLogId: 'fl-0a1',
        ResourceId: 'vpc-0a1b2c3d',
        TrafficType: 'ALL',
        LogDestinationType: 'cloud-watch-logs',
        LogGroupName: '/palisade/production/vpc-flow-logs',
        LogDestination: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/palisade/production/vpc-flow-logs`,
        DeliverLogsPermissionArn: `arn:aws:iam::${ACCOUNT}:role/production-flow-log`,
        FlowLogStatus: 'ACTIVE',
        MaxAggregationInterval: 60,
        Tags: tags('production-vpc-flow-log', 'shared'),
      },
    ],
    instances: [
      {
        InstanceId: 'i-0app1',
        ImageId: 'ami-0abc',
        InstanceType: 't3.micro',
        SubnetId: 'subnet-0app1',
        VpcId: 'vpc-0a1b2c3d',
        PrivateIpAddress: '10.20.64.10',
        State: { Code: 16, Name: 'running' },
        RootDeviceName: '/dev/xvda',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-0root1', Status: 'attached', DeleteOnTermination: true } }],
        SecurityGroups: [{ GroupId: 'sg-0app', GroupName: 'production-app' }],
        MetadataOptions: { State: 'applied', HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled', InstanceMetadataTags: 'disabled' },
        Monitoring: { State: 'enabled' },
        Tags: [...tags('production-app-1', 'app'), { Key: 'aws:ec2launchtemplate:id', Value: 'lt-0app' }, { Key: 'aws:ec2launchtemplate:version', Value: '1' }],
      },
    ],
    volumes: [
      {
        VolumeId: 'vol-0root1',
        AvailabilityZone: `${REGION}a`,
        Size: 20,
        VolumeType: 'gp3',
        Encrypted: true,
        KmsKeyId: KMS_KEY,
        State: 'in-use',
        Attachments: [{ VolumeId: 'vol-0root1', InstanceId: 'i-0app1', Device: '/dev/xvda', State: 'attached', DeleteOnTermination: true }],
        Tags: [],
      },
    ],
    launchTemplates: [{ LaunchTemplateId: 'lt-0app', LaunchTemplateName: 'production-app', DefaultVersionNumber: 1, LatestVersionNumber: 2, Tags: tags('production-app', 'app') }],
    launchTemplateVersions: [
      {
        LaunchTemplateId: 'lt-0app',
        LaunchTemplateName: 'production-app',
        VersionNumber: 1,
        DefaultVersion: true,
        LaunchTemplateData: {
          ImageId: 'ami-0abc',
          InstanceType: 't3.micro',
          SecurityGroupIds: ['sg-0app'],
          MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled' },
          BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, KmsKeyId: KMS_KEY, VolumeSize: 20, VolumeType: 'gp3' } }],
        },
      },
      {
        LaunchTemplateId: 'lt-0app',
        LaunchTemplateName: 'production-app',
        VersionNumber: 2,
        DefaultVersion: false,
        LaunchTemplateData: { ImageId: 'ami-0def', InstanceType: 't3.micro', MetadataOptions: { HttpTokens: 'optional' } },
      },
    ],
    ebsEncryptionByDefault: true,
    ebsDefaultKmsKeyId: KMS_KEY,
  };
}

/** An empty region whose account settings are in order (EBS default encryption on, customer-managed key). */
export function emptyAccount(): Account {
  const { region: _region, ...empty } = emptySnapshot(REGION);
  return { ...empty, ebsEncryptionByDefault: true, ebsDefaultKmsKeyId: KMS_KEY };
}

/** What was synthesized and reviewed for the deployed account (network + security stacks). */
export function intendedEstate(): StackBuilder[] {
  const provider = (stack: string) => ({ region: REGION, allowed_account_ids: [ACCOUNT], default_tags: [{ tags: { ManagedBy: 'palisade', Stack: stack, Environment: 'production' } }] });
  const n = new StackBuilder('production-network').setProviders([provider('production-network')]);
  const t = (name: string, tier: string) => ({ Name: name, Tier: tier });
  n.add('aws_vpc', 'production_network', { cidr_block: '10.20.0.0/16', tags: t('production-vpc', 'shared') });
  n.add('aws_subnet', 'production_network_public_a', { vpc_id: ref('aws_vpc', 'production_network'), cidr_block: '10.20.0.0/22', map_public_ip_on_launch: false, tags: t('production-public-a', 'public') });
  n.add('aws_subnet', 'production_network_app_a', { vpc_id: ref('aws_vpc', 'production_network'), cidr_block: '10.20.64.0/20', map_public_ip_on_launch: false, tags: t('production-app-a', 'app') });
  n.add('aws_subnet', 'production_network_data_a', { vpc_id: ref('aws_vpc', 'production_network'), cidr_block: '10.20.16.0/20', map_public_ip_on_launch: false, tags: t('production-data-a', 'data') });
  n.add('aws_route_table', 'production_network_public_route_table', { vpc_id: ref('aws_vpc', 'production_network'), tags: t('production-public', 'public') });
  n.add('aws_route_table', 'production_network_app_route_table_a', { vpc_id: ref('aws_vpc', 'production_network'), tags: t('production-app-a', 'app') });
  n.add('aws_route_table', 'production_network_data_route_table', { vpc_id: ref('aws_vpc', 'production_network'), tags: t('production-data', 'data') });
  n.add('aws_default_security_group', 'production_network_default_security_group', { vpc_id: ref('aws_vpc', 'production_network'), tags: t('production-default-closed', 'shared') });
  n.add('aws_default_network_acl', 'production_network_default_network_acl', { default_network_acl_id: ref('aws_vpc', 'production_network', 'default_network_acl_id'), tags: t('production-default-deny-all', 'shared') });
  n.add('aws_security_group', 'production_alb', { name: 'production-alb', description: 'Public ALB', vpc_id: ref('aws_vpc', 'production_network'), tags: t('production-alb', 'public') });
  n.add('aws_security_group', 'production_app', { name: 'production-app', description: 'App tier', vpc_id: ref('aws_vpc', 'production_network'), tags: t('production-app', 'app') });
  n.add('aws_vpc_security_group_ingress_rule', 'production_alb_ingress_https', { security_group_id: ref('aws_security_group', 'production_alb'), ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0', description: 'HTTPS from the internet' });
  n.add('aws_vpc_security_group_egress_rule', 'production_alb_egress_app', { security_group_id: ref('aws_security_group', 'production_alb'), ip_protocol: 'tcp', from_port: 8443, to_port: 8443, referenced_security_group_id: ref('aws_security_group', 'production_app'), description: 'To app tier' });
  n.add('aws_vpc_security_group_ingress_rule', 'production_app_ingress_alb', { security_group_id: ref('aws_security_group', 'production_app'), ip_protocol: 'tcp', from_port: 8443, to_port: 8443, referenced_security_group_id: ref('aws_security_group', 'production_alb'), description: 'From ALB' });
  n.add('aws_vpc_security_group_egress_rule', 'production_app_egress_https', { security_group_id: ref('aws_security_group', 'production_app'), ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0', description: 'HTTPS out via NAT' });
  n.add('aws_network_acl', 'production_network_public_nacl', {
    vpc_id: ref('aws_vpc', 'production_network'),
    subnet_ids: [ref('aws_subnet', 'production_network_public_a')],
    ingress: [
      { rule_no: 100, action: 'allow', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 443, to_port: 443 },
      { rule_no: 110, action: 'deny', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 3389, to_port: 3389 },
      { rule_no: 120, action: 'allow', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 1024, to_port: 65535 },
    ],
    egress: [{ rule_no: 100, action: 'allow', protocol: '-1', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 }],
    tags: t('production-public-nacl', 'public'),
  });
  // The private ACL's CIDR is a reference to the VPC: drift must resolve it to compare.
  n.add('aws_network_acl', 'production_network_private_nacl', {
    vpc_id: ref('aws_vpc', 'production_network'),
    subnet_ids: [ref('aws_subnet', 'production_network_app_a'), ref('aws_subnet', 'production_network_data_a')],
    ingress: [{ rule_no: 100, action: 'allow', protocol: 'tcp', cidr_block: ref('aws_vpc', 'production_network', 'cidr_block'), from_port: 0, to_port: 65535 }],
    egress: [{ rule_no: 100, action: 'allow', protocol: 'tcp', cidr_block: ref('aws_vpc', 'production_network', 'cidr_block'), from_port: 0, to_port: 65535 }],
    tags: t('production-private-nacl', 'app'),
  });
  n.add('aws_flow_log', 'production_network_flow_log', { vpc_id: ref('aws_vpc', 'production_network'), traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs', tags: t('production-vpc-flow-log', 'shared') });
  n.add('aws_launch_template', 'production_app', { name: 'production-app', image_id: 'ami-0abc', metadata_options: { http_tokens: 'required' }, tags: t('production-app', 'app') });
  n.add('aws_instance', 'production_app_1', { ami: 'ami-0abc', instance_type: 't3.micro', subnet_id: ref('aws_subnet', 'production_network_app_a'), vpc_security_group_ids: [ref('aws_security_group', 'production_app')], tags: t('production-app-1', 'app') });

  const s = new StackBuilder('production-security').setProviders([provider('production-security')]);
  s.add('aws_kms_key', 'production_ebs_key', { enable_key_rotation: true });
  s.add('aws_ebs_encryption_by_default', 'production_ebs_encryption', { enabled: true });
  s.add('aws_ebs_default_kms_key', 'production_ebs_default_key', { key_arn: ref('aws_kms_key', 'production_ebs_key', 'arn') });
  return [n, s];
}

type Ec2Mock = AwsClientStub<EC2Client>;
type GetClient = () => { config: { region: () => Promise<string> } };

function pages<T>(items: T[], size: number, token: string | undefined): { page: T[]; next?: string } {
  const start = token ? Number(token.replace('page-', '')) : 0;
  const page = items.slice(start, start + size);
  return start + size < items.length ? { page, next: `page-${start + size}` } : { page };
}

/**
 * Serves `accounts[region]` through the mock, `pageSize` items per page with NextToken, for whichever
 * region the calling client is configured with.
 */
export function serveAccount(mock: Ec2Mock, accounts: Record<string, Account>, pageSize = 2): { tokens: Record<string, Array<string | undefined>> } {
  // The SDK paginators reuse one input object, so tokens are recorded as they arrive.
  const tokens: Record<string, Array<string | undefined>> = {};
  const forRegion = async (getClient: GetClient): Promise<Account> => {
    const region = await getClient().config.region();
    const account = accounts[region];
    if (!account) throw new Error(`test fixture has no region ${region}`);
    return account;
  };
  const paged = <K extends keyof Account>(command: new (input: never) => object, key: K, outputKey: string, wrap?: (items: unknown[]) => unknown) =>
    mock.on(command as never).callsFake(async (input: { NextToken?: string }, getClient: GetClient) => {
      (tokens[outputKey] ??= []).push(input.NextToken);
      const items = (await forRegion(getClient))[key] as unknown[];
      const { page, next } = pages(items, pageSize, input.NextToken);
      return { [outputKey]: wrap ? wrap(page) : page, ...(next ? { NextToken: next } : {}) };
    });
  paged(DescribeVpcsCommand, 'vpcs', 'Vpcs');
  paged(DescribeSubnetsCommand, 'subnets', 'Subnets');
  paged(DescribeRouteTablesCommand, 'routeTables', 'RouteTables');
  paged(DescribeSecurityGroupsCommand, 'securityGroups', 'SecurityGroups');
  paged(DescribeSecurityGroupRulesCommand, 'securityGroupRules', 'SecurityGroupRules');
  paged(DescribeNetworkAclsCommand, 'networkAcls', 'NetworkAcls');
  paged(DescribeFlowLogsCommand, 'flowLogs', 'FlowLogs');
  // One reservation per page, as EC2 groups instances launched together.
  paged(DescribeInstancesCommand, 'instances', 'Reservations', (items) => (items.length > 0 ? [{ ReservationId: 'r-0fixture', OwnerId: ACCOUNT, Instances: items }] : []));
  paged(DescribeVolumesCommand, 'volumes', 'Volumes');
  paged(DescribeLaunchTemplatesCommand, 'launchTemplates', 'LaunchTemplates');
  paged(DescribeLaunchTemplateVersionsCommand, 'launchTemplateVersions', 'LaunchTemplateVersions');
  mock.on(GetEbsEncryptionByDefaultCommand as never).callsFake(async (_: unknown, getClient: GetClient) => ({ EbsEncryptionByDefault: (await forRegion(getClient)).ebsEncryptionByDefault, SseType: 'sse-ebs' }));
  mock.on(GetEbsDefaultKmsKeyIdCommand as never).callsFake(async (_: unknown, getClient: GetClient) => ({ KmsKeyId: (await forRegion(getClient)).ebsDefaultKmsKeyId }));
  return { tokens };
}

/** A client factory for tests: real EC2Client (its `send` is stubbed by the mock), static credentials. */
export function testClientFactory(options: { region: string; maxAttempts: number }): EC2Client {
  return new EC2Client({ region: options.region, maxAttempts: options.maxAttempts, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
}
