import { blocks } from '../model/values';
import { BASELINE_MANAGED_GROUPS, BLOCKING, chosenAction, countsOnly, groupName, managedGroup, ruleName } from './lib/waf';
import { wafRules } from './pal-waf-001';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS WAF Developer Guide (override_action none = the group's own actions apply); CSA CCM IVS-09. */
export const wafManagedGroupsBlock: Rule = {
  id: 'PAL-WAF-004',
  title: 'Every other AWS managed rule group of a web ACL blocks: no group overridden to count, no rule in it overridden to count or allow.',
  rationale: 'Count mode is how a rule group is trialled; left in place it logs attacks it should stop. A group kept in count on purpose carries a suppression with its reason (the baseline set itself is PAL-WAF-002).',
  severity: 'high',
  routine: 'firewall',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['IVS-09'] },
  fixHint: 'Set override_action { none {} } on the rule and remove rule_action_override entries whose action_to_use is count/allow (or suppress PAL-WAF-004 with the reason and an expiry while tuning).',
  evaluate(model) {
    const acls = model.ofType('aws_wafv2_web_acl');
    if (acls.length === 0) return [notApplicable('No aws_wafv2_web_acl in scope.')];
    return acls.map((acl) => {
      const others = wafRules(acl.values).map((rule) => ({ rule, group: managedGroup(rule) }))
        .filter((r) => r.group && !(BASELINE_MANAGED_GROUPS as readonly string[]).includes(groupName(r.group)));
      if (others.length === 0) return notApplicable(`Web ACL ${acl.address} runs no managed group beyond the baseline set.`, acl);
      const problems: string[] = [];
      for (const { rule, group } of others) {
        if (countsOnly(rule)) problems.push(`rule "${ruleName(rule)}" overrides ${groupName(group!)} to count`);
        const downgraded = [...blocks(group!.rule_action_override), ...blocks(group!.RuleActionOverrides)]
          .filter((o) => { const a = chosenAction(o.action_to_use ?? o.ActionToUse); return a !== undefined && !BLOCKING.includes(a); })
          .map((o) => String(o.name ?? o.Name));
        const excluded = [...blocks(group!.excluded_rule), ...blocks(group!.ExcludedRules)].map((e) => String(e.name ?? e.Name));
        if (downgraded.length + excluded.length > 0) problems.push(`${groupName(group!)} has ${[...downgraded, ...excluded].join(', ')} in count/allow`);
      }
      return problems.length > 0 ? fail(acl, `Web ACL ${acl.address}: ${problems.join('; ')}.`) : pass(acl, `Web ACL ${acl.address}: ${others.map((o) => groupName(o.group!)).join(', ')} block.`);
    });
  },
};
