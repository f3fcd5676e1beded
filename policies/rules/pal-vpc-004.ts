import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { asString, blocks, type Obj } from '../model/values';
import { fail, notApplicable, pass, type Rule } from './types';

const INTERNET_TYPES: Record<string, string> = {
  aws_internet_gateway: 'internet gateway',
  aws_egress_only_internet_gateway: 'egress-only internet gateway',
  aws_nat_gateway: 'NAT gateway',
};

/** Describes an internet-bound target of one route (`route` values), or undefined. */
function internetTarget(model: Model, holder: Resource, route: Obj, pathPrefix: string): string | undefined {
  for (const attr of ['gateway_id', 'nat_gateway_id', 'egress_only_gateway_id']) {
    const v = asString(route[attr]);
    if (!v) continue;
    const p = pathPrefix ? `${pathPrefix}.${attr}` : attr;
    for (const e of model.outgoing(holder)) {
      if (e.path === p && INTERNET_TYPES[e.to.type]) return `${INTERNET_TYPES[e.to.type]} ${e.to.address}`;
    }
    if (attr === 'nat_gateway_id') return `NAT gateway ${v}`;
    if (attr === 'egress_only_gateway_id') return `egress-only internet gateway ${v}`;
    if (/^igw-/.test(v) || v.includes('aws_internet_gateway.')) return `internet gateway ${v}`;
  }
  return undefined;
}

function routeTablesOf(model: Model, subnet: Resource): { tables: Resource[]; implicit: boolean } {
  const tables = new Set<Resource>();
  for (const assoc of model.referrers(subnet, 'aws_route_table_association', 'subnet_id')) for (const t of model.targets(assoc, 'route_table_id')) tables.add(t);
  if (tables.size > 0) return { tables: [...tables], implicit: false };
  // No explicit association: the VPC's main route table applies.
  for (const vpc of model.targets(subnet, 'vpc_id', 'aws_vpc')) {
    for (const m of model.referrers(vpc, 'aws_main_route_table_association', 'vpc_id')) for (const t of model.targets(m, 'route_table_id')) tables.add(t);
    for (const d of model.referrers(vpc, 'aws_default_route_table', 'default_route_table_id')) tables.add(d);
  }
  return { tables: [...tables], implicit: true };
}

/** Source: Palisade segmentation baseline (CSA CCM IVS-06); no checkov/FSBP/CIS equivalent. */
export const dataTierNoInternetRoute: Rule = {
  id: 'PAL-VPC-004',
  title: 'Route tables of data-tier subnets (tag Tier=data) have no route to an internet or NAT gateway.',
  rationale: 'The data tier holds personal and business data; without any internet-bound route it cannot reach or be reached from the internet even if a firewall rule is wrong.',
  severity: 'high',
  routine: 'segmentation',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['IVS-06', 'IVS-03', 'DSP-07'] },
  fixHint: 'Associate data subnets with a route table that has only local (and VPC endpoint) routes; remove 0.0.0.0/0 routes via IGW/NAT.',
  evaluate(model) {
    const dataSubnets = model.ofType('aws_subnet').filter((s) => (model.effectiveTags(s).Tier ?? '').toLowerCase() === 'data');
    if (dataSubnets.length === 0) return [notApplicable('No subnet tagged Tier=data in scope.')];
    return dataSubnets.map((s) => {
      const { tables, implicit } = routeTablesOf(model, s);
      if (tables.length === 0) return pass(s, `Data subnet ${s.address} uses the VPC main route table (not managed here; AWS creates it with the local route only).`);
      const hits: string[] = [];
      for (const t of tables) {
        blocks(t.values.route).forEach((r, i) => {
          const target = internetTarget(model, t, r, `route[${i}]`);
          if (target) hits.push(`${t.address} route[${i}] → ${target}`);
        });
        for (const r of model.referrers(t, 'aws_route', 'route_table_id')) {
          const target = internetTarget(model, r, r.values, '');
          if (target) hits.push(`${r.address} (${t.address}) → ${target}`);
        }
      }
      if (hits.length > 0) return fail(s, `Data subnet ${s.address} can route to the internet: ${hits.join('; ')}.`);
      return pass(s, `Data subnet ${s.address} route table(s) ${tables.map((t) => t.address).join(', ')}${implicit ? ' (main)' : ''} have no internet-bound route.`);
    });
  },
};
