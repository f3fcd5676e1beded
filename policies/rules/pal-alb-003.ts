import { asBool } from '../model/values';
import { applicationLoadBalancers } from './lib/alb';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS FSBP ELB.4 (checkov CKV_AWS_131). */
export const albDropInvalidHeaders: Rule = {
  id: 'PAL-ALB-003',
  title: 'Application Load Balancers drop invalid HTTP header fields.',
  rationale: 'Malformed headers are a vector for request smuggling and header injection against the targets.',
  severity: 'medium',
  routine: 'firewall',
  controls: { checkov: ['CKV_AWS_131'], fsbp: ['ELB.4'], cis: [], ccm: ['IVS-09', 'IVS-03'] },
  fixHint: 'Set drop_invalid_header_fields = true on the aws_lb.',
  evaluate(model) {
    const albs = applicationLoadBalancers(model);
    if (albs.length === 0) return [notApplicable('No Application Load Balancer in scope.')];
    return albs.map((lb) => (asBool(lb.values.drop_invalid_header_fields) === true
      ? pass(lb, `${lb.address} drops invalid header fields.`)
      : fail(lb, `${lb.address} forwards invalid header fields (drop_invalid_header_fields is not true).`)));
  },
};
