import { detectorAlertChain } from '../../../policies/rules/pal-alert-001';
import { alarmAlertChain } from '../../../policies/rules/pal-alert-002';
import { guardDutyPublishing } from '../../../policies/rules/pal-detect-004';
import { modelFromDocuments } from '../../../policies/index';
import { evaluate, failures, ref, StackBuilder } from '../fixtures';

const PATTERN = JSON.stringify({ source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], detail: { severity: [{ numeric: ['>=', 7] }] } });

/** Detector → rule → target → CMK topic → subscription, every link intact. */
function chain(): StackBuilder {
  return new StackBuilder('sec')
    .add('aws_kms_key', 'alerts', { enable_key_rotation: true })
    .add('aws_guardduty_detector', 'main', { enable: true, finding_publishing_frequency: 'FIFTEEN_MINUTES' })
    .add('aws_cloudwatch_event_rule', 'gd', { name: 'gd-findings', event_pattern: PATTERN, state: 'ENABLED' })
    .add('aws_cloudwatch_event_target', 'gd', { rule: ref('aws_cloudwatch_event_rule', 'gd', 'name'), arn: ref('aws_sns_topic', 'alerts', 'arn') })
    .add('aws_sns_topic', 'alerts', { name: 'alerts', kms_master_key_id: ref('aws_kms_key', 'alerts', 'arn') })
    .add('aws_sns_topic_subscription', 'mail', { topic_arn: ref('aws_sns_topic', 'alerts', 'arn'), protocol: 'email', endpoint: 'security@example.com' });
}

const verdictOn = (s: StackBuilder) => evaluate(detectorAlertChain, s).map((r) => `${r.status} ${r.resource}`);

