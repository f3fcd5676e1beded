/**
 * Honest mappings (issue #15), data, identity and logging rules: each checkov ID a rule lists in `controls.checkov`
 * is proven here on the cases of checkov's own test suite (checkov 3.3.13, tests/terraform/...), rewritten as
 * in-memory Terraform JSON. Every checkov FAIL case must be a Palisade fail; every checkov PASS case a pass or
 * not-applicable, or a fail where Palisade is deliberately stricter (the comment says why). Rules that judge several
 * properties at once (trail, password policy, Config) are given an otherwise compliant resource, so the test shows
 * the verdict comes from the property checkov inspects.
 */
import { ebsDefaultEncryption } from '../../../policies/rules/pal-acct-001';
import { backupVaultProtected } from '../../../policies/rules/pal-backup-001';
import { s3Encryption } from '../../../policies/rules/pal-bucket-001';
import { s3Versioning } from '../../../policies/rules/pal-bucket-002';
import { s3PublicAccessBlock } from '../../../policies/rules/pal-bucket-003';
import { s3TlsOnly } from '../../../policies/rules/pal-bucket-004';
import { s3OwnershipEnforced } from '../../../policies/rules/pal-bucket-005';
import { s3AccessLogging } from '../../../policies/rules/pal-bucket-006';
import { guardDutyEnabled } from '../../../policies/rules/pal-detect-001';
import { iamNoAdminEquivalent } from '../../../policies/rules/pal-iam-001';
import { iamNoServiceWildcards } from '../../../policies/rules/pal-iam-003';
import { iamTrustNotOpen } from '../../../policies/rules/pal-iam-005';
import { resourcePoliciesNotPublic } from '../../../policies/rules/pal-iam-007';
import { configRecorderEnabled } from '../../../policies/rules/pal-detect-003';
import { kmsKeyRotation } from '../../../policies/rules/pal-kms-001';
import { kmsPolicyPresent } from '../../../policies/rules/pal-kms-002';
import { kmsNoPublicPrincipal } from '../../../policies/rules/pal-kms-003';
import { logGroupKms } from '../../../policies/rules/pal-logs-001';
import { logGroupRetention } from '../../../policies/rules/pal-logs-002';
import { iamPasswordPolicy } from '../../../policies/rules/pal-passwd-001';
import { rdsStorageEncrypted } from '../../../policies/rules/pal-rds-001';
import { rdsNoPublicAccess } from '../../../policies/rules/pal-rds-002';
import { rdsIamAuthentication } from '../../../policies/rules/pal-rds-003';
import { rdsDeletionProtection } from '../../../policies/rules/pal-rds-004';
import { rdsBackupRetention } from '../../../policies/rules/pal-rds-005';
import { rdsLogExports } from '../../../policies/rules/pal-rds-006';
import { rdsTlsForced } from '../../../policies/rules/pal-rds-008';
import { cloudTrailBaseline } from '../../../policies/rules/pal-trail-001';
import { alarmAlertChain } from '../../../policies/rules/pal-alert-002';
import type { Rule, RuleResult } from '../../../policies/rules/types';
import { dataRef, evaluate, ref, StackBuilder } from '../fixtures';
import { hcl } from '../rules/iam-fixtures';

type Values = Record<string, unknown>;

/** One stack holding the given resources. */
function stackOf(...resources: Array<[type: string, name: string, values: Values]>): StackBuilder {
  const s = new StackBuilder();
  for (const [type, name, values] of resources) s.add(type, name, values);
  return s;
}

/** Every result of `rule` on `address`. */
function resultsOn(rule: Rule, s: StackBuilder, address: string): RuleResult[] {
  return evaluate(rule, s).filter((r) => r.resource === address);
}

/** The one result of `rule` on `address`. */
function verdict(rule: Rule, s: StackBuilder, address: string): RuleResult {
  const found = resultsOn(rule, s, address);
  if (found.length !== 1) throw new Error(`${rule.id} gave ${found.length} results on ${address}`);
  return found[0];
}

const status = (rule: Rule, s: StackBuilder, address: string) => verdict(rule, s, address).status;

