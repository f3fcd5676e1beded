import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter, CloudwatchLogMetricFilterConfig } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { ANTIVIRUS_TAG } from '../../policies/facts';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SsmAssociation } from '@cdktf/provider-aws/lib/ssm-association';
import { SsmDocument } from '@cdktf/provider-aws/lib/ssm-document';
import { resourceTags } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct, Fn, Token } from '../framework';
import { KmsKey, KmsRoleGrants } from '../kms/kms-key';
import { LeastPrivilegeSecurityGroup, Peer } from '../network/security-group';
import type { SegmentedVpc } from '../network/segmented-vpc';
import { CLOUDWATCH_RETENTION_DAYS, MIN_AUDIT_LOG_RETENTION_DAYS } from '../network/vpc-flow-log';
import { AntivirusConfig, AntivirusConfigError, AntivirusConfigInput, resolveAntivirusConfig } from './antivirus-config';
import { avDetectionMetricFilter, avScanErrorMetricFilter, avSelfCheckFailureMetricFilter } from './metric-filter';
import { AV_SELFCHECK_ASSOCIATION_SCHEDULE, avSelfCheckSsmDocument } from './ssm-selfcheck';
import { EC2_USER_DATA_LIMIT_BYTES, gzippedUserDataSize, renderUserData } from './user-data';

/** Ubuntu 24.04 LTS (amd64, gp3) published by Canonical as a public SSM parameter; EC2 resolves it at each launch. */
export const UBUNTU_AMI_PARAMETER = '/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id';
/** Canonical's Ubuntu AMIs name their root device so. */
const UBUNTU_ROOT_DEVICE = '/dev/sda1';
/** Tag whose value names the fleet: the SSM association selects the fleet's instances by it. */
export const FLEET_TAG_KEY = 'PalisadeFleet';
/** Tag marking instances that run the Palisade ClamAV agent (checked together with the association by PAL-AV-001). */
export { ANTIVIRUS_TAG };
/**
 * An HTTPS mirror of the whole Ubuntu archive (kernel.org's CDN). archive.ubuntu.com, its regional EC2 mirrors and
 * security.ubuntu.com serve plain HTTP only, and hosts get no port 80; packages stay verified by APT signatures.
 */
export const DEFAULT_APT_MIRROR_URI = 'https://mirrors.edge.kernel.org/ubuntu';
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
const SSM_CORE_POLICY_ARN = 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore';
/** What the CloudWatch agent needs to ship into an existing log group, and nothing else. */
export const AGENT_LOG_ACTIONS = ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'];

/** A load balancer whose target group the fleet registers with. */
export interface FleetLoadBalancerAttachment {
  /** Target group ARNs the Auto Scaling group registers instances with; health checks become ELB checks. */
  readonly targetGroupArns: string[];
}