describe('PAL-ALERT-001: a detector reaches a person, link by link', () => {
  test('the intact chain passes on the detector', () => {
    expect(verdictOn(chain())).toEqual(['compliant aws_guardduty_detector.main']);
  });

  test.each<[string, (s: StackBuilder) => void, string]>([
    ['no event rule at all', (s) => s.remove('aws_cloudwatch_event_rule', 'gd'), 'non-compliant aws_guardduty_detector.main'],
    ['the rule matches another source', (s) => s.update('aws_cloudwatch_event_rule', 'gd', (v) => { v.event_pattern = JSON.stringify({ source: ['aws.health'] }); }), 'non-compliant aws_guardduty_detector.main'],
    ['the rule matches another detail-type', (s) => s.update('aws_cloudwatch_event_rule', 'gd', (v) => { v.event_pattern = JSON.stringify({ source: ['aws.guardduty'], 'detail-type': ['AWS API Call via CloudTrail'] }); }), 'non-compliant aws_guardduty_detector.main'],
    ['the rule is on a custom bus detectors do not publish to', (s) => s.update('aws_cloudwatch_event_rule', 'gd', (v) => { v.event_bus_name = 'custom'; }), 'non-compliant aws_guardduty_detector.main'],
    ['the rule is DISABLED', (s) => s.update('aws_cloudwatch_event_rule', 'gd', (v) => { v.state = 'DISABLED'; }), 'non-compliant aws_cloudwatch_event_rule.gd'],
    ['the rule is disabled with the deprecated is_enabled = "false"', (s) => s.update('aws_cloudwatch_event_rule', 'gd', (v) => { delete v.state; v.is_enabled = 'false'; }), 'non-compliant aws_cloudwatch_event_rule.gd'],
    ['the target is deleted', (s) => s.remove('aws_cloudwatch_event_target', 'gd'), 'non-compliant aws_cloudwatch_event_rule.gd'],
    ['the target points at something other than a topic', (s) => s.update('aws_cloudwatch_event_target', 'gd', (v) => { v.arn = ref('aws_kms_key', 'alerts', 'arn'); }), 'non-compliant aws_cloudwatch_event_target.gd'],
    ['the topic loses its key', (s) => s.update('aws_sns_topic', 'alerts', (v) => { delete v.kms_master_key_id; }), 'non-compliant aws_sns_topic.alerts'],
    ['the topic uses alias/aws/sns', (s) => s.update('aws_sns_topic', 'alerts', (v) => { v.kms_master_key_id = 'alias/aws/sns'; }), 'non-compliant aws_sns_topic.alerts'],
    ['the subscription is removed', (s) => s.remove('aws_sns_topic_subscription', 'mail'), 'non-compliant aws_sns_topic.alerts'],
  ])('breaking the chain (%s) is a finding on that link', (_name, breakIt, expected) => {
    const s = chain();
    breakIt(s);
    expect(verdictOn(s)).toEqual([expected]);
  });

  test('unusual but valid spellings pass: a literal rule name, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS, a source prefix, an event pattern without detail-type, the default bus by ARN', () => {
    const s = chain()
      .update('aws_cloudwatch_event_rule', 'gd', (v) => {
        v.state = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
        v.event_pattern = JSON.stringify({ source: [{ prefix: 'aws.guard' }] });
        v.event_bus_name = 'arn:aws:events:eu-west-1:111122223333:event-bus/default';
      })
      .update('aws_cloudwatch_event_target', 'gd', (v) => { v.rule = 'gd-findings'; });
    expect(verdictOn(s)).toEqual(['compliant aws_guardduty_detector.main']);
  });

  test('a computed event pattern cannot be shown at plan time (unproven, never a pass)', () => {
    const s = chain().update('aws_cloudwatch_event_rule', 'gd', (v) => { v.event_pattern = '${jsonencode(local.pattern)}'; });
    const results = evaluate(detectorAlertChain, s);
    expect(results.some((r) => r.status === 'compliant')).toBe(false);
    const result = results.find((r) => r.status === 'unproven');
    expect(result).toMatchObject({ resource: 'aws_cloudwatch_event_rule.gd', severity: 'low', message: expect.stringContaining('cannot be shown at plan time because') });
  });

  test('a topic outside the checked stacks cannot be shown at plan time', () => {
    const s = chain().update('aws_cloudwatch_event_target', 'gd', (v) => { v.arn = 'arn:aws:sns:eu-west-1:111122223333:org-alerts'; });
    expect(evaluate(detectorAlertChain, s).find((r) => r.status === 'unproven')).toMatchObject({ severity: 'low', message: expect.stringContaining('outside the checked stacks') });
  });

  test('one good chain among broken ones is enough', () => {
    const s = chain().add('aws_cloudwatch_event_rule', 'old', { name: 'old', event_pattern: PATTERN, state: 'DISABLED' });
    expect(verdictOn(s)).toEqual(['compliant aws_guardduty_detector.main']);
  });

  test('Config is heard through Security Hub in its account and region, else needs its own rule', () => {
    const hubPattern = JSON.stringify({ source: ['aws.securityhub'], 'detail-type': ['Security Hub Findings - Imported'] });
    const s = chain()
      .add('aws_config_configuration_recorder', 'main', { name: 'main' })
      .add('aws_securityhub_account', 'main', {})
      .add('aws_cloudwatch_event_rule', 'hub', { name: 'hub', event_pattern: hubPattern })
      .add('aws_cloudwatch_event_target', 'hub', { rule: ref('aws_cloudwatch_event_rule', 'hub', 'name'), arn: ref('aws_sns_topic', 'alerts', 'arn') });
    expect(verdictOn(s).sort()).toEqual(['compliant aws_config_configuration_recorder.main', 'compliant aws_guardduty_detector.main', 'compliant aws_securityhub_account.main']);
    s.remove('aws_securityhub_account', 'main');
    expect(verdictOn(s)).toContain('non-compliant aws_config_configuration_recorder.main');
  });

  test('Config is heard through a Security Hub the config declares as managed elsewhere (same account); a declaration for another account does not count', () => {
    const withDeclaration = (account: string) => {
      const json = chain().add('aws_config_configuration_recorder', 'main', { name: 'main' }).toJSON();
      (json['//'] as Record<string, unknown>).palisade = { managedElsewhere: [{ control: 'security-hub', reason: 'Run by the organization (SEC-42)' }] };
      (json.provider as { aws: Array<Record<string, unknown>> }).aws[0].allowed_account_ids = [account];
      return { json };
    };
    const own = withDeclaration('111122223333');
    const results = detectorAlertChain.evaluate(modelFromDocuments([{ file: '/virtual/stacks/sec/cdk.tf.json', json: own.json, stackName: 'sec' }], { baseDir: '/virtual' }), { allowedRegions: ['eu-west-1'] });
    expect(results.find((r) => r.resource === 'aws_config_configuration_recorder.main')).toMatchObject({ status: 'compliant', message: expect.stringContaining('managed elsewhere: Run by the organization (SEC-42)') });

    // The declaring stack is in account 999988887777; the recorder's stack (no declaration) in 111122223333.
    const foreign = withDeclaration('999988887777');
    const recorderStack = chain().add('aws_config_configuration_recorder', 'main', { name: 'main' });
    const model = modelFromDocuments([
      { file: '/virtual/stacks/declaring/cdk.tf.json', json: { ...foreign.json, resource: {} }, stackName: 'declaring' },
      { file: '/virtual/stacks/sec/cdk.tf.json', json: recorderStack.toJSON(), stackName: 'sec' },
    ], { baseDir: '/virtual' });
    expect(detectorAlertChain.evaluate(model, { allowedRegions: ['eu-west-1'] }).find((r) => r.resource === 'aws_config_configuration_recorder.main')?.status).toBe('non-compliant');
  });

  test('a disabled detector has nothing to alert on; no detector is not applicable', () => {
    expect(verdictOn(chain().update('aws_guardduty_detector', 'main', (v) => { v.enable = 'false'; }))).toEqual(['not-applicable aws_guardduty_detector.main']);
    expect(evaluate(detectorAlertChain, new StackBuilder('empty'))[0].status).toBe('not-applicable');
  });
});

