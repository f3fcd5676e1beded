import { BackupVault as BackupVaultResource } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { resourceTags, SHARED_TIER } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct } from '../framework';
import { KmsKey } from '../kms/kms-key';

/** AWS Backup's shortest grace period before a compliance-mode lock is immutable. */
export const MIN_COMPLIANCE_GRACE_DAYS = 3;

export interface VaultLockProps {
  /**
   * `governance`: deletes and shorter retention are refused, but principals with `backup:DeleteBackupVaultLockConfiguration`
   * can lift the lock. `compliance`: after `changeableForDays` nobody, not even the root user, can.
   * @default governance
   */
  readonly mode?: 'governance' | 'compliance';
  /** Grace period of a compliance lock, ≥ 3 days. Only for compliance mode. @default 3 */
  readonly changeableForDays?: number;
  /** Shortest retention a recovery point may have. @default 7 */
  readonly minRetentionDays: number;
  /** Longest retention a recovery point may have. */
  readonly maxRetentionDays: number;
}

export interface BackupVaultProps {
  /** Vault name: `palisade-<environment>[-<suffix>]`. */
  readonly environment: string;
  readonly accountId: string;
  /** Region the vault lives in (the provider's). */
  readonly region: string;
  /** Distinguishes a second vault (`copy`). @default none */
  readonly suffix?: string;
  readonly lock: VaultLockProps;
  /** Provider of another region (copy destination). @default the stack's provider */
  readonly provider?: AwsProvider;
}

/** A backup vault encrypted with its own customer-managed key and locked against deletion and early expiry. */
export class BackupVault extends Construct {
  public readonly vault: BackupVaultResource;
  public readonly key: KmsKey;
  public readonly lock: BackupVaultLockConfiguration;
  public readonly name: string;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: BackupVaultProps) {
    super(scope, id);
    const where = this.node.path;
    const mode = props.lock.mode ?? 'governance';
    const { minRetentionDays, maxRetentionDays } = props.lock;
    if (!Number.isInteger(minRetentionDays) || minRetentionDays < 1) {
      throw new PalisadeConfigError(where, 'lock.minRetentionDays', minRetentionDays, 'at least 1 day');
    }
    if (!Number.isInteger(maxRetentionDays) || maxRetentionDays < minRetentionDays || maxRetentionDays > 36500) {
      throw new PalisadeConfigError(where, 'lock.maxRetentionDays', maxRetentionDays, `from minRetentionDays (${minRetentionDays}) to 36500`);
    }
    if (mode === 'governance' && props.lock.changeableForDays !== undefined) {
      throw new PalisadeConfigError(where, 'lock.changeableForDays', props.lock.changeableForDays, 'a grace period only exists in compliance mode; governance locks have none');
    }
    const changeableForDays = mode === 'compliance' ? props.lock.changeableForDays ?? MIN_COMPLIANCE_GRACE_DAYS : undefined;
    if (changeableForDays !== undefined && (!Number.isInteger(changeableForDays) || changeableForDays < MIN_COMPLIANCE_GRACE_DAYS)) {
      throw new PalisadeConfigError(where, 'lock.changeableForDays', changeableForDays, `AWS Backup needs at least ${MIN_COMPLIANCE_GRACE_DAYS} days before a compliance lock becomes immutable`);
    }

    this.name = `palisade-${props.environment}${props.suffix ? `-${props.suffix}` : ''}`;
    this.key = new KmsKey(this, 'key', {
      purpose: props.suffix ? `backup-${props.suffix}` : 'backup',
      environment: props.environment,
      accountId: props.accountId,
      region: props.region,
      description: `Encrypts recovery points in the ${this.name} backup vault (${props.region})`,
      // No service grant: AWS Backup uses the key through the backup role's IAM permissions (grants via kms:ViaService).
    });
    this.vault = new BackupVaultResource(this, 'resource', {
      name: this.name,
      kmsKeyArn: this.key.arn,
      forceDestroy: false,
      tags: resourceTags(this.name, SHARED_TIER, { LockMode: mode }),
    });
    this.lock = new BackupVaultLockConfiguration(this, 'lock', {
      backupVaultName: this.vault.name,
      minRetentionDays,
      maxRetentionDays,
      ...(changeableForDays !== undefined ? { changeableForDays } : {}),
    });
    if (props.provider) {
      for (const r of [this.key.key, this.key.alias, this.vault, this.lock]) r.provider = props.provider;
    }
    this.arn = this.vault.arn;
  }
}
