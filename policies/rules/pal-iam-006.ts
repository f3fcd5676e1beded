import { principalResults } from './lib/policy';
import type { Rule } from './types';

/** Source: AWS IAM user guide, "The confused deputy problem" / cross-service confused deputy prevention (aws:SourceAccount, aws:SourceArn). */
export const iamServicePrincipalsPinned: Rule = {
  id: 'PAL-IAM-006',
  title: 'AWS service principals in trust and resource policies are pinned to our account or resources.',
  rationale: 'A grant to "cloudtrail.amazonaws.com" or "sns.amazonaws.com" without aws:SourceAccount/aws:SourceArn (for KMS key policies also kms:ViaService, kms:CallerAccount or the encryption context) lets the service act on behalf of any customer\'s resource: another account can point its trail, alarm or log delivery at our bucket, topic or key.',
  severity: 'high',
  routine: 'access-control',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['IAM-05'] },
  fixHint: 'Add Condition StringEquals aws:SourceAccount = <account> and/or ArnLike aws:SourceArn = <the resource that uses the service> (KMS: kms:ViaService / kms:EncryptionContext:…).',
  evaluate: (model) => principalResults(model, ['trust', 'resource'], (a) => a.verdict === 'service-unpinned' || a.verdict === 'foreign', (a) => a.principal.startsWith('Service:'), {
    none: 'No trust or resource policy in scope.',
    ok: 'every service principal is pinned to our account or resources.',
  }),
};
