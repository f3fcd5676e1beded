import { modelFromDocuments } from '../../../policies/model/load';
import { COMPUTED_VALUE, UNKNOWN_VALUE, unknownThrough } from '../../../policies/model/values';
import { evaluate, failures, modelOf, ref, StackBuilder } from '../fixtures';
import { accountControlsPresent } from '../../../policies/rules/pal-acct-003';
import { albWafFailClosed } from '../../../policies/rules/pal-alb-009';
import { albHsts } from '../../../policies/rules/pal-alb-010';
import { antivirusSelfCheckDaily, firesAtLeastDaily } from '../../../policies/rules/pal-av-002';
import { backupMinimumRetention } from '../../../policies/rules/pal-backup-004';
import { logBucketsKept } from '../../../policies/rules/pal-bucket-007';
import { configRecorderEnabled } from '../../../policies/rules/pal-detect-003';
import { providerAccountPinned } from '../../../policies/rules/pal-provider-001';
import { s3BackendProtected } from '../../../policies/rules/pal-state-001';
import { cloudTrailBaseline } from '../../../policies/rules/pal-trail-001';
import { interfaceEndpointPrivateDns } from '../../../policies/rules/pal-vpc-005';
import { wafLogging } from '../../../policies/rules/pal-waf-003';
import { wafManagedGroupsBlock } from '../../../policies/rules/pal-waf-004';
import { wafRateLimit } from '../../../policies/rules/pal-waf-005';
import type { Rule } from '../../../policies/rules/types';
import { compliantEdge } from './edge-fixtures';

const statuses = (rule: Rule, s: StackBuilder) => evaluate(rule, s).map((r) => r.status);
const open = (rule: Rule, s: StackBuilder) => failures(evaluate(rule, s)).map((r) => r.message);
const acl = (s: StackBuilder, edit: (rules: any[]) => void) => s.update('aws_wafv2_web_acl', 'edge', (v) => edit(v.rule as any[]));

describe('WAF depth (PAL-WAF-003/004/005)', () => {
  test('the compliant edge passes all three', () => {
    for (const rule of [wafLogging, wafManagedGroupsBlock, wafRateLimit]) expect(open(rule, compliantEdge())).toEqual([]);
  });
  test('PAL-WAF-004: another managed group in count mode, or a rule of it overridden to count, fails', () => {
    expect(open(wafManagedGroupsBlock, acl(compliantEdge(), (r) => { r.find((x) => x.name === 'sqli').override_action = { count: {} }; }))[0]).toMatch(/overrides AWSManagedRulesSQLiRuleSet to count/);
    expect(open(wafManagedGroupsBlock, acl(compliantEdge(), (r) => {
      r.find((x) => x.name === 'sqli').statement.managed_rule_group_statement.rule_action_override = [{ name: 'SQLi_BODY', action_to_use: { count: {} } }];
    }))[0]).toMatch(/SQLi_BODY in count/);
  });
  test('PAL-WAF-005: the limit within the ceiling passes (also as a string); above it, in count mode, or no rate rule fails; the ceiling is configurable', () => {
    expect(open(wafRateLimit, acl(compliantEdge(), (r) => { r[0].statement.rate_based_statement.limit = '1500'; }))).toEqual([]);
    expect(open(wafRateLimit, acl(compliantEdge(), (r) => { r[0].statement.rate_based_statement.limit = 2_000_000_000; }))[0]).toMatch(/allows 2000000000/);
    expect(open(wafRateLimit, acl(compliantEdge(), (r) => { r[0].action = { count: {} }; }))[0]).toMatch(/does not block/);
    expect(open(wafRateLimit, acl(compliantEdge(), (r) => { r.splice(0, 1); }))[0]).toMatch(/no rate-based rule/);
    const strict = wafRateLimit.evaluate(modelOf(compliantEdge()), { allowedRegions: ['eu-west-1'], limits: { wafRateLimitCeiling: 500 } });
    expect(strict[0].status).toBe('non-compliant');
  });
  test('PAL-WAF-005: a computed limit cannot be shown at plan time (unproven, low)', () => {
    const [f] = evaluate(wafRateLimit, acl(compliantEdge(), (r) => { r[0].statement.rate_based_statement.limit = '${var.limit}'; })).filter((r) => r.status === 'unproven');
    expect(f).toMatchObject({ severity: 'low', message: expect.stringContaining('cannot be shown at plan time') });
  });
  test('PAL-WAF-003: a missing cookie redaction fails on the logging configuration; header names are case-insensitive', () => {
    const s = compliantEdge().update('aws_wafv2_web_acl_logging_configuration', 'edge', (v) => { v.redacted_fields = [{ single_header: { name: 'Authorization' } }]; });
    expect(failures(evaluate(wafLogging, s))).toMatchObject([{ resource: 'aws_wafv2_web_acl_logging_configuration.edge', message: expect.stringMatching(/cookie header unredacted/) }]);
  });
});

