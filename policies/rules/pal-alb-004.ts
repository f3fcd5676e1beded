import { asString } from '../model/values';
import { applicationLoadBalancers } from './lib/alb';
import { fail, notApplicable, pass, type Rule } from './types';

const SAFE_MODES = ['defensive', 'strictest'];

/** Source: AWS FSBP ELB.12 (checkov CKV_AWS_328). */
export const albDesyncMitigation: Rule = {
  id: 'PAL-ALB-004',
  title: 'Application and Classic Load Balancers mitigate HTTP desync in defensive or strictest mode.',
  rationale: '"monitor" mode forwards ambiguous requests that enable HTTP request smuggling (desync) attacks.',
  severity: 'medium',
  routine: 'firewall',
  controls: { checkov: ['CKV_AWS_328'], fsbp: ['ELB.12'], cis: [], ccm: ['IVS-09'] },
  fixHint: 'Set desync_mitigation_mode = "strictest" (or "defensive") on the aws_lb / aws_elb.',
  evaluate(model) {
    const albs = [...applicationLoadBalancers(model), ...model.ofType('aws_elb')];
    if (albs.length === 0) return [notApplicable('No Application or Classic Load Balancer in scope.')];
    return albs.map((lb) => {
      const mode = asString(lb.values.desync_mitigation_mode);
      if (mode === undefined) return pass(lb, `${lb.address} uses AWS's default desync mitigation (defensive).`);
      return SAFE_MODES.includes(mode) ? pass(lb, `${lb.address} mitigates desync in ${mode} mode.`) : fail(lb, `${lb.address} uses desync_mitigation_mode = "${mode}".`);
    });
  },
};
