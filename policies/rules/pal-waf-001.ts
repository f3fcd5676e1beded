import { asBool, asString, block, blocks, isObject, list } from '../model/values';
import { chosenAction } from './lib/waf';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

/**
 * WAF Classic web ACLs and the block naming their rules (`rules` for global ACLs, `rule` for regional ones), each
 * with `action { type }` or, for rule groups, `override_action { type }`.
 */
const CLASSIC_ACLS: Readonly<Record<string, string>> = { aws_waf_web_acl: 'rules', aws_wafregional_web_acl: 'rule' };

/** Source: AWS FSBP WAF.10 / WAF.12 (checkov CKV_AWS_175, CKV_AWS_342). */
export const wafHasRules: Rule = {
  id: 'PAL-WAF-001',
  title: 'Web ACLs (WAFv2 and Classic) contain rules, every rule has an action, and WAFv2 ACLs and rules publish CloudWatch metrics and sampled requests.',
  rationale: 'An ACL without rules inspects nothing; without metrics and samples nobody sees what it blocks or lets through.',
  severity: 'medium',
  routine: 'firewall',
  controls: { checkov: ['CKV_AWS_175', 'CKV_AWS_342'], fsbp: ['WAF.10', 'WAF.12'], cis: [], ccm: ['IVS-09', 'LOG-05'] },
  fixHint: 'Add rules (managed rule groups, a rate-based rule) with visibility_config { cloudwatch_metrics_enabled = true, sampled_requests_enabled = true }.',
  evaluate(model) {
    const acls = model.ofType('aws_wafv2_web_acl');
    const classic = Object.keys(CLASSIC_ACLS).flatMap((t) => model.ofType(t));
    if (acls.length === 0 && classic.length === 0) return [notApplicable('No web ACL in scope.')];
    const classicResults = classic.map((acl): RuleResult => {
      const rules = blocks(acl.values[CLASSIC_ACLS[acl.type]]);
      if (rules.length === 0) return fail(acl, `Web ACL ${acl.address} has no rules.`);
      const silent = rules.filter((r) => !asString(block(r.action)?.type) && !asString(block(r.override_action)?.type));
      return silent.length > 0 ? fail(acl, `Web ACL ${acl.address}: ${silent.length} rule(s) without an action.`) : pass(acl, `Web ACL ${acl.address} has ${rules.length} rule(s), each with an action.`);
    });
    return [...classicResults, ...acls.map((acl) => {
      const rules = wafRules(acl.values);
      if (rules.length === 0) return fail(acl, `Web ACL ${acl.address} has no rules.`);
      const silent = rules.filter((r) => chosenAction(r.action ?? r.Action) === undefined && chosenAction(r.override_action ?? r.OverrideAction) === undefined).map((r) => String(r.name ?? r.Name ?? '?'));
      if (silent.length > 0) return fail(acl, `Web ACL ${acl.address}: rule(s) ${silent.join(', ')} have no action or override_action.`);
      const visible = (v: unknown) => {
        const vc = block(v);
        return vc !== undefined && asBool(vc.cloudwatch_metrics_enabled ?? vc.CloudWatchMetricsEnabled) === true && asBool(vc.sampled_requests_enabled ?? vc.SampledRequestsEnabled) === true;
      };
      const dark = rules.filter((r) => !visible(r.visibility_config ?? r.VisibilityConfig)).map((r) => String(r.name ?? r.Name ?? '?'));
      if (!visible(acl.values.visibility_config)) dark.unshift('(the ACL itself)');
      if (dark.length > 0) return fail(acl, `Web ACL ${acl.address}: no CloudWatch metrics or sampled requests for ${dark.join(', ')}.`);
      return pass(acl, `Web ACL ${acl.address} has ${rules.length} rule(s), all with an action, metrics and sampled requests.`);
    })];
  },
};

/** Rules of a web ACL from `rule` blocks or the `rule_json` string (PascalCase). */
export function wafRules(values: Record<string, unknown>): Record<string, unknown>[] {
  const fromBlocks = blocks(values.rule);
  if (fromBlocks.length > 0) return fromBlocks;
  const json = asString(values.rule_json);
  if (!json) return [];
  try {
    return list(JSON.parse(json)).filter(isObject);
  } catch {
    return [];
  }
}
