import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { asString, block, boolSettingOr } from '../model/values';
import { bestChain, cannotShow, topicReachesPerson, topicsNamed } from './lib/alerts';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

/**
 * Source: CIS AWS Foundations v3.0.0 4.1–4.15 (metric filter + alarm + SNS subscriber); checkov CKV_AWS_319 (every
 * alarm's actions_enabled is not false — every alarm is judged here, not only those on a metric filter); CSA CCM
 * SEF-03 / LOG-05.
 */
export const alarmAlertChain: Rule = {
  id: 'PAL-ALERT-002',
  title: 'Every log metric filter is watched by an alarm, and every CloudWatch alarm notifies a CMK-encrypted SNS topic with a subscription.',
  rationale: 'A metric filter (e.g. the antivirus detection count) only counts; an alarm without alarm_actions only changes colour in the console. CIS 4.x requires filter → alarm → SNS subscriber; each missing link is reported where it breaks.',
  severity: 'high',
  routine: 'monitoring',
  controls: { checkov: ['CKV_AWS_319'], fsbp: [], cis: [], ccm: ['SEF-03', 'LOG-05'] },
  fixHint: 'Add an aws_cloudwatch_metric_alarm on the filter\'s metric_transformation name and namespace, with alarm_actions = [<aws_sns_topic>.arn] (topic with kms_master_key_id = <aws_kms_key>.arn and an aws_sns_topic_subscription).',
  evaluate(model) {
    const filters = model.ofType('aws_cloudwatch_log_metric_filter');
    const alarms = model.ofType('aws_cloudwatch_metric_alarm');
    if (filters.length === 0 && alarms.length === 0) return [notApplicable('No metric filter or CloudWatch alarm in scope.')];
    const out: RuleResult[] = [];
    const watched = new Set(alarms.map((a) => `${String(a.values.namespace)}\0${String(a.values.metric_name)}`));
    for (const filter of filters) {
      const metric = block(filter.values.metric_transformation);
      const name = asString(metric?.name);
      const namespace = asString(metric?.namespace);
      if (name === undefined || namespace === undefined || !watched.has(`${namespace}\0${name}`)) out.push(fail(filter, `Metric ${namespace ?? '?'}/${name ?? '?'} of ${filter.address} has no aws_cloudwatch_metric_alarm: what it counts alerts nobody.`));
    }
    for (const alarm of alarms) out.push(alarmChain(model, alarm));
    return out.length > 0 ? out : [notApplicable('Every metric filter is watched.')];
  },
};

function alarmChain(model: Model, alarm: Resource): RuleResult {
  const what = `Alarm ${alarm.address}`;
  const actionsEnabled = boolSettingOr(alarm.values.actions_enabled, true);
  if (actionsEnabled === 'unknown') return cannotShow(alarm, `its actions_enabled is ${String(alarm.values.actions_enabled)}, decided at apply`);
  if (!actionsEnabled) return fail(alarm, `${what} has actions_enabled = false: it notifies nobody.`);
  const { topics, outside } = topicsNamed(model, alarm, 'alarm_actions');
  if (topics.length === 0) {
    if (outside.length > 0) return cannotShow(alarm, `its topic ${outside[0]} is outside the checked stacks`);
    return fail(alarm, `${what} has no alarm_actions naming an SNS topic: it notifies nobody.`);
  }
  const best = bestChain(topics.map((t) => ({ depth: 1, result: topicReachesPerson(model, t, what) })))!.result;
  return best.status === 'compliant' ? pass(alarm, best.message) : best;
}
