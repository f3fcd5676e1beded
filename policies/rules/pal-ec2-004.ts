import { asBool, blocks, isComputed, isToken } from '../model/values';
import { launchResources } from './lib/ec2';
import { fail, notApplicable, pass, unproven, type Rule } from './types';

/** Source: checkov CKV_AWS_88; AWS FSBP EC2.25 (launch templates) and EC2.9 (instances). */
export const ec2NoPublicIp: Rule = {
  id: 'PAL-EC2-004',
  title: 'Launch templates, launch configurations and instances do not assign public IP addresses.',
  rationale: 'A public address makes the host reachable from the internet around the load balancer and WAF; hosts reach out through NAT and are administered through SSM.',
  severity: 'high',
  routine: 'segmentation',
  controls: { checkov: ['CKV_AWS_88'], fsbp: ['EC2.25', 'EC2.9'], cis: [], ccm: ['IVS-03', 'IVS-06'] },
  fixHint: 'Set associate_public_ip_address = false (network_interfaces of launch templates) and launch into private subnets.',
  evaluate(model) {
    const resources = launchResources(model);
    if (resources.length === 0) return [notApplicable('No launch template, launch configuration or instance in scope.')];
    return resources.map((r) => {
      const settings = r.type === 'aws_launch_template'
        ? blocks(r.values.network_interfaces).map((n, i) => ({ where: `network_interfaces[${i}]`, value: n.associate_public_ip_address }))
        : [{ where: 'associate_public_ip_address', value: r.values.associate_public_ip_address }];
      const publicOnes = settings.filter((s) => asBool(s.value) === true);
      if (publicOnes.length > 0) return fail(r, `${r.address} assigns a public IP address (${publicOnes.map((s) => s.where).join(', ')}).`);
      // Left to the provider (a plan shows it as known after apply although the configuration never sets it): the
      // subnet's map_public_ip_on_launch decides, as when it is unset. Set by an expression known only after apply: unproven.
      const unknown = settings.filter((s) => isToken(s.value) && !isComputed(s.value));
      if (unknown.length > 0) return unproven(r, `Whether ${r.address} assigns a public IP address`, `associate_public_ip_address (${unknown.map((s) => s.where).join(', ')}) is set by an expression known only after apply`, 'low');
      const explicit = settings.some((s) => asBool(s.value) === false);
      return pass(r, explicit ? `${r.address} assigns no public IP address.` : `${r.address} leaves public addressing to the subnet (see PAL-VPC-003).`);
    });
  },
};