function alarmed(): StackBuilder {
  return new StackBuilder('hosts')
    .add('aws_kms_key', 'alarms', { enable_key_rotation: true })
    .add('aws_cloudwatch_log_metric_filter', 'detections', { log_group_name: 'av', pattern: '{ $.event = "detection" }', metric_transformation: { name: 'AntivirusDetections', namespace: 'Palisade/HardenedHost', value: '1' } })
    .add('aws_cloudwatch_metric_alarm', 'malware', { metric_name: 'AntivirusDetections', namespace: 'Palisade/HardenedHost', alarm_actions: [ref('aws_sns_topic', 'alarms', 'arn')] })
    .add('aws_sns_topic', 'alarms', { name: 'alarms', kms_master_key_id: ref('aws_kms_key', 'alarms', 'arn') })
    .add('aws_sns_topic_subscription', 'mail', { topic_arn: ref('aws_sns_topic', 'alarms', 'arn'), protocol: 'email', endpoint: 'security@example.com' });
}

describe('PAL-ALERT-002: metric filter → alarm → topic → subscription', () => {
  const verdicts = (s: StackBuilder) => evaluate(alarmAlertChain, s).map((r) => `${r.status} ${r.resource}`);

  test('the intact chain passes on the alarm', () => expect(verdicts(alarmed())).toEqual(['compliant aws_cloudwatch_metric_alarm.malware']));

  test.each<[string, (s: StackBuilder) => void, string]>([
    ['the alarm is deleted', (s) => s.remove('aws_cloudwatch_metric_alarm', 'malware'), 'non-compliant aws_cloudwatch_log_metric_filter.detections'],
    ['the alarm watches another metric', (s) => s.update('aws_cloudwatch_metric_alarm', 'malware', (v) => { v.metric_name = 'Other'; }), 'non-compliant aws_cloudwatch_log_metric_filter.detections'],
    ['the alarm actions are removed', (s) => s.update('aws_cloudwatch_metric_alarm', 'malware', (v) => { delete v.alarm_actions; }), 'non-compliant aws_cloudwatch_metric_alarm.malware'],
    ['the alarm actions are disabled ("false")', (s) => s.update('aws_cloudwatch_metric_alarm', 'malware', (v) => { v.actions_enabled = 'false'; }), 'non-compliant aws_cloudwatch_metric_alarm.malware'],
    ['the topic loses its key', (s) => s.update('aws_sns_topic', 'alarms', (v) => { delete v.kms_master_key_id; }), 'non-compliant aws_sns_topic.alarms'],
    ['the subscription is removed', (s) => s.remove('aws_sns_topic_subscription', 'mail'), 'non-compliant aws_sns_topic.alarms'],
  ])('breaking the chain (%s) is a finding on that link', (_name, breakIt, expected) => {
    const s = alarmed();
    breakIt(s);
    expect(verdicts(s)).toContain(expected);
    expect(verdicts(s).filter((v) => v.startsWith('non-compliant'))).toEqual([expected]);
  });

  test('a subscription naming the topic by literal ARN counts', () => {
    const s = alarmed().update('aws_sns_topic_subscription', 'mail', (v) => { v.topic_arn = 'arn:aws:sns:eu-west-1:111122223333:alarms'; });
    expect(verdicts(s)).toEqual(['compliant aws_cloudwatch_metric_alarm.malware']);
  });
});

describe('PAL-DETECT-004: GuardDuty publishing and export', () => {
  const exported = () => chain()
    .add('aws_kms_key', 'gd', { enable_key_rotation: true })
    .add('aws_guardduty_publishing_destination', 'export', { detector_id: ref('aws_guardduty_detector', 'main'), destination_arn: 'arn:aws:s3:::findings', kms_key_arn: ref('aws_kms_key', 'gd', 'arn') });

  test('15-minute publishing with an encrypted export passes', () => expect(evaluate(guardDutyPublishing, exported())[0].status).toBe('compliant'));
  test('the default frequency (unset = SIX_HOURS) fails', () => {
    const s = exported().update('aws_guardduty_detector', 'main', (v) => { delete v.finding_publishing_frequency; });
    expect(failures(evaluate(guardDutyPublishing, s))[0].message).toMatch(/SIX_HOURS/);
  });
  test('ONE_HOUR fails', () => expect(failures(evaluate(guardDutyPublishing, exported().update('aws_guardduty_detector', 'main', (v) => { v.finding_publishing_frequency = 'ONE_HOUR'; })))).toHaveLength(1));
  test('no export, or an export without a key, fails', () => {
    expect(failures(evaluate(guardDutyPublishing, chain()))[0].message).toMatch(/no aws_guardduty_publishing_destination/);
    expect(failures(evaluate(guardDutyPublishing, exported().update('aws_guardduty_publishing_destination', 'export', (v) => { delete v.kms_key_arn; })))).toHaveLength(1);
  });
});
