import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { resourceTags, SHARED_TIER } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct } from '../framework';
import { KmsKey } from '../kms/kms-key';

export interface ApplicationSecretRotation {
  /** ARN of the rotation Lambda function (in this account and region). */
  readonly lambdaArn: string;
  /** Days between rotations, 1–90. @default 30 */
  readonly afterDays?: number;
}

export interface ApplicationSecretProps {
  /** Secret name below `palisade/<environment>/`: lower-case letters, digits, dashes and slashes. */
  readonly name: string;
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** What the secret is for (shown in the console; never the value). */
  readonly description: string;
  /** Key encrypting the secret. @default a key of its own, purpose `secret-<name>` */
  readonly key?: KmsKey;
  /** Automatic rotation. Either this or `noRotationReason` is required. @default none */
  readonly rotation?: ApplicationSecretRotation;
  /** Why this secret is not rotated automatically (e.g. "third-party API key rotated by the vendor portal"). @default none */
  readonly noRotationReason?: string;
  /** Tier tag. @default `shared` */
  readonly tier?: string;
}

/**
 * An application secret in Secrets Manager, encrypted with a customer-managed key, rotated by a Lambda or with a stated
 * reason why not. Palisade never holds the value: it is put by the owner or the rotation function, so nothing secret
 * ends up in Terraform state, user data, tags or outputs. Consumers read it at runtime by ARN.
 */
export class ApplicationSecret extends Construct {
  public readonly secret: SecretsmanagerSecret;
  public readonly key: KmsKey;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: ApplicationSecretProps) {
    super(scope, id);
    const where = this.node.path;
    if (!/^[a-z0-9][a-z0-9/-]{0,62}$/.test(props.name)) {
      throw new PalisadeConfigError(where, 'name', props.name, 'lower-case letters, digits, dashes and slashes (1–63)');
    }
    if (props.rotation && props.noRotationReason !== undefined) {
      throw new PalisadeConfigError(where, 'noRotationReason', props.noRotationReason, 'give either rotation or a reason for not rotating, not both');
    }
    if (!props.rotation && !props.noRotationReason?.trim()) {
      throw new PalisadeConfigError(where, 'rotation', props.rotation, 'a secret needs a rotation Lambda, or noRotationReason saying why it is not rotated');
    }
    const afterDays = props.rotation?.afterDays ?? 30;
    if (props.rotation) {
      if (!/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/.test(props.rotation.lambdaArn) && !props.rotation.lambdaArn.includes('${')) {
        throw new PalisadeConfigError(where, 'rotation.lambdaArn', props.rotation.lambdaArn, 'a Lambda function ARN');
      }
      if (!Number.isInteger(afterDays) || afterDays < 1 || afterDays > 90) {
        throw new PalisadeConfigError(where, 'rotation.afterDays', afterDays, 'rotate at least every 90 days (1–90)');
      }
    }
    const secretName = `palisade/${props.environment}/${props.name}`;
    this.key = props.key ?? new KmsKey(this, 'key', {
      purpose: `secret-${props.name.replace(/\//g, '-')}`.slice(0, 41),
      environment: props.environment,
      accountId: props.accountId,
      region: props.region,
      description: `Encrypts the ${props.environment} secret ${props.name}`,
      serviceGrants: [{
        service: 'secretsmanager.amazonaws.com',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        condition: { StringEquals: { 'kms:CallerAccount': props.accountId, 'kms:ViaService': `secretsmanager.${props.region}.amazonaws.com` } },
      }],
    });
    this.secret = new SecretsmanagerSecret(this, 'resource', {
      name: secretName,
      description: props.description,
      kmsKeyId: this.key.arn,
      recoveryWindowInDays: 30,
      tags: resourceTags(secretName, props.tier ?? SHARED_TIER, props.rotation ? {} : { Rotation: 'manual' }),
    });
    if (props.rotation) {
      new SecretsmanagerSecretRotation(this, 'rotation', {
        secretId: this.secret.id,
        rotationLambdaArn: props.rotation.lambdaArn,
        rotationRules: { automaticallyAfterDays: afterDays },
      });
    }
    this.arn = this.secret.arn;
  }
}
