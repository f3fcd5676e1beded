import { asBool, asString } from '../model/values';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

export const REQUIRED_SECURITYHUB_STANDARDS = [
  { name: 'AWS Foundational Security Best Practices v1.0.0', pattern: /:standards\/aws-foundational-security-best-practices\/v\/1\.0\.0$/ },
  { name: 'CIS AWS Foundations Benchmark v3.0.0', pattern: /:standards\/cis-aws-foundations-benchmark\/v\/3\.0\.0$/ },
];

/** Source: CIS AWS Foundations v3.0.0 4.16 (Security Hub enabled); AWS Security Hub standards reference (no checkov check exists). */
export const securityHubStandards: Rule = {
  id: 'PAL-DETECT-002',
  title: 'Security Hub is enabled and subscribed to AWS FSBP v1.0.0 and CIS AWS Foundations v3.0.0.',
  rationale: 'Security Hub turns Config evidence into verdicts against the standards Palisade proves at synth, so drift after deploy is seen too.',
  severity: 'medium',
  routine: 'monitoring',
  controls: { checkov: [], fsbp: [], cis: ['4.16'], ccm: ['LOG-03', 'LOG-05', 'CCC-07'] },
  fixHint: 'Add aws_securityhub_account and aws_securityhub_standards_subscription for arn:aws:securityhub:<region>::standards/aws-foundational-security-best-practices/v/1.0.0 and .../cis-aws-foundations-benchmark/v/3.0.0.',
  evaluate(model) {
    const accounts = model.ofType('aws_securityhub_account');
    const subs = model.ofType('aws_securityhub_standards_subscription');
    if (accounts.length === 0 && subs.length === 0) return [notApplicable('No aws_securityhub_account in scope.')];
    if (accounts.length === 0) return subs.map((s) => fail(s, `${s.address} subscribes to a standard but Security Hub is not enabled in scope (no aws_securityhub_account).`));
    const out: RuleResult[] = [];
    for (const a of accounts) {
      const mine = subs.filter((s) => s.stack === a.stack);
      const missing = REQUIRED_SECURITYHUB_STANDARDS.filter((std) => !mine.some((s) => std.pattern.test(asString(s.values.standards_arn) ?? '')));
      const defaults = asBool(a.values.enable_default_standards) !== false ? ' (default standards are also enabled: set enable_default_standards = false and subscribe explicitly)' : '';
      out.push(missing.length > 0
        ? fail(a, `Security Hub ${a.address} is not subscribed to ${missing.map((m) => m.name).join(' and ')}.${defaults}`)
        : pass(a, `Security Hub ${a.address} runs FSBP v1.0.0 and CIS v3.0.0${defaults}.`));
    }
    return out;
  },
};
