import { identityRiskResults } from './lib/policy';
import type { Rule } from './types';

/** Source: AWS IAM security best practices (least privilege; privilege-escalation paths such as iam:PassRole on "*"). */
export const iamNoPrivilegeEscalation: Rule = {
  id: 'PAL-IAM-002',
  title: 'No identity may use privilege-escalation actions on every resource.',
  rationale: 'iam:PassRole, policy-version, attach/put-policy, access-key, login-profile and trust-policy actions on "*" let a principal hand itself (or code it controls) any role or policy in the account: administrator in two API calls.',
  severity: 'high',
  routine: 'access-control',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['IAM-05', 'IAM-09'] },
  fixHint: 'Scope the action to the exact roles/policies/users it needs (e.g. iam:PassRole on arn:aws:iam::<account>:role/<role>, with iam:PassedToService).',
  evaluate: (model) => identityRiskResults(model, 'privilege-escalation', 'no privilege-escalation action on every resource.'),
};
