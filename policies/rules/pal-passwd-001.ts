import { asBool, asNumber, isToken } from '../model/values';
import { fail, notApplicable, pass, unproven, type Rule } from './types';

export const PASSWORD_MIN_LENGTH = 14;
export const PASSWORD_REUSE_PREVENTION = 24;
export const PASSWORD_MAX_AGE_DAYS = 90;
const CHARACTER_CLASSES = ['require_lowercase_characters', 'require_uppercase_characters', 'require_numbers', 'require_symbols'];
const POLICY_SETTINGS = ['minimum_password_length', 'password_reuse_prevention', 'max_password_age', ...CHARACTER_CLASSES];

/** Source: checkov CKV_AWS_9–15; AWS FSBP IAM.7; CIS v3.0.0 1.8 (length ≥ 14) and 1.9 (reuse prevention). */
export const iamPasswordPolicy: Rule = {
  id: 'PAL-PASSWD-001',
  title: 'The IAM account password policy requires ≥ 14 characters of all four classes, prevents reuse of 24 and expires within 90 days.',
  rationale: 'IAM user passwords guard console access; short, simple, reused or never-changed passwords are what credential stuffing and guessing exploit.',
  severity: 'medium',
  routine: 'passwords',
  controls: { checkov: ['CKV_AWS_9', 'CKV_AWS_10', 'CKV_AWS_11', 'CKV_AWS_12', 'CKV_AWS_13', 'CKV_AWS_14', 'CKV_AWS_15'], fsbp: ['IAM.7'], cis: ['1.8', '1.9'], ccm: ['IAM-02', 'IAM-15'] },
  fixHint: `Set minimum_password_length ≥ ${PASSWORD_MIN_LENGTH}, password_reuse_prevention = ${PASSWORD_REUSE_PREVENTION}, max_password_age 1–${PASSWORD_MAX_AGE_DAYS} and require_lowercase/uppercase_characters, require_numbers, require_symbols = true.`,
  evaluate(model) {
    const policies = model.ofType('aws_iam_account_password_policy');
    if (policies.length === 0) return [notApplicable('No aws_iam_account_password_policy in scope.')];
    return policies.map((p) => {
      const v = p.values;
      const problems: string[] = [];
      // A value written as an expression is unknown before apply: never reported as unset.
      const expressions = Object.keys(v).filter((k) => POLICY_SETTINGS.includes(k) && isToken(v[k]));
      const known = (k: string) => !expressions.includes(k);
      const length = asNumber(v.minimum_password_length);
      if (known('minimum_password_length') && (length === undefined || length < PASSWORD_MIN_LENGTH)) problems.push(`minimum_password_length ${length ?? 'unset (AWS default 6)'} < ${PASSWORD_MIN_LENGTH}`);
      const reuse = asNumber(v.password_reuse_prevention);
      if (known('password_reuse_prevention') && (reuse === undefined || reuse < PASSWORD_REUSE_PREVENTION)) problems.push(`password_reuse_prevention ${reuse ?? 'unset'} < ${PASSWORD_REUSE_PREVENTION}`);
      const age = asNumber(v.max_password_age);
      if (known('max_password_age') && (age === undefined || age < 1 || age > PASSWORD_MAX_AGE_DAYS)) problems.push(`max_password_age ${age ?? 'unset (never expires)'} not within 1–${PASSWORD_MAX_AGE_DAYS}`);
      for (const cls of CHARACTER_CLASSES) {
        if (known(cls) && asBool(v[cls]) !== true) problems.push(`${cls} is not true`);
      }
      const unknown = expressions.map((k) => `${k} (${String(v[k])})`).join(', ');
      if (problems.length > 0) return fail(p, `Password policy ${p.address}: ${problems.join('; ')}${unknown ? `; and ${unknown} cannot be shown at plan time` : ''}.`);
      if (unknown) return unproven(p, `Password policy ${p.address}'s ${unknown}`, 'the value is an expression known only after apply');
      return pass(p, `Password policy ${p.address} meets CIS 1.8/1.9 and IAM.7.`);
    });
  },
};
