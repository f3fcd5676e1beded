import { asNumber, isToken } from '../model/values';
import { imdsDisabled, launchResources, metadataOptions } from './lib/ec2';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: checkov CKV_AWS_341 (launch templates / configurations: hop limit ≤ 1). */
export const ec2ImdsHopLimit: Rule = {
  id: 'PAL-EC2-002',
  title: 'The instance metadata response hop limit is 1 (set explicitly).',
  rationale: 'With a hop limit above 1, containers and forwarded traffic on the host can reach the metadata service and the instance role credentials.',
  severity: 'medium',
  routine: 'firewall',
  controls: { checkov: ['CKV_AWS_341'], fsbp: [], cis: [], ccm: ['IVS-04'] },
  fixHint: 'Set metadata_options { http_put_response_hop_limit = 1 }.',
  evaluate(model) {
    const resources = launchResources(model);
    if (resources.length === 0) return [notApplicable('No launch template, launch configuration or instance in scope.')];
    return resources.map((r) => {
      if (imdsDisabled(r)) return pass(r, `${r.address} disables the instance metadata service.`);
      const raw = metadataOptions(r).http_put_response_hop_limit;
      if (isToken(raw)) return fail(r, `${r.address}: http_put_response_hop_limit is an expression (${String(raw)}) that cannot be verified.`, 'low');
      const limit = asNumber(raw);
      if (limit === undefined) return fail(r, `${r.address} leaves http_put_response_hop_limit unset: the AMI's default applies (2 for images marked IMDSv2-only).`);
      if (limit > 1) return fail(r, `${r.address} sets http_put_response_hop_limit = ${limit}: the metadata service is reachable beyond the host.`);
      return pass(r, `${r.address} limits metadata responses to ${limit} hop.`);
    });
  },
};
