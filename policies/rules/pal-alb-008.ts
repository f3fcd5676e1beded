import { asString, block } from '../model/values';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: checkov CKV_AWS_378 (target groups not plain HTTP). */
export const albTargetGroupTls: Rule = {
  id: 'PAL-ALB-008',
  title: 'Load balancer target groups and their health checks use HTTPS, not plain HTTP.',
  rationale: 'TLS ends at the load balancer otherwise: requests cross the VPC in clear text to the targets.',
  severity: 'medium',
  routine: 'encryption-in-transit',
  controls: { checkov: ['CKV_AWS_378'], fsbp: [], cis: [], ccm: ['CEK-03', 'DSP-10'] },
  fixHint: 'Set protocol = "HTTPS" on the aws_lb_target_group and health_check { protocol = "HTTPS" }.',
  evaluate(model) {
    const groups = [...model.ofType('aws_lb_target_group'), ...model.ofType('aws_alb_target_group')];
    if (groups.length === 0) return [notApplicable('No target group in scope.')];
    return groups.map((tg) => {
      if (asString(tg.values.target_type) === 'lambda') return notApplicable(`${tg.address} targets Lambda (invoked through the AWS API).`, tg);
      const protocol = (asString(tg.values.protocol) ?? 'unset').toUpperCase();
      if (['TCP', 'UDP', 'TCP_UDP', 'TLS', 'GENEVE'].includes(protocol)) return notApplicable(`${tg.address} is a ${protocol} target group (Network/Gateway Load Balancer).`, tg);
      if (protocol !== 'HTTPS') return fail(tg, `${tg.address} sends requests to its targets over ${protocol === 'UNSET' ? 'an unset protocol' : protocol}.`);
      const health = (asString(block(tg.values.health_check)?.protocol) ?? 'HTTPS').toUpperCase();
      if (health === 'HTTP') return fail(tg, `${tg.address} forwards over HTTPS but health-checks over plain HTTP.`);
      return pass(tg, `${tg.address} uses HTTPS to its targets and for health checks.`);
    });
  },
};
