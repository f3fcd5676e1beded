import { Testing } from '../../constructs/framework';
import { SecurityStack } from '../../stacks/security-stack';
import { resourcesOf, synthStack, testEnvironment } from '../support/synth';
import { statements, synthSecurity } from '../security/helpers';

describe('GuardDuty', () => {
  const { json } = synthSecurity();
  const features = resourcesOf(json, 'aws_guardduty_detector_feature');

  test('enables a detector that publishes findings every fifteen minutes', () => {
    expect(resourcesOf(json, 'aws_guardduty_detector').test_guardduty).toMatchObject({ enable: true, finding_publishing_frequency: 'FIFTEEN_MINUTES' });
  });

  test('turns on all six protection plans by default, runtime monitoring with the managed EC2 agent', () => {
    const byName = Object.fromEntries(Object.values(features).map((f: any) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual(['EBS_MALWARE_PROTECTION', 'EKS_AUDIT_LOGS', 'LAMBDA_NETWORK_LOGS', 'RDS_LOGIN_EVENTS', 'RUNTIME_MONITORING', 'S3_DATA_EVENTS']);
    for (const f of Object.values(byName) as any[]) expect(f.status).toBe('ENABLED');
    expect(byName.RUNTIME_MONITORING.additional_configuration).toEqual([{ name: 'EC2_AGENT_MANAGEMENT', status: 'ENABLED' }]);
  });

  test('a plan switched off in config is written as DISABLED, not left out', () => {
    const { json: off } = synthSecurity({ security: { guardDuty: { features: { eksAuditLogs: false } } } } as any);
    const eks = Object.values(resourcesOf(off, 'aws_guardduty_detector_feature')).find((f: any) => f.name === 'EKS_AUDIT_LOGS');
    expect(eks).toMatchObject({ status: 'DISABLED' });
  });

  test('exports findings to a KMS-encrypted SecureBucket that only GuardDuty of this account may write to', () => {
    const dest = resourcesOf(json, 'aws_guardduty_publishing_destination').test_guardduty_export;
    expect(dest).toMatchObject({ destination_type: 'S3', destination_arn: 'arn:aws:s3:::palisade-test-guardduty-findings-123456789012', kms_key_arn: '${aws_kms_key.test_guardduty_key.arn}' });
    const policy = statements(resourcesOf(json, 'aws_s3_bucket_policy').test_guardduty_bucket_policy.policy);
    const put = policy.find((s) => s.Sid === 'GuardDutyPutFindings');
    expect(put).toMatchObject({ Principal: { Service: 'guardduty.amazonaws.com' }, Action: 's3:PutObject', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': 'arn:aws:guardduty:eu-west-1:123456789012:detector/*' } } });
    const key = statements(resourcesOf(json, 'aws_kms_key').test_guardduty_key.policy).find((s) => s.Principal?.Service === 'guardduty.amazonaws.com');
    expect(key).toMatchObject({ Action: ['kms:GenerateDataKey'], Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } });
  });

  test('alerts on findings at or above the configured severity through numeric matching', () => {
    const { json: j } = synthSecurity({ security: { guardDuty: { alertSeverityThreshold: 4 } } } as any);
    const rule = resourcesOf(j, 'aws_cloudwatch_event_rule').test_guardduty_alert;
    expect(JSON.parse(rule.event_pattern)).toEqual({ source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], detail: { severity: [{ numeric: ['>=', 4] }] } });
    expect(resourcesOf(j, 'aws_cloudwatch_event_target').test_guardduty_alert_target.arn).toBe('${aws_sns_topic.test_security_alerts.arn}');
  });

  test('refuses a severity threshold outside GuardDuty\'s scale', () => {
    expect(() => new SecurityStack(Testing.app(), { ...testEnvironment(), security: { ...testEnvironment().security, guardDuty: { ...testEnvironment().security.guardDuty, alertSeverityThreshold: 9.5 } } }))
      .toThrow('test-security/guardduty: alertSeverityThreshold = 9.5: GuardDuty severities run from 1.0');
  });

  test('the config schema refuses the same threshold before any construct runs', () => {
    expect(() => testEnvironment({ security: { guardDuty: { alertSeverityThreshold: 0 } } } as any)).toThrow(/security\.guardDuty\.alertSeverityThreshold = 0/);
  });

  test('synthesizes through the framework without hashed addresses', () => {
    const stack = new SecurityStack(Testing.app(), testEnvironment());
    expect(Object.keys(synthStack(stack).resource.aws_guardduty_detector)).toEqual(['test_guardduty']);
  });
});