export interface HardenedHostFleetProps {
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** Fleet name: lower-case letters, digits, dashes. Names AWS resources and is the value of the `PalisadeFleet` tag. */
  readonly name: string;
  /** The network: instances go into the subnets of `tier`; egress to its interface endpoints. */
  readonly network: SegmentedVpc;
  /** Tier the instances run in. @default 'app' */
  readonly tier?: string;
  /** Key of the antivirus log group; its policy must grant CloudWatch Logs of this region. */
  readonly logsKey: KmsKey;
  /** Key encrypting the root volumes; its policy must let the Auto Scaling service-linked role use it. @default a new `ebs` key */
  readonly ebsKey?: KmsKey;
  /** EC2 instance type. @default 'm7i.large' (8 GiB: clamd holds the signature database in memory) */
  readonly instanceType?: string;
  /** @default 2 */
  readonly minSize?: number;
  /** @default 4 */
  readonly maxSize?: number;
  /** @default minSize */
  readonly desiredCapacity?: number;
  /** Root volume size in GiB (8–1024). @default 30 */
  readonly rootVolumeSizeGiB?: number;
  /** ClamAV settings (paths, schedules, signature age); validated by `resolveAntivirusConfig`. @default ANTIVIRUS_DEFAULTS with a per-environment log group */
  readonly antivirus?: AntivirusConfigInput;
  /** Antivirus log retention in days (a CloudWatch value, ≥ 365). @default 365 */
  readonly logRetentionDays?: number;
  /** Cap on log retention (personal data in file names). @default 731 */
  readonly maxLogRetentionDays?: number;
  /** HTTPS Ubuntu mirror for apt (hosts have no port 80). @default {@link DEFAULT_APT_MIRROR_URI} */
  readonly aptMirrorUri?: string;
  /** Register with these target groups (ELB health checks). @default not attached: EC2 health checks */
  readonly loadBalancer?: FleetLoadBalancerAttachment;
  /** Further security groups the instances join, e.g. the edge's `appTargets` group that admits the load balancer. @default none */
  readonly extraSecurityGroups?: LeastPrivilegeSecurityGroup[];
  /**
   * SNS topic the alarms notify. Its access policy and key must admit `cloudwatch.amazonaws.com`.
   * @default a KMS-encrypted topic of the fleet that admits this account's CloudWatch alarms
   */
  readonly alarmTopicArn?: string;
  /** E-mail subscribed to the fleet's own alarm topic. @default no subscription */
  readonly alarmEmail?: string;
  /** Seconds after launch before health checks count (cloud-init installs ClamAV first). @default 900 */
  readonly healthCheckGracePeriodSeconds?: number;
}

/**
 * An Auto Scaling fleet of hardened Ubuntu hosts in a private tier with a ClamAV agent: IMDSv2 only, no public IP,
 * CMK-encrypted gp3 root volumes, SSM Session Manager instead of SSH, an instance role limited to SSM and shipping
 * its own log group, detections and failed self-checks alarmed, and a daily State Manager self-check that makes
 * an instance without a working antivirus non-compliant.
 */
export class HardenedHostFleet extends Construct {
  public readonly launchTemplate: LaunchTemplate;
  public readonly autoScalingGroup: AutoscalingGroup;
  public readonly securityGroup: LeastPrivilegeSecurityGroup;
  public readonly role: IamRole;
  public readonly instanceProfile: IamInstanceProfile;
  public readonly logGroup: CloudwatchLogGroup;
  /** The literal log-group name (the user data needs it before the group exists). */
  public readonly logGroupName: string;
  public readonly ebsKey: KmsKey;
  public readonly detectionFilter: CloudwatchLogMetricFilter;
  public readonly detectionAlarm: CloudwatchMetricAlarm;
  public readonly selfCheckFailureAlarm: CloudwatchMetricAlarm;
  public readonly scanErrorAlarm: CloudwatchMetricAlarm;
  public readonly selfCheckDocument: SsmDocument;
  public readonly selfCheckAssociation: SsmAssociation;
  public readonly alarmTopicArn: string;
  /** The rendered `#cloud-config` (before gzip + base64). */
  public readonly userData: string;
  public readonly antivirus: AntivirusConfig;
  private readonly appPortLabels = new Set<string>();

