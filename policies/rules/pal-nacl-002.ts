import { ADMIN_PORTS, REMOTE_ADMIN_PORTS } from '../facts';
import type { Resource } from '../model/types';
import { parseCidr } from '../normal/cidr';
import { byGroup, naclWorldAdmits, networkAclPermissions, peerText, type GroupRef, type NetPermission } from '../normal/network';
import { fail, notApplicable, pass, unproven, type Rule, type RuleResult } from './types';

function verdict(target: Resource, label: string, entries: NetPermission[]): RuleResult {
  const problems: string[] = [];
  const unknown = new Set<string>();
  for (const port of [...REMOTE_ADMIN_PORTS, 'all' as const]) {
    const r = naclWorldAdmits(entries, 'ingress', port);
    for (const u of r.unknown) unknown.add(u.where);
    if (r.families.length === 0) continue;
    const via = r.via.map((e) => `${peerText(e.peer)} (${e.where}, rule ${e.ruleNo})`).join(' + ');
    problems.push(`allows ${port === 'all' ? 'all ports' : `${port}/tcp (${ADMIN_PORTS.get(port) ?? 'remote administration'})`} from the whole ${r.families.join(' and ')} internet: ${via}`);
  }
  if (problems.length > 0) return fail(target, `${label} ${problems.join('; ')}.`);
  if (unknown.size > 0) return unproven(target, `Whether ${label} admits the world to 22/3389 or all ports`, `entries ${[...unknown].join(', ')} have values known only after apply`);
  return pass(target, `${label} does not admit world traffic to 22/3389 or all ports.`);
}

/** The entry AWS creates in every default network ACL: rule 100, allow all IPv4 ingress. */
function defaultAclAllowAll(holder: Resource, group: GroupRef): NetPermission {
  return { kind: 'network-acl', direction: 'ingress', stack: holder.stack, holder, where: "the default ACL's own entry", group, span: { protocol: 'all', from: 0, to: 65535 }, ruleNo: 100, allow: true, peer: { kind: 'cidr', cidr: parseCidr('0.0.0.0/0')! } };
}

/** Source: AWS FSBP EC2.21 / CIS AWS Foundations v3.0.0 5.1 (checkov CKV_AWS_231, CKV_AWS_232, CKV_AWS_352). */
export const naclNoWorldAdminIngress: Rule = {
  id: 'PAL-NACL-002',
  title: 'Network ACLs do not allow ingress from 0.0.0.0/0 or ::/0 to remote administration ports or to all ports.',
  rationale: 'World-reachable SSH/RDP is the most scanned attack surface; NACLs must back up security groups by denying it at the subnet edge. Entries are evaluated as AWS does (rule-number order, first match per address), and any set of allowed blocks covering every IPv4 or IPv6 address counts as the world.',
  severity: 'medium',
  routine: 'firewall',
  controls: { checkov: ['CKV_AWS_231', 'CKV_AWS_232', 'CKV_AWS_352'], fsbp: ['EC2.21'], cis: ['5.1'], ccm: ['IVS-03', 'IVS-09'] },
  fixHint: 'Restrict the NACL entry CIDR, narrow its port range away from 22/3389, or add a lower-numbered deny for them.',
  evaluate(model) {
    const groups = byGroup(networkAclPermissions(model));
    const results: RuleResult[] = [];
    const judged = new Set<string>();
    for (const n of [...model.ofType('aws_network_acl'), ...model.ofType('aws_default_network_acl')]) {
      judged.add(`${n.stack}\u0000${n.address}`);
      results.push(verdict(n, `Network ACL ${n.address}`, groups.get(`${n.stack}\u0000${n.address}`) ?? []));
    }
    // Entries on an ACL that is not a resource of the input (a VPC's unadopted default ACL, a literal id, unknown).
    for (const [key, entries] of groups) {
      if (judged.has(key)) continue;
      const holder = entries[0].holder;
      const group = entries[0].group;
      // Rules added to a VPC's default ACL that the configuration does not adopt join the entries AWS created with it:
      // rule 100 allows all IPv4 traffic in (and out), ahead of any rule numbered after it.
      const judgedEntries = group.defaultOf && !group.resource ? [...entries, defaultAclAllowAll(holder, group)] : entries;
      results.push(verdict(holder, group.resource ? `Network ACL ${group.key}` : `NACL rule ${holder.address} (on ${group.unresolved ? 'an ACL known only after apply' : group.key})`, judgedEntries));
    }
    return results.length > 0 ? results : [notApplicable('No network ACL in scope.')];
  },
};
