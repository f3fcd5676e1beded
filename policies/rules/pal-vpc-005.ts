import { asBool, asString } from '../model/values';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS PrivateLink (private DNS for interface endpoints); CSA CCM IVS-03. */
export const interfaceEndpointPrivateDns: Rule = {
  id: 'PAL-VPC-005',
  title: 'Interface VPC endpoints enable private DNS.',
  rationale: 'Without private DNS the AWS SDKs keep resolving the public service names, so traffic from private subnets leaves through NAT (or fails in the data tier) instead of the endpoint.',
  severity: 'medium',
  routine: 'segmentation',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['IVS-03', 'IVS-06'] },
  fixHint: 'Set private_dns_enabled = true on every aws_vpc_endpoint with vpc_endpoint_type = "Interface".',
  evaluate(model) {
    const endpoints = model.ofType('aws_vpc_endpoint').filter((e) => (asString(e.values.vpc_endpoint_type) ?? 'Gateway') === 'Interface');
    if (endpoints.length === 0) return [notApplicable('No interface VPC endpoint in scope.')];
    return endpoints.map((e) => asBool(e.values.private_dns_enabled) === true
      ? pass(e, `${e.address} answers the service's public name inside the VPC (private DNS).`)
      : fail(e, `${e.address} has private DNS off: SDK calls to ${String(e.values.service_name ?? 'the service')} bypass the endpoint.`));
  },
};
