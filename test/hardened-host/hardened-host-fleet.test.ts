/**
 * HardenedHostFleet as synthesized: launch template, Auto Scaling group, identity, network, alarms, the State Manager
 * self-check, and every refused configuration.
 */
import { gzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { PalisadeConfigError } from '../../constructs/errors';
import { Testing } from '../../constructs/framework';
import {
  AGENT_LOG_ACTIONS,
  DEFAULT_APT_MIRROR_URI,
  HardenedHostFleet,
  HardenedHostFleetProps,
  hclQuotedStringBody,
  UBUNTU_AMI_PARAMETER,
} from '../../constructs/hardened-host/hardened-host-fleet';
import { avSelfCheckSsmDocument } from '../../constructs/hardened-host/ssm-selfcheck';
import { renderUserData } from '../../constructs/hardened-host/user-data';
import { KmsKey, KmsServiceGrants } from '../../constructs/kms/kms-key';
import { LeastPrivilegeSecurityGroup } from '../../constructs/network/security-group';
import { SegmentedVpc } from '../../constructs/network/segmented-vpc';
import { unescapeHclString } from '../../policies/rules/lib/ec2';
import { PalisadeStack } from '../../stacks/palisade-stack';
import { ref, resourcesOf, synthStack, testEnvironment } from '../support/synth';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const LOG_GROUP = '/palisade/test/hardened-host/app/antivirus';

function build(props: Partial<HardenedHostFleetProps> = {}, options: { logsKeyGrantsLogs?: boolean } = {}) {
  const stack = new PalisadeStack(Testing.app(), { environment: testEnvironment(), component: 'hosts' });
  const logsKey = new KmsKey(stack, 'logs_key', {
    purpose: 'logs', environment: 'test', accountId: ACCOUNT, region: REGION, description: 'logs',
    serviceGrants: options.logsKeyGrantsLogs === false ? [] : [KmsServiceGrants.cloudWatchLogs(REGION, ACCOUNT)],
  });
  const network = new SegmentedVpc(stack, 'network', {
    environment: 'test', accountId: ACCOUNT, region: REGION, cidr: '10.0.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'], logsKey,
  });
  const fleet = new HardenedHostFleet(stack, 'app', { environment: 'test', accountId: ACCOUNT, region: REGION, name: 'app', network, logsKey, ...props });
  return { stack, fleet, network };
}

function synth(props: Partial<HardenedHostFleetProps> = {}) {
  const built = build(props);
  return { ...built, json: synthStack(built.stack) };
}

