import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import {
  ACCESS_LOGGING_EXCEPTION_TAG,
  ALB_ACCESS_LOGS_EXCEPTION,
  ENCRYPTION_EXCEPTION_TAG,
  LOG_TARGET_EXCEPTION,
} from '../../policies/rules/lib/s3-markers';
import { resourceTags, SHARED_TIER } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct } from '../framework';
import { KmsKey } from '../kms/kms-key';

/**
 * How objects are encrypted at rest. SSE-KMS with a customer key (one key per purpose) is the rule; SSE-S3 is accepted
 * only where AWS supports nothing else, named by the reason (today: ALB access-log delivery supports SSE-S3 only).
 */
export type BucketEncryption =
  | { readonly kind: 'kms'; readonly key: KmsKey }
  | { readonly kind: 's3-managed'; readonly reason: typeof ALB_ACCESS_LOGS_EXCEPTION };

/**
 * Where the bucket's S3 server access logs go: to a log bucket, or — for the log bucket itself — nowhere, which is the
 * documented exception (a log bucket logging into itself would log its own deliveries forever).
 */
export type ServerAccessLogging =
  | { readonly kind: 'to-log-bucket'; readonly bucket: SecureBucket }
  | { readonly kind: 'is-log-bucket' };

/** A statement added to the bucket policy (service log delivery: ELB, CloudTrail, Config, GuardDuty…). */
export interface BucketPolicyStatement {
  /** Unique statement id; the built-in ones (`DenyInsecureTransport`, `DenyTlsBelow12`, `AllowS3ServerAccessLogDelivery`) are taken. */
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal: { readonly Service: string | string[] } | { readonly AWS: string | string[] } | '*';
  readonly Action: string | string[];
  readonly Resource: string | string[];
  /** Required on Allow statements to `*` principals; recommended (`aws:SourceAccount`, `aws:SourceArn`) on service principals. */
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** Object retention of the bucket. */
export interface BucketLifecycle {
  /** Days after which current object versions expire (become noncurrent). @default never: kept until deleted */
  readonly expireCurrentVersionsAfterDays?: number;
  /** Days a version is kept after it became noncurrent (overwritten or deleted), then removed. @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
  /** Days before an unfinished multipart upload is aborted (its parts cost storage and are invisible). @default 7 */
  readonly abortIncompleteMultipartUploadDays?: number;
}

/** S3 Object Lock: versions cannot be deleted or overwritten until their retention ends (WORM). */
export interface BucketObjectLock {
  /** GOVERNANCE: users with s3:BypassGovernanceRetention may shorten it; COMPLIANCE: nobody, not even root. */
  readonly mode: 'GOVERNANCE' | 'COMPLIANCE';
  /** Default retention of every new object version, in days (1–36500). */
  readonly days: number;
}

export interface SecureBucketProps {
  /** Environment name: part of the bucket name. */
  readonly environment: string;
  /** Account that owns the bucket: part of the (globally unique) name and the scope of delivery grants. */
  readonly accountId: string;
  readonly region: string;
  /** What the bucket holds (`alb-logs`, `access-logs`, `backups`…): lower-case letters, digits, dashes. */
  readonly purpose: string;
  /** Encryption at rest. Required: no bucket is created without deciding which key protects it. */
  readonly encryption: BucketEncryption;
  /** Server access logging. Required: every bucket logs to a log bucket, except the log bucket itself. */
  readonly accessLogs: ServerAccessLogging;
  /** Retention. @default noncurrent versions expire after 90 days, incomplete uploads aborted after 7; current versions kept */
  readonly lifecycle?: BucketLifecycle;
  /** Object Lock (write once, read many). Can only be turned on when the bucket is created. @default none */
  readonly objectLock?: BucketObjectLock;
  /** Extra bucket-policy statements, e.g. service log delivery. @default none */
  readonly extraStatements?: BucketPolicyStatement[];
  /**
   * Refuse `terraform destroy` of the bucket (`prevent_destroy`). Data is retired by expiring it or by scheduling
   * deletion of its key (crypto-shredding), not by a stray destroy.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /** Tier tag. @default `shared` */
  readonly tier?: string;
}

export const BUILT_IN_STATEMENT_IDS = ['DenyInsecureTransport', 'DenyTlsBelow12', 'AllowS3ServerAccessLogDelivery'];
const MAX_BUCKET_NAME = 63;

/**
 * An S3 bucket that is private, encrypted, versioned, TLS-only and logged — built from the split resources of the
 * AWS provider v4+ so every setting is a reviewable resource: versioning, SSE-KMS with bucket keys (SSE-S3 only for
 * ALB access logs), all four public-access-block flags, ACLs disabled (`BucketOwnerEnforced`), a policy denying
 * plain HTTP and TLS below 1.2, server access logs to a log bucket, lifecycle rules and optional Object Lock.
 */
export class SecureBucket extends Construct {
  public readonly bucket: S3Bucket;
  /** The bucket name, known at synth (so policies of other resources can name it without a reference). */
  public readonly name: string;
  /** `arn:aws:s3:::<name>`, known at synth. */
  public readonly arn: string;
  public readonly encryption: BucketEncryption;
  public readonly isLogBucket: boolean;
  public readonly policy: S3BucketPolicy;
  public readonly versioning: S3BucketVersioningA;
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;

