import { identityRiskResults } from './lib/policy';
import type { Rule } from './types';

/** Source: AWS IAM security best practices (grant least privilege; scope resources). Action data: AWS Service Authorization Reference. */
export const iamNoWriteOnEveryResource: Rule = {
  id: 'PAL-IAM-004',
  title: 'Identity policies do not allow write or decrypt actions on every resource when the action can be scoped.',
  rationale: 'A write, permissions-management or decrypt action on Resource "*" reaches every bucket, key, queue or log group of the account. Actions the AWS Service Authorization Reference lists without resource types (e.g. ec2:Describe*) can only be granted on "*" and are not flagged.',
  severity: 'medium',
  routine: 'access-control',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['IAM-05'] },
  fixHint: 'Name the resources (ARNs, or references to the resources of this stack) the write/decrypt actions apply to.',
  evaluate: (model) => identityRiskResults(model, 'write-on-every-resource', 'no scopable write/decrypt action on every resource.'),
};
