import { asString, block, isObject, type Obj } from '../../model/values';

/** The AWS managed rule group a web ACL rule runs, when it runs one (vendor AWS). */
export function managedGroup(rule: Obj): Obj | undefined {
  const statement = block(rule.statement ?? rule.Statement);
  const group = statement ? block(statement.managed_rule_group_statement ?? statement.ManagedRuleGroupStatement) : undefined;
  return group && isObject(group) && (asString(group.vendor_name ?? group.VendorName) ?? 'AWS') === 'AWS' ? group : undefined;
}

export const groupName = (group: Obj): string => String(group.name ?? group.Name);
export const ruleName = (rule: Obj): string => String(rule.name ?? rule.Name ?? '?');

/** Whether a rule group reference is overridden to count (`override_action { count {} }`). */
export function countsOnly(rule: Obj): boolean {
  const override = block(rule.override_action ?? rule.OverrideAction);
  return override !== undefined && ('count' in override || 'Count' in override);
}

/** The managed groups every internet-facing web ACL runs (AWS's baseline rule groups). */
export const BASELINE_MANAGED_GROUPS = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;
