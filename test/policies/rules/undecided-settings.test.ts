import { modelFromDocuments } from '../../../policies/model/load';
import { asBool, asString, boolSettingOr, COMPUTED_VALUE, UNKNOWN_VALUE } from '../../../policies/model/values';
import { acmTransparencyLogging } from '../../../policies/rules/pal-acm-001';
import { ebsDefaultEncryption } from '../../../policies/rules/pal-acct-001';
import { albWafFailClosed } from '../../../policies/rules/pal-alb-009';
import { alarmAlertChain } from '../../../policies/rules/pal-alert-002';
import { guardDutyEnabled } from '../../../policies/rules/pal-detect-001';
import { configRecorderEnabled } from '../../../policies/rules/pal-detect-003';
import { DEFAULT_ALLOWED_REGIONS } from '../../../policies/rules/pal-gdpr-001';
import { kmsKeyRotation } from '../../../policies/rules/pal-kms-001';
import { rdsStorageEncrypted } from '../../../policies/rules/pal-rds-001';
import { rdsDeletionProtection } from '../../../policies/rules/pal-rds-004';
import { rdsManagedMasterSecret } from '../../../policies/rules/pal-rds-007';
import { rdsSecurityGroupAppTier } from '../../../policies/rules/pal-rds-010';
import { cloudTrailBaseline } from '../../../policies/rules/pal-trail-001';
import { subnetNoPublicIp } from '../../../policies/rules/pal-vpc-003';
import { iamNoAdminEquivalent } from '../../../policies/rules/pal-iam-001';
import { sgNoWorldAdminIngress } from '../../../policies/rules/pal-sg-001';
import { sgDescriptions } from '../../../policies/rules/pal-sg-003';
import type { Rule, RuleResult } from '../../../policies/rules/types';
import { evaluate, ref, StackBuilder } from '../fixtures';

/*
 * A boolean setting is one of three things to a rule: the value written (Terraform converts "1"/"0" to true/false),
 * the provider's default when the configuration leaves it unset (absent, null, or a plan's computed marker), or
 * undecided when an expression picks it at apply. Undecided is unproven — never read as the safe value.
 */
const statusOn = (results: RuleResult[], resource: string) => results.filter((r) => r.resource === resource).map((r) => r.status);
const UNDECIDED = '${var.toggle}';

describe('boolean settings: written, defaulted, undecided', () => {
  test('asBool reads Terraform\'s string spellings "1" and "0"', () => {
    expect([asBool('1'), asBool('0'), asBool('true'), asBool(' false '), asBool('yes'), asBool(1)]).toEqual([true, false, true, false, undefined, undefined]);
  });

  test('boolSettingOr gives the default for unset and computed values, and unknown for expressions', () => {
    expect([undefined, null, COMPUTED_VALUE].map((v) => boolSettingOr(v, true))).toEqual([true, true, true]);
    expect([UNDECIDED, UNKNOWN_VALUE, 'maybe'].map((v) => boolSettingOr(v, false))).toEqual(['unknown', 'unknown', 'unknown']);
    expect(boolSettingOr('0', true)).toBe(false);
  });

  test('asString reads a plan\'s computed marker as unset: the configuration chose nothing', () => {
    expect([asString(COMPUTED_VALUE), asString(UNKNOWN_VALUE), asString('arn:aws:kms:eu-west-1:111122223333:key/1')]).toEqual([undefined, UNKNOWN_VALUE, 'arn:aws:kms:eu-west-1:111122223333:key/1']);
  });
});

const subnet = (v: unknown) => new StackBuilder().add('aws_subnet', 's', { cidr_block: '10.0.1.0/24', map_public_ip_on_launch: v });
const detector = (v: unknown) => new StackBuilder().add('aws_guardduty_detector', 'd', { enable: v });
const ebs = (v: unknown) => new StackBuilder()
  .add('aws_ebs_encryption_by_default', 'e', { enabled: v })
  .add('aws_ebs_default_kms_key', 'k', { key_arn: 'arn:aws:kms:eu-west-1:111122223333:key/1' });
const alb = (v: unknown) => new StackBuilder().add('aws_lb', 'edge', { load_balancer_type: 'application', enable_waf_fail_open: v });
const alarm = (v: unknown) => new StackBuilder()
  .add('aws_sns_topic', 'alarms', { name: 'alarms', kms_master_key_id: 'alias/alarms' })
  .add('aws_sns_topic_subscription', 'oncall', { topic_arn: ref('aws_sns_topic', 'alarms', 'arn'), protocol: 'email', endpoint: 'oncall@example.org' })
  .add('aws_cloudwatch_metric_alarm', 'a', { metric_name: 'Errors', namespace: 'App', actions_enabled: v, alarm_actions: [ref('aws_sns_topic', 'alarms', 'arn')] });
const certificate = (v: unknown) => new StackBuilder().add('aws_acm_certificate', 'c', { domain_name: 'example.org', options: [{ certificate_transparency_logging_preference: v }] });
const key = (v: unknown) => new StackBuilder().add('aws_kms_key', 'k', { enable_key_rotation: v });

