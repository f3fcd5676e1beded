import { boolSettingOr } from '../model/values';
import { fail, notApplicable, pass, unprovenAs, type Rule } from './types';

/** Source: AWS FSBP EC2.15 (checkov CKV_AWS_130). */
export const subnetNoPublicIp: Rule = {
  id: 'PAL-VPC-003',
  title: 'Subnets do not auto-assign public IP addresses.',
  rationale: 'Auto-assigned public IPs expose every instance launched into the subnet directly to the internet, bypassing load balancers and WAF.',
  severity: 'medium',
  routine: 'segmentation',
  controls: { checkov: ['CKV_AWS_130'], fsbp: ['EC2.15'], cis: [], ccm: ['IVS-03', 'IVS-06'] },
  fixHint: 'Remove map_public_ip_on_launch (or set it to false) on the aws_subnet.',
  evaluate(model) {
    const subnets = model.ofType('aws_subnet');
    if (subnets.length === 0) return [notApplicable('No aws_subnet in scope.')];
    return subnets.map((s) => {
      const mapsPublic = boolSettingOr(s.values.map_public_ip_on_launch, false);
      if (mapsPublic === 'unknown') return unprovenAs(s, `Whether subnet ${s.address} auto-assigns public IPs cannot be shown: map_public_ip_on_launch is ${String(s.values.map_public_ip_on_launch)}, decided at apply.`);
      return mapsPublic
        ? fail(s, `Subnet ${s.address} sets map_public_ip_on_launch = true.`)
        : pass(s, `Subnet ${s.address} does not auto-assign public IPs.`);
    });
  },
};