describe('ALB depth (PAL-ALB-009/010)', () => {
  test('fail-open on ("true" as a string) fails; default passes', () => {
    expect(statuses(albWafFailClosed, compliantEdge())).toEqual(['compliant']);
    expect(statuses(albWafFailClosed, compliantEdge().update('aws_lb', 'edge', (v) => { v.enable_waf_fail_open = 'true'; }))).toEqual(['non-compliant']);
  });
  test('HSTS: missing or max-age under a year fails; HTTP listeners are not judged', () => {
    expect(statuses(albHsts, compliantEdge())).toEqual(['compliant']);
    expect(open(albHsts, compliantEdge().update('aws_lb_listener', 'https', (v) => { delete v.routing_http_response_strict_transport_security_header_value; }))[0]).toMatch(/no Strict-Transport-Security/);
    expect(open(albHsts, compliantEdge().update('aws_lb_listener', 'https', (v) => { v.routing_http_response_strict_transport_security_header_value = 'max-age=300'; }))[0]).toMatch(/below/);
  });
});

describe('account-level depth (PAL-TRAIL-001, PAL-DETECT-003, PAL-PROVIDER-001, PAL-STATE-001)', () => {
  const trail = (extra: Record<string, unknown>) => new StackBuilder().add('aws_cloudtrail', 't', {
    is_multi_region_trail: true, enable_log_file_validation: 'true', kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/k',
    cloud_watch_logs_group_arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:t:*', cloud_watch_logs_role_arn: 'arn:aws:iam::111122223333:role/t', ...extra,
  });
  test.each<[string, Record<string, unknown>, string]>([
    ['no selector (all management events)', {}, 'compliant'],
    ['read_write_type All', { event_selector: [{ include_management_events: true, read_write_type: 'All' }] }, 'compliant'],
    ['WriteOnly', { event_selector: [{ include_management_events: true, read_write_type: 'WriteOnly' }] }, 'non-compliant'],
    ['ReadOnly', { event_selector: { read_write_type: 'ReadOnly' } }, 'non-compliant'],
    ['management events excluded', { event_selector: [{ include_management_events: 'false' }] }, 'non-compliant'],
    ['KMS events excluded', { event_selector: [{ read_write_type: 'All', exclude_management_event_sources: ['kms.amazonaws.com'] }] }, 'non-compliant'],
    ['an advanced selector for all management events', { advanced_event_selector: [{ field_selector: [{ field: 'eventCategory', equals: ['Management'] }] }] }, 'compliant'],
    ['an advanced selector for write-only management events', { advanced_event_selector: [{ field_selector: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'readOnly', equals: ['false'] }] }] }, 'non-compliant'],
  ])('a trail with %s is %s', (_n, extra, expected) => {
    expect(statuses(cloudTrailBaseline, trail(extra))).toEqual([expected]);
  });

  test('Config without global resource types fails unless suppressed with a reason (the per-region setting)', () => {
    const recorder = (group: Record<string, unknown>) => new StackBuilder()
      .add('aws_config_configuration_recorder', 'r', { name: 'r', recording_group: group })
      .add('aws_config_configuration_recorder_status', 's', { name: ref('aws_config_configuration_recorder', 'r', 'name'), is_enabled: true })
      .add('aws_config_delivery_channel', 'c', { s3_bucket_name: 'b' });
    expect(statuses(configRecorderEnabled, recorder({ all_supported: true, include_global_resource_types: true }))).toEqual(['compliant']);
    expect(open(configRecorderEnabled, recorder({ all_supported: true, include_global_resource_types: false }))[0]).toMatch(/global resource types/);
    expect(open(configRecorderEnabled, recorder({ all_supported: true }))[0]).toMatch(/global resource types/);
  });

  test('a provider without allowed_account_ids fails; a computed one cannot be shown', () => {
    expect(statuses(providerAccountPinned, new StackBuilder())).toEqual(['compliant']);
    expect(statuses(providerAccountPinned, new StackBuilder().setProviders([{ region: 'eu-west-1' }]))).toEqual(['non-compliant']);
    expect(evaluate(providerAccountPinned, new StackBuilder().setProviders([{ region: 'eu-west-1', allowed_account_ids: '${var.accounts}' }]))).toMatchObject([{ status: 'unproven', severity: 'low' }]);
  });

  test('an S3 backend needs encrypt, a KMS key and a lock (use_lockfile or DynamoDB); "true" strings count', () => {
    const stack = (config: Record<string, unknown>) => ({ ...new StackBuilder().toJSON(), terraform: { backend: { s3: { bucket: 'state', key: 'k', ...config } } } });
    const run = (config: Record<string, unknown>) => s3BackendProtected.evaluate(
      modelFromDocuments([{ file: 'stacks/prod/cdk.tf.json', json: stack(config), stackName: 'prod' }]),
      { allowedRegions: ['eu-west-1'] },
    ).map((r) => r.status);
    expect(run({ encrypt: 'true', kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:alias/state', use_lockfile: true })).toEqual(['compliant']);
    expect(run({ encrypt: true, kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:alias/state', dynamodb_table: 'locks' })).toEqual(['compliant']);
    expect(run({ encrypt: false, kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:alias/state', use_lockfile: true })).toEqual(['non-compliant']);
    expect(run({ encrypt: true, use_lockfile: true })).toEqual(['non-compliant']);
    expect(run({ encrypt: true, kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:alias/state' })).toEqual(['non-compliant']);
    expect(statuses(s3BackendProtected, new StackBuilder())).toEqual(['not-applicable']);
  });
});

describe('retention and durability (PAL-BACKUP-004, PAL-BUCKET-007), endpoints (PAL-VPC-005), antivirus schedule (PAL-AV-002)', () => {
  test('backup retention: ≥ 35 days (also as strings) passes; 1 day, a short copy, a lock without or with a low minimum fails', () => {
    const plan = (deleteAfter: unknown, copy?: unknown) => new StackBuilder().add('aws_backup_plan', 'p', { rule: [{ rule_name: 'daily', lifecycle: { delete_after: deleteAfter }, ...(copy ? { copy_action: [{ lifecycle: { delete_after: copy } }] } : {}) }] });
    expect(statuses(backupMinimumRetention, plan('35'))).toEqual(['compliant']);
    expect(statuses(backupMinimumRetention, plan(1))).toEqual(['non-compliant']);
    expect(statuses(backupMinimumRetention, plan(35, 7))).toEqual(['non-compliant']);
    const lock = (min?: unknown) => new StackBuilder().add('aws_backup_vault_lock_configuration', 'l', { backup_vault_name: 'v', ...(min !== undefined ? { min_retention_days: min } : {}) });
    expect(statuses(backupMinimumRetention, lock(35))).toEqual(['compliant']);
    expect(statuses(backupMinimumRetention, lock(1))).toEqual(['non-compliant']);
    expect(statuses(backupMinimumRetention, lock())).toEqual(['non-compliant']);
    expect(backupMinimumRetention.evaluate(modelOf(lock(35)), { allowedRegions: [], limits: { backupMinRetentionDays: 90 } })[0].status).toBe('non-compliant');
  });

  test('log buckets are found through their writers; force_destroy or a short expiry fails; other buckets are not judged', () => {
    const s = new StackBuilder()
      .add('aws_s3_bucket', 'trail', { bucket: 'trail-logs' })
      .add('aws_s3_bucket', 'data', { bucket: 'data', force_destroy: true })
      .add('aws_cloudtrail', 't', { s3_bucket_name: 'trail-logs' })
      .add('aws_s3_bucket_lifecycle_configuration', 'trail', { bucket: ref('aws_s3_bucket', 'trail'), rule: [{ id: 'expire', status: 'Enabled', expiration: [{ days: 400 }] }] });
    expect(evaluate(logBucketsKept, s).map((r) => `${r.status} ${r.resource}`)).toEqual(['compliant aws_s3_bucket.trail']);
    s.update('aws_s3_bucket', 'trail', (v) => { v.force_destroy = 'true'; });
    expect(open(logBucketsKept, s)[0]).toMatch(/force_destroy/);
    s.update('aws_s3_bucket', 'trail', (v) => { delete v.force_destroy; });
    s.update('aws_s3_bucket_lifecycle_configuration', 'trail', (v) => { (v.rule as any[])[0].expiration = [{ days: '1' }]; });
    expect(open(logBucketsKept, s)[0]).toMatch(/after 1 days/);
    s.update('aws_s3_bucket_lifecycle_configuration', 'trail', (v) => { (v.rule as any[])[0].status = 'Disabled'; });
    expect(open(logBucketsKept, s)).toEqual([]);
  });

  test('a log destination names its bucket by literal or by the same expression; one known only after apply is unproven, never matched', () => {
    const lbLoggingTo = (bucket: string, name: string) => new StackBuilder()
      .add('aws_lb', 'edge', { load_balancer_type: 'application', access_logs: [{ enabled: true, bucket }] })
      .add('aws_s3_bucket', 'logs', { bucket: name, force_destroy: true });
    expect(open(logBucketsKept, lbLoggingTo('${var.log_bucket}', '${var.log_bucket}'))[0]).toMatch(/force_destroy/);
    expect(open(logBucketsKept, lbLoggingTo('edge-logs', 'edge-logs'))[0]).toMatch(/force_destroy/);
    // Known only after apply: the bucket receiving the logs cannot be told, so the writer is unproven (never a pass).
    for (const marker of [UNKNOWN_VALUE, COMPUTED_VALUE, unknownThrough('local.logs')]) {
      const results = evaluate(logBucketsKept, lbLoggingTo(marker, marker));
      expect(results.map((r) => `${r.status} ${r.resource}`)).toEqual(['unproven aws_lb.edge']);
      expect(results[0].message).toContain(`cannot be shown at plan time because its access_logs.bucket (${marker}) is known only after apply`);
    }
  });

  test('interface endpoints need private DNS ("true" counts); gateway endpoints are not judged', () => {
    const s = new StackBuilder()
      .add('aws_vpc_endpoint', 'ssm', { vpc_endpoint_type: 'Interface', service_name: 'com.amazonaws.eu-west-1.ssm', private_dns_enabled: 'true' })
      .add('aws_vpc_endpoint', 's3', { service_name: 'com.amazonaws.eu-west-1.s3' });
    expect(statuses(interfaceEndpointPrivateDns, s)).toEqual(['compliant']);
    expect(statuses(interfaceEndpointPrivateDns, s.update('aws_vpc_endpoint', 'ssm', (v) => { delete v.private_dns_enabled; }))).toEqual(['non-compliant']);
  });

  test.each<[string, boolean | undefined]>([
    ['rate(1 day)', true], ['rate(12 hours)', true], ['rate(30 minutes)', true], ['rate(2 days)', false], ['rate(30 days)', false],
    ['cron(0 3 * * ? *)', true], ['cron(0 3 ? * SUN *)', false], ['cron(0 3 1 * ? *)', false], ['at(2026-01-01T00:00:00)', undefined],
  ])('schedule %s fires at least daily: %s', (expression, expected) => {
    expect(firesAtLeastDaily(expression)).toBe(expected);
  });

  test('the self-check association without a schedule, or monthly, fails', () => {
    const s = new StackBuilder()
      .add('aws_ssm_document', 'av', { name: 'av', content: 'palisade-av-selfcheck', tags: { Antivirus: 'clamav' } })
      .add('aws_ssm_association', 'daily', { name: ref('aws_ssm_document', 'av', 'name'), schedule_expression: 'rate(1 day)' });
    expect(statuses(antivirusSelfCheckDaily, s)).toEqual(['compliant']);
    expect(open(antivirusSelfCheckDaily, s.update('aws_ssm_association', 'daily', (v) => { v.schedule_expression = 'cron(0 3 1 * ? *)'; }))[0]).toMatch(/less often than daily/);
    expect(open(antivirusSelfCheckDaily, s.update('aws_ssm_association', 'daily', (v) => { delete v.schedule_expression; }))[0]).toMatch(/runs once/);
  });
});

describe('PAL-ACCT-003: account controls present over a whole account', () => {
  const controls = () => new StackBuilder('sec')
    .add('aws_cloudtrail', 't', { is_multi_region_trail: true })
    .add('aws_config_configuration_recorder', 'r', {})
    .add('aws_securityhub_account', 'h', {})
    .add('aws_guardduty_detector', 'g', { enable: true })
    .add('aws_accessanalyzer_analyzer', 'a', { analyzer_name: 'a' })
    .add('aws_ebs_encryption_by_default', 'e', { enabled: true })
    .add('aws_s3_account_public_access_block', 'p', {})
    .add('aws_iam_account_password_policy', 'pw', {});
  const run = (...stacks: StackBuilder[]) => accountControlsPresent.evaluate(modelOf(...stacks), { allowedRegions: [], accountScope: 'complete' });

  test('all present passes; outside a complete scope the rule does not judge', () => {
    expect(run(controls()).every((r) => r.status === 'compliant')).toBe(true);
    expect(accountControlsPresent.evaluate(modelOf(controls()), { allowedRegions: [] })).toMatchObject([{ status: 'not-applicable' }]);
  });
  test('a single-region trail does not count as the multi-region trail', () => {
    const s = controls().update('aws_cloudtrail', 't', (v) => { v.is_multi_region_trail = false; });
    expect(failures(run(s)).map((r) => r.message)).toEqual([expect.stringMatching(/no a multi-region CloudTrail trail|multi-region CloudTrail/)]);
  });
  test('a regional control is needed in every region the account deploys to', () => {
    const second = new StackBuilder('app-west2', 'eu-west-2').add('aws_s3_bucket', 'b', { bucket: 'b' });
    const missing = failures(run(controls(), second)).map((r) => r.resource);
    expect(new Set(missing)).toEqual(new Set(['account.111122223333.eu-west-2']));
    expect(missing).toHaveLength(5);
  });
  test('a stack without allowed_account_ids cannot be placed in an account (unproven, low)', () => {
    const stray = new StackBuilder('stray').setProviders([{ region: 'eu-west-1' }]);
    expect(run(controls(), stray).filter((r) => r.status === 'unproven')).toMatchObject([{ stack: 'stray', severity: 'low', message: expect.stringContaining('cannot be shown at plan time') }]);
  });
});
