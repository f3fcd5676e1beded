import type { Resource } from '../model/types';
import { isAllPorts, isWorld, sgPermissions } from './lib/network';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

/** Source: checkov CKV_AWS_382 (no unrestricted egress to 0.0.0.0/0 on all ports); no FSBP/CIS equivalent. */
export const sgNoUnrestrictedEgress: Rule = {
  id: 'PAL-SG-002',
  title: 'Security groups do not allow egress to 0.0.0.0/0 or ::/0 on all ports and protocols.',
  rationale: 'Unrestricted egress lets a compromised workload exfiltrate data or reach command-and-control on any port; egress should name the ports it needs (e.g. 443).',
  severity: 'medium',
  routine: 'firewall',
  controls: { checkov: ['CKV_AWS_382'], fsbp: [], cis: [], ccm: ['IVS-03', 'IVS-09', 'DSP-10'] },
  fixHint: 'Limit egress to the required protocol/ports (e.g. tcp 443) or to specific destination security groups/CIDRs.',
  evaluate(model) {
    const holders = new Map<Resource, string[]>();
    for (const sg of [...model.ofType('aws_security_group'), ...model.ofType('aws_default_security_group')]) holders.set(sg, []);
    for (const p of sgPermissions(model, 'egress')) {
      if (!holders.has(p.holder)) holders.set(p.holder, []);
      const world = p.cidrs.filter(isWorld);
      if (world.length > 0 && isAllPorts(p.span)) holders.get(p.holder)!.push(`${p.where} allows all traffic to ${world.join(', ')}`);
    }
    if (holders.size === 0) return [notApplicable('No security group or security group rule in scope.')];
    const out: RuleResult[] = [];
    for (const [r, issues] of holders) out.push(issues.length > 0 ? fail(r, `${r.address}: ${issues.join('; ')}.`) : pass(r, `${r.address} has no unrestricted egress.`));
    return out;
  },
};
