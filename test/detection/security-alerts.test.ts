import { Testing } from '../../constructs/framework';
import { SecurityAlerts } from '../../constructs/detection/security-alerts';
import { PalisadeStack } from '../../stacks/palisade-stack';
import { resourcesOf, testEnvironment } from '../support/synth';
import { statements, synthSecurity } from '../security/helpers';

describe('SecurityAlerts', () => {
  const { json } = synthSecurity();
  const topic = resourcesOf(json, 'aws_sns_topic').test_security_alerts;

  test('encrypts the topic with a CMK that EventBridge of this account may use', () => {
    expect(topic.kms_master_key_id).toBe('${aws_kms_key.test_security_alerts_key.arn}');
    const grant = statements(resourcesOf(json, 'aws_kms_key').test_security_alerts_key.policy).find((s) => s.Principal?.Service === 'events.amazonaws.com');
    expect(grant).toMatchObject({ Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } });
  });

  test('the topic policy admits only EventBridge rules of this account', () => {
    const policy = statements(resourcesOf(json, 'aws_sns_topic_policy').test_security_alerts_policy.policy);
    expect(policy).toEqual([expect.objectContaining({
      Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish',
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:123456789012:rule/palisade-test-*' } },
    })]);
  });

  test('mails the environment\'s security contact', () => {
    expect(resourcesOf(json, 'aws_sns_topic_subscription').test_security_alerts_email).toMatchObject({ protocol: 'email', endpoint: 'security@example.com' });
  });

  test('alerts on new, active CRITICAL Security Hub findings', () => {
    const rule = resourcesOf(json, 'aws_cloudwatch_event_rule').test_posture_security_hub_critical_alert;
    expect(JSON.parse(rule.event_pattern).detail.findings.Severity).toEqual({ Label: ['CRITICAL'] });
    expect(rule.name).toBe('palisade-test-securityhub-critical');
  });

  test('refuses a contact that is not an e-mail address', () => {
    const stack = new PalisadeStack(Testing.app(), { environment: testEnvironment(), component: 'x' });
    expect(() => new SecurityAlerts(stack, 'alerts', { environment: 'test', accountId: '123456789012', region: 'eu-west-1', email: 'security team' }))
      .toThrow('test-x/alerts: email = "security team": an e-mail address of the security contact');
  });
});
