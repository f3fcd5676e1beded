import { ADMIN_PORTS } from '../facts';
import { judgeWorldSecurityGroups } from './lib/network';
import { notApplicable, type Rule } from './types';

/** Source: AWS FSBP EC2.18/EC2.19, CIS AWS Foundations v3.0.0 5.2/5.3 (checkov CKV_AWS_24, CKV_AWS_25, CKV_AWS_277). */
export const sgNoWorldAdminIngress: Rule = {
  id: 'PAL-SG-001',
  title: 'Security groups do not allow ingress from 0.0.0.0/0 or ::/0 to admin/database ports or to all ports.',
  rationale: 'World-open administration and database ports are routinely brute-forced and exploited; only load balancer listener ports may face the internet. Any set of blocks whose union is every IPv4 or IPv6 address counts as the world.',
  severity: 'critical',
  routine: 'firewall',
  controls: { checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_277'], fsbp: ['EC2.18', 'EC2.19'], cis: ['5.2', '5.3'], ccm: ['IVS-03', 'IVS-09'] },
  fixHint: 'Replace the world CIDR with a source security group or a narrow CIDR, or move admin access to SSM Session Manager.',
  evaluate(model) {
    const out = judgeWorldSecurityGroups(model, 'ingress', [...ADMIN_PORTS.keys()], 'admin/database ports');
    return out.length > 0 ? out : [notApplicable('No security group or security group rule in scope.')];
  },
};