  /** The (globally unique) name a bucket of this purpose gets: `palisade-<environment>-<purpose>-<account>`. */
  static bucketName(environment: string, purpose: string, accountId: string): string {
    return `palisade-${environment}-${purpose}-${accountId}`;
  }

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const where = this.node.path;
    if (!/^[a-z][a-z0-9-]{1,23}[a-z0-9]$/.test(props.purpose) || props.purpose.includes('--')) {
      throw new PalisadeConfigError(where, 'purpose', props.purpose, 'use 3–25 lower-case letters, digits and single dashes, starting with a letter');
    }
    if (!/^\d{12}$/.test(props.accountId)) {
      throw new PalisadeConfigError(where, 'accountId', props.accountId, 'a 12-digit AWS account id');
    }
    const name = SecureBucket.bucketName(props.environment, props.purpose, props.accountId);
    if (name.length > MAX_BUCKET_NAME) {
      throw new PalisadeConfigError(where, 'purpose', props.purpose, `makes the bucket name "${name}" longer than ${MAX_BUCKET_NAME} characters`);
    }
    const encryption = props.encryption;
    if (encryption?.kind === 's3-managed' && encryption.reason !== ALB_ACCESS_LOGS_EXCEPTION) {
      throw new PalisadeConfigError(where, 'encryption.reason', encryption.reason,
        `SSE-S3 is accepted only where AWS supports nothing else: "${ALB_ACCESS_LOGS_EXCEPTION}"; use { kind: 'kms', key } otherwise`);
    }
    if (encryption?.kind !== 'kms' && encryption?.kind !== 's3-managed') {
      throw new PalisadeConfigError(where, 'encryption.kind', (encryption as { kind?: unknown })?.kind, 'use "kms" (with a KmsKey) or "s3-managed" (ALB access logs only)');
    }
    const isLogBucket = props.accessLogs?.kind === 'is-log-bucket';
    if (props.accessLogs?.kind === 'to-log-bucket' && !props.accessLogs.bucket?.isLogBucket) {
      throw new PalisadeConfigError(where, 'accessLogs.bucket', props.accessLogs.bucket?.node.path,
        'server access logs go to a log bucket: a SecureBucket created with accessLogs { kind: "is-log-bucket" }');
    }
    if (!isLogBucket && props.accessLogs?.kind !== 'to-log-bucket') {
      throw new PalisadeConfigError(where, 'accessLogs.kind', (props.accessLogs as { kind?: unknown })?.kind, 'use "to-log-bucket" (with the log bucket) or "is-log-bucket"');
    }
    if (isLogBucket && encryption.kind === 'kms' && !encryption.key.grantsService('logging.s3.amazonaws.com')) {
      throw new PalisadeConfigError(where, 'encryption.key', encryption.key.node.path,
        'S3 server access log delivery cannot write into this SSE-KMS log bucket: grant the key to logging.s3.amazonaws.com (KmsServiceGrants.s3ServerAccessLogs)');
    }
    const lifecycle = {
      expireCurrentVersionsAfterDays: props.lifecycle?.expireCurrentVersionsAfterDays,
      noncurrentVersionExpirationDays: props.lifecycle?.noncurrentVersionExpirationDays ?? 90,
      abortIncompleteMultipartUploadDays: props.lifecycle?.abortIncompleteMultipartUploadDays ?? 7,
    };
    for (const [field, days] of Object.entries(lifecycle)) {
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 36500)) {
        throw new PalisadeConfigError(where, `lifecycle.${field}`, days, 'a whole number of days from 1 to 36500');
      }
    }
    if (props.objectLock) {
      const { mode, days } = props.objectLock;
      if (mode !== 'GOVERNANCE' && mode !== 'COMPLIANCE') {
        throw new PalisadeConfigError(where, 'objectLock.mode', mode, 'GOVERNANCE or COMPLIANCE');
      }
      if (!Number.isInteger(days) || days < 1 || days > 36500) {
        throw new PalisadeConfigError(where, 'objectLock.days', days, 'a whole number of days from 1 to 36500');
      }
      if (lifecycle.expireCurrentVersionsAfterDays !== undefined && lifecycle.expireCurrentVersionsAfterDays < days) {
        throw new PalisadeConfigError(where, 'lifecycle.expireCurrentVersionsAfterDays', lifecycle.expireCurrentVersionsAfterDays,
          `is shorter than the Object Lock retention (${days} days): expiry could never happen on time`);
      }
    }
    const extra = props.extraStatements ?? [];
    const sids = new Set(BUILT_IN_STATEMENT_IDS);
    extra.forEach((st, i) => {
      if (!st.Sid || !/^[A-Za-z0-9]+$/.test(st.Sid) || sids.has(st.Sid)) {
        throw new PalisadeConfigError(where, `extraStatements[${i}].Sid`, st.Sid, `needs a unique alphanumeric Sid (taken: ${[...sids].join(', ')})`);
      }
      sids.add(st.Sid);
      const principals = st.Principal === '*' ? ['*'] : Object.values(st.Principal).flatMap((v) => (Array.isArray(v) ? v : [v]));
      const conditioned = st.Condition !== undefined && Object.keys(st.Condition).length > 0;
      if (st.Effect === 'Allow' && principals.includes('*') && !conditioned) {
        throw new PalisadeConfigError(where, `extraStatements[${i}]`, st.Sid, 'allows principal "*" without a condition: that makes the bucket public');
      }
    });

    this.name = name;
    this.arn = `arn:aws:s3:::${name}`;
    this.encryption = encryption;
    this.isLogBucket = isLogBucket;
    const tier = props.tier ?? SHARED_TIER;
    const markers: Record<string, string> = { Purpose: props.purpose };
    if (encryption.kind === 's3-managed') markers[ENCRYPTION_EXCEPTION_TAG] = encryption.reason;
    if (isLogBucket) markers[ACCESS_LOGGING_EXCEPTION_TAG] = LOG_TARGET_EXCEPTION;

    this.bucket = new S3Bucket(this, 'resource', {
      bucket: name,
      // Emptying a bucket on destroy is never implicit.
      forceDestroy: false,
      objectLockEnabled: props.objectLock ? true : undefined,
      tags: resourceTags(name, tier, markers),
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    const bucketId = this.bucket.id;
    // Every principal, this account included, is denied ACL-based and public access.
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public_access_block', {
      bucket: bucketId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const ownership = new S3BucketOwnershipControls(this, 'ownership', {
      bucket: bucketId,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket: bucketId,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: bucketId,
      rule: [encryption.kind === 'kms'
        ? {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: encryption.key.arn },
          // Bucket keys cut KMS requests (and cost) by ~99% without weakening the per-object keys.
          bucketKeyEnabled: true,
        }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    if (props.accessLogs.kind === 'to-log-bucket') {
      new S3BucketLoggingA(this, 'access_logs', {
        bucket: bucketId,
        targetBucket: props.accessLogs.bucket.bucket.id,
        targetPrefix: `${name}/`,
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
      });
    }
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: bucketId,
      rule: [
        {
          id: 'expire-noncurrent-versions',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: lifecycle.noncurrentVersionExpirationDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: lifecycle.abortIncompleteMultipartUploadDays }],
          ...(lifecycle.expireCurrentVersionsAfterDays !== undefined ? { expiration: [{ days: lifecycle.expireCurrentVersionsAfterDays }] } : {}),
        },
        {
          id: 'remove-expired-delete-markers',
          status: 'Enabled',
          filter: [{}],
          expiration: [{ expiredObjectDeleteMarker: true }],
        },
      ].filter((rule) => !(rule.id === 'remove-expired-delete-markers' && lifecycle.expireCurrentVersionsAfterDays !== undefined)),
      // Lifecycle rules on noncurrent versions need versioning to exist first.
      dependsOn: [this.versioning],
    });
    if (props.objectLock) {
      new S3BucketObjectLockConfigurationA(this, 'object_lock', {
        bucket: bucketId,
        rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.days } },
        dependsOn: [this.versioning],
      });
    }

    const statements: BucketPolicyStatement[] = [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [this.arn, `${this.arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'DenyTlsBelow12',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [this.arn, `${this.arn}/*`],
        Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
      },
    ];
    if (isLogBucket) {
      statements.push({
        Sid: 'AllowS3ServerAccessLogDelivery',
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${this.arn}/*`,
        // Only this account's Palisade buckets of this environment may deliver logs here (confused-deputy guard).
        Condition: {
          StringEquals: { 'aws:SourceAccount': props.accountId },
          ArnLike: { 'aws:SourceArn': `arn:aws:s3:::palisade-${props.environment}-*` },
        },
      });
    }
    statements.push(...extra);
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: bucketId,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
      // A policy put before the public access block could briefly be evaluated without it.
      dependsOn: [this.publicAccessBlock, ownership],
    });
  }
}
