import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { resourceTags, SHARED_TIER } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct } from '../framework';
import { KmsKey } from '../kms/kms-key';

export interface SecurityAlertsProps {
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** Who is alerted: the environment's `securityContactEmail` (must confirm the subscription e-mail). */
  readonly email: string;
}

/**
 * The security team's alert channel: a KMS-encrypted SNS topic only EventBridge rules of this account may publish to,
 * with an e-mail subscription to the security contact. Detectors add rules with {@link SecurityAlerts.alertOn}.
 */
export class SecurityAlerts extends Construct {
  public readonly topic: SnsTopic;
  public readonly key: KmsKey;
  private readonly props: SecurityAlertsProps;

  constructor(scope: Construct, id: string, props: SecurityAlertsProps) {
    super(scope, id);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(props.email)) {
      throw new PalisadeConfigError(this.node.path, 'email', props.email, 'an e-mail address of the security contact');
    }
    this.props = props;
    const { accountId, region, environment } = props;
    const ruleArns = `arn:aws:events:${region}:${accountId}:rule/palisade-${environment}-*`;
    this.key = new KmsKey(this, 'key', {
      purpose: 'security-alerts',
      environment,
      accountId,
      region,
      description: `Encrypts the ${environment} security alert topic`,
      // EventBridge encrypts what it publishes to an encrypted topic with the topic's key.
      serviceGrants: [{
        service: 'events.amazonaws.com',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        condition: { StringEquals: { 'aws:SourceAccount': accountId } },
      }],
    });
    const name = `palisade-${environment}-security-alerts`;
    this.topic = new SnsTopic(this, 'resource', {
      name,
      displayName: `Palisade ${environment} security alerts`,
      kmsMasterKeyId: this.key.arn,
      tags: resourceTags(name, SHARED_TIER),
    });
    new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Sid: 'EventBridgeRulesOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: this.topic.arn,
          Condition: { StringEquals: { 'aws:SourceAccount': accountId }, ArnLike: { 'aws:SourceArn': ruleArns } },
        }],
      }),
    });
    new SnsTopicSubscription(this, 'email', { topicArn: this.topic.arn, protocol: 'email', endpoint: props.email });
  }

  /**
   * Sends events matching `eventPattern` to the topic. The rule is named `palisade-<env>-<name>` so the topic policy
   * admits it.
   */
  alertOn(scope: Construct, id: string, name: string, description: string, eventPattern: object): CloudwatchEventRule {
    if (!/^[a-z0-9-]{1,40}$/.test(name)) throw new PalisadeConfigError(scope.node.path, 'name', name, 'lower-case letters, digits and dashes (≤ 40)');
    const ruleName = `palisade-${this.props.environment}-${name}`;
    const rule = new CloudwatchEventRule(scope, id, {
      name: ruleName,
      description,
      eventPattern: JSON.stringify(eventPattern),
      state: 'ENABLED',
      tags: resourceTags(ruleName, SHARED_TIER),
    });
    new CloudwatchEventTarget(scope, `${id}_target`, { rule: rule.name, targetId: 'security-alerts', arn: this.topic.arn });
    return rule;
  }
}
