import { wafHasRules } from '../../../policies/rules/pal-waf-001';
import { wafKnownBadInputs } from '../../../policies/rules/pal-waf-002';
import { wafLogging } from '../../../policies/rules/pal-waf-003';
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
