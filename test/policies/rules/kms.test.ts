import { kmsDeletionWindow } from '../../../policies/rules/pal-kms-004';
import { kmsNoPublicPrincipal } from '../../../policies/rules/pal-kms-003';
import { kmsPolicyPresent } from '../../../policies/rules/pal-kms-002';
import { kmsKeyRotation } from '../../../policies/rules/pal-kms-001';
import { compliantEstate, evaluate, failures, ref, statusOf } from '../fixtures';

const KEY = 'aws_kms_key.logs';

describe('PAL-KMS-001 key rotation', () => {
  test('a symmetric key with rotation is compliant', () => {
    expect(statusOf(evaluate(kmsKeyRotation, compliantEstate()), KEY)).toBe('compliant');
  });

  test('a symmetric key without rotation is non-compliant', () => {
    const s = compliantEstate().update('aws_kms_key', 'logs', (v) => delete v.enable_key_rotation);
    expect(statusOf(evaluate(kmsKeyRotation, s), KEY)).toBe('non-compliant');
  });

  test('an asymmetric key is not applicable', () => {
    const s = compliantEstate().update('aws_kms_key', 'logs', (v) => {
      v.customer_master_key_spec = 'RSA_2048';
      v.enable_key_rotation = false;
    });
    expect(statusOf(evaluate(kmsKeyRotation, s), KEY)).toBe('not-applicable');
  });
});

describe('PAL-KMS-002 key policy present', () => {
  test('a key with a policy attribute is compliant', () => {
    expect(statusOf(evaluate(kmsPolicyPresent, compliantEstate()), KEY)).toBe('compliant');
  });

  test('a key without policy is non-compliant', () => {
    const s = compliantEstate().update('aws_kms_key', 'logs', (v) => delete v.policy);
    expect(statusOf(evaluate(kmsPolicyPresent, s), KEY)).toBe('non-compliant');
  });

  test('an aws_kms_key_policy referencing the key counts as its policy', () => {
    const s = compliantEstate()
      .update('aws_kms_key', 'logs', (v) => delete v.policy)
      .add('aws_kms_key_policy', 'logs', { key_id: ref('aws_kms_key', 'logs'), policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) });
    expect(statusOf(evaluate(kmsPolicyPresent, s), KEY)).toBe('compliant');
  });
});

describe('PAL-KMS-003 no unconditioned wildcard principal', () => {
  test('a policy document data source naming principals is compliant', () => {
    expect(statusOf(evaluate(kmsNoPublicPrincipal, compliantEstate()), KEY)).toBe('compliant');
  });

  test('a data-source statement with principal identifiers ["*"] and no condition is non-compliant', () => {
    const s = compliantEstate().updateData('aws_iam_policy_document', 'logs_key', (v) => {
      (v.statement as unknown[]).push({ sid: 'Everyone', effect: 'Allow', principals: { type: 'AWS', identifiers: ['*'] }, actions: ['kms:Decrypt'], resources: ['*'] });
    });
    const r = evaluate(kmsNoPublicPrincipal, s);
    expect(statusOf(r, KEY)).toBe('non-compliant');
    expect(failures(r)[0].message).toContain('"Everyone"');
  });

  test('the same wildcard statement with a condition is compliant', () => {
    const s = compliantEstate().updateData('aws_iam_policy_document', 'logs_key', (v) => {
      (v.statement as unknown[]).push({ sid: 'Org', effect: 'Allow', principals: [{ type: 'AWS', identifiers: ['*'] }], actions: ['kms:Decrypt'], resources: ['*'], condition: { test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-123'] } });
    });
    expect(statusOf(evaluate(kmsNoPublicPrincipal, s), KEY)).toBe('compliant');
  });

  test.each([
    ['Principal "*"', { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }],
    ['Principal {"AWS":"*"}', { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }],
    ['Principal {"AWS":["*"]}', { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::1:root', '*'] }, Action: 'kms:*', Resource: '*' }],
  ])('a JSON policy string with %s and no Condition is non-compliant', (_label, statement) => {
    const s = compliantEstate().update('aws_kms_key', 'logs', (v) => (v.policy = JSON.stringify({ Version: '2012-10-17', Statement: [statement] })));
    expect(statusOf(evaluate(kmsNoPublicPrincipal, s), KEY)).toBe('non-compliant');
  });

  test('a Deny statement with Principal "*" is compliant', () => {
    const s = compliantEstate().update('aws_kms_key', 'logs', (v) => (v.policy = JSON.stringify({ Statement: { Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' } })));
    expect(statusOf(evaluate(kmsNoPublicPrincipal, s), KEY)).toBe('compliant');
  });

  test('a wildcard in an aws_kms_key_policy resource is found too', () => {
    const s = compliantEstate().add('aws_kms_key_policy', 'logs', { key_id: ref('aws_kms_key', 'logs'), policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }] }) });
    expect(statusOf(evaluate(kmsNoPublicPrincipal, s), KEY)).toBe('non-compliant');
  });

  test('a jsonencode(...) policy as cdktf renders it is analysed like JSON', () => {
    const s = compliantEstate().update('aws_kms_key', 'logs', (v) => (v.policy = '${jsonencode({"Statement" = {"Effect" = "Allow", "Principal" = "*", "Action" = "kms:Decrypt", "Resource" = "*"}})}'));
    expect(failures(evaluate(kmsNoPublicPrincipal, s))).toEqual([expect.objectContaining({ resource: KEY, message: expect.stringContaining('allows anyone (Principal "*")') })]);
  });

  test('a policy expression that cannot be analysed is a low-severity finding, never a pass', () => {
    const s = compliantEstate().update('aws_kms_key', 'logs', (v) => (v.policy = '${jsonencode({Statement = local.key_statements})}'));
    const f = failures(evaluate(kmsNoPublicPrincipal, s));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('low');
  });
});

describe('PAL-KMS-004 deletion window', () => {
  test('30 days (or unset, defaulting to 30) is compliant', () => {
    expect(statusOf(evaluate(kmsDeletionWindow, compliantEstate()), KEY)).toBe('compliant');
    const s = compliantEstate().update('aws_kms_key', 'logs', (v) => delete v.deletion_window_in_days);
    expect(statusOf(evaluate(kmsDeletionWindow, s), KEY)).toBe('compliant');
  });

  test('7 to 29 days is a medium finding', () => {
    const s = compliantEstate().update('aws_kms_key', 'logs', (v) => (v.deletion_window_in_days = 7));
    const f = failures(evaluate(kmsDeletionWindow, s));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBeUndefined(); // rule default: medium
  });

  test('below 7 days is a high finding', () => {
    const s = compliantEstate().update('aws_kms_key', 'logs', (v) => (v.deletion_window_in_days = 5));
    expect(failures(evaluate(kmsDeletionWindow, s))[0].severity).toBe('high');
  });
});