const one = (json: any, type: string) => {
  const all = Object.entries(resourcesOf(json, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0][1] as any;
};

/** The literal inside `${base64gzip("…")}`, unescaped as Terraform reads it. */
function userDataLiteral(json: any): string {
  const value: string = one(json, 'aws_launch_template').user_data;
  const m = /^\$\{base64gzip\("([\s\S]*)"\)\}$/.exec(value);
  if (!m) throw new Error(`user_data is not a base64gzip() call on a literal: ${value.slice(0, 80)}`);
  const text = unescapeHclString(m[1]);
  if (text === undefined) throw new Error('user_data literal holds an interpolation');
  return text;
}

describe('HardenedHostFleet launch template', () => {
  const { json, fleet } = synth();
  const lt = one(json, 'aws_launch_template');

  test('requires IMDSv2 with a hop limit of 1, endpoint on, instance tags off the metadata service', () => {
    expect(lt.metadata_options).toEqual({
      http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, http_protocol_ipv6: 'disabled', instance_metadata_tags: 'disabled',
    });
  });

  test('has one interface without a public IP, in the fleet security group', () => {
    expect(lt.network_interfaces).toEqual([{
      device_index: 0, associate_public_ip_address: 'false', delete_on_termination: 'true',
      security_groups: [ref('aws_security_group', 'test_app_security_group')],
    }]);
  });

  test('encrypts the gp3 root volume with the fleet EBS key and deletes it with the instance', () => {
    expect(lt.block_device_mappings).toEqual([{
      device_name: '/dev/sda1',
      ebs: { volume_type: 'gp3', volume_size: 30, encrypted: 'true', kms_key_id: ref('aws_kms_key', 'test_app_ebs_key', 'arn'), delete_on_termination: 'true' },
    }]);
  });

  test('resolves the Ubuntu 24.04 AMI from Canonical\'s public SSM parameter at launch (no data source)', () => {
    expect(lt.image_id).toBe(`resolve:ssm:${UBUNTU_AMI_PARAMETER}`);
    expect(json.data?.aws_ami).toBeUndefined();
    expect(json.data?.aws_ssm_parameter).toBeUndefined();
  });

  test('detailed monitoring, EBS optimized, the instance profile, no key pair', () => {
    expect(lt.monitoring).toEqual({ enabled: true });
    expect(lt.ebs_optimized).toBe('true');
    expect(lt.iam_instance_profile).toEqual({ arn: ref('aws_iam_instance_profile', 'test_app_instance_profile', 'arn') });
    expect(lt.key_name).toBeUndefined();
    expect(lt.instance_type).toBe('m7i.large');
  });

  test('user data is base64gzip() of exactly the rendered cloud-config, with the literal log group name', () => {
    const expected = renderUserData({ logGroupName: LOG_GROUP }, { region: REGION, logGroupName: LOG_GROUP, aptMirrorUri: DEFAULT_APT_MIRROR_URI });
    expect(userDataLiteral(json)).toBe(expected);
    expect(fleet.userData).toBe(expected);
    expect(expected).toContain(`"log_group_name": "${LOG_GROUP}"`);
    expect(gzipSync(expected, { level: 9 }).length).toBeLessThan(16384);
  });

  test('the escaping matters: the scripts hold backslashes that Terraform would otherwise read as escapes', () => {
    expect(fleet.userData).toContain('\\');
    expect(hclQuotedStringBody('a\\b %{x} \t')).toBe('a\\\\b %%{x} \\t');
  });

  test('apt uses the HTTPS mirror for the primary and security pockets (no port 80 needed)', () => {
    const doc = parseYaml(fleet.userData);
    expect(doc.apt).toEqual({ primary: [{ arches: ['default'], uri: DEFAULT_APT_MIRROR_URI }], security: [{ arches: ['default'], uri: DEFAULT_APT_MIRROR_URI }] });
  });

  test('instances and volumes are tagged with the fleet, tier and antivirus marker at launch', () => {
    const instance = lt.tag_specifications.find((t: any) => t.resource_type === 'instance');
    expect(instance.tags).toMatchObject({ PalisadeFleet: 'app', Tier: 'app', Antivirus: 'clamav' });
    expect(lt.tag_specifications.map((t: any) => t.resource_type)).toEqual(['instance', 'volume', 'network-interface']);
  });
});

describe('HardenedHostFleet Auto Scaling group', () => {
  const { json } = synth();
  const asg = one(json, 'aws_autoscaling_group');

  test('spans the app-tier subnets and always launches the latest template version', () => {
    expect(asg.vpc_zone_identifier).toEqual([ref('aws_subnet', 'test_network_app_a'), ref('aws_subnet', 'test_network_app_b')]);
    expect(asg.launch_template).toEqual({ id: ref('aws_launch_template', 'test_app_launch_template'), version: ref('aws_launch_template', 'test_app_launch_template', 'latest_version') });
  });

  test('refreshes instances rolling, keeping 90 % healthy, when the template changes', () => {
    expect(asg.instance_refresh).toEqual({ strategy: 'Rolling', preferences: { min_healthy_percentage: 90 } });
  });

  test('2 to 4 instances by default, EC2 health checks while not attached to a load balancer', () => {
    expect([asg.min_size, asg.max_size, asg.desired_capacity]).toEqual([2, 4, 2]);
    expect(asg.health_check_type).toBe('EC2');
    expect(asg.target_group_arns).toBeUndefined();
  });

  test('propagates Tier=app and the fleet tag to instances at launch', () => {
    expect(asg.tag).toEqual(expect.arrayContaining([
      { key: 'Tier', value: 'app', propagate_at_launch: true },
      { key: 'PalisadeFleet', value: 'app', propagate_at_launch: true },
    ]));
  });

  test('attached to target groups, it uses ELB health checks', () => {
    const attached = one(synth({ loadBalancer: { targetGroupArns: ['arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/x/0123456789abcdef'] } }).json, 'aws_autoscaling_group');
    expect(attached.health_check_type).toBe('ELB');
    expect(attached.target_group_arns).toEqual(['arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/x/0123456789abcdef']);
  });
});

describe('HardenedHostFleet identity (least privilege)', () => {
  const { json } = synth();

  test('the role trusts EC2 only and has only the SSM core managed policy attached', () => {
    const role = resourcesOf(json, 'aws_iam_role').test_app_role;
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    const attachments = Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment')).filter((a: any) => a.role === ref('aws_iam_role', 'test_app_role', 'name'));
    expect(attachments.map((a: any) => a.policy_arn)).toEqual(['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore']);
    expect(Object.values(resourcesOf(json, 'aws_iam_role_policy')).filter((p: any) => p.role === ref('aws_iam_role', 'test_app_role')).length).toBe(1);
  });

  test('the inline policy allows exactly the agent\'s three log actions, on the antivirus log group only', () => {
    const policy = JSON.parse(resourcesOf(json, 'aws_iam_role_policy').test_app_antivirus_log_shipping.policy);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Action).toEqual(['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents']);
    expect(policy.Statement[0].Action).toEqual(AGENT_LOG_ACTIONS);
    expect(policy.Statement[0].Resource).toEqual([
      ref('aws_cloudwatch_log_group', 'test_app_antivirus_logs', 'arn'),
      `${ref('aws_cloudwatch_log_group', 'test_app_antivirus_logs', 'arn')}:log-stream:*`,
    ]);
    const actions = policy.Statement.flatMap((s: any) => [s.Action].flat());
    expect(actions.filter((a: string) => a.includes('*'))).toEqual([]);
  });

  test('the EBS key lets the Auto Scaling service-linked role use it and create grants only for AWS resources', () => {
    const key = resourcesOf(json, 'aws_kms_key').test_app_ebs_key;
    const statements = JSON.parse(key.policy).Statement;
    const slr = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Principal: { AWS: slr }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'] }),
      expect.objectContaining({ Principal: { AWS: slr }, Action: 'kms:CreateGrant', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } }),
    ]));
  });
});

