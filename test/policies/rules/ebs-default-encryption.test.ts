import { ebsDefaultEncryption } from '../../../policies/rules/pal-acct-001';
import { evaluate, ref, StackBuilder } from '../fixtures';

const stack = (enabled: unknown, key = true) => {
  const s = new StackBuilder('sec').add('aws_ebs_encryption_by_default', 'main', { enabled });
  if (key) s.add('aws_ebs_default_kms_key', 'main', { key_arn: ref('aws_kms_key', 'ebs', 'arn') });
  return s;
};

describe('PAL-ACCT-001 EBS encryption by default', () => {
  test('enabled with a CMK is compliant', () => {
    expect(evaluate(ebsDefaultEncryption, stack(true))[0].status).toBe('compliant');
  });
  test('disabled is non-compliant', () => {
    expect(evaluate(ebsDefaultEncryption, stack(false))[0].status).toBe('non-compliant');
  });
  test('enabled with the AWS-managed key is a low-severity finding', () => {
    expect(evaluate(ebsDefaultEncryption, stack(true, false))[0]).toMatchObject({ status: 'non-compliant', severity: 'low' });
  });
});
