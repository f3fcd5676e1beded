import { securityHubStandards } from '../../../policies/rules/pal-detect-002';
import { evaluate, StackBuilder } from '../fixtures';

const hub = (arns: string[]) => {
  const s = new StackBuilder('sec').add('aws_securityhub_account', 'main', { enable_default_standards: false });
  arns.forEach((a, i) => s.add('aws_securityhub_standards_subscription', `s${i}`, { standards_arn: a }));
  return s;
};
const FSBP = 'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0';
const CIS3 = 'arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0';

describe('PAL-DETECT-002 Security Hub with FSBP and CIS v3.0.0', () => {
  test('both standards subscribed is compliant', () => {
    expect(evaluate(securityHubStandards, hub([FSBP, CIS3]))[0].status).toBe('compliant');
  });
  test('CIS 1.2.0 instead of 3.0.0 is non-compliant', () => {
    const r = evaluate(securityHubStandards, hub([FSBP, 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0']))[0];
    expect(r).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('CIS AWS Foundations Benchmark v3.0.0') });
  });
  test('subscriptions without Security Hub enabled are non-compliant', () => {
    expect(evaluate(securityHubStandards, hub([FSBP]).remove('aws_securityhub_account', 'main'))[0].status).toBe('non-compliant');
  });
});