describe('HardenedHostFleet network', () => {
  test('egress only HTTPS: to the internet through NAT and to the interface endpoints; no ingress, no port 22', () => {
    const { json } = synth();
    const egress = Object.values(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).filter((r: any) => r.security_group_id === ref('aws_security_group', 'test_app_security_group'));
    expect(egress.map((r: any) => [r.from_port, r.to_port, r.cidr_ipv4 ?? r.referenced_security_group_id])).toEqual([
      [443, 443, '0.0.0.0/0'],
      [443, 443, ref('aws_security_group', 'test_network_endpoints_security_group')],
    ]);
    const ingress = Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).filter((r: any) => r.security_group_id === ref('aws_security_group', 'test_app_security_group'));
    expect(ingress).toEqual([]);
  });

  test('allowFrom admits a load balancer group on the app port only', () => {
    const { stack, fleet, network } = build();
    const lb = new LeastPrivilegeSecurityGroup(stack, 'alb', { vpcId: network.vpc.id, name: 'alb', description: 'alb', tier: 'public' });
    fleet.allowFrom(lb, 8443);
    const ingress = Object.values(resourcesOf(synthStack(stack), 'aws_vpc_security_group_ingress_rule')).filter((r: any) => r.security_group_id === ref('aws_security_group', 'test_app_security_group'));
    expect(ingress.map((r: any) => [r.from_port, r.to_port, r.referenced_security_group_id])).toEqual([[8443, 8443, ref('aws_security_group', 'test_alb')]]);
  });
});

