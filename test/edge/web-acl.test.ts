import { KmsKey } from '../../constructs/kms/kms-key';
import { resourcesOf, synthStack } from '../support/synth';
import { ACCOUNT, BASE, edgeScaffold } from './helpers';

const aclOf = (json: any) => resourcesOf(json, 'aws_wafv2_web_acl').test_edge_waf;
const ruleNames = (json: any) => aclOf(json).rule.map((r: any) => r.name);

describe('WebAcl', () => {
  test('a regional ACL allows by default and runs IP reputation, rate limit, core, known-bad-inputs, SQLi and Linux rules in that order', () => {
    const { stack, webAcl } = edgeScaffold();
    webAcl();
    const json = synthStack(stack);
    expect(aclOf(json)).toEqual(expect.objectContaining({ scope: 'REGIONAL', default_action: { allow: {} }, name: 'palisade-test-edge' }));
    expect(ruleNames(json)).toEqual([
      'AWS-AWSManagedRulesAmazonIpReputationList', 'rate-limit-per-ip', 'AWS-AWSManagedRulesCommonRuleSet',
      'AWS-AWSManagedRulesKnownBadInputsRuleSet', 'AWS-AWSManagedRulesSQLiRuleSet', 'AWS-AWSManagedRulesLinuxRuleSet',
    ]);
  });

  test('managed groups keep their own block actions (override_action none), including Log4j in known bad inputs', () => {
    const { stack, webAcl } = edgeScaffold();
    webAcl();
    const badInputs = aclOf(synthStack(stack)).rule.find((r: any) => r.name === 'AWS-AWSManagedRulesKnownBadInputsRuleSet');
    expect(badInputs.override_action).toEqual({ none: {} });
    expect(badInputs.statement).toEqual({ managed_rule_group_statement: { vendor_name: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' } });
  });

  test('the rate-based rule blocks a client IP above 1000 requests per 5 minutes', () => {
    const { stack, webAcl } = edgeScaffold();
    webAcl();
    const rate = aclOf(synthStack(stack)).rule.find((r: any) => r.name === 'rate-limit-per-ip');
    expect(rate.action).toEqual({ block: {} });
    expect(rate.statement).toEqual({ rate_based_statement: { limit: 1000, aggregate_key_type: 'IP', evaluation_window_sec: 300 } });
  });

  test('every rule and the ACL publish CloudWatch metrics and sampled requests', () => {
    const { stack, webAcl } = edgeScaffold();
    webAcl({ anonymousIpList: true, allowedCountries: ['DE'] });
    const acl = aclOf(synthStack(stack));
    for (const v of [acl.visibility_config, ...acl.rule.map((r: any) => r.visibility_config)]) {
      expect(v).toEqual(expect.objectContaining({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true }));
    }
  });

  test('the anonymous-IP list is opt-in and the Linux rule set opt-out', () => {
    const { stack, webAcl } = edgeScaffold();
    webAcl({ anonymousIpList: true, linuxRuleSet: false });
    const names = ruleNames(synthStack(stack));
    expect(names).toContain('AWS-AWSManagedRulesAnonymousIpList');
    expect(names).not.toContain('AWS-AWSManagedRulesLinuxRuleSet');
  });

  test('a country allowlist blocks every request not from the listed countries', () => {
    const { stack, webAcl } = edgeScaffold();
    webAcl({ allowedCountries: ['DE', 'AT'] });
    const geo = aclOf(synthStack(stack)).rule.find((r: any) => r.name === 'geo-allowlist');
    expect(geo.action).toEqual({ block: {} });
    expect(geo.statement).toEqual({ not_statement: { statement: { geo_match_statement: { country_codes: ['DE', 'AT'] } } } });
  });

  test('logs go to a KMS-encrypted aws-waf-logs-* group kept 365 days, with authorization and cookie headers redacted', () => {
    const { stack, webAcl } = edgeScaffold();
    webAcl();
    const json = synthStack(stack);
    expect(resourcesOf(json, 'aws_cloudwatch_log_group').test_edge_waf_log_group).toEqual(expect.objectContaining({
      name: 'aws-waf-logs-palisade-test-edge', retention_in_days: 365, kms_key_id: '${aws_kms_key.test_logs_key.arn}',
    }));
    expect(resourcesOf(json, 'aws_wafv2_web_acl_logging_configuration').test_edge_waf_logging).toEqual(expect.objectContaining({
      resource_arn: '${aws_wafv2_web_acl.test_edge_waf.arn}',
      log_destination_configs: ['${aws_cloudwatch_log_group.test_edge_waf_log_group.arn}'],
      redacted_fields: [{ single_header: { name: 'authorization' } }, { single_header: { name: 'cookie' } }],
    }));
  });

  test('the log group resource policy lets only this account\'s log delivery write to the WAF log group', () => {
    const { stack, webAcl } = edgeScaffold();
    webAcl();
    const doc = JSON.parse(resourcesOf(synthStack(stack), 'aws_cloudwatch_log_resource_policy').test_edge_waf_log_delivery_policy.policy_document);
    expect(doc.Statement).toEqual([{
      Sid: 'AllowWafLogDelivery', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:aws-waf-logs-palisade-test-edge:log-stream:*`,
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:logs:eu-west-1:${ACCOUNT}:*` } },
    }]);
  });

  test('retention up to the personal-data cap is accepted', () => {
    const { stack, webAcl } = edgeScaffold();
    webAcl({ logRetentionDays: 731, maxLogRetentionDays: 731 });
    expect(resourcesOf(synthStack(stack), 'aws_cloudwatch_log_group').test_edge_waf_log_group.retention_in_days).toBe(731);
  });

  describe('refuses', () => {
    test('a logs key that does not grant CloudWatch Logs of the region', () => {
      const { stack, webAcl } = edgeScaffold();
      const key = new KmsKey(stack, 'plain', { ...BASE, purpose: 'plain', description: 'no grants' });
      expect(() => webAcl({ logsKey: key })).toThrow(/edge_waf: logsKey = "test-edge\/plain": does not grant logs.eu-west-1.amazonaws.com/);
    });

    test.each([180, 90])('log retention below the 365-day audit floor (%p)', (days) => {
      const { webAcl } = edgeScaffold();
      expect(() => webAcl({ logRetentionDays: days })).toThrow(/logRetentionDays = \d+: must be a CloudWatch retention value from 365/);
    });

    test('log retention above the personal-data cap', () => {
      const { webAcl } = edgeScaffold();
      expect(() => webAcl({ logRetentionDays: 1096, maxLogRetentionDays: 731 })).toThrow(/logRetentionDays = 1096: .* to 731 \(personal-data cap\)/);
    });

    test('a retention CloudWatch does not offer (500 days)', () => {
      const { webAcl } = edgeScaffold();
      expect(() => webAcl({ logRetentionDays: 500 })).toThrow(/logRetentionDays = 500/);
    });

    test.each([0, 9, 1.5])('a rate limit of %p', (limit) => {
      const { webAcl } = edgeScaffold();
      expect(() => webAcl({ rateLimitPerFiveMinutes: limit })).toThrow(/rateLimitPerFiveMinutes = .*from 10/);
    });

    test('an empty country allowlist', () => {
      const { webAcl } = edgeScaffold();
      expect(() => webAcl({ allowedCountries: [] })).toThrow(/allowedCountries = \[\]: an empty allowlist would block everyone/);
    });

    test.each(['de', 'DEU', 'Germany'])('the country code %p', (code) => {
      const { webAcl } = edgeScaffold();
      expect(() => webAcl({ allowedCountries: ['AT', code] })).toThrow(/allowedCountries\[1\] = .*ISO 3166-1 alpha-2/);
    });
  });
});
