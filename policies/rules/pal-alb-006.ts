import { asBool, asString, block, isToken } from '../model/values';
import { loadBalancers } from './lib/alb';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS FSBP ELB.5 (checkov CKV_AWS_91). */
export const albAccessLogs: Rule = {
  id: 'PAL-ALB-006',
  title: 'Application and Network Load Balancers write access logs to S3.',
  rationale: 'Access logs record every request (client, path, TLS protocol, status) needed to investigate attacks at the edge.',
  severity: 'medium',
  routine: 'monitoring',
  controls: { checkov: ['CKV_AWS_91'], fsbp: ['ELB.5'], cis: [], ccm: ['LOG-07', 'LOG-08'] },
  fixHint: 'Add access_logs { bucket = <log bucket>, enabled = true } to the aws_lb (the bucket policy must let ELB write).',
  evaluate(model) {
    // Gateway Load Balancers have no access logs; application and network ones do (checkov CKV_AWS_91 judges both).
    const albs = loadBalancers(model).filter((lb) => (asString(lb.values.load_balancer_type) ?? 'application') !== 'gateway');
    if (albs.length === 0) return [notApplicable('No Application or Network Load Balancer in scope.')];
    return albs.map((lb) => {
      const logs = block(lb.values.access_logs);
      if (!logs || !asString(logs.bucket)) return fail(lb, `${lb.address} has no access_logs bucket.`);
      // The provider's default is false "even when bucket is specified".
      if (asBool(logs.enabled) !== true) return fail(lb, `${lb.address} names an access-log bucket but access_logs.enabled is not true.`);
      return pass(lb, `${lb.address} logs requests to ${isToken(logs.bucket) ? 'an S3 bucket named only after apply' : String(logs.bucket)}.`);
    });
  },
};
