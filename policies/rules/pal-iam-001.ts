import { identityRiskResults } from './lib/policy';
import type { Rule } from './types';

/** Source: AWS FSBP IAM.1 / CIS AWS Foundations v3.0.0 1.16 (checkov CKV_AWS_62, CKV_AWS_274; "*" on named resources, CKV_AWS_63, is PAL-IAM-003's). */
export const iamNoAdminEquivalent: Rule = {
  id: 'PAL-IAM-001',
  title: 'No identity gets administrator-equivalent permissions.',
  rationale: 'Action "*", "iam:*" on every resource, an Allow with NotAction, or the AWS-managed AdministratorAccess, PowerUserAccess or IAMFullAccess policies let the role, user or group do anything, or give itself anything: one stolen credential becomes the whole account.',
  severity: 'critical',
  routine: 'access-control',
  controls: { checkov: ['CKV_AWS_62', 'CKV_AWS_274'], fsbp: ['IAM.1'], cis: ['1.16'], ccm: ['IAM-05', 'IAM-09'] },
  fixHint: 'Replace "*"/"iam:*"/NotAction and the broad AWS-managed policies with the specific actions and resources the workload uses.',
  evaluate: (model) => identityRiskResults(model, 'admin', 'no administrator-equivalent statement.'),
};