  constructor(scope: Construct, id: string, props: HardenedHostFleetProps) {
    super(scope, id);
    const where = this.node.path;
    const { environment: env, accountId, region } = props;
    if (!/^[a-z][a-z0-9-]{0,23}$/.test(props.name ?? '')) {
      throw new PalisadeConfigError(where, 'name', props.name, 'use 1–24 lower-case letters, digits and dashes, starting with a letter');
    }
    const tierName = props.tier ?? 'app';
    const instanceType = props.instanceType ?? 'm7i.large';
    if (!INSTANCE_TYPE.test(instanceType)) {
      throw new PalisadeConfigError(where, 'instanceType', instanceType, 'an EC2 instance type such as "m7i.large" (family.size, lower-case)');
    }
    const minSize = props.minSize ?? 2;
    const maxSize = props.maxSize ?? 4;
    const desired = props.desiredCapacity ?? minSize;
    for (const [field, value] of [['minSize', minSize], ['maxSize', maxSize], ['desiredCapacity', desired]] as const) {
      if (!Number.isInteger(value) || value < 0 || value > 1000) {
        throw new PalisadeConfigError(where, field, value, 'a whole number of instances from 0 to 1000');
      }
    }
    if (minSize > maxSize) {
      throw new PalisadeConfigError(where, 'minSize', minSize, `must not exceed maxSize (${maxSize})`);
    }
    if (desired < minSize || desired > maxSize) {
      throw new PalisadeConfigError(where, 'desiredCapacity', desired, `must lie within [minSize, maxSize] = [${minSize}, ${maxSize}]`);
    }
    const rootSize = props.rootVolumeSizeGiB ?? 30;
    if (!Number.isInteger(rootSize) || rootSize < 8 || rootSize > 1024) {
      throw new PalisadeConfigError(where, 'rootVolumeSizeGiB', rootSize, 'a whole number of GiB from 8 (the Ubuntu image) to 1024');
    }
    const cap = props.maxLogRetentionDays ?? 731;
    const retention = props.logRetentionDays ?? MIN_AUDIT_LOG_RETENTION_DAYS;
    if (!CLOUDWATCH_RETENTION_DAYS.includes(retention) || retention < MIN_AUDIT_LOG_RETENTION_DAYS || retention > cap) {
      throw new PalisadeConfigError(where, 'logRetentionDays', retention,
        `a CloudWatch retention value from ${MIN_AUDIT_LOG_RETENTION_DAYS} (audit floor) to ${cap} (personal-data cap): ${CLOUDWATCH_RETENTION_DAYS.filter((d) => d >= MIN_AUDIT_LOG_RETENTION_DAYS && d <= cap).join(', ')}`);
    }
    const grace = props.healthCheckGracePeriodSeconds ?? 900;
    if (!Number.isInteger(grace) || grace < 0 || grace > 7200) {
      throw new PalisadeConfigError(where, 'healthCheckGracePeriodSeconds', grace, 'a whole number of seconds from 0 to 7200');
    }
    if (props.alarmTopicArn !== undefined && !Token.isUnresolved(props.alarmTopicArn) && !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/.test(props.alarmTopicArn)) {
      throw new PalisadeConfigError(where, 'alarmTopicArn', props.alarmTopicArn, 'an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)');
    }
    if (props.alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(props.alarmEmail)) {
      throw new PalisadeConfigError(where, 'alarmEmail', props.alarmEmail, 'an e-mail address');
    }
    if (!props.logsKey.grantsService(`logs.${region}.amazonaws.com`)) {
      throw new PalisadeConfigError(where, 'logsKey', props.logsKey.node.path, `the key policy must grant logs.${region}.amazonaws.com`);
    }
    const tier = props.network.tier(tierName);
    if (tier.spec.kind === 'public') {
      throw new PalisadeConfigError(where, 'tier', tierName, 'hardened hosts never run in a public tier: pick a private tier (they reach the internet through NAT)');
    }

    const fleet = `palisade-${env}-${props.name}`;
    const antivirusInput: AntivirusConfigInput = { logGroupName: `/palisade/${env}/hardened-host/${props.name}/antivirus`, ...props.antivirus };
    this.antivirus = rethrowAntivirus(where, () => resolveAntivirusConfig(antivirusInput));
    this.logGroupName = this.antivirus.logGroupName;
    const aptMirrorUri = props.aptMirrorUri ?? DEFAULT_APT_MIRROR_URI;
    this.userData = rethrowAntivirus(where, () => renderUserData(this.antivirus, { region, logGroupName: this.logGroupName, aptMirrorUri }));
    const gzipped = gzippedUserDataSize(this.userData);
    if (gzipped > EC2_USER_DATA_LIMIT_BYTES) {
      throw new PalisadeConfigError(where, 'antivirus', `${gzipped} bytes gzipped`, `the user data exceeds EC2's ${EC2_USER_DATA_LIMIT_BYTES}-byte limit even compressed`);
    }
    const identityTags = { [FLEET_TAG_KEY]: props.name, [ANTIVIRUS_TAG.key]: ANTIVIRUS_TAG.value };

    // --- keys, logs, alarms -------------------------------------------------------------------------------------
    this.ebsKey = props.ebsKey ?? new KmsKey(this, 'ebs_key', {
      purpose: `ebs-${props.name}`,
      environment: env,
      accountId,
      region,
      tier: tierName,
      description: `Encrypts the root volumes of the ${env} ${props.name} hosts`,
      roleGrants: [KmsRoleGrants.autoScalingServiceLinkedRole(accountId)],
    });

    this.logGroup = new CloudwatchLogGroup(this, 'antivirus_logs', {
      name: this.logGroupName,
      retentionInDays: retention,
      kmsKeyId: props.logsKey.arn,
      tags: resourceTags(this.logGroupName, tierName),
    });
    const filters: [string, CloudwatchLogMetricFilterConfig][] = [
      ['detections', avDetectionMetricFilter(this.logGroupName)],
      ['scan_errors', avScanErrorMetricFilter(this.logGroupName)],
      ['selfcheck_failures', avSelfCheckFailureMetricFilter(this.logGroupName)],
    ];
    const [detection, scanErrors, selfCheck] = filters.map(([filterId, config]) => new CloudwatchLogMetricFilter(this, `${filterId}_filter`, {
      ...config,
      name: `${fleet}-av-${filterId.replace(/_/g, '-')}`,
      // The user data names the group literally; the reference orders creation after the group.
      logGroupName: this.logGroup.name,
    }));
    this.detectionFilter = detection;

    this.alarmTopicArn = props.alarmTopicArn ?? this.ownAlarmTopic(props.name, fleet, env, accountId, region, tierName, props.alarmEmail);
    const alarm = (alarmId: string, filter: CloudwatchLogMetricFilter, config: CloudwatchLogMetricFilterConfig, description: string) => {
      const transform = Array.isArray(config.metricTransformation) ? config.metricTransformation[0] : config.metricTransformation;
      return new CloudwatchMetricAlarm(this, alarmId, {
        alarmName: `${fleet}-${alarmId.replace(/_/g, '-')}`,
        alarmDescription: description,
        namespace: transform.namespace,
        metricName: transform.name,
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [this.alarmTopicArn],
        tags: resourceTags(`${fleet}-${alarmId}`, tierName),
        dependsOn: [filter],
      });
    };
    this.detectionAlarm = alarm('malware_detected', detection, filters[0][1], `ClamAV found malware on a ${env} ${props.name} host (quarantined); see ${this.logGroupName}`);
    this.scanErrorAlarm = alarm('scan_errors', scanErrors, filters[1][1], `ClamAV scans failed on a ${env} ${props.name} host; see ${this.logGroupName}`);
    this.selfCheckFailureAlarm = alarm('selfcheck_failed', selfCheck, filters[2][1], `The antivirus self-check failed on a ${env} ${props.name} host: signatures stale or clamd/on-access down`);

    // --- identity: SSM + shipping its own logs, nothing else -----------------------------------------------------
    this.role = new IamRole(this, 'role', {
      name: `${fleet}-host`,
      description: `Instance role of the ${env} ${props.name} hardened hosts: SSM Session Manager/State Manager and the antivirus log`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
      tags: resourceTags(`${fleet}-host`, tierName),
    });
    new IamRolePolicyAttachment(this, 'ssm_core', { role: this.role.name, policyArn: SSM_CORE_POLICY_ARN });
    new IamRolePolicy(this, 'antivirus_log_shipping', {
      name: 'antivirus-log-shipping',
      role: this.role.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Sid: 'ShipAntivirusLogOnly',
          Effect: 'Allow',
          Action: AGENT_LOG_ACTIONS,
          Resource: [this.logGroup.arn, `${this.logGroup.arn}:log-stream:*`],
        }],
      }),
    });
    this.instanceProfile = new IamInstanceProfile(this, 'instance_profile', { name: `${fleet}-host`, role: this.role.name, tags: resourceTags(`${fleet}-host`, tierName) });

    // --- network ----------------------------------------------------------------------------------------------
    this.securityGroup = new LeastPrivilegeSecurityGroup(this, 'security_group', {
      vpcId: props.network.vpc.id,
      name: `${fleet}-hosts`,
      description: `Hardened ${props.name} hosts of ${env}: HTTPS out only, no SSH`,
      tier: tierName,
    });
    this.securityGroup.allowEgress(Peer.anyIpv4(), 443, {
      reason: 'HTTPS through NAT: ClamAV signature updates, Ubuntu packages from the HTTPS mirror, CloudWatch agent package from S3',
    });
    this.securityGroup.allowEgress(Peer.securityGroup(props.network.endpoints.securityGroup), 443, {
      reason: 'HTTPS to the VPC interface endpoints: SSM, CloudWatch Logs, KMS, STS',
    });

    // --- launch template and group ----------------------------------------------------------------------------
    const launchTags = { ...resourceTags(`${fleet}-host`, tierName, identityTags), Environment: env };
    this.launchTemplate = new LaunchTemplate(this, 'launch_template', {
      name: fleet,
      description: `Hardened Ubuntu 24.04 host with ClamAV (${env} ${props.name})`,
      imageId: `resolve:ssm:${UBUNTU_AMI_PARAMETER}`,
      instanceType,
      updateDefaultVersion: true,
      ebsOptimized: 'true',
      monitoring: { enabled: true },
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: 1,
        httpProtocolIpv6: 'disabled',
        instanceMetadataTags: 'disabled',
      },
      iamInstanceProfile: { arn: this.instanceProfile.arn },
      networkInterfaces: [{
        deviceIndex: 0,
        associatePublicIpAddress: 'false',
        deleteOnTermination: 'true',
        securityGroups: [this.securityGroup.id, ...(props.extraSecurityGroups ?? []).map((g) => g.id)],
      }],
      blockDeviceMappings: [{
        deviceName: UBUNTU_ROOT_DEVICE,
        ebs: {
          volumeType: 'gp3',
          volumeSize: rootSize,
          encrypted: 'true',
          kmsKeyId: this.ebsKey.arn,
          deleteOnTermination: 'true',
        },
      }],
      userData: Fn.base64gzip(Fn.rawString(hclQuotedStringBody(this.userData))),
      tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({ resourceType, tags: launchTags })),
      tags: resourceTags(fleet, tierName, identityTags),
    });

    const targetGroupArns = props.loadBalancer?.targetGroupArns ?? [];
    this.autoScalingGroup = new AutoscalingGroup(this, 'resource', {
      name: fleet,
      minSize,
      maxSize,
      desiredCapacity: desired,
      vpcZoneIdentifier: tier.subnets.map((s) => s.id),
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      targetGroupArns: targetGroupArns.length > 0 ? targetGroupArns : undefined,
      healthCheckType: targetGroupArns.length > 0 ? 'ELB' : 'EC2',
      healthCheckGracePeriod: grace,
      instanceRefresh: { strategy: 'Rolling', preferences: { minHealthyPercentage: 90 } },
      metricsGranularity: '1Minute',
      enabledMetrics: ['GroupDesiredCapacity', 'GroupInServiceInstances', 'GroupPendingInstances', 'GroupTerminatingInstances', 'GroupTotalInstances'],
      tag: Object.entries(launchTags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      dependsOn: [this.logGroup],
    });

    // --- State Manager: the daily antivirus self-check ---------------------------------------------------------
    this.selfCheckDocument = new SsmDocument(this, 'selfcheck_document', {
      name: `${fleet}-av-selfcheck`,
      documentType: 'Command',
      documentFormat: 'JSON',
      content: JSON.stringify(avSelfCheckSsmDocument()),
      tags: resourceTags(`${fleet}-av-selfcheck`, tierName, { [ANTIVIRUS_TAG.key]: ANTIVIRUS_TAG.value }),
    });
    this.selfCheckAssociation = new SsmAssociation(this, 'selfcheck_daily', {
      associationName: `${fleet}-av-selfcheck-daily`,
      name: this.selfCheckDocument.name,
      scheduleExpression: AV_SELFCHECK_ASSOCIATION_SCHEDULE,
      complianceSeverity: 'HIGH',
      applyOnlyAtCronInterval: false,
      targets: [{ key: `tag:${FLEET_TAG_KEY}`, values: [props.name] }],
      maxConcurrency: '50%',
      // One broken host must not stop the check on the others.
      maxErrors: '100%',
      // No output_location: command output stays in SSM's own history, never in a bucket.
    });
  }

  /** Admits `lbSecurityGroup` (a load balancer of the same stack) on `port`, and lets it reach the hosts there. */
  allowFrom(lbSecurityGroup: LeastPrivilegeSecurityGroup, port: number): void {
    const label = `${lbSecurityGroup.node.path}:${port}`;
    if (this.appPortLabels.has(label)) return;
    this.appPortLabels.add(label);
    LeastPrivilegeSecurityGroup.connect(lbSecurityGroup, this.securityGroup, port, 'Load balancer to the application hosts');
  }

  private ownAlarmTopic(fleetName: string, fleet: string, env: string, accountId: string, region: string, tierName: string, email?: string): string {
    const alarmArns = `arn:aws:cloudwatch:${region}:${accountId}:alarm:${fleet}-*`;
    const key = new KmsKey(this, 'alarms_key', {
      purpose: `${fleetName}-alarms`,
      environment: env,
      accountId,
      region,
      tier: tierName,
      description: `Encrypts the ${fleet} antivirus alarm topic`,
      // CloudWatch encrypts what it publishes to an encrypted topic with the topic's key.
      serviceGrants: [{
        service: 'cloudwatch.amazonaws.com',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        condition: { StringEquals: { 'aws:SourceAccount': accountId }, ArnLike: { 'aws:SourceArn': alarmArns } },
      }],
    });
    const name = `${fleet}-av-alarms`;
    const topic = new SnsTopic(this, 'alarm_topic', {
      name,
      displayName: `Palisade ${env} antivirus alarms`,
      kmsMasterKeyId: key.arn,
      tags: resourceTags(name, tierName),
    });
    new SnsTopicPolicy(this, 'alarm_topic_policy', {
      arn: topic.arn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Sid: 'FleetAlarmsOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: topic.arn,
          Condition: { StringEquals: { 'aws:SourceAccount': accountId }, ArnLike: { 'aws:SourceArn': alarmArns } },
        }],
      }),
    });
    if (email) new SnsTopicSubscription(this, 'alarm_email', { topicArn: topic.arn, protocol: 'email', endpoint: email });
    return topic.arn;
  }
}

/**
 * Escapes text for cdktf's `Fn.rawString`, which escapes only `"`, newlines and `${`: Terraform would otherwise
 * read `\x` as an escape sequence and `%{` as a template directive inside the quoted string.
 */
export function hclQuotedStringBody(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/%\{/g, '%%{');
}

function rethrowAntivirus<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof AntivirusConfigError)) throw e;
    const [first, ...rest] = e.issues;
    const more = rest.length > 0 ? ` (and ${rest.length} more: ${rest.map((i) => i.field).join(', ')})` : '';
    const field = first.field === 'region' || first.field === 'aptMirrorUri' ? first.field : `antivirus.${first.field}`;
    throw new PalisadeConfigError(where, field, first.value, `${first.message}${more}`);
  }
}
