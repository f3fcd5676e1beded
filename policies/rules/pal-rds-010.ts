import { groupBy } from '../model/group';
import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { asNumber } from '../model/values';
import { referencedResources, type Referenced } from './lib/cross-stack';
import { peerText, securityGroupPermissions, type NetPermission, type PortSpan } from '../normal/network';
import { dbInstances, engineFamily } from './lib/rds';
import { fail, notApplicable, pass, type Rule, type RuleResult, unprovenAs } from './types';

const APP_TIER = 'app';
const DEFAULT_PORTS: Record<string, number> = { postgres: 5432, mysql: 3306, mariadb: 3306, sqlserver: 1433, oracle: 1521 };

/** One way into a security group: where it is written, its ports, and where traffic may come from. */
interface Admission {
  where: string;
  /** Undefined when the protocol or ports are known only after apply. */
  span: PortSpan | undefined;
  /** Security groups admitted (resolved or not, across stacks). */
  groups: Referenced[];
  /** CIDRs, prefix lists or `self` admitted. */
  others: string[];
}

/** The ingress of a security group in the network normal form, one admission per block or rule resource. */
function admissions(model: Model, ingressOf: ReadonlyMap<Resource, NetPermission[]>, sg: Resource): Admission[] {
  const out = new Map<string, Admission>();
  for (const p of ingressOf.get(sg) ?? []) {
    const where = p.holder === sg ? `${sg.address} ${p.where}` : p.where;
    const a = out.get(where) ?? { where, span: p.span, groups: [], others: [] };
    out.set(where, a);
    // A group naming itself has no reference edge (the model keeps none from a resource to itself).
    if (p.peer.kind === 'security-group' && p.peer.ref === sg.address && p.holder.stack === sg.stack) a.groups.push({ kind: 'resource', resource: sg });
    else if (p.peer.kind === 'security-group') a.groups.push(...referencedResources(model, p.holder, p.peer.at.path.split(/[.[]/, 1)[0], p.peer.at));
    else a.others.push(peerText(p.peer));
  }
  return [...out.values()];
}

/** Source: Palisade firewall baseline (CSA CCM IVS-03 / IVS-06): the database admits the app tier's group on its port only. No checkov/FSBP/CIS control checks the source. */
export const rdsSecurityGroupAppTier: Rule = {
  id: 'PAL-RDS-010',
  title: 'RDS DB instances admit connections only from app-tier security groups (tag Tier=app), on the database port only.',
  rationale: 'A database reachable from a CIDR admits whatever lands at those addresses (a new subnet, a peered VPC, a VPN); admitting only the app tier\'s group on one port means only application hosts can even open a connection.',
  severity: 'high',
  routine: 'firewall',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['IVS-03', 'IVS-06'] },
  fixHint: 'Attach a security group (vpc_security_group_ids) whose only ingress references the app tier\'s group on the database port (Palisade: LeastPrivilegeSecurityGroup.connect(clients, db, 5432, reason)).',
  evaluate(model) {
    const instances = dbInstances(model);
    if (instances.length === 0) return [notApplicable('No aws_db_instance in scope.')];
    const ingressOf = groupBy(securityGroupPermissions(model), (p) => (p.direction === 'ingress' ? p.group.resource : undefined));
    return instances.map((db): RuleResult => {
      const port = asNumber(db.values.port) ?? DEFAULT_PORTS[engineFamily(db.values.engine) ?? ''];
      const groups = referencedResources(model, db, 'vpc_security_group_ids');
      if (groups.length === 0) return fail(db, `${db.address}: no vpc_security_group_ids, so the VPC's default security group applies.`);
      const problems: string[] = [];
      const unproven: string[] = [];
      for (const g of groups) {
        if (g.kind === 'unresolved') { unproven.push(`security group ${g.value}: ${g.why}`); continue; }
        for (const a of admissions(model, ingressOf, g.resource)) {
          if (a.others.length > 0) problems.push(`${a.where} admits ${a.others.join(', ')}`);
          if (a.span === undefined) {
            unproven.push(`${a.where}: its ports are known only after apply`);
          } else if (port === undefined || a.span.protocol !== 'tcp' || a.span.from !== port || a.span.to !== port) {
            problems.push(`${a.where} opens ${a.span.protocol === 'all' ? 'all protocols' : `${a.span.protocol} ${a.span.from}-${a.span.to}`}, not only port ${port ?? '(unknown)'}`);
          }
          for (const source of a.groups) {
            if (source.kind === 'unresolved') unproven.push(`${a.where}: ${source.why}`);
            else if ((model.effectiveTags(source.resource).Tier ?? '').toLowerCase() !== APP_TIER) problems.push(`${a.where} admits ${source.resource.address} (Tier=${model.effectiveTags(source.resource).Tier ?? 'none'})`);
          }
        }
      }
      if (problems.length > 0) return fail(db, `${db.address}: ${problems.join('; ')}.`);
      if (unproven.length > 0) return unprovenAs(db, `${db.address}: who may connect cannot be shown from this input (${unproven.join('; ')}). Check the stacks together.`, 'low');
      return pass(db, `${db.address}: only app-tier security groups may connect, on port ${port}.`);
    });
  },
};
