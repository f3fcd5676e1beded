import { boolSettingOr } from '../model/values';
import { applicationLoadBalancers } from './lib/alb';
import { fail, notApplicable, pass, unprovenAs, type Rule } from './types';

/** Source: AWS Elastic Load Balancing (enable_waf_fail_open); CSA CCM IVS-09. */
export const albWafFailClosed: Rule = {
  id: 'PAL-ALB-009',
  title: 'Application Load Balancers do not fail open when their WAF cannot be reached.',
  rationale: 'With WAF fail-open on, every request passes uninspected whenever AWS WAF is throttled or unreachable — exactly what an attacker flooding the ACL wants.',
  severity: 'medium',
  routine: 'firewall',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['IVS-09'] },
  fixHint: 'Set enable_waf_fail_open = false (the default) on the aws_lb.',
  evaluate(model) {
    const albs = applicationLoadBalancers(model);
    if (albs.length === 0) return [notApplicable('No Application Load Balancer in scope.')];
    return albs.map((lb) => {
      const failsOpen = boolSettingOr(lb.values.enable_waf_fail_open, false);
      if (failsOpen === 'unknown') return unprovenAs(lb, `Whether ${lb.address} fails closed when WAF is unavailable cannot be shown: enable_waf_fail_open is ${String(lb.values.enable_waf_fail_open)}, decided at apply.`);
      return failsOpen
        ? fail(lb, `${lb.address} forwards requests uninspected when WAF is unavailable (enable_waf_fail_open = true).`)
        : pass(lb, `${lb.address} fails closed when WAF is unavailable.`);
    });
  },
};
