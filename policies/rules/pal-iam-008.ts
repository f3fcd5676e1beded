import { list, strings } from '../model/values';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

/** Resources that give a policy straight to IAM users, and the attribute naming the user(s). */
const USER_GRANTS: ReadonlyArray<[type: string, attribute: string]> = [
  ['aws_iam_user_policy', 'user'],
  ['aws_iam_user_policy_attachment', 'user'],
  ['aws_iam_user_policy_attachments_exclusive', 'user_name'],
  ['aws_iam_policy_attachment', 'users'],
];

/** Source: AWS FSBP IAM.2 / CIS AWS Foundations v3.0.0 1.15 (IAM users receive permissions only through groups). */
export const iamUsersWithoutPolicies: Rule = {
  id: 'PAL-IAM-008',
  title: 'IAM users get no policies directly.',
  rationale: 'Permissions attached to individual users drift apart and are forgotten when people change roles; grant them through groups (or, better, roles assumed through SSO).',
  severity: 'medium',
  routine: 'access-control',
  controls: { checkov: [], fsbp: ['IAM.2'], cis: ['1.15'], ccm: ['IAM-05', 'IAM-16'] },
  fixHint: 'Attach the policy to an aws_iam_group and add the user with aws_iam_user_group_membership (or use IAM Identity Center roles).',
  evaluate(model) {
    const out: RuleResult[] = [];
    for (const [type, attribute] of USER_GRANTS) {
      for (const r of model.ofType(type)) {
        const users = strings(list(r.values[attribute]));
        if (users.length === 0) continue;
        const named = model.targets(r, attribute, 'aws_iam_user').map((u) => u.address);
        out.push(fail(r, `${r.address} gives a policy directly to IAM user(s) ${(named.length > 0 ? named : users).join(', ')}.`));
      }
    }
    const given = new Set(out.map((f) => f.resource));
    for (const user of model.ofType('aws_iam_user')) {
      const direct = model.referrers(user).filter((r) => USER_GRANTS.some(([t]) => t === r.type) && given.has(r.address));
      if (direct.length === 0) out.push(pass(user, `${user.address} has no policy attached directly.`));
    }
    return out.length > 0 ? out : [notApplicable('No IAM user or user policy in scope.')];
  },
};
