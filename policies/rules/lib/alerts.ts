import { providerAccounts } from '../../model/account';
import type { Model } from '../../model/model';
import { knownRegion } from '../../model/region';
import type { Resource } from '../../model/types';
import { asBool, asString, isObject, isToken, list, strings, type Obj } from '../../model/values';
import { fail, pass, type RuleResult, unproven } from '../types';
import { groupBy } from '../../model/group';

/** The account a resource is deployed to: the first account its provider shows (`providerAccounts`). */
export function accountOf(r: Resource): string | undefined {
  return providerAccounts(r.provider)?.accounts[0];
}

/** The region a resource is deployed to (its provider's region, when the input shows it). */
export function regionOf(r: Resource): string | undefined {
  return knownRegion(r.provider);
}

/** Whether two resources deploy to the same account and region (the same stack when either is unknown). */
export function sameAccountAndRegion(a: Resource, b: Resource): boolean {
  const [accA, accB, regA, regB] = [accountOf(a), accountOf(b), regionOf(a), regionOf(b)];
  if (accA === undefined || accB === undefined || regA === undefined || regB === undefined) return a.stack === b.stack;
  return accA === accB && regA === regB;
}

/** The event an AWS detector sends to EventBridge. */
export interface DetectorEvent {
  source: string;
  detailType: string;
}

export type PatternVerdict = 'matches' | 'no-match' | 'computed';

/** Whether an event rule's `event_pattern` lets the detector's events through (on the default bus). */
export function patternMatches(rule: Resource, event: DetectorEvent): PatternVerdict {
  const bus = asString(rule.values.event_bus_name);
  if (bus !== undefined && bus !== 'default' && !bus.endsWith(':event-bus/default')) return isToken(bus) ? 'computed' : 'no-match';
  const raw = rule.values.event_pattern;
  if (raw === undefined || raw === null) return 'no-match'; // a schedule rule
  if (isToken(raw)) return 'computed';
  const pattern = parsedPattern(rule, raw);
  if (!isObject(pattern)) return 'no-match';
  return fieldAllows(pattern, 'source', event.source) && fieldAllows(pattern, 'detail-type', event.detailType) ? 'matches' : 'no-match';
}

const patterns = new WeakMap<Resource, unknown>();

/** The rule's pattern as an object, parsed once however many detectors ask (undefined when not JSON). */
function parsedPattern(rule: Resource, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  if (!patterns.has(rule)) {
    try {
      patterns.set(rule, JSON.parse(raw));
    } catch {
      patterns.set(rule, undefined);
    }
  }
  return patterns.get(rule);
}

/** An absent field matches anything; a list matches when it holds the value literally or as a prefix filter. */
function fieldAllows(pattern: Obj, field: string, value: string): boolean {
  if (!(field in pattern)) return true;
  return list(pattern[field]).some((v) => v === value || (isObject(v) && typeof v.prefix === 'string' && value.startsWith(v.prefix)));
}

/** `state` ENABLED (the default) and the deprecated `is_enabled` not false. */
export function eventRuleEnabled(rule: Resource): boolean {
  const state = (asString(rule.values.state) ?? 'ENABLED').toUpperCase();
  return state.startsWith('ENABLED') && asBool(rule.values.is_enabled) !== false;
}

/** Targets of an event rule: by reference (`rule = <rule>.name`) or by the rule's literal name. */
export function eventTargets(model: Model, rule: Resource): Resource[] {
  const name = asString(rule.values.name);
  const byName = name === undefined ? [] : byLiteral(model, 'aws_cloudwatch_event_target', 'rule').get(`${rule.stack}\0${name}`) ?? [];
  return [...new Set([...model.referrers(rule, 'aws_cloudwatch_event_target', 'rule'), ...byName])];
}

const literalIndexes = new WeakMap<Model, Map<string, Map<string, Resource[]>>>();

