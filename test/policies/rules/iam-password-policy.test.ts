import { iamPasswordPolicy } from '../../../policies/rules/pal-passwd-001';
import { evaluate, StackBuilder } from '../fixtures';

const strong = { minimum_password_length: 14, password_reuse_prevention: 24, max_password_age: 90, require_lowercase_characters: true, require_uppercase_characters: true, require_numbers: true, require_symbols: true };
const policy = (v: Record<string, unknown>) => new StackBuilder('sec').add('aws_iam_account_password_policy', 'main', v);

describe('PAL-PASSWD-001 IAM password policy', () => {
  test('14 characters of all classes, 24 remembered, 90 days is compliant', () => {
    expect(evaluate(iamPasswordPolicy, policy(strong))[0].status).toBe('compliant');
  });

  test.each([
    ['minimum_password_length', 8],
    ['password_reuse_prevention', 5],
    ['max_password_age', 365],
    ['max_password_age', undefined],
    ['require_symbols', false],
    ['require_uppercase_characters', undefined],
  ])('%s = %p is non-compliant', (attr, value) => {
    const v: Record<string, unknown> = { ...strong, [attr]: value };
    if (value === undefined) delete v[attr];
    const r = evaluate(iamPasswordPolicy, policy(v))[0];
    expect(r).toMatchObject({ status: 'non-compliant', message: expect.stringContaining(attr) });
  });

  test('numbers rendered as strings are read as numbers', () => {
    expect(evaluate(iamPasswordPolicy, policy({ ...strong, minimum_password_length: '16' }))[0].status).toBe('compliant');
  });

  test('a setting written as an expression is unproven, never "unset"; a definite shortfall beside it still fails', () => {
    const computed = evaluate(iamPasswordPolicy, policy({ ...strong, minimum_password_length: '${var.length}', require_symbols: '${var.symbols}' }))[0];
    expect(computed).toMatchObject({ status: 'unproven', message: expect.stringContaining('cannot be shown at plan time') });
    expect(computed.message).not.toContain('unset');
    const mixed = evaluate(iamPasswordPolicy, policy({ ...strong, minimum_password_length: '${var.length}', password_reuse_prevention: 5 }))[0];
    expect(mixed).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('password_reuse_prevention 5 < 24') });
  });
});
