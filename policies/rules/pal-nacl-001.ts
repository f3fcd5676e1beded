import { unresolvedReference, whyUncertain } from './lib/unknown';
import { fail, notApplicable, pass, unproven, type Rule } from './types';

/** Source: CSA CCM IVS-03/IVS-06 (subnets have an explicit network ACL). Not checkov CKV2_AWS_1: that also fails NACLs attached to no subnet, which this rule does not judge. */
export const subnetHasNacl: Rule = {
  id: 'PAL-NACL-001',
  title: 'Every subnet is associated with a managed network ACL (explicitly, or its VPC default ACL adopted in code).',
  rationale: 'A managed NACL gives a stateless second firewall layer per tier; subnets left on an unmanaged default NACL allow all traffic. A subnet without an explicit association sits in its VPC default ACL, which is managed when the code adopts it (aws_default_network_acl) — PAL-NACL-002 then judges its entries.',
  severity: 'medium',
  routine: 'segmentation',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['IVS-03', 'IVS-06'] },
  fixHint: 'List the subnet in an aws_network_acl subnet_ids, add an aws_network_acl_association, or adopt the VPC default ACL with aws_default_network_acl.',
  evaluate(model) {
    const subnets = model.ofType('aws_subnet');
    if (subnets.length === 0) return [notApplicable('No aws_subnet in scope.')];
    return subnets.map((s) => {
      const found = [
        model.referrersBySurety(s, 'aws_network_acl', 'subnet_ids'),
        model.referrersBySurety(s, 'aws_default_network_acl', 'subnet_ids'),
        model.referrersBySurety(s, 'aws_network_acl_association', 'subnet_id'),
      ];
      const nacls = found.flatMap((f) => f.certain);
      if (nacls.length > 0) return pass(s, `Subnet ${s.address} is associated via ${nacls[0].address}.`);
      const maybe = found.flatMap((f) => f.uncertain)[0];
      if (maybe) return unproven(s, `Whether ${s.address} is associated with a managed network ACL`, `${maybe.address} ${whyUncertain(maybe)}`);
      const adopted = model.targets(s, 'vpc_id', 'aws_vpc').flatMap((vpc) => model.referrers(vpc, 'aws_default_network_acl', 'default_network_acl_id'));
      if (adopted.length > 0) return pass(s, `Subnet ${s.address} has no explicit association, so it is in its VPC's default ACL, which the code manages as ${adopted[0].address}.`);
      const stackAdopts = model.ofType('aws_default_network_acl').some((n) => n.stack === s.stack);
      if (stackAdopts && unresolvedReference(model, s, 'vpc_id')) return unproven(s, `Whether ${s.address} sits in a managed default ACL`, `its vpc_id (${String(s.values.vpc_id)}) is known only after apply, so its VPC — and whether that VPC's default ACL is the one adopted in code — cannot be told`);
      return fail(s, `Subnet ${s.address} has no network ACL association and its VPC default ACL is not adopted in code.`);
    });
  },
};
