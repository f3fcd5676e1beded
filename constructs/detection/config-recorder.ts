import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { Baseline } from '../baseline/baseline';
import { Construct } from '../framework';
import { KmsKey } from '../kms/kms-key';
import { SecureBucket } from '../storage/secure-bucket';

export interface ConfigRecorderProps {
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** Log bucket for the delivery bucket's S3 server access logs. */
  readonly accessLogBucket: SecureBucket;
  /**
   * Record global resource types (IAM users, roles, policies…). They are the same in every region, so exactly one region
   * per account should record them; set false for the other environments sharing the account.
   * @default true
   */
  readonly recordGlobalResourceTypes?: boolean;
  /**
   * Create the `AWSServiceRoleForConfig` service-linked role. Set false when the account already has it (created by the
   * console or another tool): creating it twice fails.
   * @default true
   */
  readonly createServiceLinkedRole?: boolean;
}

/**
 * AWS Config recording every supported resource type continuously with its service-linked role (FSBP Config.1), and
 * delivering snapshots and history to a KMS-encrypted SecureBucket that only Config of this account may write to.
 */
export class ConfigRecorder extends Construct {
  public readonly recorder: ConfigConfigurationRecorder;
  public readonly deliveryChannel: ConfigDeliveryChannel;
  public readonly status: ConfigConfigurationRecorderStatus;
  public readonly bucket: SecureBucket;
  public readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const { accountId, region, environment } = props;
    const thisAccount = { StringEquals: { 'aws:SourceAccount': accountId } };
    const roleArn = `arn:aws:iam::${accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
    const role = props.createServiceLinkedRole ?? true
      ? new IamServiceLinkedRole(this, 'service_linked_role', { awsServiceName: 'config.amazonaws.com', description: 'AWS Config recording for Palisade' })
      : undefined;

    this.recorder = new ConfigConfigurationRecorder(this, 'resource', {
      name: `palisade-${environment}`,
      roleArn: role ? role.arn : roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.recordGlobalResourceTypes ?? true },
      recordingMode: { recordingFrequency: 'CONTINUOUS' },
    });
    if (props.recordGlobalResourceTypes === false) {
      Baseline.suppress(this.recorder, 'PAL-DETECT-003', { reason: 'Global resource types are recorded by the recorder of another region of this account (recordGlobalResourceTypes = false): one region per account records them, or every IAM change is recorded twice' });
    }

    this.key = new KmsKey(this, 'key', {
      purpose: 'config',
      environment,
      accountId,
      region,
      description: `Encrypts ${environment} AWS Config snapshots and history in S3`,
      serviceGrants: [{ service: 'config.amazonaws.com', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], condition: thisAccount }],
    });
    const bucketArn = `arn:aws:s3:::palisade-${environment}-config-${accountId}`;
    this.bucket = new SecureBucket(this, 'bucket', {
      environment,
      accountId,
      region,
      purpose: 'config',
      encryption: { kind: 'kms', key: this.key },
      accessLogs: { kind: 'to-log-bucket', bucket: props.accessLogBucket },
      extraStatements: [
        { Sid: 'ConfigBucketPermissionsCheck', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: bucketArn, Condition: thisAccount },
        { Sid: 'ConfigBucketExistenceCheck', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 's3:ListBucket', Resource: bucketArn, Condition: thisAccount },
        {
          Sid: 'ConfigDelivery',
          Effect: 'Allow',
          Principal: { Service: 'config.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${bucketArn}/AWSLogs/${accountId}/Config/*`,
          Condition: { StringEquals: { 'aws:SourceAccount': accountId, 's3:x-amz-acl': 'bucket-owner-full-control' } },
        },
      ],
    });
    this.deliveryChannel = new ConfigDeliveryChannel(this, 'delivery_channel', {
      name: `palisade-${environment}`,
      s3BucketName: this.bucket.name,
      s3KmsKeyArn: this.key.arn,
      snapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
      dependsOn: [this.recorder, this.bucket.policy],
    });
    this.status = new ConfigConfigurationRecorderStatus(this, 'status', {
      name: this.recorder.name,
      isEnabled: true,
      dependsOn: [this.deliveryChannel],
    });
  }
}
