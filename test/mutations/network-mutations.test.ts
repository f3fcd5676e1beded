import { estateStack } from '../support/estate';
import { firingRules, Mutation, openFindings, resourceEndingWith as one } from '../support/mutation';

const STACK = 'production-network';
const WORLD_SSH = { action: 'allow', cidr_block: '0.0.0.0/0', from_port: 22, to_port: 22, protocol: 'tcp', rule_no: 50, icmp_code: null, icmp_type: null, ipv6_cidr_block: null };

const mutations: Mutation[] = [
  { name: 'the flow log is removed', rule: 'PAL-VPC-001', mutate: (s) => { delete s.resource.aws_flow_log; } },
  { name: 'the flow log captures only rejected traffic', rule: 'PAL-VPC-001', mutate: (s) => { one(s, 'aws_flow_log', 'flow_log').traffic_type = 'REJECT'; } },
  { name: 'the default security group gets an ingress rule', rule: 'PAL-VPC-002', mutate: (s) => { one(s, 'aws_default_security_group', 'default_security_group').ingress = [{ protocol: '-1', from_port: 0, to_port: 0, self: true }]; } },
  { name: 'a subnet maps public IPs on launch', rule: 'PAL-VPC-003', mutate: (s) => { one(s, 'aws_subnet', 'public_a').map_public_ip_on_launch = true; } },
  { name: 'the data route table gets a route to the internet gateway', rule: 'PAL-VPC-004', mutate: (s) => {
    s.resource.aws_route.production_network_data_leak = { route_table_id: '${aws_route_table.production_network_data_route_table.id}', destination_cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.production_network_internet_gateway.id}' };
  } },
  { name: 'the data route table gets a route to a NAT gateway', rule: 'PAL-VPC-004', mutate: (s) => {
    s.resource.aws_route.production_network_data_leak = { route_table_id: '${aws_route_table.production_network_data_route_table.id}', destination_cidr_block: '0.0.0.0/0', nat_gateway_id: '${aws_nat_gateway.production_network_nat_a.id}' };
  } },
  { name: 'a subnet loses its NACL association (and the VPC default ACL is left unmanaged)', rule: 'PAL-NACL-001', mutate: (s) => { one(s, 'aws_network_acl', 'data_nacl').subnet_ids.pop(); delete s.resource.aws_default_network_acl; } },
  { name: 'a NACL lets the world reach SSH', rule: 'PAL-NACL-002', mutate: (s) => { one(s, 'aws_network_acl', 'public_nacl').ingress.unshift(WORLD_SSH); } },
  { name: 'the SSH/RDP denies in front of the ephemeral range are removed', rule: 'PAL-NACL-002', mutate: (s) => {
    const nacl = one(s, 'aws_network_acl', 'public_nacl');
    nacl.ingress = nacl.ingress.filter((e: any) => e.action !== 'deny');
  } },
  { name: 'the endpoint security group opens SSH to the world', rule: 'PAL-SG-001', mutate: (s) => { Object.assign(one(s, 'aws_vpc_security_group_ingress_rule', 'ingress_vpc_443'), { cidr_ipv4: '0.0.0.0/0', from_port: 22, to_port: 22 }); } },
  { name: 'the endpoint security group opens all egress to the world', rule: 'PAL-SG-002', mutate: (s) => {
    s.resource.aws_vpc_security_group_egress_rule = { production_open: { security_group_id: '${aws_security_group.production_network_endpoints_security_group.id}', ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0', description: 'open' } };
  } },
  { name: 'a security group rule loses its description', rule: 'PAL-SG-003', mutate: (s) => { delete one(s, 'aws_vpc_security_group_ingress_rule', 'ingress_vpc_443').description; } },
  { name: 'key rotation is disabled', rule: 'PAL-KMS-001', mutate: (s) => { one(s, 'aws_kms_key', 'logs_key').enable_key_rotation = false; } },
  { name: 'the key policy is removed', rule: 'PAL-KMS-002', mutate: (s) => { delete one(s, 'aws_kms_key', 'logs_key').policy; } },
  { name: 'the key policy allows any principal without a condition', rule: 'PAL-KMS-003', mutate: (s) => {
    const key = one(s, 'aws_kms_key', 'logs_key');
    const policy = JSON.parse(key.policy);
    policy.Statement.push({ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' });
    key.policy = JSON.stringify(policy);
  } },
  { name: 'the deletion window drops below 7 days', rule: 'PAL-KMS-004', mutate: (s) => { one(s, 'aws_kms_key', 'logs_key').deletion_window_in_days = 5; } },
  { name: 'the flow-log group loses its KMS key', rule: 'PAL-LOGS-001', mutate: (s) => { delete one(s, 'aws_cloudwatch_log_group', 'flow_log_log_group').kms_key_id; } },
  { name: 'the flow-log group keeps audit logs only 30 days', rule: 'PAL-LOGS-002', mutate: (s) => { one(s, 'aws_cloudwatch_log_group', 'flow_log_log_group').retention_in_days = 30; } },
  { name: 'the provider moves to a region outside the EU', rule: 'PAL-GDPR-001', mutate: (s) => { s.provider.aws[0].region = 'us-east-1'; } },
];

describe(`weakening the synthesized ${STACK} stack is caught by the baseline`, () => {
  const original = estateStack(STACK);

  test('the unmutated stack has no unsuppressed finding', () => {
    expect(openFindings(STACK, original)).toEqual([]);
  });

  test.each(mutations.map((m) => [m.name, m] as const))('%s', (_name, mutation) => {
    expect(firingRules(STACK, original, mutation)).toContain(mutation.rule);
  });
});
