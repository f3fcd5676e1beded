import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktf/provider-aws/lib/guardduty-detector-feature';
import { GuarddutyPublishingDestination } from '@cdktf/provider-aws/lib/guardduty-publishing-destination';
import { resourceTags, SHARED_TIER } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct } from '../framework';
import { KmsKey } from '../kms/kms-key';
import { MIN_AUDIT_LOG_RETENTION_DAYS } from '../network/vpc-flow-log';
import { SecureBucket } from '../storage/secure-bucket';
import { SecurityAlerts } from './security-alerts';

/** GuardDuty protection plans Palisade turns on, by config switch name → `aws_guardduty_detector_feature` name. */
export const GUARDDUTY_FEATURES = {
  s3DataEvents: 'S3_DATA_EVENTS',
  ebsMalwareProtection: 'EBS_MALWARE_PROTECTION',
  runtimeMonitoring: 'RUNTIME_MONITORING',
  rdsLoginEvents: 'RDS_LOGIN_EVENTS',
  eksAuditLogs: 'EKS_AUDIT_LOGS',
  lambdaNetworkLogs: 'LAMBDA_NETWORK_LOGS',
} as const;

export type GuardDutyFeatureSwitches = { readonly [K in keyof typeof GUARDDUTY_FEATURES]?: boolean };

export interface GuardDutyProps {
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** Log bucket for the findings bucket's S3 server access logs. */
  readonly accessLogBucket: SecureBucket;
  /** Where findings at or above `alertSeverityThreshold` are sent. */
  readonly alerts: SecurityAlerts;
  /** Protection plans; each defaults to on. Switching one off writes it as DISABLED (visible to review and the baseline). */
  readonly features?: GuardDutyFeatureSwitches;
  /** GuardDuty severity (1.0–8.9) from which a finding alerts the security contact. @default 7 (High) */
  readonly alertSeverityThreshold?: number;
  /**
   * Days exported findings are kept. Findings hold IP addresses and user names (personal data): floored for audit,
   * capped by `maxRetentionDays`.
   * @default 365
   */
  readonly findingsRetentionDays?: number;
  /** GDPR cap. @default 731 */
  readonly maxRetentionDays?: number;
}

/**
 * Amazon GuardDuty: a detector with every protection plan on, findings every 15 minutes, exported to a KMS-encrypted
 * SecureBucket only this detector may write to, and an alert for findings at or above a severity.
 */
export class GuardDuty extends Construct {
  public readonly detector: GuarddutyDetector;
  public readonly features: GuarddutyDetectorFeature[] = [];
  public readonly bucket: SecureBucket;
  public readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: GuardDutyProps) {
    super(scope, id);
    const where = this.node.path;
    const { accountId, region, environment } = props;
    const threshold = props.alertSeverityThreshold ?? 7;
    if (typeof threshold !== 'number' || !(threshold >= 1 && threshold <= 8.9)) {
      throw new PalisadeConfigError(where, 'alertSeverityThreshold', threshold, 'GuardDuty severities run from 1.0 (low) to 8.9 (high); 7 alerts on High');
    }
    const retention = props.findingsRetentionDays ?? MIN_AUDIT_LOG_RETENTION_DAYS;
    const cap = props.maxRetentionDays ?? 731;
    if (!Number.isInteger(retention) || retention < MIN_AUDIT_LOG_RETENTION_DAYS || retention > cap) {
      throw new PalisadeConfigError(where, 'findingsRetentionDays', retention, `from ${MIN_AUDIT_LOG_RETENTION_DAYS} (audit floor) to ${cap} (personal-data cap) days`);
    }
    for (const name of Object.keys(props.features ?? {})) {
      if (!(name in GUARDDUTY_FEATURES)) throw new PalisadeConfigError(where, `features.${name}`, (props.features as Record<string, unknown>)[name], `unknown feature; known: ${Object.keys(GUARDDUTY_FEATURES).join(', ')}`);
    }

    this.detector = new GuarddutyDetector(this, 'resource', {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      tags: resourceTags(`palisade-${environment}`, SHARED_TIER),
    });
    for (const [switchName, featureName] of Object.entries(GUARDDUTY_FEATURES)) {
      const on = props.features?.[switchName as keyof typeof GUARDDUTY_FEATURES] ?? true;
      const status = on ? 'ENABLED' : 'DISABLED';
      this.features.push(new GuarddutyDetectorFeature(this, featureName.toLowerCase(), {
        detectorId: this.detector.id,
        name: featureName,
        status,
        // The agent is what Runtime Monitoring sees through; GuardDuty manages it on EC2 instead of every AMI baking it in.
        ...(featureName === 'RUNTIME_MONITORING' ? { additionalConfiguration: [{ name: 'EC2_AGENT_MANAGEMENT', status }] } : {}),
      }));
    }

    // A detector pattern rather than the detector's id: policies stay literal (reviewable, analysable at synth) and
    // there is one detector per account and region anyway.
    const detectorArns = `arn:aws:guardduty:${region}:${accountId}:detector/*`;
    const onlyThisDetector = { StringEquals: { 'aws:SourceAccount': accountId }, ArnLike: { 'aws:SourceArn': detectorArns } };
    this.key = new KmsKey(this, 'key', {
      purpose: 'guardduty-findings',
      environment,
      accountId,
      region,
      description: `Encrypts ${environment} GuardDuty findings exported to S3`,
      serviceGrants: [{ service: 'guardduty.amazonaws.com', actions: ['kms:GenerateDataKey'], condition: onlyThisDetector }],
    });
    const bucketArn = `arn:aws:s3:::palisade-${environment}-guardduty-findings-${accountId}`;
    this.bucket = new SecureBucket(this, 'bucket', {
      environment,
      accountId,
      region,
      purpose: 'guardduty-findings',
      encryption: { kind: 'kms', key: this.key },
      accessLogs: { kind: 'to-log-bucket', bucket: props.accessLogBucket },
      lifecycle: { expireCurrentVersionsAfterDays: retention },
      extraStatements: [
        { Sid: 'GuardDutyGetBucketLocation', Effect: 'Allow', Principal: { Service: 'guardduty.amazonaws.com' }, Action: 's3:GetBucketLocation', Resource: bucketArn, Condition: onlyThisDetector },
        { Sid: 'GuardDutyPutFindings', Effect: 'Allow', Principal: { Service: 'guardduty.amazonaws.com' }, Action: 's3:PutObject', Resource: `${bucketArn}/*`, Condition: onlyThisDetector },
      ],
    });
    new GuarddutyPublishingDestination(this, 'export', {
      detectorId: this.detector.id,
      destinationArn: this.bucket.arn,
      kmsKeyArn: this.key.arn,
      destinationType: 'S3',
      // GuardDuty tests write access when the destination is created.
      dependsOn: [this.bucket.policy, this.key.key],
    });

    props.alerts.alertOn(this, 'alert', 'guardduty-findings', `GuardDuty findings of severity ${threshold} or higher go to the security contact`, {
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Finding'],
      detail: { severity: [{ numeric: ['>=', threshold] }] },
    });
  }
}
