import { principalResults } from './lib/policy';
import type { Rule } from './types';

/** Source: checkov CKV_AWS_60 (role trust not open to every principal); AWS IAM best practice for cross-account roles (sts:ExternalId). */
export const iamTrustNotOpen: Rule = {
  id: 'PAL-IAM-005',
  title: 'Role trust policies admit no one outside the allowed accounts without a restricting condition.',
  rationale: 'A trust policy with Principal "*" lets any AWS identity assume the role; a foreign account without sts:ExternalId (or an organization/principal condition) is the confused-deputy hole of third-party roles; a federated provider without a condition on its claims lets every identity it issues in.',
  severity: 'critical',
  routine: 'access-control',
  controls: { checkov: ['CKV_AWS_60'], fsbp: [], cis: [], ccm: ['IAM-05', 'IAM-16'] },
  fixHint: 'Name the principals of the allowed accounts; for a third party add Condition StringEquals sts:ExternalId; for OIDC/SAML add conditions on the provider\'s sub/aud claims.',
  evaluate: (model) => principalResults(model, ['trust'], (a) => a.verdict === 'public' || a.verdict === 'foreign' || a.verdict === 'federated-open', (a) => !a.principal.startsWith('Service:'), {
    none: 'No aws_iam_role in scope.',
    ok: 'its trust policy admits only allowed accounts, pinned services or restricted identities.',
  }),
};
