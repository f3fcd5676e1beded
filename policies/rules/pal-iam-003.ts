import { identityRiskResults } from './lib/policy';
import type { Rule } from './types';

/** Source: AWS FSBP IAM.21 (customer managed policies should not allow wildcard actions for services); checkov CKV_AWS_63 ("*" as an action; on every resource that is PAL-IAM-001's administrator statement). */
export const iamNoServiceWildcards: Rule = {
  id: 'PAL-IAM-003',
  title: 'Identity policies do not allow all actions of a service ("<service>:*").',
  rationale: '"s3:*" or "kms:*" grants every present and future action of the service — deleting buckets, changing key policies — where the workload needs a handful.',
  severity: 'medium',
  routine: 'access-control',
  controls: { checkov: ['CKV_AWS_63'], fsbp: ['IAM.21'], cis: [], ccm: ['IAM-05'] },
  fixHint: 'List the actions the workload calls instead of "<service>:*".',
  evaluate: (model) => identityRiskResults(model, 'service-wildcard', 'no whole-service wildcard action.'),
};
