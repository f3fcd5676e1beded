import { judgeWorldSecurityGroups } from './lib/network';
import { notApplicable, type Rule } from './types';

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
    const out = judgeWorldSecurityGroups(model, 'egress', [], 'all ports');
    return out.length > 0 ? out : [notApplicable('No security group or security group rule in scope.')];
  },
};
