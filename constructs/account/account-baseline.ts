import { Construct } from '../framework';
import { SecureBucket } from '../storage/secure-bucket';
import { AccountPublicAccessBlock } from './account-public-access-block';
import { AuditTrail } from './audit-trail';
import { EbsDefaultEncryption } from './ebs-default-encryption';
import { managedElsewhereSet } from './managed-elsewhere';
import { PasswordPolicy, PasswordPolicyProps } from './password-policy';

export interface AccountBaselineProps {
  /**
   * Account controls run outside this estate (`cloudtrail`, `ebs-default-encryption`, `s3-account-public-access-block`,
   * `password-policy`; config `security.managedElsewhere`), e.g. an organization trail: not created here. @default none
   */
  readonly managedElsewhere?: readonly string[];
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** GDPR allowlist (trail destination). */
  readonly allowedRegions: readonly string[];
  /** Log bucket for the S3 server access logs of the trail bucket. */
  readonly accessLogBucket: SecureBucket;
  /** Stricter-only password policy overrides. @default the Palisade floor (14 / 24 / 90) */
  readonly passwordPolicy?: PasswordPolicyProps;
  /** Days the trail is kept. @default 365 */
  readonly trailRetentionDays?: number;
  /** GDPR cap on retention of logs holding personal data. @default 731 */
  readonly personalDataLogMaxRetentionDays?: number;
}

/** The account-wide settings every Palisade account has: audit trail, EBS default encryption, S3 public-access block, password policy. */
export class AccountBaseline extends Construct {
  /** Absent when `cloudtrail` is managed elsewhere. */
  public readonly trail?: AuditTrail;
  /** Absent when `ebs-default-encryption` is managed elsewhere. */
  public readonly ebs?: EbsDefaultEncryption;
  /** Absent when `s3-account-public-access-block` is managed elsewhere. */
  public readonly publicAccessBlock?: AccountPublicAccessBlock;
  /** Absent when `password-policy` is managed elsewhere. */
  public readonly passwordPolicy?: PasswordPolicy;

  constructor(scope: Construct, id: string, props: AccountBaselineProps) {
    super(scope, id);
    const { environment, accountId, region } = props;
    const elsewhere = managedElsewhereSet(this.node.path, props.managedElsewhere);
    if (!elsewhere.has('cloudtrail')) {
      this.trail = new AuditTrail(this, 'cloudtrail', {
        environment, accountId, region,
        allowedRegions: props.allowedRegions,
        accessLogBucket: props.accessLogBucket,
        retentionDays: props.trailRetentionDays,
        maxRetentionDays: props.personalDataLogMaxRetentionDays,
      });
    }
    if (!elsewhere.has('ebs-default-encryption')) this.ebs = new EbsDefaultEncryption(this, 'ebs_encryption', { environment, accountId, region });
    if (!elsewhere.has('s3-account-public-access-block')) this.publicAccessBlock = new AccountPublicAccessBlock(this, 's3_public_access_block', { accountId });
    if (!elsewhere.has('password-policy')) this.passwordPolicy = new PasswordPolicy(this, 'password_policy', props.passwordPolicy);
  }
}
