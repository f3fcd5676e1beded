import { asBool } from '../model/values';
import { applicationLoadBalancers } from './lib/alb';
import { whyUncertain } from './lib/unknown';
import { fail, notApplicable, pass, unproven, type Rule } from './types';

/** Source: checkov CKV2_AWS_28 (public ALBs protected by WAF); AWS WAF guidance. */
export const albWafAssociated: Rule = {
  id: 'PAL-ALB-007',
  title: 'Internet-facing Application Load Balancers are protected by a WAFv2 web ACL.',
  rationale: 'An internet-facing ALB without a web ACL passes injection, exploit payloads (e.g. Log4Shell) and floods straight to the application.',
  severity: 'high',
  routine: 'firewall',
  controls: { checkov: ['CKV2_AWS_28'], fsbp: [], cis: [], ccm: ['IVS-09', 'IVS-03', 'TVM-01'] },
  fixHint: 'Add an aws_wafv2_web_acl_association with resource_arn = <aws_lb>.arn (TlsLoadBalancer.protectWith(webAcl)).',
  evaluate(model) {
    const albs = applicationLoadBalancers(model);
    if (albs.length === 0) return [notApplicable('No Application Load Balancer in scope.')];
    return albs.map((lb) => {
      if (asBool(lb.values.internal) === true) return notApplicable(`${lb.address} is internal.`, lb);
      const { certain: associations, uncertain } = model.referrersBySurety(lb, 'aws_wafv2_web_acl_association', 'resource_arn');
      if (associations.length > 0) return pass(lb, `${lb.address} is protected by ${associations.map((a) => a.address).join(', ')}.`);
      if (uncertain.length > 0) return unproven(lb, `Whether ${lb.address} is protected by a web ACL`, `${uncertain[0].address} ${whyUncertain(uncertain[0])}`);
      // WAF Classic runs none of the AWS managed rule groups the baseline requires (PAL-WAF-002), so it does not count.
      const classic = model.referrers(lb, 'aws_wafregional_web_acl_association', 'resource_arn');
      return fail(lb, `Internet-facing ${lb.address} has no aws_wafv2_web_acl_association${classic.length > 0 ? ` (${classic.map((a) => a.address).join(', ')} is WAF Classic, which cannot run the AWS managed rule groups)` : ''}.`);
    });
  },
};
