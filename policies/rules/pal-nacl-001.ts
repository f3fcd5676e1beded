import { fail, notApplicable, pass, type Rule } from './types';

/** Source: CSA CCM IVS-03/IVS-06 (subnets have an explicit network ACL). Not checkov CKV2_AWS_1: that also fails NACLs attached to no subnet, which this rule does not judge. */
export const subnetHasNacl: Rule = {
  id: 'PAL-NACL-001',
  title: 'Every subnet is explicitly associated with a managed network ACL.',
  rationale: 'An explicit NACL gives a stateless second firewall layer per tier; subnets left on the unmanaged default NACL allow all traffic.',
  severity: 'medium',
  routine: 'segmentation',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['IVS-03', 'IVS-06'] },
  fixHint: 'List the subnet in an aws_network_acl subnet_ids, or add an aws_network_acl_association.',
  evaluate(model) {
    const subnets = model.ofType('aws_subnet');
    if (subnets.length === 0) return [notApplicable('No aws_subnet in scope.')];
    return subnets.map((s) => {
      const nacls = [
        ...model.referrers(s, 'aws_network_acl', 'subnet_ids'),
        ...model.referrers(s, 'aws_default_network_acl', 'subnet_ids'),
        ...model.referrers(s, 'aws_network_acl_association', 'subnet_id'),
      ];
      return nacls.length > 0 ? pass(s, `Subnet ${s.address} is associated via ${nacls[0].address}.`) : fail(s, `Subnet ${s.address} has no network ACL association.`);
    });
  },
};
