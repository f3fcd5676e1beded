import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { asBool } from '../model/values';
import {
  accountOf, bestChain, cannotShow, eventRuleEnabled, eventTargets, patternMatches, sameAccountAndRegion, topicReachesPerson, topicsNamed,
  type ChainVerdict, type DetectorEvent,
} from './lib/alerts';
import { declaredElsewhere } from './lib/account-controls';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

/** Detectors whose findings EventBridge must carry to a person, and the event each sends. */
const DETECTORS: { type: string; event: DetectorEvent; active: (r: Resource) => boolean }[] = [
  { type: 'aws_guardduty_detector', event: { source: 'aws.guardduty', detailType: 'GuardDuty Finding' }, active: (r) => asBool(r.values.enable) !== false },
  { type: 'aws_securityhub_account', event: { source: 'aws.securityhub', detailType: 'Security Hub Findings - Imported' }, active: () => true },
];

/**
 * Source: AWS Security Reference Architecture ("a security team is alerted"); CIS AWS Foundations v3.0.0 4.x (monitoring
 * that notifies); CSA CCM SEF-03 / LOG-05. checkov has no check linking a detector to a notification.
 */
export const detectorAlertChain: Rule = {
  id: 'PAL-ALERT-001',
  title: 'Every GuardDuty detector, Security Hub and Config recorder reaches a person: an enabled EventBridge rule matching its findings → a target → a CMK-encrypted SNS topic → a subscription.',
  rationale: 'A detector nobody hears is a log, not a control. Each link is checked: a disabled rule, a pattern that no longer matches, a deleted target, a topic without a customer-managed key (EventBridge cannot publish to alias/aws/sns) or without a subscription silently drops every finding. Config reports through Security Hub (its controls are Config rules), so a recorder is heard when Security Hub is enabled in its account and region (or declared as managed elsewhere for its account, e.g. by the organization), or when a rule matches aws.config.',
  severity: 'high',
  routine: 'monitoring',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['SEF-03', 'LOG-05'] },
  fixHint: 'Add an aws_cloudwatch_event_rule (state = "ENABLED") whose event_pattern matches the detector\'s source and detail-type, an aws_cloudwatch_event_target with arn = <aws_sns_topic>.arn, kms_master_key_id = <aws_kms_key>.arn on the topic and an aws_sns_topic_subscription (Palisade: SecurityAlerts).',
  evaluate(model) {
    const out: RuleResult[] = [];
    for (const { type, event, active } of DETECTORS) {
      for (const detector of model.ofType(type)) {
        if (!active(detector)) out.push(notApplicable(`${detector.address} is disabled (PAL-DETECT-001 reports that); nothing to alert on.`, detector));
        else out.push(chainFrom(model, detector, event));
      }
    }
    for (const recorder of model.ofType('aws_config_configuration_recorder')) out.push(configChain(model, recorder));
    return out.length > 0 ? out : [notApplicable('No GuardDuty detector, Security Hub or Config recorder in scope.')];
  },
};

function configChain(model: Model, recorder: Resource): RuleResult {
  const hub = model.ofType('aws_securityhub_account').find((h) => sameAccountAndRegion(h, recorder));
  if (hub) return pass(recorder, `Config recorder ${recorder.address} reports through Security Hub ${hub.address} (its alert chain is judged on ${hub.address}).`);
  const hubElsewhere = declaredElsewhere(model, accountOf(recorder), 'security-hub');
  if (hubElsewhere) return pass(recorder, `Config recorder ${recorder.address} reports through Security Hub, which the config declares as managed elsewhere: ${hubElsewhere.reason}`);
  const direct = chainFrom(model, recorder, { source: 'aws.config', detailType: 'Config Rules Compliance Change' });
  if (direct.status === 'compliant') return direct;
  return fail(recorder, `Config recorder ${recorder.address}: no Security Hub in its account and region consumes its evidence, and ${direct.message.replace(/^[^:]*: /, '')}`);
}

/** The chain from one detector: the most complete candidate chain over every matching event rule in its account and region. */
function chainFrom(model: Model, detector: Resource, event: DetectorEvent): RuleResult {
  const what = `${event.source} findings of ${detector.address}`;
  const computed: Resource[] = [];
  const chains: ChainVerdict[] = [];
  for (const rule of model.ofType('aws_cloudwatch_event_rule')) {
    if (!sameAccountAndRegion(rule, detector)) continue;
    const verdict = patternMatches(rule, event);
    if (verdict === 'computed') computed.push(rule);
    if (verdict !== 'matches') continue;
    const chain = ruleChain(model, rule, what);
    if (chain.result.status === 'compliant') return pass(detector, chain.result.message); // one working chain is enough
    chains.push(chain);
  }
  if (chains.length === 0) {
    if (computed.length > 0) return cannotShow(computed[0], `its event pattern or bus is computed, so whether it carries ${what} is unknown until apply`);
    return fail(detector, `${what} reach nobody: no aws_cloudwatch_event_rule in its account and region matches source ${event.source} / detail-type "${event.detailType}".`);
  }
  return bestChain(chains)!.result;
}

/** The chain through one matching event rule: enabled → a target → an SNS topic that reaches a person. */
function ruleChain(model: Model, rule: Resource, what: string): ChainVerdict {
  if (!eventRuleEnabled(rule)) return { depth: 1, result: fail(rule, `${what}: event rule ${rule.address} is ${String(rule.values.state ?? 'disabled (is_enabled = false)')}.`) };
  const targets = eventTargets(model, rule);
  if (targets.length === 0) return { depth: 2, result: fail(rule, `${what}: event rule ${rule.address} has no target (aws_cloudwatch_event_target).`) };
  const perTarget = targets.map((t): ChainVerdict => {
    const { topics, outside } = topicsNamed(model, t, 'arn');
    if (topics.length === 0) {
      return { depth: 3, result: outside.length > 0 ? cannotShow(t, `its topic ${outside[0]} is outside the checked stacks`) : fail(t, `${what}: target ${t.address} does not deliver to an SNS topic in scope.`) };
    }
    return bestChain(topics.map((topic) => ({ depth: 4, result: topicReachesPerson(model, topic, what) })))!;
  });
  return bestChain(perTarget)!;
}
