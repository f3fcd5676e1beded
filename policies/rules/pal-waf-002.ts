import { asString, block, blocks, isObject, type Obj } from '../model/values';
import { wafRules } from './pal-waf-001';
import { fail, notApplicable, pass, type Rule } from './types';

const GROUP = 'AWSManagedRulesKnownBadInputsRuleSet';

/** Source: checkov CKV_AWS_192 / CKV2_AWS_76 (Log4j CVE-2021-44228 managed rules active). */
export const wafKnownBadInputs: Rule = {
  id: 'PAL-WAF-002',
  title: 'Web ACLs run AWSManagedRulesKnownBadInputsRuleSet in blocking mode, with its Log4JRCE rules active.',
  rationale: 'The known-bad-inputs group blocks exploit payloads such as Log4Shell (CVE-2021-44228); in count mode or with Log4JRCE excluded it only watches.',
  severity: 'high',
  routine: 'firewall',
  controls: { checkov: ['CKV_AWS_192', 'CKV2_AWS_76'], fsbp: [], cis: [], ccm: ['TVM-01', 'IVS-09'] },
  fixHint: `Add a rule with managed_rule_group_statement { vendor_name = "AWS", name = "${GROUP}" } and override_action { none {} }; remove count overrides/exclusions of Log4JRCE*.`,
  evaluate(model) {
    const acls = model.ofType('aws_wafv2_web_acl');
    if (acls.length === 0) return [notApplicable('No aws_wafv2_web_acl in scope.')];
    return acls.map((acl) => {
      const rules = wafRules(acl.values).map((rule) => ({ rule, group: managedGroup(rule) })).filter((r) => r.group && String(r.group.name ?? r.group.Name) === GROUP);
      if (rules.length === 0) return fail(acl, `Web ACL ${acl.address} does not use ${GROUP}.`);
      const problems: string[] = [];
      for (const { rule, group } of rules) {
        const override = block(rule.override_action ?? rule.OverrideAction);
        if (override && ('count' in override || 'Count' in override)) problems.push(`rule "${String(rule.name ?? rule.Name)}" overrides the group to count`);
        const excluded = [...blocks(group!.excluded_rule), ...blocks(group!.ExcludedRules)].map((e) => String(e.name ?? e.Name));
        const overrides = [...blocks(group!.rule_action_override), ...blocks(group!.RuleActionOverrides)]
          .filter((o) => { const a = block(o.action_to_use ?? o.ActionToUse); return a !== undefined && !('block' in a || 'Block' in a); })
          .map((o) => String(o.name ?? o.Name));
        const weakened = [...excluded, ...overrides].filter((n) => n.startsWith('Log4JRCE'));
        if (weakened.length > 0) problems.push(`rule "${String(rule.name ?? rule.Name)}" excludes or downgrades ${weakened.join(', ')}`);
      }
      return problems.length > 0 ? fail(acl, `Web ACL ${acl.address}: ${problems.join('; ')}.`) : pass(acl, `Web ACL ${acl.address} blocks with ${GROUP}, Log4JRCE rules active.`);
    });
  },
};

function managedGroup(rule: Obj): Obj | undefined {
  const statement = block(rule.statement ?? rule.Statement);
  const group = statement ? block(statement.managed_rule_group_statement ?? statement.ManagedRuleGroupStatement) : undefined;
  return group && isObject(group) && (asString(group.vendor_name ?? group.VendorName) ?? 'AWS') === 'AWS' ? group : undefined;
}

