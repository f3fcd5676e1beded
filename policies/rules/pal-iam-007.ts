import { principalResults } from './lib/policy';
import type { Rule } from './types';

/** Source: AWS FSBP S3.2 / S3.3 (bucket-policy part) / checkov CKV_AWS_70; cross-account grants limited to the provider's allowed_account_ids. */
export const resourcePoliciesNotPublic: Rule = {
  id: 'PAL-IAM-007',
  title: 'Resource policies grant nothing to everyone or to accounts outside the allowed accounts unless a condition restricts the caller.',
  rationale: 'An Allow to Principal "*" (or NotPrincipal) on a bucket, topic, queue, secret, repository or vault makes it public; an Allow to an account outside allowed_account_ids hands our data to someone else. A condition restricts only when it pins the caller (aws:PrincipalAccount/OrgID/Arn, aws:SourceVpc(e), kms:CallerAccount) to our accounts. Public KMS key policies are PAL-KMS-003\'s.',
  severity: 'critical',
  routine: 'access-control',
  controls: { checkov: ['CKV_AWS_70'], fsbp: ['S3.2', 'S3.3'], cis: [], ccm: ['DSP-17', 'IAM-05'] },
  fixHint: 'Name principals of the allowed accounts, or add a condition such as StringEquals aws:PrincipalOrgID / aws:PrincipalAccount; add the partner account to allowed_account_ids only if it is yours.',
  evaluate: (model) => principalResults(model, ['resource'], (a) => a.verdict === 'foreign' || a.verdict === 'federated-open' || (a.verdict === 'public' && !a.use.keyPolicy), (a) => !a.principal.startsWith('Service:'), {
    none: 'No resource policy in scope.',
    ok: 'grants only to allowed accounts, AWS log delivery, pinned services or restricted callers.',
  }),
};
