import { Construct } from '../framework';
import { SecureBucket } from '../storage/secure-bucket';
import { AccountPublicAccessBlock } from './account-public-access-block';
import { AuditTrail } from './audit-trail';
import { EbsDefaultEncryption } from './ebs-default-encryption';
import { PasswordPolicy, PasswordPolicyProps } from './password-policy';

export interface AccountBaselineProps {
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
  public readonly trail: AuditTrail;
  public readonly ebs: EbsDefaultEncryption;
  public readonly publicAccessBlock: AccountPublicAccessBlock;
  public readonly passwordPolicy: PasswordPolicy;

  constructor(scope: Construct, id: string, props: AccountBaselineProps) {
    super(scope, id);
    const { environment, accountId, region } = props;
    this.trail = new AuditTrail(this, 'cloudtrail', {
      environment, accountId, region,
      allowedRegions: props.allowedRegions,
      accessLogBucket: props.accessLogBucket,
      retentionDays: props.trailRetentionDays,
      maxRetentionDays: props.personalDataLogMaxRetentionDays,
    });
    this.ebs = new EbsDefaultEncryption(this, 'ebs_encryption', { environment, accountId, region });
    this.publicAccessBlock = new AccountPublicAccessBlock(this, 's3_public_access_block', { accountId });
    this.passwordPolicy = new PasswordPolicy(this, 'password_policy', props.passwordPolicy);
  }
}
