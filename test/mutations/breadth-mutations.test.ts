import { modelFromDocuments, runBaseline } from '../../policies/index';
import { estateStack, estateStackNames } from '../support/estate';

type Json = Record<string, any>;

/** Unsuppressed findings (`RULE resource`) over the given stacks of the synthesized estate, one mutated. */
function findings(stacks: string[], mutate: (stacks: Record<string, Json>) => void, accountScope: 'complete' | 'stacks' = 'stacks'): string[] {
  const jsons = Object.fromEntries(stacks.map((name) => [name, estateStack(name)]));
  mutate(jsons);
  const model = modelFromDocuments(stacks.map((name) => ({ file: `stacks/${name}/cdk.tf.json`, json: jsons[name], stackName: name })));
  return runBaseline(model, { accountScope }).findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.resource}`);
}

const r = (stack: Json, type: string, name: string): Json => {
  const found = stack.resource[type]?.[name];
  if (!found) throw new Error(`no ${type}.${name}`);
  return found;
};
const wafRule = (edge: Json, name: string): Json => r(edge, 'aws_wafv2_web_acl', 'production_edge_waf').rule.find((x: Json) => x.name === name);

const SECURITY = 'production-security';
const EDGE = 'production-edge';
const HOSTS = 'production-hosts';
const NETWORK = 'production-network';

/** Weakenings a careless pull request would make to one stack; each must be a finding on the weakened resource. */
const stackMutations: [string, string, (s: Json) => void, string][] = [
  ['the GuardDuty EventBridge rule disabled', SECURITY, (s) => { r(s, 'aws_cloudwatch_event_rule', 'production_guardduty_alert').state = 'DISABLED'; }, 'PAL-ALERT-001 aws_cloudwatch_event_rule.production_guardduty_alert'],
  ['the GuardDuty rule\'s target deleted', SECURITY, (s) => { delete s.resource.aws_cloudwatch_event_target.production_guardduty_alert_target; }, 'PAL-ALERT-001 aws_cloudwatch_event_rule.production_guardduty_alert'],
  ['the GuardDuty rule\'s pattern no longer matching GuardDuty', SECURITY, (s) => { r(s, 'aws_cloudwatch_event_rule', 'production_guardduty_alert').event_pattern = JSON.stringify({ source: ['aws.health'] }); }, 'PAL-ALERT-001 aws_guardduty_detector.production_guardduty'],
  ['the Security Hub rule disabled', SECURITY, (s) => { r(s, 'aws_cloudwatch_event_rule', 'production_posture_security_hub_critical_alert').state = 'DISABLED'; }, 'PAL-ALERT-001 aws_cloudwatch_event_rule.production_posture_security_hub_critical_alert'],
  ['the SNS alert topic\'s KMS key removed', SECURITY, (s) => { delete r(s, 'aws_sns_topic', 'production_security_alerts').kms_master_key_id; }, 'PAL-ALERT-001 aws_sns_topic.production_security_alerts'],
  ['the SNS alert topic moved to the AWS-managed key', SECURITY, (s) => { r(s, 'aws_sns_topic', 'production_security_alerts').kms_master_key_id = 'alias/aws/sns'; }, 'PAL-ALERT-001 aws_sns_topic.production_security_alerts'],
  ['the SNS alert subscription removed', SECURITY, (s) => { delete s.resource.aws_sns_topic_subscription; }, 'PAL-ALERT-001 aws_sns_topic.production_security_alerts'],
  ['the malware alarm\'s actions removed', HOSTS, (s) => { delete r(s, 'aws_cloudwatch_metric_alarm', 'production_app_malware_detected').alarm_actions; }, 'PAL-ALERT-002 aws_cloudwatch_metric_alarm.production_app_malware_detected'],
  ['the malware alarm deleted', HOSTS, (s) => { delete s.resource.aws_cloudwatch_metric_alarm.production_app_malware_detected; }, 'PAL-ALERT-002 aws_cloudwatch_log_metric_filter.production_app_detections_filter'],
  ['the antivirus alarm topic\'s subscription removed', HOSTS, (s) => { delete s.resource.aws_sns_topic_subscription; }, 'PAL-ALERT-002 aws_sns_topic.production_app_alarm_topic'],
  ['GuardDuty publishing every 6 hours', SECURITY, (s) => { r(s, 'aws_guardduty_detector', 'production_guardduty').finding_publishing_frequency = 'SIX_HOURS'; }, 'PAL-DETECT-004 aws_guardduty_detector.production_guardduty'],
  ['the GuardDuty findings export deleted', SECURITY, (s) => { delete s.resource.aws_guardduty_publishing_destination; }, 'PAL-DETECT-004 aws_guardduty_detector.production_guardduty'],
  ['a WAF managed rule group switched to count', EDGE, (s) => { wafRule(s, 'AWS-AWSManagedRulesSQLiRuleSet').override_action = { count: {} }; }, 'PAL-WAF-004 aws_wafv2_web_acl.production_edge_waf'],
  ['the common rule set switched to count', EDGE, (s) => { wafRule(s, 'AWS-AWSManagedRulesCommonRuleSet').override_action = { count: {} }; }, 'PAL-WAF-002 aws_wafv2_web_acl.production_edge_waf'],
  ['the IP-reputation group removed', EDGE, (s) => {
    const acl = r(s, 'aws_wafv2_web_acl', 'production_edge_waf');
    acl.rule = acl.rule.filter((x: Json) => x.name !== 'AWS-AWSManagedRulesAmazonIpReputationList');
  }, 'PAL-WAF-002 aws_wafv2_web_acl.production_edge_waf'],
  ['WAF log redaction of authorization removed', EDGE, (s) => {
    const logging = r(s, 'aws_wafv2_web_acl_logging_configuration', 'production_edge_waf_logging');
    logging.redacted_fields = logging.redacted_fields.filter((f: Json) => f.single_header.name !== 'authorization');
  }, 'PAL-WAF-003 aws_wafv2_web_acl_logging_configuration.production_edge_waf_logging'],
  ['WAF log redaction removed entirely', EDGE, (s) => { delete r(s, 'aws_wafv2_web_acl_logging_configuration', 'production_edge_waf_logging').redacted_fields; }, 'PAL-WAF-003 aws_wafv2_web_acl_logging_configuration.production_edge_waf_logging'],
  ['the ALB failing open when WAF is unavailable', EDGE, (s) => { r(s, 'aws_lb', 'production_edge_alb').enable_waf_fail_open = true; }, 'PAL-ALB-009 aws_lb.production_edge_alb'],
  ['the rate limit raised to 2 billion', EDGE, (s) => { wafRule(s, 'rate-limit-per-ip').statement.rate_based_statement.limit = 2_000_000_000; }, 'PAL-WAF-005 aws_wafv2_web_acl.production_edge_waf'],
  ['the HSTS header dropped', EDGE, (s) => { delete r(s, 'aws_lb_listener', 'production_edge_alb_https').routing_http_response_strict_transport_security_header_value; }, 'PAL-ALB-010 aws_lb_listener.production_edge_alb_https'],
  ['ACM certificate-transparency logging disabled', EDGE, (s) => { r(s, 'aws_acm_certificate', 'production_edge_alb_certificate').options.certificate_transparency_logging_preference = 'DISABLED'; }, 'PAL-ACM-001 aws_acm_certificate.production_edge_alb_certificate'],
  ['CloudTrail narrowed to write-only', SECURITY, (s) => { r(s, 'aws_cloudtrail', 'production_account_cloudtrail').event_selector[0].read_write_type = 'WriteOnly'; }, 'PAL-TRAIL-001 aws_cloudtrail.production_account_cloudtrail'],
  ['CloudTrail excluding KMS events', SECURITY, (s) => { r(s, 'aws_cloudtrail', 'production_account_cloudtrail').event_selector[0].exclude_management_event_sources = ['kms.amazonaws.com']; }, 'PAL-TRAIL-001 aws_cloudtrail.production_account_cloudtrail'],
  ['Config not recording global resource types', SECURITY, (s) => { r(s, 'aws_config_configuration_recorder', 'production_posture_config').recording_group.include_global_resource_types = false; }, 'PAL-DETECT-003 aws_config_configuration_recorder.production_posture_config'],
  ['backup plan retention cut to 1 day', SECURITY, (s) => { r(s, 'aws_backup_plan', 'production_backup_plan').rule[0].lifecycle.delete_after = 1; }, 'PAL-BACKUP-004 aws_backup_plan.production_backup_plan'],
  ['vault-lock minimum retention cut to 1 day', SECURITY, (s) => { r(s, 'aws_backup_vault_lock_configuration', 'production_backup_vault_lock').min_retention_days = 1; }, 'PAL-BACKUP-004 aws_backup_vault_lock_configuration.production_backup_vault_lock'],
  ['the CloudTrail bucket given force_destroy', SECURITY, (s) => { r(s, 'aws_s3_bucket', 'production_account_cloudtrail_bucket').force_destroy = true; }, 'PAL-BUCKET-007 aws_s3_bucket.production_account_cloudtrail_bucket'],
  ['a log bucket expiring after 1 day', EDGE, (s) => { r(s, 'aws_s3_bucket_lifecycle_configuration', 'production_edge_alb_logs_lifecycle').rule[0].expiration[0].days = 1; }, 'PAL-BUCKET-007 aws_s3_bucket.production_edge_alb_logs'],
  ['an interface endpoint\'s private DNS turned off', NETWORK, (s) => { r(s, 'aws_vpc_endpoint', 'production_network_endpoints_ssm').private_dns_enabled = false; }, 'PAL-VPC-005 aws_vpc_endpoint.production_network_endpoints_ssm'],
  ['the provider\'s allowed_account_ids removed', NETWORK, (s) => { delete s.provider.aws[0].allowed_account_ids; }, 'PAL-PROVIDER-001 provider.aws'],
  ['an S3 backend with encrypt = false', NETWORK, (s) => {
    s.terraform.backend = { s3: { bucket: 'palisade-production-terraform-state-222222222222', key: 'palisade/production-network.tfstate', region: 'eu-central-1', encrypt: false, kms_key_id: 'arn:aws:kms:eu-central-1:222222222222:alias/palisade/production/state', use_lockfile: true } };
  }, 'PAL-STATE-001 terraform.backend.s3'],
  ['an S3 backend without a KMS key or lock', NETWORK, (s) => {
    s.terraform.backend = { s3: { bucket: 'palisade-production-terraform-state-222222222222', key: 'palisade/production-network.tfstate', region: 'eu-central-1', encrypt: true } };
  }, 'PAL-STATE-001 terraform.backend.s3'],
  ['the antivirus self-check schedule removed', HOSTS, (s) => { delete r(s, 'aws_ssm_association', 'production_app_selfcheck_daily').schedule_expression; }, 'PAL-AV-002 aws_ssm_association.production_app_selfcheck_daily'],
  ['the antivirus self-check every 30 days', HOSTS, (s) => { r(s, 'aws_ssm_association', 'production_app_selfcheck_daily').schedule_expression = 'rate(30 days)'; }, 'PAL-AV-002 aws_ssm_association.production_app_selfcheck_daily'],
];

const production = () => estateStackNames().filter((n) => n.startsWith('production-'));

/** Account controls removed entirely: a finding on the account when the whole estate is checked. */
const removals: [string, (s: Record<string, Json>) => void, string][] = [
  ['Security Hub removed entirely', (s) => { delete s[SECURITY].resource.aws_securityhub_account; delete s[SECURITY].resource.aws_securityhub_standards_subscription; }, 'PAL-ACCT-003 account.222222222222.eu-central-1'],
  ['Access Analyzer removed entirely', (s) => { delete s[SECURITY].resource.aws_accessanalyzer_analyzer; }, 'PAL-ACCT-003 account.222222222222.eu-central-1'],
  ['GuardDuty removed entirely', (s) => {
    for (const t of ['aws_guardduty_detector', 'aws_guardduty_detector_feature', 'aws_guardduty_publishing_destination']) delete s[SECURITY].resource[t];
  }, 'PAL-ACCT-003 account.222222222222.eu-central-1'],
  ['the password policy removed', (s) => { delete s[SECURITY].resource.aws_iam_account_password_policy; }, 'PAL-ACCT-003 account.222222222222'],
  ['the CloudTrail trail removed', (s) => { delete s[SECURITY].resource.aws_cloudtrail; }, 'PAL-ACCT-003 account.222222222222'],
  ['EBS default encryption removed', (s) => { delete s[SECURITY].resource.aws_ebs_encryption_by_default; delete s[SECURITY].resource.aws_ebs_default_kms_key; }, 'PAL-ACCT-003 account.222222222222.eu-central-1'],
];

describe('breadth II: weakenings of the synthesized estate are findings on the weakened link', () => {
  test('unmutated, the production stacks have no finding, checked one by one or as the whole account', () => {
    for (const name of production()) expect(findings([name], () => undefined)).toEqual([]);
    expect(findings(production(), () => undefined, 'complete')).toEqual([]);
  });

  test.each(stackMutations)('%s (%s) is caught', (_name, stack, mutate, expected) => {
    expect(findings([stack], (s) => mutate(s[stack]))).toContain(expected);
  });

  test.each(removals)('%s is a finding on the account over the whole estate', (_name, mutate, expected) => {
    expect(findings(production(), mutate, 'complete')).toContain(expected);
  });

  test.each(removals)('%s checked as single stacks is not claimed as an account finding (the stacks may not be all of it)', (_name, mutate) => {
    expect(findings([SECURITY], mutate).filter((f) => f.startsWith('PAL-ACCT-003'))).toEqual([]);
  });

  test('a removed control declared as managed elsewhere is reported as such, with its reason, not as a finding', () => {
    const model = (declare: boolean) => {
      const jsons = Object.fromEntries(production().map((n) => [n, estateStack(n)]));
      delete jsons[SECURITY].resource.aws_securityhub_account;
      delete jsons[SECURITY].resource.aws_securityhub_standards_subscription;
      delete jsons[SECURITY].resource.aws_cloudwatch_event_rule.production_posture_security_hub_critical_alert;
      delete jsons[SECURITY].resource.aws_cloudwatch_event_target.production_posture_security_hub_critical_alert_target;
      if (declare) jsons[SECURITY]['//'].palisade = { managedElsewhere: [{ control: 'security-hub', reason: 'Security Hub is run by the organization\'s delegated administrator (ticket SEC-42)' }] };
      return modelFromDocuments(production().map((n) => ({ file: `stacks/${n}/cdk.tf.json`, json: jsons[n], stackName: n })));
    };
    const declared = runBaseline(model(true), { accountScope: 'complete' });
    expect(declared.findings.filter((f) => !f.suppressed).map((f) => f.ruleId)).not.toContain('PAL-ACCT-003');
    expect(declared.results.find((x) => x.ruleId === 'PAL-ACCT-003' && x.message.includes('Security Hub'))).toMatchObject({
      status: 'not-applicable',
      message: expect.stringContaining('managed elsewhere, declared in config: Security Hub is run by the organization\'s delegated administrator (ticket SEC-42)'),
    });
    expect(runBaseline(model(false), { accountScope: 'complete' }).findings.map((f) => `${f.ruleId} ${f.resource}`)).toContain('PAL-ACCT-003 account.222222222222.eu-central-1');
  });
});
