import { PalisadeConfigError } from '../../constructs/errors';
import { EPHEMERAL_PORTS } from '../../constructs/network/tier-flows';
import { ref, resourcesOf, synthNetwork } from '../support/synth';

const { json } = synthNetwork();
const N = 'test_network';

function naclOf(tier: string) {
  return resourcesOf(json, 'aws_network_acl')[`${N}_${tier}_nacl`];
}
function allows(entries: any[], cidr: string, port: number) {
  return entries.some((e) => e.action === 'allow' && e.cidr_block === cidr && e.from_port <= port && e.to_port >= port);
}
function routesOfTable(tableName: string) {
  return Object.values(resourcesOf(json, 'aws_route')).filter((r: any) => r.route_table_id === ref('aws_route_table', tableName));
}
function tableOfSubnet(subnetName: string): string {
  const assoc = Object.values(resourcesOf(json, 'aws_route_table_association')).find((a: any) => a.subnet_id === ref('aws_subnet', subnetName)) as any;
  return /aws_route_table\.([a-z0-9_]+)\.id/.exec(assoc.route_table_id)![1];
}

describe('SegmentedVpc', () => {
  describe('subnets', () => {
    test('creates one subnet per tier and AZ with stable, readable addresses', () => {
      expect(Object.keys(resourcesOf(json, 'aws_subnet')).sort()).toEqual([
        `${N}_app_a`, `${N}_app_b`, `${N}_app_c`, `${N}_data_a`, `${N}_data_b`, `${N}_data_c`, `${N}_public_a`, `${N}_public_b`, `${N}_public_c`,
      ]);
    });

    test('never maps public IPs on launch, not even in the public tier', () => {
      for (const subnet of Object.values(resourcesOf(json, 'aws_subnet'))) expect(subnet.map_public_ip_on_launch).toBe(false);
    });

    test('tags every subnet with its tier', () => {
      for (const [name, subnet] of Object.entries(resourcesOf(json, 'aws_subnet'))) expect(subnet.tags.Tier).toBe(name.split('_')[2]);
    });
  });

  describe('routing', () => {
    test('the data tier has no route to an internet gateway or NAT gateway at all', () => {
      for (const az of ['a', 'b', 'c']) {
        const table = tableOfSubnet(`${N}_data_${az}`);
        expect(routesOfTable(table)).toEqual([]);
        expect(resourcesOf(json, 'aws_route_table')[table].route ?? []).toEqual([]);
      }
    });

    test('each app subnet routes to the internet only through the NAT gateway of its own AZ', () => {
      for (const az of ['a', 'b', 'c']) {
        const routes = routesOfTable(tableOfSubnet(`${N}_app_${az}`)) as any[];
        expect(routes).toHaveLength(1);
        expect(routes[0]).toMatchObject({ destination_cidr_block: '0.0.0.0/0', nat_gateway_id: ref('aws_nat_gateway', `${N}_nat_${az}`) });
        expect(routes[0].gateway_id).toBeUndefined();
      }
    });

    test('the public tier routes to the internet gateway and holds the NAT gateways', () => {
      const routes = routesOfTable(tableOfSubnet(`${N}_public_a`)) as any[];
      expect(routes).toEqual([expect.objectContaining({ destination_cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway', `${N}_internet_gateway`) })]);
      for (const az of ['a', 'b', 'c']) expect(resourcesOf(json, 'aws_nat_gateway')[`${N}_nat_${az}`].subnet_id).toBe(ref('aws_subnet', `${N}_public_${az}`));
    });

    test('a single NAT gateway serves every app subnet when configured so', () => {
      const single = synthNetwork({ network: { natGateways: 'single' } }).json;
      expect(Object.keys(resourcesOf(single, 'aws_nat_gateway'))).toEqual([`${N}_nat_a`]);
      const natTargets = Object.values(resourcesOf(single, 'aws_route')).map((r: any) => r.nat_gateway_id).filter(Boolean);
      expect(new Set(natTargets)).toEqual(new Set([ref('aws_nat_gateway', `${N}_nat_a`)]));
    });

    test('the default route table is adopted with no routes', () => {
      expect(Object.values(resourcesOf(json, 'aws_default_route_table'))[0].route).toEqual([]);
    });
  });

  describe('network ACLs follow the tier-flow matrix', () => {
    // Default plan for 10.0.0.0/16 over 3 AZs: public 10.0.0.0/22, app 10.0.64.0/18, data 10.0.16.0/20.
    const PUBLIC = '10.0.0.0/22';
    const APP = '10.0.64.0/18';
    const DATA = '10.0.16.0/20';

    test('each tier has its own NACL covering exactly its subnets', () => {
      for (const tier of ['public', 'app', 'data']) {
        expect(naclOf(tier).subnet_ids).toEqual(['a', 'b', 'c'].map((az) => ref('aws_subnet', `${N}_${tier}_${az}`)));
      }
    });

    test('internet → public on 443 only', () => {
      const ingress = naclOf('public').ingress;
      expect(allows(ingress, '0.0.0.0/0', 443)).toBe(true);
      expect(ingress.filter((e: any) => e.action === 'allow' && e.cidr_block === '0.0.0.0/0' && e.from_port < EPHEMERAL_PORTS.from)).toEqual([
        expect.objectContaining({ from_port: 443, to_port: 443 }),
      ]);
    });

    test('public → app on the app port, app → data on the data port, with return paths', () => {
      expect(allows(naclOf('public').egress, APP, 8443)).toBe(true);
      expect(allows(naclOf('app').ingress, PUBLIC, 8443)).toBe(true);
      expect(allows(naclOf('app').egress, PUBLIC, EPHEMERAL_PORTS.from)).toBe(true);
      expect(allows(naclOf('app').egress, DATA, 5432)).toBe(true);
      expect(allows(naclOf('data').ingress, APP, 5432)).toBe(true);
      expect(allows(naclOf('data').egress, APP, EPHEMERAL_PORTS.from)).toBe(true);
    });

    test('the public tier cannot reach the data tier, and the data tier reaches nothing outside the VPC', () => {
      expect(naclOf('data').ingress.some((e: any) => e.cidr_block === PUBLIC)).toBe(false);
      expect(naclOf('data').ingress.some((e: any) => e.cidr_block === '0.0.0.0/0')).toBe(false);
      expect(naclOf('data').egress.some((e: any) => e.cidr_block === '0.0.0.0/0')).toBe(false);
    });

    test('the data tier reaches the interface endpoints in the app tier on 443', () => {
      expect(allows(naclOf('data').egress, APP, 443)).toBe(true);
      expect(allows(naclOf('app').ingress, DATA, 443)).toBe(true);
    });

    test('the app tier reaches the internet through NAT on 443 only', () => {
      const worldEgress = naclOf('app').egress.filter((e: any) => e.cidr_block === '0.0.0.0/0');
      expect(worldEgress).toEqual([expect.objectContaining({ from_port: 443, to_port: 443 })]);
      expect(allows(naclOf('public').ingress, APP, 443)).toBe(true);
    });

    test('no NACL lets the internet reach SSH or RDP: explicit denies precede every world-open range covering them', () => {
      for (const nacl of Object.values(resourcesOf(json, 'aws_network_acl'))) {
        const ingress = [...nacl.ingress].sort((a: any, b: any) => a.rule_no - b.rule_no);
        for (const port of [22, 3389]) {
          // NACLs apply the lowest-numbered matching entry.
          const first = ingress.find((e: any) => e.cidr_block === '0.0.0.0/0' && e.from_port <= port && e.to_port >= port);
          if (first) expect({ port, action: first.action }).toEqual({ port, action: 'deny' });
        }
        for (const entry of [...nacl.ingress, ...nacl.egress]) {
          expect(entry.protocol).toBe('tcp');
          if (entry.action === 'allow' && entry.from_port < EPHEMERAL_PORTS.from) {
            expect([22, 3389].some((p) => entry.from_port <= p && entry.to_port >= p)).toBe(false);
          }
        }
      }
      expect(naclOf('public').ingress.filter((e: any) => e.action === 'deny').map((e: any) => e.from_port)).toEqual([22, 3389]);
    });

    test('the default NACL is adopted with no rules: deny all', () => {
      const nacl = Object.values(resourcesOf(json, 'aws_default_network_acl'))[0];
      expect(nacl.ingress).toBeUndefined();
      expect(nacl.egress).toBeUndefined();
    });
  });

  test('the default security group is adopted and emptied', () => {
    const groups = Object.entries(resourcesOf(json, 'aws_default_security_group'));
    expect(groups).toHaveLength(1);
    expect(groups[0][1].vpc_id).toBe(ref('aws_vpc', N));
    expect(groups[0][1].ingress).toBeUndefined();
    expect(groups[0][1].egress).toBeUndefined();
  });

  describe('flow logs', () => {
    const flowLog = resourcesOf(json, 'aws_flow_log')[`${N}_flow_log`];
    const logGroup = resourcesOf(json, 'aws_cloudwatch_log_group')[`${N}_flow_log_log_group`];

    test('capture ALL traffic of the VPC into the CloudWatch log group', () => {
      expect(flowLog).toMatchObject({
        vpc_id: ref('aws_vpc', N),
        traffic_type: 'ALL',
        log_destination_type: 'cloud-watch-logs',
        log_destination: ref('aws_cloudwatch_log_group', `${N}_flow_log_log_group`, 'arn'),
      });
    });

    test('the log group is encrypted with the rotating customer-managed logs key and kept a year', () => {
      expect(logGroup.kms_key_id).toBe(ref('aws_kms_key', 'test_logs_key', 'arn'));
      expect(logGroup.retention_in_days).toBe(365);
      const key = resourcesOf(json, 'aws_kms_key').test_logs_key;
      expect(key.enable_key_rotation).toBe(true);
      expect(key.deletion_window_in_days).toBe(30);
    });

    test('the logs key lets CloudWatch Logs use it only for this account\'s log groups', () => {
      const policy = JSON.parse(resourcesOf(json, 'aws_kms_key').test_logs_key.policy);
      const service = policy.Statement.find((s: any) => s.Principal.Service === 'logs.eu-west-1.amazonaws.com');
      expect(service.Condition).toEqual({ ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:123456789012:log-group:*' } });
      expect(policy.Statement.every((s: any) => s.Principal !== '*' && s.Principal.AWS !== '*')).toBe(true);
    });

    test('are written by a role only this account\'s flow logs can assume, allowed to write only that log group', () => {
      const role = resourcesOf(json, 'aws_iam_role')[`${N}_flow_log_role`];
      const trust = JSON.parse(role.assume_role_policy).Statement[0];
      expect(trust.Principal).toEqual({ Service: 'vpc-flow-logs.amazonaws.com' });
      expect(trust.Condition.StringEquals['aws:SourceAccount']).toBe('123456789012');
      const policy = JSON.parse(resourcesOf(json, 'aws_iam_role_policy')[`${N}_flow_log_role_policy`].policy).Statement[0];
      expect(policy.Action).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams']);
      expect(policy.Resource.every((r: string) => r.includes('aws_cloudwatch_log_group.test_network_flow_log_log_group.arn'))).toBe(true);
    });

    test('retention below a year or above the personal-data cap is refused', () => {
      expect(() => synthNetwork({ network: { flowLogRetentionDays: 90 } })).toThrow(/flow_log: retentionDays = 90: must be a CloudWatch retention value from 365/);
      expect(() => synthNetwork({ network: { flowLogRetentionDays: 1827 } })).toThrow(/retentionDays = 1827: .* to 731 \(personal-data cap\)/);
    });
  });

  describe('endpoints', () => {
    test('S3 is a gateway endpoint on the app route tables', () => {
      const s3 = resourcesOf(json, 'aws_vpc_endpoint')[`${N}_endpoints_s3`];
      expect(s3).toMatchObject({ vpc_endpoint_type: 'Gateway', service_name: 'com.amazonaws.eu-west-1.s3' });
      expect(s3.route_table_ids).toEqual(['a', 'b', 'c'].map((az) => ref('aws_route_table', `${N}_app_route_table_${az}`)));
    });

    test.each(['ssm', 'ssmmessages', 'ec2messages', 'logs', 'kms', 'sts'])('%s is an interface endpoint with private DNS in the endpoint tier', (service) => {
      expect(resourcesOf(json, 'aws_vpc_endpoint')[`${N}_endpoints_${service}`]).toMatchObject({
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: true,
        service_name: `com.amazonaws.eu-west-1.${service}`,
        subnet_ids: ['a', 'b', 'c'].map((az) => ref('aws_subnet', `${N}_app_${az}`)),
        security_group_ids: [ref('aws_security_group', `${N}_endpoints_security_group`)],
      });
    });

    test('the endpoint security group allows 443 from the VPC only, and no egress', () => {
      const rules = Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule'));
      expect(rules).toEqual([expect.objectContaining({ cidr_ipv4: '10.0.0.0/16', from_port: 443, to_port: 443, ip_protocol: 'tcp' })]);
      expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual({});
      expect(resourcesOf(json, 'aws_security_group')[`${N}_endpoints_security_group`].egress).toBeUndefined();
    });
  });

  describe('refuses bad input at synth, naming the construct path, field and value', () => {
    const cases: [string, Parameters<typeof synthNetwork>[0], RegExp][] = [
      ['one AZ', { network: { availabilityZones: ['eu-west-1a'] } }, /environments\[0\]\.network\.availabilityZones = \["eu-west-1a"\]/],
      ['seven AZs', { network: { availabilityZones: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((l) => `eu-west-1${l}`) } }, /network\.availabilityZones/],
      ['an AZ of another region', { network: { availabilityZones: ['eu-west-1a', 'eu-west-2b'] } }, /test-network\/network: availabilityZones\[1\] = "eu-west-2b": is not in region eu-west-1/],
      ['a repeated AZ', { network: { availabilityZones: ['eu-west-1a', 'eu-west-1a'] } }, /availabilityZones = \["eu-west-1a","eu-west-1a"\]: lists an availability zone twice/],
      ['duplicate tier names', { network: { tiers: [{ name: 'app', kind: 'private' }, { name: 'app', kind: 'isolated' }, { name: 'public', kind: 'public' }] } }, /test-network\/network: tiers\[1\]\.name = "app": duplicate tier name/],
      ['a bad tier name', { network: { tiers: [{ name: 'App Tier', kind: 'private' }] } }, /tiers\[0\]\.name = "App Tier"/],
      ['a private tier without a public tier', { network: { tiers: [{ name: 'app', kind: 'private' }], flows: [] } }, /private tiers need a public tier/],
      ['an invalid VPC CIDR', { network: { cidr: '10.0.0.0/33' } }, /test-network\/network: cidr = "10.0.0.0\/33": not an IPv4 CIDR/],
      ['a flow from the internet into the data tier', { network: { flows: [{ from: 'internet', to: 'data', ports: [5432], reason: 'x' }] } }, /flows\[0\]\.to = "data": only public tiers may receive traffic from the internet/],
      ['a flow to an unknown tier', { network: { flows: [{ from: 'app', to: 'cache', ports: [6379], reason: 'x' }] } }, /flows\[0\]\.to = "cache": not a tier of this VPC/],
      ['a flow opening SSH', { network: { flows: [{ from: 'public', to: 'app', ports: [22], reason: 'x' }] } }, /flows\[0\]\.ports = 22: SSH and RDP are never opened/],
      ['an app port of RDP', { network: { appPort: 3389 } }, /flows\[1\]\.ports = 3389/],
      ['too many data ports for one NACL', { network: { dataPorts: Array.from({ length: 20 }, (_, i) => 5000 + i) } }, /would need \d+ (ingress|egress) NACL rules; AWS allows 20/],
    ];
    test.each(cases)('%s', (_name, overrides, message) => {
      expect(() => synthNetwork(overrides)).toThrow(message);
    });

    test('errors are PalisadeConfigErrors carrying the field and value', () => {
      try {
        synthNetwork({ network: { cidr: '10.0.0.7/16' } });
        throw new Error('expected a refusal');
      } catch (error) {
        expect(error).toBeInstanceOf(PalisadeConfigError);
        expect(error).toMatchObject({ where: 'test-network/network', field: 'cidr', value: '10.0.0.7/16' });
      }
    });
  });
});
