import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { requireAllowedRegion } from '../common/regions';
import { resourceTags, SHARED_TIER } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct } from '../framework';
import { KmsKey, KmsServiceGrants } from '../kms/kms-key';
import { CLOUDWATCH_RETENTION_DAYS, MIN_AUDIT_LOG_RETENTION_DAYS } from '../network/vpc-flow-log';
import { SecureBucket } from '../storage/secure-bucket';

export interface AuditTrailProps {
  readonly environment: string;
  readonly accountId: string;
  /** Home region of the trail, its bucket and log group. */
  readonly region: string;
  /** GDPR allowlist: the trail's destination region must be in it. */
  readonly allowedRegions: readonly string[];
  /** Log bucket receiving the trail bucket's S3 server access logs (CIS 3.4). */
  readonly accessLogBucket: SecureBucket;
  /**
   * Days trail events are kept, in the log group and the bucket. Trails hold source IPs and user names (personal data),
   * so the value is floored for audit and capped by `maxRetentionDays`.
   * @default 365
   */
  readonly retentionDays?: number;
  /** Upper bound from the GDPR settings (`personalDataLogMaxRetentionDays`). @default 731 */
  readonly maxRetentionDays?: number;
}

/**
 * The account's audit trail: one multi-region CloudTrail with log-file validation, encrypted with its own key (usable by
 * CloudTrail only for this trail), delivered to a SecureBucket and to a KMS-encrypted CloudWatch log group through a
 * role that may only write this trail's log streams.
 */
export class AuditTrail extends Construct {
  public readonly trail: Cloudtrail;
  public readonly bucket: SecureBucket;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const where = this.node.path;
    const { accountId, region, environment } = props;
    requireAllowedRegion(where, 'region', region, props.allowedRegions);
    const retention = props.retentionDays ?? MIN_AUDIT_LOG_RETENTION_DAYS;
    const cap = props.maxRetentionDays ?? 731;
    if (!CLOUDWATCH_RETENTION_DAYS.includes(retention) || retention < MIN_AUDIT_LOG_RETENTION_DAYS || retention > cap) {
      throw new PalisadeConfigError(where, 'retentionDays', retention,
        `must be a CloudWatch retention value from ${MIN_AUDIT_LOG_RETENTION_DAYS} (audit floor) to ${cap} (personal-data cap): ${CLOUDWATCH_RETENTION_DAYS.filter((d) => d >= MIN_AUDIT_LOG_RETENTION_DAYS && d <= cap).join(', ')}`);
    }

    const trailName = `palisade-${environment}`;
    const trailArn = `arn:aws:cloudtrail:${region}:${accountId}:trail/${trailName}`;
    this.key = new KmsKey(this, 'key', {
      purpose: 'cloudtrail',
      environment,
      accountId,
      region,
      description: `Encrypts the ${environment} CloudTrail: log files in S3 and the trail's CloudWatch log group`,
      serviceGrants: [
        {
          service: 'cloudtrail.amazonaws.com',
          actions: ['kms:GenerateDataKey*'],
          condition: {
            StringEquals: { 'aws:SourceArn': trailArn },
            StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${accountId}:trail/*` },
          },
        },
        { service: 'cloudtrail.amazonaws.com', actions: ['kms:DescribeKey'], condition: { StringEquals: { 'aws:SourceArn': trailArn } } },
        KmsServiceGrants.cloudWatchLogs(region, accountId),
      ],
    });

    this.bucket = new SecureBucket(this, 'bucket', {
      environment,
      accountId,
      region,
      purpose: 'cloudtrail',
      encryption: { kind: 'kms', key: this.key },
      accessLogs: { kind: 'to-log-bucket', bucket: props.accessLogBucket },
      lifecycle: { expireCurrentVersionsAfterDays: retention },
      extraStatements: [
        {
          Sid: 'CloudTrailAclCheck',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:GetBucketAcl',
          Resource: `arn:aws:s3:::palisade-${environment}-cloudtrail-${accountId}`,
          Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
        },
        {
          Sid: 'CloudTrailWrite',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::palisade-${environment}-cloudtrail-${accountId}/AWSLogs/${accountId}/*`,
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
        },
      ],
    });

    const logGroupName = `/palisade/${environment}/cloudtrail`;
    this.logGroup = new CloudwatchLogGroup(this, 'log_group', {
      name: logGroupName,
      kmsKeyId: this.key.arn,
      retentionInDays: retention,
      tags: resourceTags(logGroupName, SHARED_TIER, { LogClass: 'audit', PersonalData: 'ip-addresses,user-identities' }),
    });
    const roleName = `palisade-${environment}-cloudtrail-logs`;
    const role = new IamRole(this, 'role', {
      name: roleName,
      description: 'Lets this account\'s Palisade trail write its own log streams, nothing else',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': accountId, 'aws:SourceArn': trailArn } },
        }],
      }),
      tags: resourceTags(roleName, SHARED_TIER),
    });
    const policy = new IamRolePolicy(this, 'role_policy', {
      name: 'write-trail-log-streams',
      role: role.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          // CloudTrail names its streams <account>_CloudTrail_<region>[_n].
          Resource: `${this.logGroup.arn}:log-stream:${accountId}_CloudTrail_${region}*`,
        }],
      }),
    });

    this.trail = new Cloudtrail(this, 'resource', {
      name: trailName,
      s3BucketName: this.bucket.name,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: this.key.arn,
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      eventSelector: [{ readWriteType: 'All', includeManagementEvents: true }],
      tags: resourceTags(trailName, SHARED_TIER),
      // CloudTrail checks bucket policy and role when the trail is created.
      dependsOn: [this.bucket.policy, policy],
    });
  }
}
