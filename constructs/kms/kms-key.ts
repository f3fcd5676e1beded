import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey as KmsKeyResource } from '@cdktf/provider-aws/lib/kms-key';
import { resourceTags, SHARED_TIER } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct } from '../framework';

/** An AWS service allowed to use the key, always pinned to this account by a condition. */
export interface KmsServiceGrant {
  /** Service principal, e.g. `logs.eu-west-1.amazonaws.com`. */
  readonly service: string;
  /** Actions granted. @default encrypt, decrypt, re-encrypt, generate data key, describe */
  readonly actions?: string[];
  /** IAM condition block scoping the grant (`aws:SourceAccount`, `aws:SourceArn`, `kms:ViaService`, encryption context). Required. */
  readonly condition: Record<string, Record<string, string | string[]>>;
}

export interface KmsKeyProps {
  /** What the key protects (`logs`, `data`, `backups`…): one key per purpose. Lower-case letters, digits, dashes. */
  readonly purpose: string;
  /** Environment name, used in the alias `alias/palisade/<environment>/<purpose>`. */
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** Human description shown in the KMS console. */
  readonly description: string;
  /** Services allowed to use the key, each with a scoping condition. @default none */
  readonly serviceGrants?: KmsServiceGrant[];
  /** IAM role ARNs allowed to administer (not use) the key, besides the account root. @default none */
  readonly adminRoleArns?: string[];
  /**
   * Days between scheduling deletion and the key being gone: the window for undoing a mistake.
   * AWS accepts 7–30; Palisade accepts the same.
   * @default 30
   */
  readonly deletionWindowInDays?: number;
  /**
   * Refuse `terraform destroy` of the key (`prevent_destroy`): destroying a key erases everything it encrypts.
   * Crypto-shredding is done deliberately by scheduling deletion, never by a stray destroy.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /** Tier tag. @default `shared` */
  readonly tier?: string;
}

const USE_ACTIONS = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'];
const ADMIN_ACTIONS = [
  'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*',
  'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:RotateKeyOnDemand',
];

/** A customer-managed symmetric KMS key for one purpose: rotation on, least-privilege policy, alias, slow deletion. */
export class KmsKey extends Construct {
  public readonly key: KmsKeyResource;
  public readonly alias: KmsAlias;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: KmsKeyProps) {
    super(scope, id);
    const where = this.node.path;
    if (!/^[a-z][a-z0-9-]{1,40}$/.test(props.purpose)) {
      throw new PalisadeConfigError(where, 'purpose', props.purpose, 'use lower-case letters, digits and dashes (2–41 characters)');
    }
    const deletionWindow = props.deletionWindowInDays ?? 30;
    if (!Number.isInteger(deletionWindow) || deletionWindow < 7 || deletionWindow > 30) {
      throw new PalisadeConfigError(where, 'deletionWindowInDays', deletionWindow, 'AWS accepts 7 to 30 days');
    }
    (props.serviceGrants ?? []).forEach((grant, i) => {
      if (!grant.condition || Object.keys(grant.condition).length === 0) {
        throw new PalisadeConfigError(where, `serviceGrants[${i}].condition`, grant.condition, `a grant to ${grant.service} must be scoped by a condition (aws:SourceAccount, aws:SourceArn, kms:ViaService or an encryption context)`);
      }
    });

    const root = `arn:aws:iam::${props.accountId}:root`;
    const statements: object[] = [
      // Without an account-root statement a key can become unmanageable; IAM policies still decide who may use it.
      { Sid: 'AccountRootAdministers', Effect: 'Allow', Principal: { AWS: root }, Action: 'kms:*', Resource: '*' },
    ];
    if (props.adminRoleArns?.length) {
      statements.push({ Sid: 'NamedAdminRoles', Effect: 'Allow', Principal: { AWS: props.adminRoleArns }, Action: ADMIN_ACTIONS, Resource: '*' });
    }
    (props.serviceGrants ?? []).forEach((grant, i) => {
      statements.push({
        Sid: `ServiceUse${i}`,
        Effect: 'Allow',
        Principal: { Service: grant.service },
        Action: grant.actions ?? USE_ACTIONS,
        Resource: '*',
        Condition: grant.condition,
      });
    });

    const name = `palisade-${props.environment}-${props.purpose}`;
    this.key = new KmsKeyResource(this, 'resource', {
      description: props.description,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: deletionWindow,
      isEnabled: true,
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
      tags: resourceTags(name, props.tier ?? SHARED_TIER, { Purpose: props.purpose }),
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.alias = new KmsAlias(this, 'alias', {
      name: `alias/palisade/${props.environment}/${props.purpose}`,
      targetKeyId: this.key.keyId,
    });
    this.arn = this.key.arn;
  }
}
