import { dataTierNoInternetRoute } from '../../../policies/rules/pal-vpc-004';
import { subnetNoPublicIp } from '../../../policies/rules/pal-vpc-003';
import { vpcDefaultSecurityGroup } from '../../../policies/rules/pal-vpc-002';
import { vpcFlowLogs } from '../../../policies/rules/pal-vpc-001';
import { compliantEstate, evaluate, failures, ref, statusOf } from '../fixtures';

describe('PAL-VPC-001 VPC flow logs', () => {
  test('a VPC with an ALL-traffic flow log is compliant', () => {
    expect(statusOf(evaluate(vpcFlowLogs, compliantEstate()), 'aws_vpc.main')).toBe('compliant');
  });

  test('a VPC without any flow log is non-compliant', () => {
    const r = evaluate(vpcFlowLogs, compliantEstate().remove('aws_flow_log', 'main'));
    expect(statusOf(r, 'aws_vpc.main')).toBe('non-compliant');
    expect(failures(r)[0].message).toContain('no aws_flow_log');
  });

  test('a flow log capturing only REJECT traffic does not count', () => {
    const r = evaluate(vpcFlowLogs, compliantEstate().update('aws_flow_log', 'main', (v) => (v.traffic_type = 'REJECT')));
    expect(statusOf(r, 'aws_vpc.main')).toBe('non-compliant');
    expect(failures(r)[0].message).toContain('REJECT');
  });

  test('a flow log attached to another VPC does not count for this one', () => {
    const s = compliantEstate().add('aws_vpc', 'other', { cidr_block: '10.1.0.0/16' });
    const r = evaluate(vpcFlowLogs, s);
    expect(statusOf(r, 'aws_vpc.main')).toBe('compliant');
    expect(statusOf(r, 'aws_vpc.other')).toBe('non-compliant');
  });
});

describe('PAL-VPC-002 default security group', () => {
  test('an adopted default security group without rules is compliant', () => {
    expect(statusOf(evaluate(vpcDefaultSecurityGroup, compliantEstate()), 'aws_vpc.main')).toBe('compliant');
  });

  test('a VPC whose default security group is not adopted is non-compliant', () => {
    const r = evaluate(vpcDefaultSecurityGroup, compliantEstate().remove('aws_default_security_group', 'default'));
    expect(statusOf(r, 'aws_vpc.main')).toBe('non-compliant');
  });

  test('an adopted default security group with an ingress block (single-object shape) is non-compliant', () => {
    const s = compliantEstate().update('aws_default_security_group', 'default', (v) => {
      v.ingress = { protocol: '-1', self: true, from_port: 0, to_port: 0 };
    });
    expect(statusOf(evaluate(vpcDefaultSecurityGroup, s), 'aws_vpc.main')).toBe('non-compliant');
  });

  test('an adopted default security group with an egress list is non-compliant', () => {
    const s = compliantEstate().update('aws_default_security_group', 'default', (v) => {
      v.egress = [{ protocol: '-1', cidr_blocks: ['0.0.0.0/0'], from_port: 0, to_port: 0 }];
    });
    expect(statusOf(evaluate(vpcDefaultSecurityGroup, s), 'aws_vpc.main')).toBe('non-compliant');
  });
});

describe('PAL-VPC-002 rule resources on the default security group', () => {
  test('a rule resource the normal form cannot read (type neither ingress nor egress) still counts as attached', () => {
    const s = compliantEstate().add('aws_security_group_rule', 'odd', { type: 'all', protocol: '-1', from_port: 0, to_port: 0, security_group_id: ref('aws_default_security_group', 'default') });
    expect(failures(evaluate(vpcDefaultSecurityGroup, s))).toMatchObject([{ resource: 'aws_vpc.main', message: expect.stringMatching(/rule resource\(s\) attached: aws_security_group_rule\.odd/) }]);
  });

  test('a rule resource on another group leaves the default group compliant', () => {
    const s = compliantEstate().add('aws_security_group_rule', 'odd', { type: 'all', protocol: '-1', from_port: 0, to_port: 0, security_group_id: 'sg-0other' });
    expect(statusOf(evaluate(vpcDefaultSecurityGroup, s), 'aws_vpc.main')).toBe('compliant');
  });
});