describe('HardenedHostFleet logs and alarms', () => {
  const { json } = synth();

  test('the KMS-encrypted antivirus log group keeps events 365 days under a per-environment name', () => {
    const group = resourcesOf(json, 'aws_cloudwatch_log_group').test_app_antivirus_logs;
    expect(group).toMatchObject({ name: LOG_GROUP, retention_in_days: 365, kms_key_id: ref('aws_kms_key', 'test_logs_key', 'arn') });
  });

  test('each alarm watches exactly the metric its filter emits: ≥ 1 in 5 minutes, missing data not breaching, to the topic', () => {
    const filters = resourcesOf(json, 'aws_cloudwatch_log_metric_filter');
    const alarms = resourcesOf(json, 'aws_cloudwatch_metric_alarm');
    const pairs: [string, string, string][] = [
      ['test_app_detections_filter', 'test_app_malware_detected', 'AntivirusDetections'],
      ['test_app_scan_errors_filter', 'test_app_scan_errors', 'AntivirusScanErrors'],
      ['test_app_selfcheck_failures_filter', 'test_app_selfcheck_failed', 'AntivirusSelfCheckFailures'],
    ];
    for (const [filterName, alarmName, metric] of pairs) {
      const transform = filters[filterName].metric_transformation;
      const alarm = alarms[alarmName];
      expect({ namespace: alarm.namespace, metric: alarm.metric_name }).toEqual({ namespace: transform.namespace, metric: transform.name });
      expect(transform).toMatchObject({ namespace: 'Palisade/HardenedHost', name: metric });
      expect(alarm).toMatchObject({ statistic: 'Sum', period: 300, evaluation_periods: 1, threshold: 1, comparison_operator: 'GreaterThanOrEqualToThreshold', treat_missing_data: 'notBreaching' });
      expect(alarm.alarm_actions).toEqual([ref('aws_sns_topic', 'test_app_alarm_topic', 'arn')]);
      expect(filters[filterName].log_group_name).toBe(ref('aws_cloudwatch_log_group', 'test_app_antivirus_logs', 'name'));
    }
    expect(filters.test_app_detections_filter.pattern).toBe('{ $.event = "detection" }');
  });

  test('the fleet\'s own topic is KMS-encrypted and admits only this account\'s fleet alarms', () => {
    const topic = one(json, 'aws_sns_topic');
    expect(topic.kms_master_key_id).toBe(ref('aws_kms_key', 'test_app_alarms_key', 'arn'));
    const statement = JSON.parse(one(json, 'aws_sns_topic_policy').policy).Statement[0];
    expect(statement).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish',
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:palisade-test-app-*` } } });
  });

  test('a topic passed in is used instead of creating one', () => {
    const arn = `arn:aws:sns:${REGION}:${ACCOUNT}:security-alerts`;
    const { json: passed } = synth({ alarmTopicArn: arn });
    expect(resourcesOf(passed, 'aws_sns_topic')).toEqual({});
    expect(Object.values(resourcesOf(passed, 'aws_cloudwatch_metric_alarm')).map((a: any) => a.alarm_actions)).toEqual([[arn], [arn], [arn]]);
  });
});

describe('HardenedHostFleet State Manager self-check', () => {
  const { json } = synth();

  test('the document is the AV self-check Command document', () => {
    const doc = one(json, 'aws_ssm_document');
    expect(doc).toMatchObject({ document_type: 'Command', document_format: 'JSON', content: JSON.stringify(avSelfCheckSsmDocument()) });
  });

  test('the association runs it daily on the instances tagged with the fleet, HIGH severity, at once, with no output location', () => {
    const association = one(json, 'aws_ssm_association');
    expect(association).toMatchObject({
      name: ref('aws_ssm_document', 'test_app_selfcheck_document', 'name'),
      schedule_expression: 'rate(1 day)',
      compliance_severity: 'HIGH',
      apply_only_at_cron_interval: false,
      targets: [{ key: 'tag:PalisadeFleet', values: ['app'] }],
    });
    expect(association.output_location).toBeUndefined();
    const asg = one(json, 'aws_autoscaling_group');
    expect(asg.tag).toContainEqual({ key: 'PalisadeFleet', value: 'app', propagate_at_launch: true });
  });
});

describe('HardenedHostFleet refuses bad configuration', () => {
  const refused = (props: Partial<HardenedHostFleetProps>, options: { logsKeyGrantsLogs?: boolean } = {}) => {
    try {
      build(props, options);
    } catch (e) {
      expect(e).toBeInstanceOf(PalisadeConfigError);
      return (e as Error).message;
    }
    throw new Error('accepted');
  };

  test('a fleet name with capitals', () => {
    expect(refused({ name: 'App' })).toMatch(/^test-hosts\/app: name = "App": use 1–24 lower-case/);
  });
  test('an instance type not shaped family.size', () => {
    expect(refused({ instanceType: 'M7i.Large' })).toMatch(/^test-hosts\/app: instanceType = "M7i.Large": an EC2 instance type/);
    expect(refused({ instanceType: 'large' })).toContain('instanceType = "large"');
  });
  test('minSize above maxSize', () => {
    expect(refused({ minSize: 5, maxSize: 3 })).toBe('test-hosts/app: minSize = 5: must not exceed maxSize (3)');
  });
  test('desiredCapacity outside [minSize, maxSize]', () => {
    expect(refused({ minSize: 2, maxSize: 4, desiredCapacity: 5 })).toBe('test-hosts/app: desiredCapacity = 5: must lie within [minSize, maxSize] = [2, 4]');
    expect(refused({ minSize: 2, maxSize: 4, desiredCapacity: 1 })).toContain('desiredCapacity = 1');
  });
  test('a negative or fractional size', () => {
    expect(refused({ maxSize: 2.5 })).toContain('maxSize = 2.5: a whole number of instances');
  });
  test('a root volume smaller than the image', () => {
    expect(refused({ rootVolumeSizeGiB: 4 })).toContain('rootVolumeSizeGiB = 4');
  });
  test('log retention below the audit floor or above the personal-data cap', () => {
    expect(refused({ logRetentionDays: 30 })).toContain('logRetentionDays = 30: a CloudWatch retention value from 365');
    expect(refused({ logRetentionDays: 1096, maxLogRetentionDays: 731 })).toContain('logRetentionDays = 1096');
  });
  test('a cron expression that does not parse (re-thrown with the construct path)', () => {
    expect(refused({ antivirus: { fullScanSchedule: '61 3 * * *' } })).toMatch(/^test-hosts\/app: antivirus\.fullScanSchedule = "61 3 \* \* \*": is not a valid cron expression/);
  });
  test('a cron expression with @macros', () => {
    expect(refused({ antivirus: { signatureUpdateSchedule: '@hourly' } })).toContain('antivirus.signatureUpdateSchedule = "@hourly"');
  });
  test('a relative upload path', () => {
    expect(refused({ antivirus: { uploadPaths: ['srv/uploads'] } })).toBe('test-hosts/app: antivirus.uploadPaths[0] = "srv/uploads": must be an absolute path');
  });
  test('a quarantine directory that is not absolute', () => {
    expect(refused({ antivirus: { quarantineDir: 'quarantine' } })).toContain('antivirus.quarantineDir = "quarantine": must be an absolute path');
  });
  test('several antivirus problems: the first is named, the others counted', () => {
    expect(refused({ antivirus: { uploadPaths: ['rel'], logFile: 'x' } })).toMatch(/antivirus\.uploadPaths\[0\].*\(and 1 more: logFile\)/);
  });
  test('a plain-HTTP apt mirror (hosts have no port 80)', () => {
    expect(refused({ aptMirrorUri: 'http://archive.ubuntu.com/ubuntu' })).toMatch(/^test-hosts\/app: aptMirrorUri = "http:\/\/archive.ubuntu.com\/ubuntu": must be an https:\/\/ URL/);
  });
  test('the public tier', () => {
    expect(refused({ tier: 'public' })).toContain('tier = "public": hardened hosts never run in a public tier');
  });
  test('a tier the network does not have', () => {
    expect(refused({ tier: 'batch' })).toContain('tier = "batch": no such tier');
  });
  test('a logs key that does not grant CloudWatch Logs', () => {
    expect(refused({}, { logsKeyGrantsLogs: false })).toContain('logsKey = "test-hosts/logs_key": the key policy must grant logs.eu-west-1.amazonaws.com');
  });
  test('an alarm e-mail that is not an address, and a topic ARN that is not one', () => {
    expect(refused({ alarmEmail: 'security' })).toContain('alarmEmail = "security"');
    expect(refused({ alarmTopicArn: 'security-alerts' })).toContain('alarmTopicArn = "security-alerts"');
  });
});
