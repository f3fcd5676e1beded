import type { Resource } from '../model/types';
import { describePorts, exposedPorts, isAllPorts, isWorld, sgPermissions } from './lib/network';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

/** Source: AWS FSBP EC2.18/EC2.19, CIS AWS Foundations v3.0.0 5.2/5.3 (checkov CKV_AWS_24, CKV_AWS_25, CKV_AWS_277). */
export const sgNoWorldAdminIngress: Rule = {
  id: 'PAL-SG-001',
  title: 'Security groups do not allow ingress from 0.0.0.0/0 or ::/0 to admin/database ports or to all ports.',
  rationale: 'World-open administration and database ports are routinely brute-forced and exploited; only load balancer listener ports may face the internet.',
  severity: 'critical',
  routine: 'firewall',
  controls: { checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_277'], fsbp: ['EC2.18', 'EC2.19'], cis: ['5.2', '5.3'], ccm: ['IVS-03', 'IVS-09'] },
  fixHint: 'Replace the world CIDR with a source security group or a narrow CIDR, or move admin access to SSM Session Manager.',
  evaluate(model) {
    const perms = sgPermissions(model, 'ingress');
    const holders = new Map<Resource, string[]>();
    for (const sg of [...model.ofType('aws_security_group'), ...model.ofType('aws_default_security_group')]) holders.set(sg, []);
    for (const p of perms) {
      if (!holders.has(p.holder)) holders.set(p.holder, []);
      const world = p.cidrs.filter(isWorld);
      if (world.length === 0) continue;
      if (isAllPorts(p.span)) holders.get(p.holder)!.push(`${p.where} allows all ports from ${world.join(', ')}`);
      else {
        const ports = exposedPorts(p.span);
        if (ports.length > 0) holders.get(p.holder)!.push(`${p.where} allows ${describePorts(ports)} from ${world.join(', ')}`);
      }
    }
    if (holders.size === 0) return [notApplicable('No security group or security group rule in scope.')];
    const out: RuleResult[] = [];
    for (const [r, issues] of holders) {
      out.push(issues.length > 0 ? fail(r, `${r.address}: ${issues.join('; ')}.`) : pass(r, `${r.address} opens no admin/database port to the world.`));
    }
    return out;
  },
};