describe.each<[string, Rule, (v: unknown) => StackBuilder, string, { weak: unknown; strong: unknown; unset: 'compliant' | 'non-compliant' }]>([
  ['PAL-VPC-003 map_public_ip_on_launch', subnetNoPublicIp, subnet, 'aws_subnet.s', { weak: '1', strong: '0', unset: 'compliant' }],
  ['PAL-DETECT-001 enable', guardDutyEnabled, detector, 'aws_guardduty_detector.d', { weak: '0', strong: '1', unset: 'compliant' }],
  ['PAL-ACCT-001 enabled', ebsDefaultEncryption, ebs, 'aws_ebs_encryption_by_default.e', { weak: '0', strong: '1', unset: 'compliant' }],
  ['PAL-ALB-009 enable_waf_fail_open', albWafFailClosed, alb, 'aws_lb.edge', { weak: '1', strong: '0', unset: 'compliant' }],
  ['PAL-ALERT-002 actions_enabled', alarmAlertChain, alarm, 'aws_cloudwatch_metric_alarm.a', { weak: '0', strong: '1', unset: 'compliant' }],
  ['PAL-ACM-001 certificate_transparency_logging_preference', acmTransparencyLogging, certificate, 'aws_acm_certificate.c', { weak: 'DISABLED', strong: 'ENABLED', unset: 'compliant' }],
  ['PAL-KMS-001 enable_key_rotation', kmsKeyRotation, key, 'aws_kms_key.k', { weak: '0', strong: '1', unset: 'non-compliant' }],
])('%s', (_name, rule, stack, resource, { weak, strong, unset }) => {
  // Only the setting's own result counts: detectors also have per-plan results, alarms a notification chain.
  const first = (v: unknown) => statusOn(evaluate(rule, stack(v)), resource)[0];

  test('the weak spelling is non-compliant and the strong one is not', () => {
    expect(first(weak)).toBe('non-compliant');
    expect(first(strong)).not.toBe('non-compliant');
  });

  test('unset, null or computed by the provider is judged on the provider default', () => {
    expect([first(undefined), first(null), first(COMPUTED_VALUE)]).toEqual([unset, unset, unset]);
  });

  if (rule !== kmsKeyRotation) {
    test('an expression decided at apply is unproven, not a pass', () => {
      expect(first(UNDECIDED)).toBe('unproven');
      expect(first(UNKNOWN_VALUE)).toBe('unproven');
    });
  }
});

describe('PAL-TRAIL-001 and PAL-DETECT-003: undecided settings among the others', () => {
  const trail = (extra: Record<string, unknown>) => new StackBuilder().add('aws_cloudtrail', 't', {
    is_multi_region_trail: true, enable_log_file_validation: true, kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/1',
    cloud_watch_logs_group_arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:trail:*', cloud_watch_logs_role_arn: 'arn:aws:iam::111122223333:role/trail', ...extra,
  });
  const recorder = (group: Record<string, unknown>) => new StackBuilder('sec')
    .add('aws_config_configuration_recorder', 'main', { name: 'r', role_arn: 'arn:aws:iam::111122223333:role/x', recording_group: { include_global_resource_types: true, ...group } })
    .add('aws_config_delivery_channel', 'main', { name: 'c', s3_bucket_name: 'b' })
    .add('aws_config_configuration_recorder_status', 'main', { name: ref('aws_config_configuration_recorder', 'main', 'name'), is_enabled: true });

  test('a trail whose logging is decided at apply is unproven; stopped is non-compliant', () => {
    expect(evaluate(cloudTrailBaseline, trail({}))[0].status).toBe('compliant');
    expect(evaluate(cloudTrailBaseline, trail({ enable_logging: UNDECIDED }))[0]).toMatchObject({ status: 'unproven', message: expect.stringContaining('enable_logging is ${var.toggle}') });
    expect(evaluate(cloudTrailBaseline, trail({ enable_logging: '0' }))[0].status).toBe('non-compliant');
  });

  test('a selector whose include_management_events is decided at apply is unproven; a definite gap still fails', () => {
    const selector = (v: unknown) => ({ event_selector: [{ read_write_type: 'All', include_management_events: v }] });
    expect(evaluate(cloudTrailBaseline, trail(selector(UNDECIDED)))[0].status).toBe('unproven');
    expect(evaluate(cloudTrailBaseline, trail(selector('0')))[0].status).toBe('non-compliant');
    expect(evaluate(cloudTrailBaseline, trail({ ...selector(UNDECIDED), is_multi_region_trail: false }))[0].status).toBe('non-compliant');
  });

  test('a recorder whose all_supported is decided at apply is unproven', () => {
    expect(evaluate(configRecorderEnabled, recorder({ all_supported: true }))[0].status).toBe('compliant');
    expect(evaluate(configRecorderEnabled, recorder({ all_supported: UNDECIDED }))[0].status).toBe('unproven');
    expect(evaluate(configRecorderEnabled, recorder({ all_supported: '0' }))[0].status).toBe('non-compliant');
  });
});

