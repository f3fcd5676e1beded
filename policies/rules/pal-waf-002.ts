import { blocks } from '../model/values';
import { BASELINE_MANAGED_GROUPS, chosenAction, countsOnly, groupName, managedGroup, ruleName } from './lib/waf';
import { wafRules } from './pal-waf-001';
import { fail, notApplicable, pass, type Rule } from './types';

const GROUP = 'AWSManagedRulesKnownBadInputsRuleSet';

/** Source: checkov CKV_AWS_192 / CKV2_AWS_76 (Log4j CVE-2021-44228 managed rules active). */
export const wafKnownBadInputs: Rule = {
  id: 'PAL-WAF-002',
  title: 'Web ACLs run the baseline managed set (IP reputation, common rule set, known bad inputs) in blocking mode, with the Log4JRCE rules active.',
  rationale: 'IP reputation drops known-bad sources, the common rule set the OWASP top-10 basics, known bad inputs exploit payloads such as Log4Shell (CVE-2021-44228); removed, in count mode or with Log4JRCE excluded they only watch.',
  severity: 'high',
  routine: 'firewall',
  controls: { checkov: ['CKV_AWS_192', 'CKV2_AWS_76'], fsbp: [], cis: [], ccm: ['TVM-01', 'IVS-09'] },
  fixHint: `Add one rule per group (${BASELINE_MANAGED_GROUPS.join(', ')}) with managed_rule_group_statement { vendor_name = "AWS", name = … } and override_action { none {} }; remove count overrides/exclusions of Log4JRCE*.`,
  evaluate(model) {
    const acls = model.ofType('aws_wafv2_web_acl');
    if (acls.length === 0) return [notApplicable('No aws_wafv2_web_acl in scope.')];
    return acls.map((acl) => {
      const rules = wafRules(acl.values).map((rule) => ({ rule, group: managedGroup(rule) }));
      const problems: string[] = [];
      for (const wanted of BASELINE_MANAGED_GROUPS) {
        const using = rules.filter((r) => r.group && groupName(r.group) === wanted);
        if (using.length === 0) { problems.push(`does not use ${wanted}`); continue; }
        for (const { rule, group } of using) {
          if (countsOnly(rule)) problems.push(`rule "${ruleName(rule)}" overrides ${wanted} to count`);
          if (wanted !== GROUP) continue;
          const excluded = [...blocks(group!.excluded_rule), ...blocks(group!.ExcludedRules)].map((e) => String(e.name ?? e.Name));
          const overrides = [...blocks(group!.rule_action_override), ...blocks(group!.RuleActionOverrides)]
            .filter((o) => { const a = chosenAction(o.action_to_use ?? o.ActionToUse); return a !== undefined && a !== 'block'; })
            .map((o) => String(o.name ?? o.Name));
          const weakened = [...excluded, ...overrides].filter((n) => n.startsWith('Log4JRCE'));
          if (weakened.length > 0) problems.push(`rule "${ruleName(rule)}" excludes or downgrades ${weakened.join(', ')}`);
        }
      }
      return problems.length > 0 ? fail(acl, `Web ACL ${acl.address}: ${problems.join('; ')}.`) : pass(acl, `Web ACL ${acl.address} blocks with ${BASELINE_MANAGED_GROUPS.join(', ')}; Log4JRCE rules active.`);
    });
  },
};
