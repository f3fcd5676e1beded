import { groupBy } from '../model/group';
import { securityGroupPermissions } from '../normal/network';
import { fail, notApplicable, pass, type Rule } from './types';

const SG_RULE_TYPES = ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'];

/** Source: AWS FSBP EC2.2 / CIS AWS Foundations v3.0.0 5.4 (checkov CKV2_AWS_12). */
export const vpcDefaultSecurityGroup: Rule = {
  id: 'PAL-VPC-002',
  title: 'The default security group of every VPC is adopted and allows no traffic.',
  rationale: 'Resources launched without an explicit security group land in the default one; it must deny everything so that only deliberate rules open paths — whether the rules are inline blocks or separate rule resources on the default group id.',
  severity: 'high',
  routine: 'firewall',
  controls: { checkov: ['CKV2_AWS_12'], fsbp: ['EC2.2'], cis: ['5.4'], ccm: ['IVS-03', 'IVS-06'] },
  fixHint: 'Declare aws_default_security_group with vpc_id = <vpc>.id and no ingress/egress blocks, and attach no rule resources to it.',
  evaluate(model) {
    const vpcs = model.ofType('aws_vpc');
    if (vpcs.length === 0) return [notApplicable('No aws_vpc in scope.')];
    const perms = securityGroupPermissions(model);
    const byDefaultOf = groupBy(perms, (p) => p.group.defaultOf);
    const byGroup = groupBy(perms, (p) => p.group.resource);
    const order = new Map(perms.map((p, i) => [p, i]));
    return vpcs.map((vpc) => {
      const sgs = model.referrers(vpc, 'aws_default_security_group', 'vpc_id');
      const open = [...new Set([...(byDefaultOf.get(vpc) ?? []), ...sgs.flatMap((sg) => byGroup.get(sg) ?? [])])].sort((a, b) => order.get(a)! - order.get(b)!);
      // A rule resource the normal form cannot read (e.g. a type other than ingress/egress) is still attached.
      const unread = sgs.flatMap((sg) => SG_RULE_TYPES.flatMap((t) => model.referrers(sg, t, 'security_group_id'))).filter((r) => !open.some((p) => p.holder === r));
      if (open.length > 0 || unread.length > 0) {
        const where = [...new Set(open.map((p) => (p.holder === p.group.resource ? `${p.holder.address} ${p.where}` : p.holder.address)))];
        const parts = [...(open.length > 0 ? [`${open.length} permission(s): ${where.join(', ')}`] : []), ...(unread.length > 0 ? [`rule resource(s) attached: ${unread.map((r) => r.address).join(', ')}`] : [])];
        return fail(vpc, `Default security group of ${vpc.address} has ${parts.join('; ')}.`);
      }
      if (sgs.length === 0) return fail(vpc, `Default security group of ${vpc.address} is not adopted (no aws_default_security_group references it).`);
      return pass(vpc, `Default security group ${sgs[0].address} has no rules.`);
    });
  },
};
