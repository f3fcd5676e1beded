import { wafHasRules } from '../../../policies/rules/pal-waf-001';
import { wafKnownBadInputs } from '../../../policies/rules/pal-waf-002';
import { wafLogging } from '../../../policies/rules/pal-waf-003';
import { wafManagedGroupsBlock } from '../../../policies/rules/pal-waf-004';
import { wafRateLimit } from '../../../policies/rules/pal-waf-005';
import { modelFromDocuments } from '../../../policies/model/load';
import { DEFAULT_ALLOWED_REGIONS } from '../../../policies/rules/pal-gdpr-001';
import type { Rule } from '../../../policies/rules/types';
import { evaluate, failures, StackBuilder, statusOf } from '../fixtures';
import { compliantEdge } from './edge-fixtures';

const ACL = 'aws_wafv2_web_acl.edge';
type R = Record<string, any>;
const badInputsRule = (v: R): R => (v.rule as R[]).find((r) => r.name === 'bad-inputs')!;

describe('PAL-WAF-001 rules with metrics', () => {
  test('rules with metrics and sampled requests are compliant', () => expect(statusOf(evaluate(wafHasRules, compliantEdge()), ACL)).toBe('compliant'));
  test('an ACL without rules is non-compliant', () => {
    expect(failures(evaluate(wafHasRules, compliantEdge().update('aws_wafv2_web_acl', 'edge', (v) => delete v.rule)))[0].message).toMatch(/has no rules/);
  });
  test('a rule without CloudWatch metrics is non-compliant', () => {
    const s = compliantEdge().update('aws_wafv2_web_acl', 'edge', (v) => (badInputsRule(v).visibility_config.cloudwatch_metrics_enabled = false));
    expect(failures(evaluate(wafHasRules, s))[0].message).toMatch(/no CloudWatch metrics or sampled requests for bad-inputs/);
  });
  test('rules given as rule_json are read too', () => {
    const s = compliantEdge().update('aws_wafv2_web_acl', 'edge', (v) => {
      v.rule_json = JSON.stringify([{ Name: 'x', Priority: 0, Action: { Block: {} }, Statement: {}, VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: 'x' } }]);
      delete v.rule;
    });
    expect(statusOf(evaluate(wafHasRules, s), ACL)).toBe('compliant');
  });
  test('a rule without action or override_action is non-compliant (checkov CKV_AWS_342), in blocks and in rule_json', () => {
    const blocksForm = compliantEdge().update('aws_wafv2_web_acl', 'edge', (v) => { delete (v.rule as Record<string, unknown>[])[0].action; });
    expect(failures(evaluate(wafHasRules, blocksForm))[0].message).toMatch(/rate have no action/);
    const jsonForm = compliantEdge().update('aws_wafv2_web_acl', 'edge', (v) => {
      v.rule_json = JSON.stringify([{ Name: 'x', Priority: 0, Statement: {}, VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: 'x' } }]);
      delete v.rule;
    });
    expect(statusOf(evaluate(wafHasRules, jsonForm), ACL)).toBe('non-compliant');
  });
  test('WAF Classic web ACLs need rules, each with an action (checkov CKV_AWS_175/342 judge Classic too)', () => {
    const classic = (rules: unknown) => new StackBuilder().add('aws_waf_web_acl', 'old', { name: 'old', metric_name: 'old', default_action: { type: 'ALLOW' }, ...(rules ? { rules } : {}) });
    expect(statusOf(evaluate(wafHasRules, classic([{ priority: 1, rule_id: 'r', action: { type: 'BLOCK' } }])), 'aws_waf_web_acl.old')).toBe('compliant');
    expect(statusOf(evaluate(wafHasRules, classic([{ priority: 1, rule_id: 'r' }])), 'aws_waf_web_acl.old')).toBe('non-compliant');
    expect(statusOf(evaluate(wafHasRules, classic(undefined)), 'aws_waf_web_acl.old')).toBe('non-compliant');
  });
  test('regional WAF Classic ACLs name their rules in rule blocks (not rules), and are read there', () => {
    const regional = (rule: unknown) => new StackBuilder().add('aws_wafregional_web_acl', 'old', { name: 'old', metric_name: 'old', default_action: { type: 'ALLOW' }, rule });
    expect(statusOf(evaluate(wafHasRules, regional([{ priority: 1, rule_id: 'r', type: 'GROUP', override_action: { type: 'NONE' } }])), 'aws_wafregional_web_acl.old')).toBe('compliant');
    expect(failures(evaluate(wafHasRules, regional([{ priority: 1, rule_id: 'r', action: {} }])))[0].message).toMatch(/1 rule\(s\) without an action/);
  });
  test('a WAFv2 rule whose action block chooses nothing (action {}) has no action', () => {
    const s = compliantEdge().update('aws_wafv2_web_acl', 'edge', (v) => { (v.rule as R[])[0].action = {}; });
    expect(failures(evaluate(wafHasRules, s))[0].message).toMatch(/rate have no action or override_action/);
  });
});

/**
 * `terraform show -json` lists every choice of an action block, the ones not taken as empty lists:
 * `override_action: [{ count: [], none: [{}] }]` (checked against the AWS provider 5.100.0). The key alone proves nothing.
 */
