import type { Resource } from '../model/types';
import { asString, isToken } from '../model/values';
import { unresolvedReference, whyUncertain } from './lib/unknown';
import { fail, notApplicable, pass, unproven, type Rule } from './types';

/** Source: AWS FSBP EC2.6 / CIS AWS Foundations v3.0.0 3.7 (checkov CKV2_AWS_11). */
export const vpcFlowLogs: Rule = {
  id: 'PAL-VPC-001',
  title: 'Every VPC has a flow log capturing ALL traffic.',
  rationale: 'Flow logs of accepted and rejected traffic are the network audit trail needed to detect and investigate intrusions.',
  severity: 'medium',
  routine: 'monitoring',
  controls: { checkov: ['CKV2_AWS_11'], fsbp: ['EC2.6'], cis: ['3.7'], ccm: ['LOG-07', 'LOG-08', 'IVS-03'] },
  fixHint: 'Add an aws_flow_log with vpc_id = <vpc>.id and traffic_type = "ALL".',
  evaluate(model) {
    const vpcs = model.ofType('aws_vpc');
    if (vpcs.length === 0) return [notApplicable('No aws_vpc in scope.')];
    return vpcs.map((vpc) => {
      const { certain, uncertain } = model.referrersBySurety(vpc, 'aws_flow_log', 'vpc_id');
      const capturesAll = (l: Resource) => (asString(l.values.traffic_type) ?? '').toUpperCase() === 'ALL';
      const all = certain.find(capturesAll);
      if (all) return pass(vpc, `Flow log ${all.address} captures ALL traffic.`);
      const maybe = uncertain.find(capturesAll);
      if (maybe) return unproven(vpc, `Whether ${vpc.address} has a flow log capturing ALL traffic`, `${maybe.address} ${whyUncertain(maybe)}`);
      const logs = [...certain, ...uncertain];
      if (logs.length === 0) {
        const maybe = model.ofType('aws_flow_log').filter((l) => l.stack === vpc.stack && unresolvedReference(model, l, 'vpc_id'));
        if (maybe.length > 0) return unproven(vpc, `Whether ${vpc.address} has a flow log`, `the vpc_id of ${maybe.map((l) => `${l.address} (${String(l.values.vpc_id)})`).join(', ')} is known only after apply and leads to no resource of the plan`);
        return fail(vpc, `VPC ${vpc.address} has no aws_flow_log attached.`);
      }
      const undecided = logs.find((l) => isToken(l.values.traffic_type));
      if (undecided) return unproven(vpc, `Whether ${vpc.address} has a flow log capturing ALL traffic`, `the traffic_type of ${undecided.address} is ${String(undecided.values.traffic_type)}, decided at apply`);
      return fail(vpc, `Flow log(s) of ${vpc.address} do not capture ALL traffic (${logs.map((l) => `${l.address}: ${String(l.values.traffic_type ?? 'unset')}`).join('; ')}).`);
    });
  },
};
