import { logGroupKms } from '../../../policies/rules/pal-logs-001';
import { logGroupRetention } from '../../../policies/rules/pal-logs-002';
import { compliantEstate, evaluate, failures, ref, statusOf } from '../fixtures';

describe('PAL-LOGS-001 log group encryption', () => {
  test('log groups with kms_key_id are compliant and name the key', () => {
    const r = evaluate(logGroupKms, compliantEstate());
    expect(failures(r)).toEqual([]);
    expect(r.find((x) => x.resource === 'aws_cloudwatch_log_group.app')?.message).toContain('aws_kms_key.logs');
  });

  test('a log group without kms_key_id is non-compliant', () => {
    const s = compliantEstate().update('aws_cloudwatch_log_group', 'app', (v) => delete v.kms_key_id);
    expect(statusOf(evaluate(logGroupKms, s), 'aws_cloudwatch_log_group.app')).toBe('non-compliant');
  });
});

describe('PAL-LOGS-002 log group retention', () => {
  test('an application log group with 30 days and a flow-log group with 400 days are compliant', () => {
    expect(failures(evaluate(logGroupRetention, compliantEstate()))).toEqual([]);
  });

  test('a log group without retention_in_days is non-compliant', () => {
    const s = compliantEstate().update('aws_cloudwatch_log_group', 'app', (v) => delete v.retention_in_days);
    expect(statusOf(evaluate(logGroupRetention, s), 'aws_cloudwatch_log_group.app')).toBe('non-compliant');
  });

  test('a flow-log group kept less than 365 days is non-compliant', () => {
    const s = compliantEstate().update('aws_cloudwatch_log_group', 'flow_logs', (v) => (v.retention_in_days = 90));
    const f = failures(evaluate(logGroupRetention, s));
    expect(f.map((x) => x.resource)).toEqual(['aws_cloudwatch_log_group.flow_logs']);
    expect(f[0].message).toContain('< 365');
  });

  test('a group tagged LogClass=audit needs a year', () => {
    const s = compliantEstate().update('aws_cloudwatch_log_group', 'app', (v) => (v.tags = { LogClass: 'audit' }));
    expect(statusOf(evaluate(logGroupRetention, s), 'aws_cloudwatch_log_group.app')).toBe('non-compliant');
  });

  test('a group receiving a CloudTrail is audit even with a neutral name', () => {
    const s = compliantEstate().add('aws_cloudtrail', 'main', { name: 'main', cloud_watch_logs_group_arn: `${ref('aws_cloudwatch_log_group', 'app', 'arn')}:*` });
    expect(statusOf(evaluate(logGroupRetention, s), 'aws_cloudwatch_log_group.app')).toBe('non-compliant');
  });

  test('retention 0 (never expire) satisfies even audit groups', () => {
    const s = compliantEstate().update('aws_cloudwatch_log_group', 'flow_logs', (v) => (v.retention_in_days = 0));
    expect(statusOf(evaluate(logGroupRetention, s), 'aws_cloudwatch_log_group.flow_logs')).toBe('compliant');
  });
});