/**
 * A `terraform show -json` plan as Terraform writes it for a DB instance whose configuration sets storage_encrypted
 * and manage_master_user_password but no key: kms_key_id, master_user_secret_kms_key_id, id and arn are all known only
 * after apply (the provider fills them in), next to an unrelated queue whose id and arn are also known after apply.
 */
function dbPlan(): Record<string, unknown> {
  const db = { allocated_storage: 20, engine: 'postgres', instance_class: 'db.t3.micro', storage_encrypted: true, manage_master_user_password: true, username: 'app' };
  const queue = { name: 'jobs' };
  const change = (address: string, type: string, name: string, after: object, unknown: string[]) => ({
    address, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions: ['create'], before: null, after, after_unknown: Object.fromEntries(unknown.map((k) => [k, true])) },
  });
  const expressions = (values: object) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { constant_value: v }]));
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: [
      { address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', provider_name: 'registry.terraform.io/hashicorp/aws', values: db },
      { address: 'aws_sqs_queue.jobs', mode: 'managed', type: 'aws_sqs_queue', name: 'jobs', provider_name: 'registry.terraform.io/hashicorp/aws', values: queue },
    ] } },
    resource_changes: [
      change('aws_db_instance.db', 'aws_db_instance', 'db', db, ['id', 'arn', 'kms_key_id', 'master_user_secret_kms_key_id', 'vpc_security_group_ids', 'db_subnet_group_name', 'parameter_group_name']),
      change('aws_sqs_queue.jobs', 'aws_sqs_queue', 'jobs', queue, ['id', 'arn', 'url']),
    ],
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'eu-west-1' } } } },
      root_module: { resources: [
        { address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', provider_config_key: 'aws', expressions: expressions(db) },
        { address: 'aws_sqs_queue.jobs', mode: 'managed', type: 'aws_sqs_queue', name: 'jobs', provider_config_key: 'aws', expressions: expressions(queue) },
      ] },
    },
    applyable: true,
    complete: true,
    errored: false,
  };
}

describe('a plan\'s computed attributes are unset, and name no resource', () => {
  const model = () => modelFromDocuments([{ file: 'plan.json', json: dbPlan() }]);
  const run = (rule: Rule) => rule.evaluate(model(), { allowedRegions: DEFAULT_ALLOWED_REGIONS });

  test('PAL-RDS-001: encrypted storage whose kms_key_id the provider computes uses the AWS managed key: non-compliant', () => {
    expect(run(rdsStorageEncrypted)[0]).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('AWS managed key aws/rds') });
  });

  test('PAL-RDS-004: deletion_protection the provider computes is unset (off by default), not an expression', () => {
    const p = dbPlan();
    ((p.resource_changes as Array<{ change: { after_unknown: Record<string, boolean> } }>)[0].change.after_unknown).deletion_protection = true;
    const r = rdsDeletionProtection.evaluate(modelFromDocuments([{ file: 'plan.json', json: p }]), { allowedRegions: DEFAULT_ALLOWED_REGIONS })[0];
    expect(r).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('not set') });
  });

  test('PAL-RDS-007: a managed master secret whose key the provider computes uses aws/secretsmanager: non-compliant', () => {
    expect(run(rdsManagedMasterSecret)[0]).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('aws/secretsmanager') });
  });

  test('two resources whose ids are both known only after apply are not linked as if the ids were equal', () => {
    const m = model();
    const db = m.get('plan', 'aws_db_instance.db')!;
    expect(m.outgoing(db).map((e) => e.to.address)).toEqual([]);
    // The configuration sets no groups, so the VPC's default group applies: a finding, not a pass through the queue.
    expect(run(rdsSecurityGroupAppTier)[0]).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('default security group') });
  });
});

/*
 * Found on plans of public modules (terraform-aws-modules security-group, vpc, kms, autoscaling, s3-bucket): a
 * provider-computed attribute the configuration never writes is not an expression decided at apply.
 */
describe('a plan\'s computed lists are not undecided expressions', () => {
  test('a security group whose inline ingress the provider computes (rules are separate resources) has no undecided list', () => {
    const s = new StackBuilder().add('aws_security_group', 'app', { name: 'app', description: 'app', vpc_id: 'vpc-1', ingress: COMPUTED_VALUE, egress: COMPUTED_VALUE })
      .add('aws_security_group_rule', 'https', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'], description: 'https' });
    expect(statusOn(evaluate(sgNoWorldAdminIngress, s), 'aws_security_group_rule.https')[0]).toBe('compliant');
    expect(statusOn(evaluate(sgDescriptions, s), 'aws_security_group.app')[0]).toBe('compliant');
  });

  test('a role whose managed_policy_arns the provider computes attaches nothing by itself', () => {
    const s = new StackBuilder().add('aws_iam_role', 'app', { name: 'app', assume_role_policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }), managed_policy_arns: COMPUTED_VALUE });
    expect(evaluate(iamNoAdminEquivalent, s).map((r) => r.status)).not.toContain('unproven');
  });
});
