import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

/** Source: AWS FSBP IAM.3 / CIS AWS Foundations v3.0.0 1.14 (access keys rotated within 90 days) — stricter: none declared. */
export const iamNoUserAccessKeys: Rule = {
  id: 'PAL-IAM-009',
  title: 'No long-lived IAM user access keys are declared.',
  rationale: 'An aws_iam_access_key is a credential that never expires: Terraform writes its secret into state and never rotates it, so it outlives the 90-day rotation CIS 1.14 / FSBP IAM.3 require. Workloads use roles; people use SSO.',
  severity: 'high',
  routine: 'access-control',
  controls: { checkov: [], fsbp: ['IAM.3'], cis: ['1.14'], ccm: ['IAM-14'] },
  fixHint: 'Use an IAM role (instance profile, IRSA, OIDC federation) or IAM Identity Center instead of a user access key.',
  evaluate(model) {
    const keys = model.ofType('aws_iam_access_key');
    const out: RuleResult[] = keys.map((k) => {
      const users = model.targets(k, 'user', 'aws_iam_user').map((u) => u.address);
      return fail(k, `${k.address} is a long-lived access key for IAM user ${users[0] ?? String(k.values.user ?? '(unknown)')}.`);
    });
    for (const user of model.ofType('aws_iam_user')) {
      if (model.referrers(user, 'aws_iam_access_key').length === 0) out.push(pass(user, `${user.address} has no access key declared.`));
    }
    return out.length > 0 ? out : [notApplicable('No IAM user or access key in scope.')];
  },
};