describe('PAL-VPC-003 subnet public IP auto-assignment', () => {
  test('subnets that leave map_public_ip_on_launch unset or false are compliant', () => {
    const r = evaluate(subnetNoPublicIp, compliantEstate());
    expect(failures(r)).toEqual([]);
    expect(r.filter((x) => x.status === 'compliant')).toHaveLength(3);
  });

  test('a subnet with map_public_ip_on_launch = true (boolean or string) is non-compliant', () => {
    const s = compliantEstate()
      .update('aws_subnet', 'public', (v) => (v.map_public_ip_on_launch = true))
      .update('aws_subnet', 'app', (v) => (v.map_public_ip_on_launch = 'true'));
    const r = evaluate(subnetNoPublicIp, s);
    expect(failures(r).map((f) => f.resource).sort()).toEqual(['aws_subnet.app', 'aws_subnet.public']);
  });
});

describe('PAL-VPC-004 data tier has no internet route', () => {
  test('a data subnet whose route table has only local routes is compliant', () => {
    expect(statusOf(evaluate(dataTierNoInternetRoute, compliantEstate()), 'aws_subnet.data')).toBe('compliant');
  });

  test('only subnets tagged Tier=data are judged (app subnets may route via NAT)', () => {
    const r = evaluate(dataTierNoInternetRoute, compliantEstate());
    expect(r.map((x) => x.resource)).toEqual(['aws_subnet.data']);
  });

  test('an aws_route from the data route table to a NAT gateway is non-compliant', () => {
    const s = compliantEstate().add('aws_route', 'data_nat', { route_table_id: ref('aws_route_table', 'data'), destination_cidr_block: '0.0.0.0/0', nat_gateway_id: ref('aws_nat_gateway', 'nat') });
    const r = evaluate(dataTierNoInternetRoute, s);
    expect(statusOf(r, 'aws_subnet.data')).toBe('non-compliant');
    expect(failures(r)[0].message).toContain('NAT gateway aws_nat_gateway.nat');
  });

  test('an inline route to the internet gateway on the data route table is non-compliant', () => {
    const s = compliantEstate().update('aws_route_table', 'data', (v) => {
      v.route = [{ cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway', 'igw') }];
    });
    const r = evaluate(dataTierNoInternetRoute, s);
    expect(failures(r)[0].message).toContain('internet gateway aws_internet_gateway.igw');
  });

  test('a data subnet associated with the public route table is non-compliant', () => {
    const s = compliantEstate().update('aws_route_table_association', 'data', (v) => (v.route_table_id = ref('aws_route_table', 'public')));
    expect(statusOf(evaluate(dataTierNoInternetRoute, s), 'aws_subnet.data')).toBe('non-compliant');
  });

  test('the Tier tag may come from the provider default_tags', () => {
    const s = compliantEstate()
      .update('aws_subnet', 'data', (v) => delete v.tags)
      .setProviders([{ region: 'eu-west-1', default_tags: [{ tags: { Tier: 'data' } }] }])
      .update('aws_route_table_association', 'data', (v) => (v.route_table_id = ref('aws_route_table', 'public')));
    expect(statusOf(evaluate(dataTierNoInternetRoute, s), 'aws_subnet.data')).toBe('non-compliant');
  });

  test('a data subnet on the main route table is judged by the declared aws_default_route_table', () => {
    const s = compliantEstate()
      .remove('aws_route_table_association', 'data')
      .add('aws_default_route_table', 'main', { default_route_table_id: ref('aws_vpc', 'main', 'default_route_table_id'), route: [{ cidr_block: '0.0.0.0/0', nat_gateway_id: ref('aws_nat_gateway', 'nat') }] });
    expect(statusOf(evaluate(dataTierNoInternetRoute, s), 'aws_subnet.data')).toBe('non-compliant');
  });
});