describe('WAF actions as a Terraform plan spells them', () => {
  const ACTIONS = ['allow', 'block', 'captcha', 'challenge', 'count'];
  const spelled = (choices: string[], chosen: R | undefined): R[] => (chosen ? [Object.fromEntries(choices.map((c) => [c, c in chosen ? [{}] : []]))] : []);
  /** The compliant edge's web ACL as planned values, edited first by `edit`. */
  function planned(rule: Rule, edit: (rules: R[]) => void = () => undefined) {
    const acl = JSON.parse(JSON.stringify(compliantEdge().toJSON())).resource.aws_wafv2_web_acl.edge as R;
    delete acl['//'];
    edit(acl.rule as R[]);
    acl.rule = (acl.rule as R[]).map((r) => {
      const group = r.statement.managed_rule_group_statement as R | undefined;
      if (group?.rule_action_override) group.rule_action_override = (group.rule_action_override as R[]).map((o) => ({ ...o, action_to_use: spelled(ACTIONS, o.action_to_use) }));
      return { ...r, action: spelled(ACTIONS, r.action), override_action: spelled(['count', 'none'], r.override_action) };
    });
    const plan = { format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'aws_wafv2_web_acl.edge', mode: 'managed', type: 'aws_wafv2_web_acl', name: 'edge', values: acl }] } } };
    return rule.evaluate(modelFromDocuments([{ file: '/virtual/plan.json', json: plan, stackName: 'plan' }]), { allowedRegions: DEFAULT_ALLOWED_REGIONS });
  }
  const bad = (rules: R[]) => rules.find((r) => r.name === 'bad-inputs')!;

  test('the compliant ACL, planned, passes PAL-WAF-001, 002, 004 and 005 (override none is not read as count)', () => {
    for (const rule of [wafHasRules, wafKnownBadInputs, wafManagedGroupsBlock, wafRateLimit]) expect(planned(rule).map((r) => [rule.id, r.status])).toEqual([[rule.id, 'compliant']]);
  });
  test('known bad inputs overridden to count, planned, fails PAL-WAF-002', () => {
    expect(planned(wafKnownBadInputs, (rules) => { bad(rules).override_action = { count: {} }; })[0].message).toMatch(/overrides AWSManagedRulesKnownBadInputsRuleSet to count/);
  });
  test('Log4JRCE downgraded to count, planned, fails PAL-WAF-002 (the empty block choice does not count as block)', () => {
    const r = planned(wafKnownBadInputs, (rules) => { bad(rules).statement.managed_rule_group_statement.rule_action_override = [{ name: 'Log4JRCE_BODY', action_to_use: { count: {} } }]; });
    expect(r[0]).toMatchObject({ status: 'non-compliant', message: expect.stringMatching(/downgrades Log4JRCE_BODY/) });
  });
  test('a rate-based rule that allows, planned, fails PAL-WAF-005 (not a blocking rule)', () => {
    const r = planned(wafRateLimit, (rules) => { rules.find((x) => x.name === 'rate')!.action = { allow: {} }; });
    expect(r[0]).toMatchObject({ status: 'non-compliant', message: expect.stringMatching(/does not block \(action allow\)/) });
  });
  test('another managed group overridden to count, planned, fails PAL-WAF-004', () => {
    expect(planned(wafManagedGroupsBlock, (rules) => { rules.find((x) => x.name === 'sqli')!.override_action = { count: {} }; })[0].status).toBe('non-compliant');
  });
});

describe('PAL-WAF-002 known bad inputs (Log4j) active', () => {
  test('the group with override_action none is compliant', () => expect(statusOf(evaluate(wafKnownBadInputs, compliantEdge()), ACL)).toBe('compliant'));
  test('an ACL without the group is non-compliant', () => {
    const s = compliantEdge().update('aws_wafv2_web_acl', 'edge', (v) => (v.rule = (v.rule as R[]).filter((r) => r.name !== 'bad-inputs')));
    expect(statusOf(evaluate(wafKnownBadInputs, s), ACL)).toBe('non-compliant');
  });
  test('the group overridden to count is non-compliant', () => {
    const s = compliantEdge().update('aws_wafv2_web_acl', 'edge', (v) => (badInputsRule(v).override_action = { count: {} }));
    expect(failures(evaluate(wafKnownBadInputs, s))[0].message).toMatch(/overrides AWSManagedRulesKnownBadInputsRuleSet to count/);
  });
  test('Log4JRCE downgraded to count by rule_action_override is non-compliant', () => {
    const s = compliantEdge().update('aws_wafv2_web_acl', 'edge', (v) => (badInputsRule(v).statement.managed_rule_group_statement.rule_action_override = [{ name: 'Log4JRCE_HEADER', action_to_use: { count: {} } }]));
    expect(failures(evaluate(wafKnownBadInputs, s))[0].message).toMatch(/excludes or downgrades Log4JRCE_HEADER/);
  });
  test('Log4JRCE excluded (legacy excluded_rule) is non-compliant', () => {
    const s = compliantEdge().update('aws_wafv2_web_acl', 'edge', (v) => (badInputsRule(v).statement.managed_rule_group_statement.excluded_rule = [{ name: 'Log4JRCE' }]));
    expect(statusOf(evaluate(wafKnownBadInputs, s), ACL)).toBe('non-compliant');
  });
  test('another rule of the group overridden to count keeps it compliant', () => {
    const s = compliantEdge().update('aws_wafv2_web_acl', 'edge', (v) => (badInputsRule(v).statement.managed_rule_group_statement.rule_action_override = [{ name: 'Host_localhost_HEADER', action_to_use: { count: {} } }]));
    expect(statusOf(evaluate(wafKnownBadInputs, s), ACL)).toBe('compliant');
  });
});

describe('PAL-WAF-003 logging', () => {
  test('a logging configuration referencing the ACL and redacting credentials is compliant', () => expect(statusOf(evaluate(wafLogging, compliantEdge()), 'aws_wafv2_web_acl_logging_configuration.edge')).toBe('compliant'));
  test('no logging configuration is non-compliant', () => {
    expect(statusOf(evaluate(wafLogging, compliantEdge().remove('aws_wafv2_web_acl_logging_configuration', 'edge')), ACL)).toBe('non-compliant');
  });
});