/** Resources of `type` by stack and the literal (non-reference) string value of `attribute`, indexed once per model. */
function byLiteral(model: Model, type: string, attribute: string): Map<string, Resource[]> {
  let perModel = literalIndexes.get(model);
  if (!perModel) literalIndexes.set(model, (perModel = new Map()));
  let index = perModel.get(`${type}.${attribute}`);
  if (!index) {
    index = groupBy(model.ofType(type), (r) => {
      const value = r.values[attribute];
      return typeof value !== 'string' || isToken(value) ? undefined : `${r.stack}\0${value}`;
    });
    perModel.set(`${type}.${attribute}`, index);
  }
  return index;
}

/** AWS-managed SNS key: EventBridge and CloudWatch cannot publish to a topic encrypted with it, and its policy is AWS's. */
const AWS_MANAGED_SNS_KEY = /(^|:)alias\/aws\/sns$/;

/**
 * The last links of a chain: an SNS topic encrypted with a customer-managed key and with at least one subscription.
 * Returns the verdict on the topic.
 */
export function topicReachesPerson(model: Model, topic: Resource, what: string): RuleResult {
  const key = asString(topic.values.kms_master_key_id);
  if (key === undefined) return fail(topic, `${what}: topic ${topic.address} is not encrypted (no kms_master_key_id).`);
  if (AWS_MANAGED_SNS_KEY.test(key)) return fail(topic, `${what}: topic ${topic.address} uses the AWS-managed alias/aws/sns key, which EventBridge and CloudWatch cannot use: alerts are dropped.`);
  const subscriptions = subscriptionsOf(model, topic);
  const live = subscriptions.filter((s) => asString(s.values.endpoint) !== undefined && asString(s.values.protocol) !== undefined);
  if (live.length === 0) return fail(topic, `${what}: topic ${topic.address} has no subscription (aws_sns_topic_subscription with topic_arn, protocol and endpoint): nobody is told.`);
  return pass(topic, `${what} reaches ${live.map((s) => `${String(s.values.protocol)}:${String(s.values.endpoint)}`).join(', ')} through ${topic.address} (customer-managed key).`);
}

const subscriptionIndexes = new WeakMap<Model, Map<string, Resource[]>>();

/** Subscriptions of a topic: by reference, or by a literal topic ARN ending in the topic's name. */
function subscriptionsOf(model: Model, topic: Resource): Resource[] {
  let byTopicName = subscriptionIndexes.get(model);
  if (!byTopicName) {
    byTopicName = groupBy(model.ofType('aws_sns_topic_subscription'), (s) => {
      const arn = s.values.topic_arn;
      return typeof arn !== 'string' || isToken(arn) || !arn.includes(':') ? undefined : arn.slice(arn.lastIndexOf(':') + 1);
    });
    subscriptionIndexes.set(model, byTopicName);
  }
  const name = asString(topic.values.name);
  return [...new Set([...model.referrers(topic, 'aws_sns_topic_subscription', 'topic_arn'), ...(name === undefined ? [] : byTopicName.get(name) ?? [])])];
}

/** SNS topics an action list (alarm_actions, a target's arn) names: in scope by reference, or literal ARNs outside it. */
export function topicsNamed(model: Model, from: Resource, attribute: string): { topics: Resource[]; outside: string[] } {
  const topics = model.targets(from, attribute, 'aws_sns_topic');
  const outside = strings(list(from.values[attribute])).filter((a) => !isToken(a) && a.startsWith('arn:') && a.includes(':sns:'));
  return { topics, outside };
}

/** A chain's verdict with how far it got (to pick the most complete of several candidate chains). */
export interface ChainVerdict {
  result: RuleResult;
  depth: number;
}

/** The best of several chains: any passing one, else the one that got furthest. */
export function bestChain(chains: ChainVerdict[]): ChainVerdict | undefined {
  return chains.find((c) => c.result.status === 'compliant') ?? [...chains].sort((a, b) => b.depth - a.depth)[0];
}

/** The message of a result that cannot be decided from the configuration. */
export function cannotShow(r: Resource, because: string): RuleResult {
  return unproven(r, r.address, because, 'low');
}
