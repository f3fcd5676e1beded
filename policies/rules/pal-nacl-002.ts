import type { Resource } from '../model/types';
import { isWorld, isAllPorts, naclEntries, naclRuleEntry, type NaclEntry } from './lib/network';
import { fail, notApplicable, pass, type Rule } from './types';

const REMOTE_ADMIN = [22, 3389];

/**
 * What world-sourced traffic to `port` meets first: NACL entries are evaluated by ascending rule number
 * and only entries whose CIDR is the whole internet decide for an arbitrary internet source.
 */
function firstWorldMatch(entries: NaclEntry[], port: number): NaclEntry | undefined {
  return entries
    .filter((e) => !e.egress && isWorld(e.cidr) && (e.span.protocol === 'all' || e.span.protocol === 'tcp' || e.span.protocol === 'udp') && port >= e.span.from && port <= e.span.to)
    .sort((a, b) => a.ruleNo - b.ruleNo)[0];
}

function problems(entries: NaclEntry[]): string[] {
  const out: string[] = [];
  for (const port of REMOTE_ADMIN) {
    const m = firstWorldMatch(entries, port);
    if (m?.allow) out.push(`allows ${port}/tcp from ${m.cidr} (${m.where}, rule ${m.ruleNo})`);
  }
  const worldIngress = entries.filter((e) => !e.egress && isWorld(e.cidr)).sort((a, b) => a.ruleNo - b.ruleNo);
  for (const e of worldIngress) {
    if (!isAllPorts(e.span)) continue;
    if (!e.allow) break; // a world deny-all shadows everything after it
    out.push(`allows all ports from ${e.cidr} (${e.where}, rule ${e.ruleNo})`);
    break;
  }
  return out;
}

/** Source: AWS FSBP EC2.21 / CIS AWS Foundations v3.0.0 5.1 (checkov CKV_AWS_231, CKV_AWS_232, CKV_AWS_352). */
export const naclNoWorldAdminIngress: Rule = {
  id: 'PAL-NACL-002',
  title: 'Network ACLs do not allow ingress from 0.0.0.0/0 or ::/0 to remote administration ports or to all ports.',
  rationale: 'World-reachable SSH/RDP is the most scanned attack surface; NACLs must back up security groups by denying it at the subnet edge.',
  severity: 'medium',
  routine: 'firewall',
  controls: { checkov: ['CKV_AWS_231', 'CKV_AWS_232', 'CKV_AWS_352'], fsbp: ['EC2.21'], cis: ['5.1'], ccm: ['IVS-03', 'IVS-09'] },
  fixHint: 'Restrict the NACL entry CIDR, narrow its port range away from 22/3389, or add a lower-numbered deny for them.',
  evaluate(model) {
    const nacls = [...model.ofType('aws_network_acl'), ...model.ofType('aws_default_network_acl')];
    const orphanRules: Resource[] = model.ofType('aws_network_acl_rule').filter((r) => model.targets(r, 'network_acl_id').length === 0);
    if (nacls.length === 0 && orphanRules.length === 0) return [notApplicable('No network ACL in scope.')];
    const results = nacls.map((n) => {
      const p = problems(naclEntries(model, n));
      return p.length > 0 ? fail(n, `Network ACL ${n.address} ${p.join('; ')}.`) : pass(n, `Network ACL ${n.address} does not admit world traffic to 22/3389 or all ports.`);
    });
    for (const r of orphanRules) {
      const p = problems([naclRuleEntry(r)]);
      results.push(p.length > 0 ? fail(r, `NACL rule ${r.address} ${p.join('; ')}.`) : pass(r, `NACL rule ${r.address} does not admit world traffic to 22/3389 or all ports.`));
    }
    return results;
  },
};
