import { asBool } from '../model/values';
import { loadBalancers } from './lib/alb';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS FSBP ELB.6 (checkov CKV_AWS_150). */
export const albDeletionProtection: Rule = {
  id: 'PAL-ALB-005',
  title: 'Load balancers have deletion protection enabled.',
  rationale: 'Deleting the edge load balancer takes the service offline and discards its DNS name; it must take a deliberate change.',
  severity: 'low',
  routine: 'firewall',
  controls: { checkov: ['CKV_AWS_150'], fsbp: ['ELB.6'], cis: [], ccm: ['BCR-08', 'CCC-04'] },
  fixHint: 'Set enable_deletion_protection = true on the aws_lb.',
  evaluate(model) {
    const lbs = loadBalancers(model);
    if (lbs.length === 0) return [notApplicable('No load balancer in scope.')];
    return lbs.map((lb) => (asBool(lb.values.enable_deletion_protection) === true
      ? pass(lb, `${lb.address} has deletion protection.`)
      : fail(lb, `${lb.address} can be deleted without first turning off deletion protection.`)));
  },
};
