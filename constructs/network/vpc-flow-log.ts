import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { CLOUDWATCH_RETENTION_DAYS, MIN_AUDIT_LOG_RETENTION_DAYS } from '../../policies/facts';
import { resourceTags, SHARED_TIER } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct } from '../framework';
import { KmsKey } from '../kms/kms-key';

export { CLOUDWATCH_RETENTION_DAYS, MIN_AUDIT_LOG_RETENTION_DAYS } from '../../policies/facts';

export interface VpcFlowLogProps {
  readonly vpcId: string;
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** The key that encrypts the log group; it must grant the regional CloudWatch Logs service. */
  readonly key: KmsKey;
  /**
   * Days to keep flow logs. Flow logs hold IP addresses (personal data under GDPR), so the value is floored
   * for audit and capped by `maxRetentionDays`.
   * @default 365
   */
  readonly retentionDays?: number;
  /** Upper bound on retention from the GDPR settings. @default 731 */
  readonly maxRetentionDays?: number;
}

/** VPC flow logs of ALL traffic into a KMS-encrypted CloudWatch log group, written by a least-privilege role. */
export class VpcFlowLog extends Construct {
  public readonly logGroup: CloudwatchLogGroup;
  public readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    const retention = props.retentionDays ?? MIN_AUDIT_LOG_RETENTION_DAYS;
    const cap = props.maxRetentionDays ?? 731;
    if (!CLOUDWATCH_RETENTION_DAYS.includes(retention) || retention < MIN_AUDIT_LOG_RETENTION_DAYS || retention > cap) {
      throw new PalisadeConfigError(this.node.path, 'retentionDays', retention,
        `must be a CloudWatch retention value from ${MIN_AUDIT_LOG_RETENTION_DAYS} (audit floor) to ${cap} (personal-data cap): ${CLOUDWATCH_RETENTION_DAYS.filter((d) => d >= MIN_AUDIT_LOG_RETENTION_DAYS && d <= cap).join(', ')}`);
    }
    const name = `/palisade/${props.environment}/vpc-flow-logs`;
    this.logGroup = new CloudwatchLogGroup(this, 'log_group', {
      name,
      kmsKeyId: props.key.arn,
      retentionInDays: retention,
      tags: resourceTags(name, SHARED_TIER, { LogClass: 'audit', PersonalData: 'ip-addresses' }),
    });

    const flowLogArn = `arn:aws:ec2:${props.region}:${props.accountId}:vpc-flow-log/*`;
    const role = new IamRole(this, 'role', {
      name: `palisade-${props.environment}-vpc-flow-logs`,
      description: 'Lets VPC Flow Logs of this account write to the flow-log group, nothing else',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          // Confused-deputy guard: only flow logs of this account may assume the role.
          Condition: { StringEquals: { 'aws:SourceAccount': props.accountId }, ArnLike: { 'aws:SourceArn': flowLogArn } },
        }],
      }),
      tags: resourceTags(`palisade-${props.environment}-vpc-flow-logs`, SHARED_TIER),
    });
    new IamRolePolicy(this, 'role_policy', {
      name: 'write-flow-logs',
      role: role.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        }],
      }),
    });
    this.flowLog = new FlowLog(this, 'resource', {
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: resourceTags(`palisade-${props.environment}-vpc-flow-log`, SHARED_TIER),
    });
  }
}
