/**
 * `route { … }` of aws_route_table is an attribute written as blocks: the plan's configuration holds one expression
 * for the whole list (its references), and `after_unknown` marks which parts are unknown (`route[0].gateway_id`).
 * A reference known only after apply is linked from those parts, so PAL-VPC-004 sees the internet gateway a data
 * subnet's route table routes to. Shapes as `terraform show -json` 1.11 writes them.
 */
import { modelFromDocuments } from '../../../policies/model/load';
import { UNKNOWN_VALUE } from '../../../policies/model/values';
import { dataTierNoInternetRoute } from '../../../policies/rules/pal-vpc-004';
import { DEFAULT_ALLOWED_REGIONS } from '../../../policies/rules/pal-gdpr-001';
import { statusOf } from '../fixtures';

type Obj = Record<string, unknown>;

const CONTEXT = { allowedRegions: DEFAULT_ALLOWED_REGIONS };

const EMPTY_ROUTE = { carrier_gateway_id: '', core_network_arn: '', destination_prefix_list_id: '', egress_only_gateway_id: '', ipv6_cidr_block: '', local_gateway_id: '', nat_gateway_id: '', network_interface_id: '', transit_gateway_id: '', vpc_endpoint_id: '', vpc_peering_connection_id: '' };

interface Planned {
  type: string;
  name: string;
  after: Obj;
  afterUnknown?: Obj;
  expressions?: Obj;
}

function plan(resources: Planned[]): Obj {
  const address = (r: Planned) => `${r.type}.${r.name}`;
  const common = (r: Planned) => ({ address: address(r), mode: 'managed', type: r.type, name: r.name, provider_name: 'registry.terraform.io/hashicorp/aws' });
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: resources.map((r) => ({ ...common(r), values: r.after })) } },
    resource_changes: resources.map((r) => ({ ...common(r), change: { actions: ['create'], before: null, after: r.after, after_unknown: { id: true, arn: true, ...(r.afterUnknown ?? {}) } } })),
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'eu-west-1' } } } },
      root_module: { resources: resources.map((r) => ({ address: address(r), mode: 'managed', type: r.type, name: r.name, provider_config_key: 'aws', expressions: r.expressions ?? {} })) },
    },
    complete: true,
    errored: false,
  };
}

const ref = (address: string) => [`${address}.id`, address];
/** A data subnet associated with `aws_route_table.<table>`. */
const dataSubnet = (name: string, table: string): Planned[] => [
  { type: 'aws_subnet', name, after: { cidr_block: '10.0.1.0/24', tags: { Tier: 'data' } }, afterUnknown: { vpc_id: true }, expressions: { vpc_id: { references: ref('aws_vpc.v') } } },
  { type: 'aws_route_table_association', name, after: {}, afterUnknown: { subnet_id: true, route_table_id: true }, expressions: { subnet_id: { references: ref(`aws_subnet.${name}`) }, route_table_id: { references: ref(`aws_route_table.${table}`) } } },
];
const NETWORK: Planned[] = [
  { type: 'aws_vpc', name: 'v', after: { cidr_block: '10.0.0.0/16' } },
  { type: 'aws_internet_gateway', name: 'igw', after: {}, afterUnknown: { vpc_id: true }, expressions: { vpc_id: { references: ref('aws_vpc.v') } } },
  { type: 'aws_ec2_transit_gateway', name: 'tgw', after: {} },
];

const model = (json: Obj) => modelFromDocuments([{ file: '/virtual/plan.json', json, stackName: 'plan' }], { baseDir: '/virtual' });

describe('an inline route of aws_route_table to a gateway known after apply', () => {
  /** `route { cidr_block = "0.0.0.0/0"  gateway_id = aws_internet_gateway.igw.id }` */
  const internetTable: Planned = {
    type: 'aws_route_table',
    name: 'rt',
    after: { route: [{ ...EMPTY_ROUTE, cidr_block: '0.0.0.0/0' }] },
    afterUnknown: { vpc_id: true, route: [{ gateway_id: true }] },
    expressions: { vpc_id: { references: ref('aws_vpc.v') }, route: { references: ref('aws_internet_gateway.igw') } },
  };

  test('one unknown part and one reference: the part is that reference, linked at its path', () => {
    const m = model(plan([...NETWORK, internetTable]));
    const rt = m.get('plan', 'aws_route_table.rt')!;
    expect((rt.values.route as Obj[])[0].gateway_id).toBe('${aws_internet_gateway.igw.id}');
    expect(m.outgoing(rt, 'route').filter((e) => e.path === 'route[0].gateway_id').map((e) => e.to.address)).toEqual(['aws_internet_gateway.igw']);
  });

  test('PAL-VPC-004: the data subnet routing through it is a finding', () => {
    const results = dataTierNoInternetRoute.evaluate(model(plan([...NETWORK, internetTable, ...dataSubnet('data', 'rt')])), CONTEXT);
    expect(statusOf(results, 'aws_subnet.data')).toBe('non-compliant');
  });

  test('several routes: each unknown part may hold any reference of the expression (unknown, linked to all)', () => {
    const mixed: Planned = {
      type: 'aws_route_table',
      name: 'rt',
      after: { route: [{ ...EMPTY_ROUTE, cidr_block: '0.0.0.0/0' }, { ...EMPTY_ROUTE, cidr_block: '10.8.0.0/16' }] },
      afterUnknown: { vpc_id: true, route: [{ gateway_id: true }, { transit_gateway_id: true }] },
      expressions: { vpc_id: { references: ref('aws_vpc.v') }, route: { references: [...ref('aws_ec2_transit_gateway.tgw'), ...ref('aws_internet_gateway.igw')] } },
    };
    const private_: Planned = {
      type: 'aws_route_table',
      name: 'private',
      after: { route: [{ ...EMPTY_ROUTE, cidr_block: '10.8.0.0/16' }] },
      afterUnknown: { vpc_id: true, route: [{ transit_gateway_id: true }] },
      expressions: { vpc_id: { references: ref('aws_vpc.v') }, route: { references: ref('aws_ec2_transit_gateway.tgw') } },
    };
    const m = model(plan([...NETWORK, mixed, private_, ...dataSubnet('data', 'rt'), ...dataSubnet('data2', 'private')]));
    const rt = m.get('plan', 'aws_route_table.rt')!;
    expect((rt.values.route as Obj[])[0].gateway_id).toBe(UNKNOWN_VALUE);
    expect(m.outgoing(rt, 'route').filter((e) => e.path === 'route[0].gateway_id').map((e) => e.to.address).sort()).toEqual(['aws_ec2_transit_gateway.tgw', 'aws_internet_gateway.igw']);
    const results = dataTierNoInternetRoute.evaluate(m, CONTEXT);
    expect(statusOf(results, 'aws_subnet.data')).toBe('non-compliant');
    expect(statusOf(results, 'aws_subnet.data2')).toBe('compliant');
  });

  test('a list of scalars known after apply gets no per-element links (no part of it names an attribute)', () => {
    const sg: Planned = { type: 'aws_instance', name: 'i', after: { ami: 'ami-1', vpc_security_group_ids: [null] }, afterUnknown: { vpc_security_group_ids: [true] }, expressions: { vpc_security_group_ids: { references: ref('aws_security_group.s') } } };
    const m = model(plan([{ type: 'aws_security_group', name: 's', after: { name: 's' } }, sg]));
    expect(m.outgoing(m.get('plan', 'aws_instance.i')!).map((e) => e.path)).toEqual(['vpc_security_group_ids']);
  });
});
