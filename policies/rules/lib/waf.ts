import { asString, block, blocks, isObject, type Obj } from '../../model/values';

/** The AWS managed rule group a web ACL rule runs, when it runs one (vendor AWS). */
export function managedGroup(rule: Obj): Obj | undefined {
  const statement = block(rule.statement ?? rule.Statement);
  const group = statement ? block(statement.managed_rule_group_statement ?? statement.ManagedRuleGroupStatement) : undefined;
  return group && isObject(group) && (asString(group.vendor_name ?? group.VendorName) ?? 'AWS') === 'AWS' ? group : undefined;
}

export const groupName = (group: Obj): string => String(group.name ?? group.Name);
export const ruleName = (rule: Obj): string => String(rule.name ?? rule.Name ?? '?');

/**
 * The choice an action block makes, lower-case (`block`, `allow`, `count`, `captcha`, `challenge`, `none`): its inner
 * block that is set. A plan lists every choice, the ones not taken as empty lists (`{ count: [], none: [{}] }`), so a
 * key alone proves nothing. Undefined when nothing is chosen (no block, or an empty `action {}`).
 */
export function chosenAction(value: unknown): string | undefined {
  const b = block(value);
  return b ? Object.keys(b).find((k) => blocks(b[k]).length > 0)?.toLowerCase() : undefined;
}

/** Whether a rule group reference is overridden to count (`override_action { count {} }`). */
export function countsOnly(rule: Obj): boolean {
  return chosenAction(rule.override_action ?? rule.OverrideAction) === 'count';
}

/** The managed groups every internet-facing web ACL runs (AWS's baseline rule groups). */
export const BASELINE_MANAGED_GROUPS = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

/** Actions that stop a request (a CAPTCHA or challenge stops it until the client solves it). */
export const BLOCKING: readonly string[] = ['block', 'captcha', 'challenge'];
