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

/**
 * Condition keys that pin a service grant to this account or resource. A grant whose condition uses none of them
 * (e.g. only `aws:UserAgent`) would let the service act for any customer: the confused-deputy problem.
 */
export const SCOPING_CONDITION_KEYS: readonly string[] = ['aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID', 'kms:ViaService', 'kms:CallerAccount'];
const ENCRYPTION_CONTEXT_PREFIX = 'kms:EncryptionContext:';

/** Ready-made, scoped grants for the services Palisade's keys serve. */
export const KmsServiceGrants = {
  /** CloudWatch Logs encrypting log groups of this account and region (scoped by the log-group ARN in the encryption context). */
  cloudWatchLogs(region: string, accountId: string): KmsServiceGrant {
    return {
      service: `logs.${region}.amazonaws.com`,
      condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:*` } },
    };
  },
  /**
   * S3 server access log delivery writing into an SSE-KMS log bucket of this account: only data keys are needed.
   * `sourceBucketArnPattern` pins the buckets whose logs may be written (e.g. `arn:aws:s3:::palisade-prod-*`).
   */
  s3ServerAccessLogs(accountId: string, sourceBucketArnPattern: string): KmsServiceGrant {
    return {
      service: 'logging.s3.amazonaws.com',
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      condition: { StringEquals: { 'aws:SourceAccount': accountId }, ArnLike: { 'aws:SourceArn': sourceBucketArnPattern } },
    };
  },
};

/** An IAM role allowed to use the key (e.g. a service-linked role), named exactly: no wildcards. */
export interface KmsRoleGrant {
  /** ARN of one IAM role (`arn:aws:iam::<account>:role/<path/name>`). */
  readonly roleArn: string;
  /** Actions granted. @default kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*, kms:DescribeKey */
  readonly actions?: string[];
  /**
   * Also allow `kms:CreateGrant`, only for grants to AWS resources (`kms:GrantIsForAWSResource`): how a service hands
   * the key on to the resources it creates (EBS volumes of instances Auto Scaling launches). @default false
   */
  readonly createGrantsForAwsResources?: boolean;
}

const ROLE_USE_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/** Ready-made role grants. */
export const KmsRoleGrants = {
  /**
   * EC2 Auto Scaling's service-linked role launching instances with EBS volumes encrypted by this key
   * (AWS EC2 Auto Scaling user guide, "Required AWS KMS key policy for use with encrypted volumes").
   * The role must exist before the key policy names it: AWS creates it with the account's first Auto Scaling group.
   */
  autoScalingServiceLinkedRole(accountId: string): KmsRoleGrant {
    return {
      roleArn: `arn:aws:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
      createGrantsForAwsResources: true,
    };
  },
};

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
  /** IAM roles allowed to use the key, each named exactly. @default none */
  readonly roleGrants?: KmsRoleGrant[];
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
  public readonly purpose: string;
  public readonly deletionWindowInDays: number;
  /** The service grants written into the key policy (constructs check them, e.g. a log group needs CloudWatch Logs). */
  public readonly serviceGrants: readonly KmsServiceGrant[];

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
    if (!props.description?.trim()) {
      throw new PalisadeConfigError(where, 'description', props.description, 'say what the key protects: it is shown to whoever reviews or deletes the key');
    }
    (props.serviceGrants ?? []).forEach((grant, i) => {
      if (!/^[a-z0-9.-]+\.amazonaws\.com$/.test(grant.service ?? '')) {
        throw new PalisadeConfigError(where, `serviceGrants[${i}].service`, grant.service, 'must be an AWS service principal such as "logs.eu-west-1.amazonaws.com" (never "*")');
      }
      if (!grant.condition || Object.keys(grant.condition).length === 0) {
        throw new PalisadeConfigError(where, `serviceGrants[${i}].condition`, grant.condition, `a grant to ${grant.service} must be scoped by a condition (aws:SourceAccount, aws:SourceArn, kms:ViaService or an encryption context)`);
      }
      const keys = Object.values(grant.condition).flatMap((block) => Object.keys(block ?? {}));
      if (!keys.some((k) => SCOPING_CONDITION_KEYS.includes(k) || k.startsWith(ENCRYPTION_CONTEXT_PREFIX))) {
        throw new PalisadeConfigError(where, `serviceGrants[${i}].condition`, grant.condition,
          `does not pin ${grant.service} to this account: use ${SCOPING_CONDITION_KEYS.join(', ')} or a ${ENCRYPTION_CONTEXT_PREFIX}* key`);
      }
    });
    (props.roleGrants ?? []).forEach((grant, i) => {
      if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(grant.roleArn ?? '') || grant.roleArn.includes('*')) {
        throw new PalisadeConfigError(where, `roleGrants[${i}].roleArn`, grant.roleArn, 'must be the ARN of one IAM role (arn:aws:iam::<account>:role/<name>), no wildcards');
      }
    });
    (props.adminRoleArns ?? []).forEach((arn, i) => {
      if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(arn) || arn.includes('*')) {
        throw new PalisadeConfigError(where, `adminRoleArns[${i}]`, arn, 'must be the ARN of one IAM role (arn:aws:iam::<account>:role/<name>), no wildcards');
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

    (props.roleGrants ?? []).forEach((grant, i) => {
      statements.push({ Sid: `RoleUse${i}`, Effect: 'Allow', Principal: { AWS: grant.roleArn }, Action: grant.actions ?? ROLE_USE_ACTIONS, Resource: '*' });
      if (grant.createGrantsForAwsResources) {
        statements.push({
          Sid: `RoleGrantsForAwsResources${i}`,
          Effect: 'Allow',
          Principal: { AWS: grant.roleArn },
          Action: 'kms:CreateGrant',
          Resource: '*',
          Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
        });
      }
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
    this.purpose = props.purpose;
    this.deletionWindowInDays = deletionWindow;
    this.serviceGrants = [...(props.serviceGrants ?? [])];
  }

  /** Whether the key policy lets `service` (e.g. `logs.eu-west-1.amazonaws.com`) use the key. */
  grantsService(service: string): boolean {
    return this.serviceGrants.some((grant) => grant.service === service);
  }
}