/** `values` with the given attributes replaced (`undefined` removes one). */
function withAttributes(values: Values, changes: Values): Values {
  const out = { ...values };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

const policyJson = (...statements: Values[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
/** `jsonencode({...})` as cdktf writes it. */
const jsonencode = (doc: Values) => `\${jsonencode(${hcl(doc)})}`;

// ---- KMS ------------------------------------------------------------------------------------------------------------

describe("PAL-KMS-001 covers CKV_AWS_7 on checkov's own cases", () => {
  const key = (values: Values) => status(kmsKeyRotation, stackOf(['aws_kms_key', 'k', { description: 'key', deletion_window_in_days: 10, ...values }]), 'aws_kms_key.k');

  test('PASS: rotation on, no key spec', () => expect(key({ enable_key_rotation: true })).toBe('compliant'));
  test('PASS: rotation on, SYMMETRIC_DEFAULT', () => expect(key({ customer_master_key_spec: 'SYMMETRIC_DEFAULT', enable_key_rotation: true })).toBe('compliant'));
  test.each(['RSA_2048', 'RSA_3072', 'RSA_4096'])('UNKNOWN (checkov does not judge): an %s key without rotation is not applicable', (spec) => {
    expect(key({ customer_master_key_spec: spec })).toBe('not-applicable');
  });
  test('FAIL: no enable_key_rotation', () => expect(key({})).toBe('non-compliant'));
  test('FAIL: enable_key_rotation = false', () => expect(key({ enable_key_rotation: false })).toBe('non-compliant'));
  test('FAIL: SYMMETRIC_DEFAULT with enable_key_rotation = false', () => expect(key({ customer_master_key_spec: 'SYMMETRIC_DEFAULT', enable_key_rotation: false })).toBe('non-compliant'));
  test('FAIL: SYMMETRIC_DEFAULT without enable_key_rotation', () => expect(key({ customer_master_key_spec: 'SYMMETRIC_DEFAULT' })).toBe('non-compliant'));
  test('beyond its cases: checkov also fails an HMAC key without rotation; AWS cannot rotate HMAC keys, so Palisade does not judge it', () => {
    expect(key({ customer_master_key_spec: 'HMAC_256', key_usage: 'GENERATE_VERIFY_MAC' })).toBe('not-applicable');
  });
});

describe("PAL-KMS-002 covers CKV2_AWS_64 on checkov's own cases", () => {
  const wide = { Id: 'example', Version: '2012-10-17', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Action: 'kms:*', Principal: { AWS: '*' }, Resource: '*' }] };

  test('PASS: the key has no policy attribute but an aws_kms_key_policy attaches one', () => {
    const s = stackOf(['aws_kms_key', 'pass', { enable_key_rotation: true }], ['aws_kms_key_policy', 'pike', { key_id: ref('aws_kms_key', 'pass'), policy: jsonencode(wide) }]);
    expect(status(kmsPolicyPresent, s, 'aws_kms_key.pass')).toBe('compliant');
  });
  test('PASS: the key sets policy (jsonencode)', () => {
    expect(status(kmsPolicyPresent, stackOf(['aws_kms_key', 'pass2', { enable_key_rotation: true, policy: jsonencode(wide) }]), 'aws_kms_key.pass2')).toBe('compliant');
  });
  test('FAIL: a key with neither a policy nor an aws_kms_key_policy', () => {
    expect(status(kmsPolicyPresent, stackOf(['aws_kms_key', 'fail', { enable_key_rotation: true }]), 'aws_kms_key.fail')).toBe('non-compliant');
  });
});

describe("PAL-KMS-003 covers CKV_AWS_33 on checkov's own cases", () => {
  const root = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };
  const key = (...statements: Values[]) => status(kmsNoPublicPrincipal, stackOf(['aws_kms_key', 'k', { description: 'description', policy: policyJson(...statements) }]), 'aws_kms_key.k');

  test('FAIL: a second statement allows AWS "*"', () => expect(key(root, { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' })).toBe('non-compliant'));
  test('FAIL: Principal is a list holding "*"', () => expect(key({ Effect: 'Allow', Principal: ['foo', '*'], Action: 'kms:*', Resource: '*' })).toBe('non-compliant'));
  test('FAIL: Principal "*"', () => expect(key({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' })).toBe('non-compliant'));
  test('FAIL: the list principal again (checkov\'s fail_3 repeats fail_1)', () => expect(key({ Effect: 'Allow', Principal: ['foo', '*'], Action: 'kms:*', Resource: '*' })).toBe('non-compliant'));
  test('FAIL: AWS lists the account root and "*"', () => expect(key(root, { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: 'kms:*', Resource: '*' })).toBe('non-compliant'));
  test('PASS: only the account root', () => expect(key(root)).toBe('compliant'));
  test('PASS: AWS "*" in a Deny', () => expect(key({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' })).toBe('compliant'));
  test('PASS: Principal "foo"', () => expect(key({ Effect: 'Allow', Principal: 'foo', Action: 'kms:*', Resource: '*' })).toBe('compliant'));
  test('PASS: Principal ["foo", "bar"]', () => expect(key({ Effect: 'Allow', Principal: ['foo', 'bar'], Action: 'kms:*', Resource: '*' })).toBe('compliant'));
  test('PASS: AWS "*" restricted by kms:CallerAccount (and the root statement under MFA)', () => {
    expect(key(
      { ...root, Sid: 'Enable IAM User Permissions', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
      { Sid: 'RestrictWildcardPrincipalToAccount', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '111122223333' } } },
    )).toBe('compliant');
  });
});

// ---- CloudWatch Logs ------------------------------------------------------------------------------------------------

describe("PAL-LOGS-001 covers CKV_AWS_158 on checkov's own cases", () => {
  test('PASS: kms_key_id set', () => {
    expect(status(logGroupKms, stackOf(['aws_cloudwatch_log_group', 'pass', { retention_in_days: 1, kms_key_id: 'someKey' }]), 'aws_cloudwatch_log_group.pass')).toBe('compliant');
  });
  test('FAIL: no kms_key_id', () => {
    expect(status(logGroupKms, stackOf(['aws_cloudwatch_log_group', 'fail', { retention_in_days: 1 }]), 'aws_cloudwatch_log_group.fail')).toBe('non-compliant');
  });
});

describe("PAL-LOGS-002 covers CKV_AWS_66 on checkov's own cases", () => {
  test('PASS: retention_in_days = 3 on a group that holds no audit log', () => {
    expect(status(logGroupRetention, stackOf(['aws_cloudwatch_log_group', 'pass', { retention_in_days: 3 }]), 'aws_cloudwatch_log_group.pass')).toBe('compliant');
  });
  test('FAIL: no retention_in_days', () => {
    expect(status(logGroupRetention, stackOf(['aws_cloudwatch_log_group', 'fail', {}]), 'aws_cloudwatch_log_group.fail')).toBe('non-compliant');
  });
});

// ---- GuardDuty and Config -------------------------------------------------------------------------------------------

describe("PAL-DETECT-001 covers CKV_AWS_238 on checkov's own cases", () => {
  /** The detector's own on/off verdict (its protection plans get verdicts of their own). */
  const enableVerdict = (values: Values) => {
    const results = resultsOn(guardDutyEnabled, stackOf(['aws_guardduty_detector', 'd', { tags: { test: 'Fail' }, ...values }]), 'aws_guardduty_detector.d');
    return results.filter((r) => /^Detector \S+ is (enabled|disabled)/.test(r.message)).map((r) => r.status);
  };
  // Stricter on both PASS cases: without aws_guardduty_detector_feature resources every protection plan fails too.
  test('PASS: enable = true', () => expect(enableVerdict({ enable: true })).toEqual(['compliant']));
  test('PASS: enable not written (defaults to true)', () => expect(enableVerdict({})).toEqual(['compliant']));
  test('FAIL: enable = false', () => expect(enableVerdict({ enable: false })).toEqual(['non-compliant']));
});

describe("PAL-DETECT-003 covers CKV2_AWS_45 on checkov's own cases", () => {
  const recorder = (group: Values | undefined, enabled: boolean, channel = true) => {
    const s = stackOf(['aws_config_configuration_recorder', 'r', { name: 'example', role_arn: ref('aws_iam_role', 'r', 'arn'), ...(group ? { recording_group: group } : {}) }]);
    s.add('aws_config_configuration_recorder_status', 's', { name: ref('aws_config_configuration_recorder', 'r', 'name'), is_enabled: enabled });
    if (channel) s.add('aws_config_delivery_channel', 'c', { name: 'example', s3_bucket_name: 'config-bucket' });
    return verdict(configRecorderEnabled, s, 'aws_config_configuration_recorder.r');
  };

  test('PASS: a status with is_enabled = true, the recorder records global types', () => {
    expect(recorder({ include_global_resource_types: true }, true).status).toBe('compliant');
    // Stricter: the same recorder without an aws_config_delivery_channel delivers nothing.
    expect(recorder({ include_global_resource_types: true }, true, false).message).toMatch(/: no aws_config_delivery_channel\.$/);
  });
  test('FAIL: the status sets is_enabled = false', () => {
    const r = recorder({ include_global_resource_types: true }, false);
    expect(r.status).toBe('non-compliant');
    expect(r.message).toContain('recording is off');
  });
  test('FAIL: the recorder sets all_supported = false', () => {
    const r = recorder({ include_global_resource_types: true, all_supported: false }, true);
    expect(r.status).toBe('non-compliant');
    expect(r.message).toContain('does not record all supported resource types');
  });
});

describe("PAL-DETECT-003 covers CKV2_AWS_48 on checkov's own cases", () => {
  const recorder = (group: Values | undefined) => {
    const s = stackOf(['aws_config_configuration_recorder', 'r', { name: 'example', role_arn: ref('aws_iam_role', 'r', 'arn'), ...(group ? { recording_group: group } : {}) }]);
    s.add('aws_config_configuration_recorder_status', 's', { name: ref('aws_config_configuration_recorder', 'r', 'name'), is_enabled: true });
    s.add('aws_config_delivery_channel', 'c', { name: 'example', s3_bucket_name: 'config-bucket' });
    return verdict(configRecorderEnabled, s, 'aws_config_configuration_recorder.r');
  };

  test('PASS: include_global_resource_types = true', () => expect(recorder({ include_global_resource_types: true }).status).toBe('compliant'));
  test('FAIL: no recording_group at all', () => {
    const r = recorder(undefined);
    expect(r.status).toBe('non-compliant');
    expect(r.message).toContain('does not record global resource types');
  });
  test('FAIL: include_global_resource_types = false', () => {
    const r = recorder({ include_global_resource_types: false });
    expect(r.status).toBe('non-compliant');
    expect(r.message).toContain('does not record global resource types');
  });
});

// ---- CloudTrail -----------------------------------------------------------------------------------------------------

/** A trail meeting every part of PAL-TRAIL-001, so a verdict shows the one property a test changes. */
const COMPLIANT_TRAIL: Values = {
  name: 'tf-trail-foobar',
  s3_bucket_name: ref('aws_s3_bucket', 'foo'),
  include_global_service_events: true,
  is_multi_region_trail: true,
  enable_log_file_validation: true,
  kms_key_id: ref('aws_kms_key', 'trail', 'arn'),
  cloud_watch_logs_group_arn: `${ref('aws_cloudwatch_log_group', 'trail', 'arn')}:*`,
  cloud_watch_logs_role_arn: ref('aws_iam_role', 'trail', 'arn'),
};
const trail = (values: Values) => verdict(cloudTrailBaseline, stackOf(['aws_cloudtrail', 't', values]), 'aws_cloudtrail.t');
/** Problems the trail verdict names (empty when compliant). */
const trailProblems = (values: Values) => {
  const r = trail(values);
  return r.status === 'compliant' ? [] : r.message.replace(/^Trail \S+: /, '').replace(/\.$/, '').split('; ');
};
/** checkov's literal case: just the attributes it wrote. */
const LITERAL_TRAIL: Values = { name: 'tf-trail-foobar', s3_bucket_name: ref('aws_s3_bucket', 'foo'), s3_key_prefix: 'prefix' };

describe("PAL-TRAIL-001 covers CKV_AWS_67 on checkov's own cases", () => {
  test('FAIL: is_multi_region_trail not written', () => {
    expect(trailProblems(withAttributes(COMPLIANT_TRAIL, { is_multi_region_trail: undefined, include_global_service_events: false }))).toEqual(['not multi-region']);
  });
  test('FAIL: is_multi_region_trail = false', () => {
    expect(trailProblems(withAttributes(COMPLIANT_TRAIL, { is_multi_region_trail: false, include_global_service_events: false }))).toEqual(['not multi-region']);
  });
  test('PASS: is_multi_region_trail = true', () => {
    expect(trail(withAttributes(COMPLIANT_TRAIL, { is_multi_region_trail: true })).status).toBe('compliant');
    // Stricter: checkov's literal trail also lacks validation, a KMS key and CloudWatch Logs delivery.
    expect(trailProblems({ ...LITERAL_TRAIL, include_global_service_events: false, is_multi_region_trail: true })).not.toContain('not multi-region');
  });
});

describe("PAL-TRAIL-001 covers CKV_AWS_36 on checkov's own cases", () => {
  test('FAIL: enable_log_file_validation not written', () => {
    expect(trailProblems(withAttributes(COMPLIANT_TRAIL, { enable_logging: true, enable_log_file_validation: undefined }))).toEqual(['log file validation off']);
  });
  test('PASS: enable_log_file_validation = true (with kms_key_id)', () => {
    expect(trail(withAttributes(COMPLIANT_TRAIL, { enable_logging: true, enable_log_file_validation: true })).status).toBe('compliant');
    // Stricter: checkov's literal trail has no CloudWatch Logs delivery.
    expect(trailProblems({ enable_logging: true, s3_bucket_name: 'foo', enable_log_file_validation: true, is_multi_region_trail: true, include_global_service_events: true, kms_key_id: 'foo', name: 'foo' })).toEqual(['no CloudWatch Logs delivery (group and role)']);
  });
});

describe("PAL-TRAIL-001 covers CKV_AWS_35 on checkov's own cases", () => {
  // checkov ships no test for CKV_AWS_35; these are the two outcomes of its check (kms_key_id: any value).
  test('FAIL (the check\'s logic): no kms_key_id', () => {
    expect(trailProblems(withAttributes(COMPLIANT_TRAIL, { kms_key_id: undefined }))).toEqual(['no kms_key_id']);
  });
  test('PASS (the check\'s logic): kms_key_id set', () => expect(trail(COMPLIANT_TRAIL).status).toBe('compliant'));
});

describe("PAL-TRAIL-001 covers CKV_AWS_251 on checkov's own cases", () => {
  test('FAIL: enable_logging = false', () => {
    expect(trailProblems(withAttributes(COMPLIANT_TRAIL, { enable_logging: false }))).toEqual(['logging stopped (enable_logging = false)']);
  });
  test('PASS: enable_logging = true, with kms_key_id', () => expect(trail(withAttributes(COMPLIANT_TRAIL, { enable_logging: true })).status).toBe('compliant'));
  test('PASS: enable_logging not written (logging is on by default), with kms_key_id', () => {
    expect(trail(withAttributes(COMPLIANT_TRAIL, { enable_logging: undefined })).status).toBe('compliant');
  });
});

describe("PAL-TRAIL-001 covers CKV2_AWS_10 on checkov's own cases", () => {
  test('PASS: cloud_watch_logs_group_arn names a log group of the configuration', () => {
    expect(trail(withAttributes(COMPLIANT_TRAIL, { cloud_watch_logs_group_arn: `${ref('aws_cloudwatch_log_group', 'example', 'arn')}:*` })).status).toBe('compliant');
    // Stricter: checkov's case sets no cloud_watch_logs_role_arn, without which CloudTrail cannot write to the group.
    expect(trailProblems(withAttributes(COMPLIANT_TRAIL, { cloud_watch_logs_role_arn: undefined }))).toEqual(['no CloudWatch Logs delivery (group and role)']);
  });
  test('FAIL: no cloud_watch_logs_group_arn', () => {
    expect(trailProblems(withAttributes(COMPLIANT_TRAIL, { cloud_watch_logs_group_arn: undefined }))).toEqual(['no CloudWatch Logs delivery (group and role)']);
  });
});

// ---- IAM password policy ----------------------------------------------------------------------------------------------

/** What PAL-PASSWD-001 objects to in a policy with exactly these attributes (checkov's literal conf). */
function passwordProblems(conf: Values): string[] {
  const r = verdict(iamPasswordPolicy, stackOf(['aws_iam_account_password_policy', 'p', conf]), 'aws_iam_account_password_policy.p');
  return r.status === 'compliant' ? [] : r.message.replace(/^Password policy \S+: /, '').replace(/\.$/, '').split('; ');
}
const COMPLIANT_PASSWORDS: Values = {
  minimum_password_length: 14, password_reuse_prevention: 24, max_password_age: 90,
  require_lowercase_characters: true, require_uppercase_characters: true, require_numbers: true, require_symbols: true,
};
const CLASSES: Values = { require_lowercase_characters: true, require_numbers: true, require_uppercase_characters: true, require_symbols: true, allow_users_to_change_password: true };
/** Palisade's verdict on the attribute checkov inspects: the problem naming it, if any. */
const about = (attribute: string, conf: Values) => passwordProblems(conf).filter((p) => p.startsWith(attribute));
/** The verdict when only `attribute` is as in checkov's case and everything else compliant. */
const alone = (attribute: string, conf: Values) => passwordProblems(withAttributes(COMPLIANT_PASSWORDS, { [attribute]: conf[attribute] }));

// Stricter on every PASS case below: checkov's confs leave other settings short (e.g. no reuse prevention), which the
// one Palisade rule also reports; the tests show Palisade has nothing against the attribute checkov inspects.
describe("PAL-PASSWD-001 covers CKV_AWS_9 on checkov's own cases", () => {
  const base = { minimum_password_length: 15, ...CLASSES };
  test('PASS: max_password_age = 90', () => {
    expect(about('max_password_age', { ...base, max_password_age: 90 })).toEqual([]);
    expect(alone('max_password_age', { max_password_age: 90 })).toEqual([]);
  });
  test('FAIL: max_password_age = 91', () => expect(alone('max_password_age', { max_password_age: 91 })).toEqual(['max_password_age 91 not within 1–90']));
  test('FAIL: max_password_age not written', () => expect(about('max_password_age', base)).toEqual(['max_password_age unset (never expires) not within 1–90']));
});

describe("PAL-PASSWD-001 covers CKV_AWS_10 on checkov's own cases", () => {
  const base = { ...CLASSES, require_lowercase_characters: false };
  test('PASS: minimum_password_length = 16', () => {
    expect(about('minimum_password_length', { ...base, minimum_password_length: 16 })).toEqual([]);
    expect(alone('minimum_password_length', { minimum_password_length: 16 })).toEqual([]);
  });
  test('FAIL: minimum_password_length = 8', () => expect(alone('minimum_password_length', { minimum_password_length: 8 })).toEqual(['minimum_password_length 8 < 14']));
  test('FAIL: minimum_password_length not written', () => expect(about('minimum_password_length', base)).toEqual(['minimum_password_length unset (AWS default 6) < 14']));
});

/** checkov's three cases of a character-class check (CKV_AWS_11, 12, 14, 15): true, false, not written. */
function characterClassCases(attribute: string): void {
  const base = { minimum_password_length: 15, ...CLASSES };
  test(`PASS: ${attribute} = true`, () => {
    expect(about(attribute, base)).toEqual([]);
    expect(alone(attribute, { [attribute]: true })).toEqual([]);
  });
  test(`FAIL: ${attribute} = false`, () => expect(alone(attribute, { [attribute]: false })).toEqual([`${attribute} is not true`]));
  test(`FAIL: ${attribute} not written`, () => expect(about(attribute, withAttributes(base, { [attribute]: undefined }))).toEqual([`${attribute} is not true`]));
}
describe("PAL-PASSWD-001 covers CKV_AWS_11 on checkov's own cases", () => characterClassCases('require_lowercase_characters'));
describe("PAL-PASSWD-001 covers CKV_AWS_12 on checkov's own cases", () => characterClassCases('require_numbers'));
describe("PAL-PASSWD-001 covers CKV_AWS_14 on checkov's own cases", () => characterClassCases('require_symbols'));
describe("PAL-PASSWD-001 covers CKV_AWS_15 on checkov's own cases", () => characterClassCases('require_uppercase_characters'));

describe("PAL-PASSWD-001 covers CKV_AWS_13 on checkov's own cases", () => {
  const base = { minimum_password_length: 15, ...CLASSES, max_password_age: 89 };
  test('PASS: password_reuse_prevention = 24', () => {
    expect(passwordProblems({ ...base, password_reuse_prevention: 24 })).toEqual([]);
  });
  test('FAIL: password_reuse_prevention = 4', () => expect(alone('password_reuse_prevention', { password_reuse_prevention: 4 })).toEqual(['password_reuse_prevention 4 < 24']));
  test('FAIL: password_reuse_prevention not written', () => {
    expect(about('password_reuse_prevention', { require_numbers: true, require_symbols: true, allow_users_to_change_password: true })).toEqual(['password_reuse_prevention unset < 24']);
  });
  test('UNKNOWN (checkov does not judge): password_reuse_prevention from a variable is not reported as unset', () => {
    const conf = { max_password_age: 0, minimum_password_length: 8, allow_users_to_change_password: true, hard_expiry: false, password_reuse_prevention: '${var.password_reuse_prevention}', require_lowercase_characters: true, require_uppercase_characters: true, require_numbers: true, require_symbols: true };
    // The definite shortcomings (age 0, length 8) still fail; the variable is named as unknown, not as missing.
    expect(passwordProblems(conf)).toEqual(['minimum_password_length 8 < 14', 'max_password_age 0 not within 1–90', 'and password_reuse_prevention (${var.password_reuse_prevention}) cannot be shown at plan time']);
    expect(verdict(iamPasswordPolicy, stackOf(['aws_iam_account_password_policy', 'p', withAttributes(COMPLIANT_PASSWORDS, { password_reuse_prevention: '${var.password_reuse_prevention}' })]), 'aws_iam_account_password_policy.p').status).toBe('unproven');
  });
});

// ---- EBS default encryption and backup vaults -------------------------------------------------------------------------

describe("PAL-ACCT-001 covers CKV_AWS_106 on checkov's own cases", () => {
  const setting = (values: Values, defaultKey = true) => {
    const s = stackOf(['aws_ebs_encryption_by_default', 'e', values]);
    if (defaultKey) s.add('aws_ebs_default_kms_key', 'k', { key_arn: ref('aws_kms_key', 'ebs', 'arn') });
    return verdict(ebsDefaultEncryption, s, 'aws_ebs_encryption_by_default.e');
  };
  // Stricter on the PASS cases: without an aws_ebs_default_kms_key the AWS-managed aws/ebs key is a (low) finding.
  test.each([
    ['PASS: enabled = true', { enabled: true }],
    ['PASS: enabled not written (defaults to true)', {}],
    ['PASS: enabled = null', { enabled: null }],
  ])('%s', (_name, values) => {
    expect(setting(values).status).toBe('compliant');
    expect(setting(values, false)).toMatchObject({ status: 'non-compliant', severity: 'low' });
  });
  test('FAIL: enabled = false', () => expect(setting({ enabled: false }).message).toContain('is disabled'));
});

describe("PAL-BACKUP-001 covers CKV_AWS_166 on checkov's own cases", () => {
  const vault = (values: Values, locked = true) => {
    const s = stackOf(['aws_backup_vault', 'v', { name: 'example_backup_vault', ...values }]);
    if (locked) s.add('aws_backup_vault_lock_configuration', 'l', { backup_vault_name: ref('aws_backup_vault', 'v', 'name'), min_retention_days: 35, max_retention_days: 365 });
    return verdict(backupVaultProtected, s, 'aws_backup_vault.v');
  };
  test('FAIL: no kms_key_arn', () => {
    const r = vault({});
    expect(r.status).toBe('non-compliant');
    expect(r.message).toContain('no kms_key_arn');
  });
  test('PASS: kms_key_arn names a key', () => {
    expect(vault({ kms_key_arn: ref('aws_kms_key', 'example', 'arn') }).status).toBe('compliant');
    // Stricter: checkov's vault has no vault lock, which the same rule requires.
    expect(vault({ kms_key_arn: ref('aws_kms_key', 'example', 'arn') }, false).message).toMatch(/: no vault lock\.$/);
  });
});

// ---- S3 -------------------------------------------------------------------------------------------------------------

const KEY_ARN = ref('aws_kms_key', 'mykey', 'arn');
/** `server_side_encryption_configuration` / split-resource `rule` with one default. */
const sseRule = (byDefault: Values) => ({ rule: [{ apply_server_side_encryption_by_default: byDefault }] });
/** A bucket with an inline encryption block (a `dynamic` block with an unknown for_each evaluates to one such block). */
const inlineSse = (name: string, byDefault: Values): [string, string, Values] => ['aws_s3_bucket', name, { bucket: name, server_side_encryption_configuration: sseRule(byDefault) }];
/** A bucket with a split aws_s3_bucket_server_side_encryption_configuration. */
function splitSse(name: string, byDefault: Values): StackBuilder {
  return stackOf(['aws_s3_bucket', name, { bucket: name }], ['aws_s3_bucket_server_side_encryption_configuration', name, { bucket: ref('aws_s3_bucket', name, 'bucket'), ...sseRule(byDefault) }]);
}
const encryption = (s: StackBuilder, name: string) => verdict(s3Encryption, s, `aws_s3_bucket.${name}`);

describe("PAL-BUCKET-001 covers CKV_AWS_19 on checkov's own cases", () => {
  test('PASS: split configuration, aws:kms with a key', () => expect(encryption(splitSse('good_1', { kms_master_key_id: KEY_ARN, sse_algorithm: 'aws:kms' }), 'good_1').status).toBe('compliant'));
  test('PASS: inline block, aws:kms with a key', () => expect(encryption(stackOf(inlineSse('good_3', { kms_master_key_id: KEY_ARN, sse_algorithm: 'aws:kms' })), 'good_3').status).toBe('compliant'));
  // Stricter on the next four PASS cases: Palisade wants a customer-managed KMS key, not SSE-S3 or the aws/s3 key.
  test('PASS: split configuration, AES256', () => expect(encryption(splitSse('good_2', { kms_master_key_id: KEY_ARN, sse_algorithm: 'AES256' }), 'good_2').status).toBe('non-compliant'));
  test('PASS: dynamic inline block, AES256', () => expect(encryption(stackOf(inlineSse('good_5', { sse_algorithm: 'AES256' })), 'good_5').status).toBe('non-compliant'));
  test('PASS: split configuration with a dynamic rule, aws:kms without a key', () => expect(encryption(splitSse('good_6', { sse_algorithm: 'aws:kms' }), 'good_6')).toMatchObject({ status: 'non-compliant', severity: 'medium' }));
  test('PASS: no encryption configuration (S3 encrypts with SSE-S3 by default)', () => expect(encryption(stackOf(['aws_s3_bucket', 'default_encryption_bucket', { bucket: 'default_encryption_bucket' }]), 'default_encryption_bucket').status).toBe('non-compliant'));
  test.each([
    ['inline, a variable', stackOf(inlineSse('unknown', { kms_master_key_id: KEY_ARN, sse_algorithm: '${var.bla}' })), 'unknown'],
    ['inline, a legacy interpolation', stackOf(inlineSse('unknown2', { kms_master_key_id: KEY_ARN, sse_algorithm: '${var.whatever}' })), 'unknown2'],
    ['split, a legacy interpolation', splitSse('unknown3', { kms_master_key_id: KEY_ARN, sse_algorithm: '${var.whatever}' }), 'unknown3'],
  ])('UNKNOWN (checkov does not judge): sse_algorithm from %s is unproven', (_name, s, name) => expect(encryption(s, name).status).toBe('unproven'));
  test('FAIL: inline, sse_algorithm "metallica"', () => expect(encryption(stackOf(inlineSse('bad_2', { kms_master_key_id: KEY_ARN, sse_algorithm: 'metallica' })), 'bad_2').status).toBe('non-compliant'));
  test('FAIL: split, sse_algorithm "iron maiden"', () => expect(encryption(splitSse('bad_3', { kms_master_key_id: KEY_ARN, sse_algorithm: 'iron maiden' }), 'bad_3').status).toBe('non-compliant'));
  test('FAIL: split, a key but no sse_algorithm', () => expect(encryption(splitSse('bad_4', { kms_master_key_id: KEY_ARN }), 'bad_4').status).toBe('non-compliant'));
  test('FAIL: dynamic inline block, sse_algorithm "jack daniels"', () => expect(encryption(stackOf(inlineSse('bad_5', { sse_algorithm: 'jack daniels' })), 'bad_5').status).toBe('non-compliant'));
  test('FAIL: split configuration with a dynamic rule, sse_algorithm "johnnie walker"', () => expect(encryption(splitSse('bad_6', { sse_algorithm: 'johnnie walker' }), 'bad_6').status).toBe('non-compliant'));
});

describe("PAL-BUCKET-001 covers CKV_AWS_145 on checkov's own cases", () => {
  test('PASS: split configuration, aws:kms with a key', () => expect(encryption(splitSse('good_1', { kms_master_key_id: KEY_ARN, sse_algorithm: 'aws:kms' }), 'good_1').status).toBe('compliant'));
  test('PASS: inline block, aws:kms with a key', () => expect(encryption(stackOf(inlineSse('good_3', { kms_master_key_id: KEY_ARN, sse_algorithm: 'aws:kms' })), 'good_3').status).toBe('compliant'));
  // Stricter: aws:kms without kms_master_key_id uses the AWS-managed aws/s3 key.
  test('PASS: split configuration with a dynamic rule, aws:kms without a key', () => expect(encryption(splitSse('good_6', { sse_algorithm: 'aws:kms' }), 'good_6')).toMatchObject({ status: 'non-compliant', severity: 'medium' }));
  test('UNKNOWN (checkov does not judge): split, sse_algorithm from a variable is unproven', () => expect(encryption(splitSse('unknown3', { kms_master_key_id: KEY_ARN, sse_algorithm: '${var.whatever}' }), 'unknown3').status).toBe('unproven'));
  test('FAIL: no encryption configuration', () => expect(encryption(stackOf(['aws_s3_bucket', 'bad_1', { bucket: 'bad_1' }]), 'bad_1').status).toBe('non-compliant'));
  test('FAIL: inline, sse_algorithm "metallica"', () => expect(encryption(stackOf(inlineSse('bad_2', { kms_master_key_id: KEY_ARN, sse_algorithm: 'metallica' })), 'bad_2').status).toBe('non-compliant'));
  test('FAIL: split, sse_algorithm "iron maiden"', () => expect(encryption(splitSse('bad_3', { kms_master_key_id: KEY_ARN, sse_algorithm: 'iron maiden' }), 'bad_3').status).toBe('non-compliant'));
  test('FAIL: split, a key but no sse_algorithm', () => expect(encryption(splitSse('bad_4', { kms_master_key_id: KEY_ARN }), 'bad_4').status).toBe('non-compliant'));
  test('FAIL: dynamic inline block, sse_algorithm "jack daniels"', () => expect(encryption(stackOf(inlineSse('bad_5', { sse_algorithm: 'jack daniels' })), 'bad_5').status).toBe('non-compliant'));
  test('FAIL: split configuration with a dynamic rule, sse_algorithm "johnnie walker"', () => expect(encryption(splitSse('bad_6', { sse_algorithm: 'johnnie walker' }), 'bad_6').status).toBe('non-compliant'));
  test('both ways: AES256 (SSE-S3) is a fail for CKV_AWS_145 as for Palisade', () => expect(encryption(splitSse('sse_s3', { sse_algorithm: 'AES256' }), 'sse_s3').status).toBe('non-compliant'));
});

describe("PAL-BUCKET-002 covers CKV_AWS_21 on checkov's own cases", () => {
  const versioning = (s: StackBuilder, name: string) => verdict(s3Versioning, s, `aws_s3_bucket.${name}`);
  const split = (name: string, status: unknown, link: unknown = ref('aws_s3_bucket', name)) => stackOf(['aws_s3_bucket', name, { bucket: 'example' }], ['aws_s3_bucket_versioning', name, { bucket: link, versioning_configuration: { status } }]);

  test('PASS: inline versioning { enabled = true }', () => expect(versioning(stackOf(['aws_s3_bucket', 'enabled', { bucket: 'example', versioning: { enabled: true } }]), 'enabled').status).toBe('compliant'));
  test('PASS: inline enabled = var.versioning_enabled (default true), as the source evaluator writes it', () => {
    expect(versioning(stackOf(['aws_s3_bucket', 'enabled_var', { bucket: 'example', versioning: { enabled: true } }]), 'enabled_var').status).toBe('compliant');
  });
  test('PASS: split aws_s3_bucket_versioning Enabled', () => expect(versioning(split('enabled_v4', 'Enabled'), 'enabled_v4').status).toBe('compliant'));
  test('PASS: bucket and versioning both name the bucket by the same variable (no reference between them)', () => {
    const s = stackOf(['aws_s3_bucket', 'ref_by_name', { bucket: '${var.bucket_name}' }], ['aws_s3_bucket_versioning', 'by_name', { bucket: '${var.bucket_name}', versioning_configuration: { status: 'Enabled' } }]);
    expect(versioning(s, 'ref_by_name').status).toBe('compliant');
  });
  test('PASS: bucket and versioning both name the bucket by the same local', () => {
    const s = stackOf(['aws_s3_bucket', 'ref_by_name_local', { bucket: '${local.bucketName}' }], ['aws_s3_bucket_versioning', 'by_local', { bucket: '${local.bucketName}', versioning_configuration: { status: 'Enabled' } }]);
    expect(versioning(s, 'ref_by_name_local').status).toBe('compliant');
  });
  test('PASS: for_each buckets with a for_each versioning keyed the same way', () => {
    const s = stackOf(
      ['aws_s3_bucket', 'this', { for_each: '${toset(local.test_buckets)}', bucket: '${local.prefix}-${each.key}' }],
      ['aws_s3_bucket_versioning', 'this', { for_each: '${toset(local.test_buckets)}', bucket: '${aws_s3_bucket.this[each.key].id}', versioning_configuration: { status: 'Enabled' } }],
    );
    expect(versioning(s, 'this').status).toBe('compliant');
  });
  test.each([
    ['inline enabled = var.unknown_var', stackOf(['aws_s3_bucket', 'unknown_var', { bucket: 'example', versioning: { enabled: '${var.unknown_var}' } }]), 'unknown_var'],
    ['split status = "${var.whatever}"', split('legacy_syntax_v4', '${var.whatever}'), 'legacy_syntax_v4'],
  ])('UNKNOWN (checkov does not judge): %s is unproven', (_name, s, name) => expect(versioning(s, name).status).toBe('unproven'));
  test('FAIL: no versioning', () => expect(versioning(stackOf(['aws_s3_bucket', 'default', { bucket: 'example' }]), 'default').status).toBe('non-compliant'));
  test('FAIL: inline versioning { enabled = false }', () => expect(versioning(stackOf(['aws_s3_bucket', 'disabled', { bucket: 'example', versioning: { enabled: false } }]), 'disabled').status).toBe('non-compliant'));
  test('FAIL: split aws_s3_bucket_versioning Suspended', () => expect(versioning(split('disabled_v4', 'Suspended'), 'disabled_v4').status).toBe('non-compliant'));
  test('both ways: a versioning resource naming another bucket does not count for this one', () => {
    const s = stackOf(['aws_s3_bucket', 'mine', { bucket: 'mine' }], ['aws_s3_bucket_versioning', 'theirs', { bucket: 'theirs', versioning_configuration: { status: 'Enabled' } }]);
    expect(versioning(s, 'mine').status).toBe('non-compliant');
  });
});

const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;
const allFlags = (value: boolean): Values => Object.fromEntries(FLAGS.map((f) => [f, value]));

describe("PAL-BUCKET-003 covers CKV2_AWS_6 on checkov's own cases", () => {
  const bucketWith = (name: string, block?: Values) => {
    const s = stackOf(['aws_s3_bucket', name, { bucket: name }]);
    if (block) s.add('aws_s3_bucket_public_access_block', `access_${name}`, { bucket: ref('aws_s3_bucket', name), ...block });
    return verdict(s3PublicAccessBlock, s, `aws_s3_bucket.${name}`);
  };
  // Stricter: FSBP S3.8 wants all four flags; checkov's passing block sets only two.
  test('PASS: block_public_acls and block_public_policy true', () => {
    const r = bucketWith('good_1', { block_public_acls: true, block_public_policy: true });
    expect(r.message).toMatch(/leaves ignore_public_acls, restrict_public_buckets off\.$/);
    expect(bucketWith('all_four', allFlags(true)).status).toBe('compliant');
  });
  test('FAIL: a block that sets no flag', () => expect(bucketWith('bad_1', {}).status).toBe('non-compliant'));
  test('FAIL: both flags false', () => expect(bucketWith('bad_2', { block_public_acls: false, block_public_policy: false }).status).toBe('non-compliant'));
  test('FAIL: block_public_acls false', () => expect(bucketWith('bad_3', { block_public_acls: false, block_public_policy: true }).status).toBe('non-compliant'));
  test('FAIL: no public access block', () => expect(bucketWith('bad_4').status).toBe('non-compliant'));
});

/**
 * checkov's two cases of a public-access-block flag check (CKV_AWS_53–56). checkov judges the block alone
 * ({ bucket = "foo", flags }); Palisade judges it on the bucket named foo when that bucket is in the input, and on its
 * own when it is not.
 */
function accessBlockFlagCases(flag: string): void {
  const alone = (flags: Values) => verdict(s3PublicAccessBlock, stackOf(['aws_s3_bucket_public_access_block', 'b', { bucket: 'foo', ...flags }]), 'aws_s3_bucket_public_access_block.b');
  const onBucket = (flags: Values) => verdict(s3PublicAccessBlock, stackOf(['aws_s3_bucket', 'foo', { bucket: 'foo' }], ['aws_s3_bucket_public_access_block', 'b', { bucket: 'foo', ...flags }]), 'aws_s3_bucket.foo');
  test(`FAIL: ${flag} false, the other three true`, () => {
    expect(alone({ ...allFlags(true), [flag]: false })).toMatchObject({ status: 'non-compliant', message: expect.stringContaining(`leaves ${flag} off`) });
    expect(onBucket({ ...allFlags(true), [flag]: false })).toMatchObject({ status: 'non-compliant', message: expect.stringContaining(`leaves ${flag} off`) });
  });
  test('PASS: all four true', () => {
    expect(alone(allFlags(true)).status).toBe('compliant');
    expect(onBucket(allFlags(true)).status).toBe('compliant');
  });
}
describe("PAL-BUCKET-003 covers CKV_AWS_53 on checkov's own cases", () => accessBlockFlagCases('block_public_acls'));
describe("PAL-BUCKET-003 covers CKV_AWS_54 on checkov's own cases", () => accessBlockFlagCases('block_public_policy'));
describe("PAL-BUCKET-003 covers CKV_AWS_55 on checkov's own cases", () => accessBlockFlagCases('ignore_public_acls'));
describe("PAL-BUCKET-003 covers CKV_AWS_56 on checkov's own cases", () => accessBlockFlagCases('restrict_public_buckets'));

describe("PAL-BUCKET-004 covers CKV_AWS_379 on checkov's own cases", () => {
  // checkov judges the aws_s3_bucket_acl of a bucket its ACL makes public; Palisade judges every bucket's policy, so
  // its verdict is on the bucket (which checkov's cases reference but do not declare; these cases declare it).
  const DENY_INSECURE = { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['${aws_s3_bucket.b.arn}'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
  const IP_DENY = { Sid: 'IPAllow', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['${aws_s3_bucket.b.arn}'], Condition: { IpAddress: { 'aws:SourceIp': '8.8.8.8/32' } } };
  const wideOpen = { ...allFlags(false) };
  function publicBucket(acl: Values, access: Values | undefined, policy?: unknown, website = false): StackBuilder {
    const s = stackOf(['aws_s3_bucket', 'b', { bucket: 'b' }], ['aws_s3_bucket_acl', 'b', { bucket: ref('aws_s3_bucket', 'b'), ...acl }]);
    if (access) s.add('aws_s3_bucket_public_access_block', 'b', { bucket: ref('aws_s3_bucket', 'b'), ...access });
    if (website) s.add('aws_s3_bucket_website_configuration', 'b', { bucket: ref('aws_s3_bucket', 'b') });
    if (policy !== undefined) s.add('aws_s3_bucket_policy', 'b', { bucket: ref('aws_s3_bucket', 'b'), policy });
    return s;
  }
  const tls = (s: StackBuilder) => status(s3TlsOnly, s, 'aws_s3_bucket.b');
  const accountDocument = (condition?: Values) => ({
    statement: [{ principals: [{ type: 'AWS', identifiers: ['123456789012'] }], actions: ['s3:GetObject', 's3:ListBucket'], resources: ['${aws_s3_bucket.b.arn}'], ...(condition ? { condition: [condition] } : {}) }],
  });

  // Stricter on the first four PASS cases: every bucket must deny plain-HTTP requests (FSBP S3.5), public or not.
  test('PASS: private ACL', () => expect(tls(publicBucket({ acl: 'private' }, undefined))).toBe('non-compliant'));
  test('PASS: public-read, but restrict_public_buckets', () => expect(tls(publicBucket({ acl: 'public-read' }, { ...wideOpen, restrict_public_buckets: true }))).toBe('non-compliant'));
  test('PASS: an AllUsers grant, but block_public_acls', () => {
    const acl = { access_control_policy: { grant: [{ grantee: { type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers' }, permission: 'READ_ACP' }], owner: { id: 'owner' } } };
    expect(tls(publicBucket(acl, { ...wideOpen, block_public_acls: true, ignore_public_acls: true, restrict_public_buckets: true }))).toBe('non-compliant');
  });
  test('PASS: public-read on a website bucket', () => expect(tls(publicBucket({ acl: 'public-read' }, wideOpen, undefined, true))).toBe('non-compliant'));
  test('PASS: public-read with a policy-document Allow conditioned on aws:SecureTransport = true', () => {
    const s = publicBucket({ acl: 'public-read' }, wideOpen, dataRef('aws_iam_policy_document', 'pass_policy1'));
    s.addData('aws_iam_policy_document', 'pass_policy1', accountDocument({ test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] }));
    // Stricter: an Allow that requires TLS does not stop another grant (an IAM policy of the account) from being used over HTTP; only a Deny does.
    expect(tls(s)).toBe('non-compliant');
  });
  test('PASS: public-read with a jsonencode policy denying aws:SecureTransport = false', () => {
    expect(tls(publicBucket({ acl: 'public-read' }, wideOpen, jsonencode({ Version: '2012-10-17', Id: 'MYBUCKETPOLICY', Statement: [IP_DENY, DENY_INSECURE] })))).toBe('compliant');
  });
  test('PASS: public-read with a jsonencode policy allowing only aws:SecureTransport = true', () => {
    // Stricter, for the same reason as the policy-document Allow above.
    expect(tls(publicBucket({ acl: 'public-read' }, wideOpen, jsonencode({ Version: '2012-10-17', Statement: [IP_DENY, { ...DENY_INSECURE, Effect: 'Allow', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] })))).toBe('non-compliant');
  });
  test('FAIL: public-read with a policy document that never mentions aws:SecureTransport', () => {
    const s = publicBucket({ acl: 'public-read' }, wideOpen, dataRef('aws_iam_policy_document', 'fail1'));
    s.addData('aws_iam_policy_document', 'fail1', accountDocument());
    expect(tls(s)).toBe('non-compliant');
  });
  test('FAIL: public-read with a jsonencode Allow conditioned on aws:SecureTransport = false', () => {
    expect(tls(publicBucket({ acl: 'public-read' }, wideOpen, jsonencode({ Version: '2012-10-17', Statement: [IP_DENY, { ...DENY_INSECURE, Effect: 'Allow' }] })))).toBe('non-compliant');
  });
});

describe("PAL-BUCKET-005 covers CKV2_AWS_65 on checkov's own cases", () => {
  const ownership = (name: string, mode: string) => status(s3OwnershipEnforced, stackOf(['aws_s3_bucket', name, { bucket: name }], ['aws_s3_bucket_ownership_controls', name, { bucket: ref('aws_s3_bucket', name), rule: { object_ownership: mode } }]), `aws_s3_bucket.${name}`);
  test('FAIL: BucketOwnerPreferred', () => expect(ownership('pud_bucket_fail', 'BucketOwnerPreferred')).toBe('non-compliant'));
  test('PASS: BucketOwnerEnforced', () => expect(ownership('pud_bucket_pass', 'BucketOwnerEnforced')).toBe('compliant'));
});

describe("PAL-BUCKET-006 covers CKV_AWS_18 on checkov's own cases", () => {
  const logging = (s: StackBuilder, name: string) => status(s3AccessLogging, s, `aws_s3_bucket.${name}`);
  test('PASS: a split aws_s3_bucket_logging', () => {
    const s = stackOf(['aws_s3_bucket', 'bucket_good_1', { bucket: 'bucket_good' }], ['aws_s3_bucket_logging', 'example', { bucket: ref('aws_s3_bucket', 'bucket_good_1'), target_bucket: ref('aws_s3_bucket', 'log_bucket'), target_prefix: 'log/' }]);
    expect(logging(s, 'bucket_good_1')).toBe('compliant');
  });
  test('PASS: an inline logging block', () => {
    expect(logging(stackOf(['aws_s3_bucket', 'bucket_good_2', { bucket: 'bucket_good', logging: { target_bucket: ref('aws_s3_bucket', 'log_bucket'), target_prefix: 'log/' } }]), 'bucket_good_2')).toBe('compliant');
  });
  test('FAIL: no logging', () => expect(logging(stackOf(['aws_s3_bucket', 'bucket_bad_1', { bucket: 'bucket_bad_1' }]), 'bucket_bad_1')).toBe('non-compliant'));
});

// ---- IAM ------------------------------------------------------------------------------------------------------------

const READ_TWO_BUCKETS = [
  { Action: ['s3:ListBucket*', 's3:HeadBucket', 's3:Get*'], Effect: 'Allow', Resource: ['arn:aws:s3:::b1', 'arn:aws:s3:::b1/*', 'arn:aws:s3:::b2', 'arn:aws:s3:::b2/*'], Sid: '' },
  { Action: 's3:PutObject*', Effect: 'Allow', Resource: 'arn:aws:s3:::b1/*', Sid: '' },
];
const PERMISSION_SET = { instance_arn: ref('aws_ssoadmin_permission_set', 'example', 'instance_arn'), permission_set_arn: ref('aws_ssoadmin_permission_set', 'example', 'arn') };
const identityPolicy = (...statements: Values[]): [string, string, Values] => ['aws_iam_policy', 'p', { name: 'p', path: '/', policy: policyJson(...statements) }];
const inlinePermissionSet = (...statements: Values[]): [string, string, Values] => ['aws_ssoadmin_permission_set_inline_policy', 'p', { ...PERMISSION_SET, inline_policy: policyJson(...statements) }];

describe("PAL-IAM-001 covers CKV_AWS_62 on checkov's own cases", () => {
  const admin = (resource: [string, string, Values]) => status(iamNoAdminEquivalent, stackOf(resource), `${resource[0]}.${resource[1]}`);
  test('PASS: S3 reads and a put on named buckets', () => expect(admin(identityPolicy(...READ_TWO_BUCKETS))).toBe('compliant'));
  test('FAIL: "*" among the actions and among the resources', () => expect(admin(identityPolicy({ Action: ['s3:HeadBucket', '*'], Effect: 'Allow', Resource: ['arn:aws:s3:::b1', 'arn:aws:s3:::b1/*', '*'], Sid: '' }))).toBe('non-compliant'));
  test('FAIL: Action ["*"] on Resource ["*"]', () => expect(admin(identityPolicy({ Action: ['*'], Effect: 'Allow', Resource: ['*'], Sid: '' }))).toBe('non-compliant'));
  test('FAIL: Action "*" on Resource "*"', () => expect(admin(identityPolicy({ Action: '*', Effect: 'Allow', Resource: '*', Sid: '' }))).toBe('non-compliant'));
  test('FAIL: Action "*" on Resource "*" without Effect (Allow by default)', () => expect(admin(identityPolicy({ Action: '*', Resource: '*', Sid: '' }))).toBe('non-compliant'));
  test('PASS: Action "*" on Resource "*" denied', () => expect(admin(identityPolicy({ Action: '*', Effect: 'Deny', Resource: '*', Sid: '' }))).toBe('compliant'));
  test('PASS: a permission-set inline policy of S3 reads', () => expect(admin(inlinePermissionSet(...READ_TWO_BUCKETS))).toBe('compliant'));
  test('FAIL: a permission-set inline policy with "*" actions and resources', () => expect(admin(inlinePermissionSet({ Action: ['s3:HeadBucket', '*'], Effect: 'Allow', Resource: ['arn:aws:s3:::b1', 'arn:aws:s3:::b1/*', '*'], Sid: '' }))).toBe('non-compliant'));
});

describe("PAL-IAM-001 covers CKV_AWS_274 on checkov's own cases", () => {
  const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
  const READ_ONLY = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
  const trust = dataRef('aws_iam_policy_document', 'instance_assume_role_policy');
  const attached = (type: string, values: Values) => status(iamNoAdminEquivalent, stackOf([type, 'x', values]), `${type}.x`);
  test('FAIL: a role lists AdministratorAccess in managed_policy_arns', () => expect(attached('aws_iam_role', { name: 'fail1', assume_role_policy: trust, managed_policy_arns: [ADMIN] })).toBe('non-compliant'));
  test('FAIL: aws_iam_policy_attachment of AdministratorAccess', () => expect(attached('aws_iam_policy_attachment', { name: 'fail2', roles: [ref('aws_iam_role', 'fail1', 'name')], policy_arn: ADMIN })).toBe('non-compliant'));
  test('FAIL: aws_iam_role_policy_attachment of AdministratorAccess', () => expect(attached('aws_iam_role_policy_attachment', { role: ref('aws_iam_role', 'fail1', 'name'), policy_arn: ADMIN })).toBe('non-compliant'));
  test('FAIL: aws_iam_user_policy_attachment of AdministratorAccess', () => expect(attached('aws_iam_user_policy_attachment', { user: 'user', policy_arn: ADMIN })).toBe('non-compliant'));
  test('FAIL: aws_iam_group_policy_attachment of AdministratorAccess', () => expect(attached('aws_iam_group_policy_attachment', { group: 'group', policy_arn: ADMIN })).toBe('non-compliant'));
  test('FAIL: aws_ssoadmin_managed_policy_attachment of AdministratorAccess', () => expect(attached('aws_ssoadmin_managed_policy_attachment', { instance_arn: '${tolist(data.aws_ssoadmin_instances.my_instance.arns)[0]}', managed_policy_arn: ADMIN, permission_set_arn: ref('aws_ssoadmin_permission_set', 'admins', 'arn') })).toBe('non-compliant'));
  test('PASS: a role with AmazonS3ReadOnlyAccess', () => expect(attached('aws_iam_role', { name: 'pass1', assume_role_policy: trust, managed_policy_arns: [READ_ONLY] })).toBe('compliant'));
  test('PASS: aws_iam_policy_attachment of AmazonS3ReadOnlyAccess', () => expect(attached('aws_iam_policy_attachment', { name: 'pass2', role: ref('aws_iam_role', 'pass1', 'name'), policy_arn: READ_ONLY })).toBe('compliant'));
  test('PASS: aws_iam_role_policy_attachment of AmazonS3ReadOnlyAccess', () => expect(attached('aws_iam_role_policy_attachment', { role: ref('aws_iam_role', 'pass1', 'name'), policy_arn: READ_ONLY })).toBe('compliant'));
  test('PASS: aws_iam_user_policy_attachment of AmazonS3ReadOnlyAccess', () => expect(attached('aws_iam_user_policy_attachment', { user: 'user', policy_arn: READ_ONLY })).toBe('compliant'));
  test('PASS: aws_iam_group_policy_attachment of AmazonS3ReadOnlyAccess', () => expect(attached('aws_iam_group_policy_attachment', { group: 'group', policy_arn: READ_ONLY })).toBe('compliant'));
  test('PASS: an aws_iam_role_policy_attachment without policy_arn (as a plan may show it) attaches nothing', () => {
    expect(evaluate(iamNoAdminEquivalent, stackOf(['aws_iam_role_policy_attachment', 'x', { role: ref('aws_iam_role', 'fail1', 'name') }])).map((r) => r.status)).toEqual(['not-applicable']);
  });
  test('PASS: aws_ssoadmin_managed_policy_attachment of AmazonEC2ReadOnlyAccess', () => expect(attached('aws_ssoadmin_managed_policy_attachment', { instance_arn: '${tolist(data.aws_ssoadmin_instances.my_instance.arns)[0]}', managed_policy_arn: 'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess', permission_set_arn: ref('aws_ssoadmin_permission_set', 'viewers', 'arn') })).toBe('compliant'));
});

describe("PAL-IAM-003 covers CKV_AWS_63 on checkov's own cases", () => {
  // CKV_AWS_63 fails "*" as an action on any resource. On every resource that statement is administrator-equivalent
  // and PAL-IAM-001's (CKV_AWS_62); on named resources, as in all of checkov's CKV_AWS_63 cases, it is a wildcard
  // action and PAL-IAM-003's.
  const wildcard = (resource: [string, string, Values]) => status(iamNoServiceWildcards, stackOf(resource), `${resource[0]}.${resource[1]}`);
  test('PASS: ec2:Describe* on abc*', () => expect(wildcard(identityPolicy({ Action: ['ec2:Describe*'], Effect: 'Allow', Resource: 'abc*' }))).toBe('compliant'));
  // Stricter: "ec2:*" grants every present and future EC2 action (FSBP IAM.21).
  test('PASS: ec2:* on abc*', () => expect(wildcard(identityPolicy({ Action: 'ec2:*', Effect: 'Allow', Resource: 'abc*' }))).toBe('non-compliant'));
  test('FAIL: Action ["*"] on abc*', () => expect(wildcard(identityPolicy({ Action: ['*'], Effect: 'Allow', Resource: 'abc*' }))).toBe('non-compliant'));
  test('FAIL: SQS actions on "*", then Action ["*"] on a variable ARN', () => {
    const sqs = { Sid: 'SqsAllow', Effect: 'Allow', Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ListDeadLetterSourceQueues', 'sqs:ListQueues', 'sqs:ReceiveMessage', 'sqs:SendMessage', 'sqs:SendMessageBatch'], Resource: '*' };
    expect(wildcard(identityPolicy(sqs, { Sid: 'ALL', Effect: 'Allow', Action: ['*'], Resource: ['${var.my_resource_arn}'] }))).toBe('non-compliant');
  });
  test('FAIL: a permission-set inline policy with Action ["*"] on abc*', () => expect(wildcard(inlinePermissionSet({ Action: ['*'], Effect: 'Allow', Resource: 'abc*' }))).toBe('non-compliant'));
  test('PASS: a permission-set inline policy with ec2:Describe* on abc*', () => expect(wildcard(inlinePermissionSet({ Action: ['ec2:Describe*'], Effect: 'Allow', Resource: 'abc*' }))).toBe('compliant'));
});

describe('PAL-IAM-001 does not claim CKV2_AWS_40: checkov also fails a policy document attached to nothing', () => {
  test('iam:* on every resource is PAL-IAM-001\'s, iam:* on a named resource PAL-IAM-003\'s, and an unattached document neither\'s', () => {
    expect(status(iamNoAdminEquivalent, stackOf(identityPolicy({ Action: 'iam:*', Effect: 'Allow', Resource: '*' })), 'aws_iam_policy.p')).toBe('non-compliant');
    expect(status(iamNoServiceWildcards, stackOf(identityPolicy({ Action: 'iam:*', Effect: 'Allow', Resource: 'arn:aws:iam::111122223333:role/app' })), 'aws_iam_policy.p')).toBe('non-compliant');
    const unattached = new StackBuilder().addData('aws_iam_policy_document', 'fail1', { statement: [{ effect: 'Allow', actions: ['iam:*'], resources: ['arn:aws:iam:::/home/&{aws:username}'] }] });
    expect(evaluate(iamNoAdminEquivalent, unattached).map((r) => r.status)).toEqual(['not-applicable']);
  });
});

describe("PAL-IAM-005 covers CKV_AWS_60 on checkov's own cases", () => {
  const role = (assume: unknown) => status(iamTrustNotOpen, stackOf(['aws_iam_role', 'lambdaRole', { name: 'test-role', ...(assume === undefined ? {} : { assume_role_policy: assume }) }]), 'aws_iam_role.lambdaRole');
  const assume = (principal: unknown, effect = 'Allow') => ({ Action: 'sts:AssumeRole', Principal: principal, Effect: effect });
  test('FAIL: AWS "*" between two service statements', () => {
    expect(role(policyJson(assume({ Service: 'lambda.amazonaws.com' }), assume({ AWS: '*' }), assume({ Service: 'events.amazonaws.com' })))).toBe('non-compliant');
  });
  test('FAIL: AWS ["*"] between two service statements', () => {
    expect(role(policyJson(assume({ Service: 'lambda.amazonaws.com' }), assume({ AWS: ['*'] }), assume({ Service: 'events.amazonaws.com' })))).toBe('non-compliant');
  });
  test('PASS: only lambda.amazonaws.com', () => expect(role(policyJson(assume({ Service: 'lambda.amazonaws.com' })))).toBe('compliant'));
  test('PASS: AWS "*" denied', () => expect(role(policyJson(assume({ AWS: '*' }, 'Deny')))).toBe('compliant'));
  test('PASS: an empty assume_role_policy', () => expect(role('')).toBe('compliant'));
  test('PASS: no assume_role_policy', () => expect(role(undefined)).toBe('compliant'));
});

describe("PAL-IAM-007 covers CKV_AWS_70 on checkov's own cases", () => {
  const getObject = (principal: unknown, condition?: Values, effect = 'Allow') => ({ Sid: 'Stmt1597273446725', Action: ['s3:GetObject'], Effect: effect, Resource: 'arn:aws:s3:::bucket/*', Principal: principal, ...(condition ? { Condition: condition } : {}) });
  const policy = (...statements: Values[]) => JSON.stringify({ Id: 'Policy1597273448050', Version: '2012-10-17', Statement: statements });
  const onBucket = (statement: Values) => status(resourcePoliciesNotPublic, stackOf(['aws_s3_bucket', 'b', { bucket: 'bucket', policy: policy(statement) }]), 'aws_s3_bucket.b');
  const onPolicy = (statement: Values) => status(resourcePoliciesNotPublic, stackOf(['aws_s3_bucket_policy', 'p', { bucket: 'bucket', policy: policy(statement) }]), 'aws_s3_bucket_policy.p');

  test('UNKNOWN (checkov does not judge): a bucket without a policy', () => expect(evaluate(resourcePoliciesNotPublic, stackOf(['aws_s3_bucket', 'unknown', { bucket: 'bucket' }])).map((r) => r.status)).toEqual(['not-applicable']));
  test('FAIL: bucket policy, AWS "*"', () => expect(onBucket(getObject({ AWS: '*' }))).toBe('non-compliant'));
  test('FAIL: bucket policy, AWS ["*"]', () => expect(onBucket(getObject({ AWS: ['*'] }))).toBe('non-compliant'));
  test('FAIL: bucket policy, Principal "*"', () => expect(onBucket(getObject('*'))).toBe('non-compliant'));
  const OWN_ROLE = 'arn:aws:iam::111122223333:role/reader';
  test('PASS: bucket policy, AWS "some_arn"', () => {
    expect(onBucket(getObject({ AWS: OWN_ROLE }))).toBe('compliant');
    // Stricter: "some_arn" names no account (AWS rejects it), so whom it admits cannot be shown.
    expect(onBucket(getObject({ AWS: 'some_arn' }))).toBe('unproven');
  });
  test('PASS: bucket policy, Principal "*" denied', () => expect(onBucket(getObject('*', undefined, 'Deny'))).toBe('compliant'));
  test('PASS: aws_s3_bucket_policy, AWS "some_arn"', () => {
    expect(onPolicy(getObject({ AWS: OWN_ROLE }))).toBe('compliant');
    expect(onPolicy(getObject({ AWS: 'some_arn' }))).toBe('unproven'); // as above
  });
  test('FAIL: aws_s3_bucket_policy, AWS "*"', () => expect(onPolicy(getObject({ AWS: '*' }))).toBe('non-compliant'));
  test('UNKNOWN (checkov does not judge): an aws_s3_bucket_policy from a policy document with AWS "*" fails', () => {
    const s = stackOf(['aws_s3_bucket_policy', 'json', { bucket: ref('aws_s3_bucket', 'b'), policy: dataRef('aws_iam_policy_document', 'test') }]);
    s.addData('aws_iam_policy_document', 'test', { statement: [{ principals: [{ type: 'AWS', identifiers: ['*'] }], actions: ['s3:GetObject'], resources: ['${aws_s3_bucket.b.arn}/*'] }] });
    expect(status(resourcePoliciesNotPublic, s, 'aws_s3_bucket_policy.json')).toBe('non-compliant');
  });
  // Stricter: ArnNotEquals excludes one principal and admits every other one.
  test('PASS: aws_s3_bucket_policy, AWS "*" with ArnNotEquals aws:PrincipalArn', () => expect(onPolicy(getObject({ AWS: '*' }, { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::12345555555555:user/username' } }))).toBe('non-compliant'));
  test('PASS: bucket policy, AWS "*" with ArnNotEquals aws:PrincipalArn', () => expect(onBucket(getObject({ AWS: '*' }, { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::12345555555555:user/username' } }))).toBe('non-compliant'));
  // Stricter on the next three: checkov's user ARN carries a 14-digit account, so it pins the caller to no account;
  // the same condition naming a user of an allowed account passes.
  const userOf = (account: string) => ({ ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${account}:user/username` } });
  test('PASS: aws_s3_bucket_policy, AWS "*" with ArnEquals aws:PrincipalArn of one user', () => {
    expect(onPolicy(getObject({ AWS: '*' }, userOf('111122223333')))).toBe('compliant');
    expect(onPolicy(getObject({ AWS: '*' }, userOf('12345555555555')))).toBe('non-compliant');
  });
  test('PASS: bucket policy, AWS "*" with ArnEquals aws:PrincipalArn of one user', () => {
    expect(onBucket(getObject({ AWS: '*' }, userOf('111122223333')))).toBe('compliant');
    expect(onBucket(getObject({ AWS: '*' }, userOf('12345555555555')))).toBe('non-compliant');
  });
  test('FAIL: aws_s3_bucket_policy, AWS "*" with ArnEquals aws:PrincipalArn arn:aws:iam::*', () => expect(onPolicy(getObject({ AWS: '*' }, { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*' } }))).toBe('non-compliant'));
  test('FAIL: bucket policy, AWS "*" with ArnEquals aws:PrincipalArn arn:aws:iam::*', () => expect(onBucket(getObject({ AWS: '*' }, { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*' } }))).toBe('non-compliant'));
  test('PASS: bucket policy, Principal "*" with ArnEquals aws:PrincipalArn of one user', () => {
    expect(onBucket(getObject('*', userOf('111122223333')))).toBe('compliant');
    expect(onBucket(getObject('*', userOf('12345555555555')))).toBe('non-compliant');
  });
  test('PASS: bucket policy, Principal "*" from one VPC endpoint (aws:sourceVpce)', () => expect(onBucket(getObject('*', { StringEquals: { 'aws:sourceVpce': 'vpce-123abc456def7890g' } }))).toBe('compliant'));
  test('PASS: bucket policy, Principal "*" for one account\'s CloudTrail trails (ArnLike aws:SourceArn)', () => expect(onBucket(getObject('*', { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudtrail:*:111122223333:trail/*' } }))).toBe('compliant'));
  // Stricter: aws:PrincipalOrgPath is not a condition key (aws:PrincipalOrgPaths is) and a role's unique id does not
  // show whose account the role is in; pinned to our organization the statement passes.
  test('PASS: bucket policy, Principal "*" for one organization path and user id', () => {
    expect(onBucket(getObject('*', { StringLike: { 'aws:PrincipalOrgPath': 'arn:aws:organizations::*:organization/123456789012*', 'aws:userid': 'AROAEXAMPLE1234567890123456789' } }))).toBe('non-compliant');
    expect(onBucket(getObject('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } }))).toBe('compliant');
  });
  test('PASS: aws_s3_bucket_policy, Principal "*" from one account\'s VPC endpoints (aws:VpceAccount)', () => {
    const viaEndpointsOf = (account: string) => status(resourcePoliciesNotPublic, stackOf(['aws_s3_bucket_policy', 'vpce_account_condition', { bucket: 'example', policy: jsonencode({ Version: '2012-10-17', Statement: [{ Sid: 'AllowVpceAccount', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example/*', Condition: { StringEquals: { 'aws:VpceAccount': account } } }] }) }]), 'aws_s3_bucket_policy.vpce_account_condition');
    expect(viaEndpointsOf('111122223333')).toBe('compliant');
    // Stricter: checkov's 123456789012 is not an allowed account, so the endpoints (and whoever uses them) are someone else's.
    expect(viaEndpointsOf('123456789012')).toBe('non-compliant');
  });
  test('PASS: a Deny statement concatenated with a variable list of statements', () => {
    const s = stackOf(['aws_s3_bucket_policy', 'mixed_concat_crash', { bucket: 'bucket', policy: '${jsonencode({"Version" = "2012-10-17", "Statement" = concat([{"Sid" = "DenyInsecureTransport", "Effect" = "Deny", "Principal" = "*", "Action" = "s3:*", "Resource" = ["arn:aws:s3:::bucket/*"]}], var.additional_policy_statements)})}' }]);
    // Stricter: the variable may add any Allow, so the policy is unproven until Terraform evaluates it.
    expect(status(resourcePoliciesNotPublic, s, 'aws_s3_bucket_policy.mixed_concat_crash')).toBe('unproven');
  });
});

// ---- RDS ------------------------------------------------------------------------------------------------------------

/** The verdict of `rule` on one resource of `type` with these values. */
const onOne = (rule: Rule, type: string, values: Values) => verdict(rule, stackOf([type, 'x', values]), `${type}.x`);
const MYSQL = { name: 'name', engine: 'mysql', instance_class: 'db.t3.micro' };
const SMALL = { allocated_storage: 5, instance_class: 'db.t3.small', password: 'password', username: 'username' };

describe("PAL-RDS-001 covers CKV_AWS_16 on checkov's own cases", () => {
  test('PASS: storage_encrypted = true', () => {
    expect(onOne(rdsStorageEncrypted, 'aws_db_instance', { ...MYSQL, storage_encrypted: true, kms_key_id: ref('aws_kms_key', 'data', 'arn') }).status).toBe('compliant');
    // Stricter: without kms_key_id the storage is encrypted with the AWS-managed aws/rds key.
    expect(onOne(rdsStorageEncrypted, 'aws_db_instance', { ...MYSQL, storage_encrypted: true })).toMatchObject({ status: 'non-compliant', severity: 'medium' });
  });
  /** A finding at the rule's own severity (high), not a milder variant. */
  const unencrypted = (values: Values) => {
    const r = onOne(rdsStorageEncrypted, 'aws_db_instance', values);
    return [r.status, r.severity ?? rdsStorageEncrypted.severity];
  };
  test('FAIL: storage_encrypted not written', () => expect(unencrypted(MYSQL)).toEqual(['non-compliant', 'high']));
  test('FAIL: storage_encrypted = false', () => expect(unencrypted({ ...MYSQL, storage_encrypted: false })).toEqual(['non-compliant', 'high']));
});

describe("PAL-RDS-002 covers CKV_AWS_17 on checkov's own cases", () => {
  const CLUSTER_MEMBER = { cluster_identifier: 'id', instance_class: 'foo-bar' };
  test('FAIL: an Aurora cluster instance with publicly_accessible = true', () => expect(onOne(rdsNoPublicAccess, 'aws_rds_cluster_instance', { ...CLUSTER_MEMBER, publicly_accessible: true }).status).toBe('non-compliant'));
  test('PASS: an Aurora cluster instance with publicly_accessible = false', () => expect(onOne(rdsNoPublicAccess, 'aws_rds_cluster_instance', { ...CLUSTER_MEMBER, publicly_accessible: false }).status).toBe('compliant'));
  test('PASS: an Aurora cluster instance without publicly_accessible (defaults to false)', () => expect(onOne(rdsNoPublicAccess, 'aws_rds_cluster_instance', CLUSTER_MEMBER).status).toBe('compliant'));
  test('both ways on aws_db_instance too', () => {
    expect(onOne(rdsNoPublicAccess, 'aws_db_instance', { ...MYSQL, publicly_accessible: true }).status).toBe('non-compliant');
    expect(onOne(rdsNoPublicAccess, 'aws_db_instance', { ...MYSQL, publicly_accessible: 'false' }).status).toBe('compliant');
  });
});

describe("PAL-RDS-003 covers CKV_AWS_161 on checkov's own cases", () => {
  const iamAuth = (values: Values) => onOne(rdsIamAuthentication, 'aws_db_instance', { ...SMALL, ...values }).status;
  test('PASS: PostgreSQL with iam_database_authentication_enabled = true (checkov\'s "enabled_mysql")', () => expect(iamAuth({ engine: 'postgres', iam_database_authentication_enabled: true })).toBe('compliant'));
  test('PASS: PostgreSQL with iam_database_authentication_enabled = true', () => expect(iamAuth({ engine: 'postgres', iam_database_authentication_enabled: true })).toBe('compliant'));
  test('FAIL: MySQL without iam_database_authentication_enabled', () => expect(iamAuth({ engine: 'mysql' })).toBe('non-compliant'));
  test('FAIL: PostgreSQL without iam_database_authentication_enabled', () => expect(iamAuth({ engine: 'postgres' })).toBe('non-compliant'));
  test('FAIL: PostgreSQL with iam_database_authentication_enabled = false (checkov\'s "disabled_mysql")', () => expect(iamAuth({ engine: 'postgres', iam_database_authentication_enabled: false })).toBe('non-compliant'));
  test('FAIL: PostgreSQL with iam_database_authentication_enabled = false', () => expect(iamAuth({ engine: 'postgres', iam_database_authentication_enabled: false })).toBe('non-compliant'));
  test('UNKNOWN (checkov does not judge): MariaDB without it is a Palisade finding (RDS for MariaDB supports IAM authentication)', () => expect(iamAuth({ engine: 'mariadb' })).toBe('non-compliant'));
});

describe("PAL-RDS-004 covers CKV_AWS_293 on checkov's own cases", () => {
  const AURORA_LIKE = { cluster_identifier: 'aurora-cluster-demo', availability_zones: ['us-west-2a', 'us-west-2b', 'us-west-2c'], database_name: 'mydb', master_username: 'foo', master_password: 'bar', backup_retention_period: 5, preferred_backup_window: '07:00-09:00', instance_class: 'm4.large' };
  test('FAIL: deletion_protection = false', () => expect(onOne(rdsDeletionProtection, 'aws_db_instance', { ...AURORA_LIKE, deletion_protection: false }).status).toBe('non-compliant'));
  test('FAIL: deletion_protection not written', () => expect(onOne(rdsDeletionProtection, 'aws_db_instance', AURORA_LIKE).status).toBe('non-compliant'));
  test('PASS: deletion_protection = true', () => expect(onOne(rdsDeletionProtection, 'aws_db_instance', { ...AURORA_LIKE, deletion_protection: true }).status).toBe('compliant'));
});

describe("PAL-RDS-005 covers CKV_AWS_133 on checkov's own cases", () => {
  const retention = (type: string, values: Values) => onOne(rdsBackupRetention, type, values).status;
  test.each(['aws_rds_cluster', 'aws_db_instance'])('PASS: %s keeps backups 35 days', (type) => expect(retention(type, { backup_retention_period: 35 })).toBe('compliant'));
  // Stricter: RDS then keeps backups one day; FSBP RDS.11 asks for at least seven.
  test.each(['aws_rds_cluster', 'aws_db_instance'])('PASS: %s without backup_retention_period (RDS default 1 day)', (type) => expect(retention(type, {})).toBe('non-compliant'));
  test.each(['aws_rds_cluster', 'aws_db_instance'])('FAIL: %s with backup_retention_period = 0', (type) => expect(retention(type, { backup_retention_period: 0 })).toBe('non-compliant'));
  test.each(['aws_rds_cluster', 'aws_db_instance'])('FAIL: %s with backup_retention_period = 36 (more than RDS allows)', (type) => expect(retention(type, { backup_retention_period: 36 })).toBe('non-compliant'));
  test('UNKNOWN (checkov does not judge): a variable retention is a low finding that cannot be verified', () => {
    expect(onOne(rdsBackupRetention, 'aws_db_instance', { backup_retention_period: '${var.backup_retention_period}' })).toMatchObject({ status: 'non-compliant', severity: 'low' });
  });
  test('both ways: 7 days is the floor, 35 the ceiling, numbers written as strings count', () => {
    expect(retention('aws_rds_cluster', { backup_retention_period: '7' })).toBe('compliant');
    expect(retention('aws_rds_cluster', { backup_retention_period: 6 })).toBe('non-compliant');
  });
});

describe("PAL-RDS-006 covers CKV_AWS_129 on checkov's own cases", () => {
  const exports = (values: Values) => onOne(rdsLogExports, 'aws_db_instance', { allocated_storage: 5, instance_class: 'db.t3.small', ...values }).status;
  test('PASS: PostgreSQL exports postgresql and upgrade', () => expect(exports({ engine: 'postgres', enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'] })).toBe('compliant'));
  test('PASS: MySQL exports general, error and slowquery', () => {
    // Stricter: FSBP RDS.9 names the audit log of MySQL too.
    expect(exports({ engine: 'mysql', enabled_cloudwatch_logs_exports: ['general', 'error', 'slowquery'] })).toBe('non-compliant');
    expect(exports({ engine: 'mysql', enabled_cloudwatch_logs_exports: ['audit', 'general', 'error', 'slowquery'] })).toBe('compliant');
  });
  test('FAIL: no enabled_cloudwatch_logs_exports', () => expect(exports({ engine: 'mysql' })).toBe('non-compliant'));
  test('FAIL: enabled_cloudwatch_logs_exports = []', () => expect(exports({ engine: 'mysql', enabled_cloudwatch_logs_exports: [] })).toBe('non-compliant'));
});

describe("PAL-RDS-008 covers CKV2_AWS_69 on checkov's own cases", () => {
  // checkov's instances write no engine: the parameter group's family says which TLS setting applies.
  function instanceWithGroup(family: string, parameters: Values[]): RuleResult {
    const s = stackOf(
      ['aws_db_parameter_group', 'g', { name: 'my-pg', family, parameter: parameters, lifecycle: { create_before_destroy: true } }],
      ['aws_db_instance', 'db', { parameter_group_name: ref('aws_db_parameter_group', 'g', 'name'), apply_immediately: true }],
    );
    return verdict(rdsTlsForced, s, 'aws_db_instance.db');
  }
  test('PASS: the parameter group it names is not in the input (checkov calls this unknown but passes it)', () => {
    const s = stackOf(['aws_db_instance', 'pass_no_param', { parameter_group_name: ref('aws_db_parameter_group', 'notexist', 'name'), apply_immediately: true }]);
    // Stricter: unknown is never a pass; neither the engine nor the group's settings can be shown.
    expect(verdict(rdsTlsForced, s, 'aws_db_instance.pass_no_param')).toMatchObject({ status: 'unproven', severity: 'low' });
  });
  test('PASS: PostgreSQL family with rds.force_ssl = 1', () => expect(instanceWithGroup('postgres13', [{ name: 'something_else', value: '0' }, { name: 'rds.force_ssl', value: '1' }]).status).toBe('compliant'));
  test('FAIL: PostgreSQL family with rds.force_ssl = 0', () => expect(instanceWithGroup('postgres13', [{ name: 'something_else', value: '0' }, { name: 'rds.force_ssl', value: '0' }]).status).toBe('non-compliant'));
  test('FAIL: PostgreSQL family without rds.force_ssl', () => expect(instanceWithGroup('postgres13', [{ name: 'something_else', value: '0' }]).status).toBe('non-compliant'));
  test('PASS: another engine family (no TLS parameter to judge)', () => {
    const s = stackOf(['aws_db_parameter_group', 'g', { name: 'my-pg', family: 'other-fam', parameter: [{ name: 'something_else', value: '0' }] }], ['aws_db_instance', 'db', { parameter_group_name: ref('aws_db_parameter_group', 'g', 'name') }]);
    expect(evaluate(rdsTlsForced, s).map((r) => r.status)).toEqual(['not-applicable']);
  });
  test('FAIL: MariaDB family with require_secure_transport = 0', () => expect(instanceWithGroup('mariadb10.11', [{ name: 'require_secure_transport', value: '0' }]).status).toBe('non-compliant'));
  test('PASS: MariaDB family with require_secure_transport = 1', () => expect(instanceWithGroup('mariadb10.11', [{ name: 'something_else', value: '1' }, { name: 'require_secure_transport', value: '1' }, { name: 'something_else2', value: '1' }]).status).toBe('compliant'));
  test('FAIL: MariaDB family without require_secure_transport', () => expect(instanceWithGroup('mariadb10.11', [{ name: 'something_else', value: '1' }, { name: 'something_else2', value: '1' }]).status).toBe('non-compliant'));
  test('FAIL: Db2 family with db2comm = 0', () => expect(instanceWithGroup('db2-ae-11.5', [{ name: 'db2comm', value: '0' }]).status).toBe('non-compliant'));
  test('PASS: Db2 family with db2comm = SSL', () => expect(instanceWithGroup('db2-ae-11.5', [{ name: 'db2comm', value: 'SSL' }]).status).toBe('compliant'));
  test('FAIL: Db2 family without db2comm', () => expect(instanceWithGroup('db2-ae-11.5', []).status).toBe('non-compliant'));
  test('both ways: Db2 accepting TCPIP and SSL still takes plain connections; an instance\'s engine wins over the family', () => {
    expect(instanceWithGroup('db2-se-11.5', [{ name: 'db2comm', value: 'TCPIP,SSL' }]).status).toBe('non-compliant');
    const s = stackOf(['aws_db_parameter_group', 'g', { name: 'my-pg', family: 'postgres16', parameter: [{ name: 'rds.force_ssl', value: '1' }] }], ['aws_db_instance', 'db', { engine: 'mysql', parameter_group_name: ref('aws_db_parameter_group', 'g', 'name') }]);
    expect(verdict(rdsTlsForced, s, 'aws_db_instance.db').message).toContain('does not set require_secure_transport');
  });
});

describe("PAL-ALERT-002 covers CKV_AWS_319 on checkov's own cases", () => {
  // checkov's alarms notify a topic its example does not define: here it is an otherwise compliant alert topic
  // (customer-managed key, a subscription), so the verdict comes from actions_enabled alone.
  function alarm(actionsEnabled: boolean | undefined): RuleResult {
    const s = stackOf(
      ['aws_kms_key', 'sns', { enable_key_rotation: true }],
      ['aws_sns_topic', 'sns', { name: 'alarms', kms_master_key_id: ref('aws_kms_key', 'sns', 'arn') }],
      ['aws_sns_topic_subscription', 'mail', { topic_arn: ref('aws_sns_topic', 'sns', 'arn'), protocol: 'email', endpoint: 'security@example.com' }],
      ['aws_cloudwatch_metric_alarm', 'a', {
        alarm_name: 'alarmname', comparison_operator: 'LessThanThreshold', evaluation_periods: 1, metric_name: 'HealthyHostCount', namespace: 'AWS/NetworkELB',
        period: 60, statistic: 'Average', threshold: '${var.logstash_servers_count}', alarm_description: 'Number of healthy nodes in Target Group',
        ...(actionsEnabled === undefined ? {} : { actions_enabled: actionsEnabled }),
        alarm_actions: [ref('aws_sns_topic', 'sns', 'arn')], ok_actions: [ref('aws_sns_topic', 'sns', 'arn')],
      }],
    );
    return verdict(alarmAlertChain, s, 'aws_cloudwatch_metric_alarm.a');
  }
  test('PASS: actions_enabled unset', () => expect(alarm(undefined).status).toBe('compliant'));
  test('PASS: actions_enabled = true', () => expect(alarm(true).status).toBe('compliant'));
  test('FAIL: actions_enabled = false', () => expect(alarm(false)).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('actions_enabled = false') }));
  test('both ways, as a string: "false" fails, "true" passes', () => {
    expect(alarm('false' as unknown as boolean).status).toBe('non-compliant');
    expect(alarm('true' as unknown as boolean).status).toBe('compliant');
  });
});
