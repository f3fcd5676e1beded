import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { requireAllowedRegion } from '../common/regions';
import { resourceTags, SHARED_TIER } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct } from '../framework';
import { BACKUP_TAG_KEY, DEFAULT_BACKUP_PLAN } from './backup-tags';
import { BackupVault } from './backup-vault';

/** AWS managed policies the backup role needs to back up and restore every supported service, S3 included. */
export const BACKUP_ROLE_POLICIES = [
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
  'arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup',
  'arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore',
];

export interface BackupCopyDestination {
  /** The second region; must be in `allowedRegions` and differ from `region`. */
  readonly region: string;
  /** An AWS provider for that region (aliased). */
  readonly provider: AwsProvider;
}

export interface BackupsProps {
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** GDPR allowlist: the copy region must be in it. */
  readonly allowedRegions: readonly string[];
  /** Days daily recovery points are kept, 7–365. @default 35 */
  readonly dailyRetentionDays?: number;
  /** Weeks weekly recovery points are kept, 4–104. @default 13 */
  readonly weeklyRetentionWeeks?: number;
  /** Months monthly recovery points are kept, 3–120. @default 12 */
  readonly monthlyRetentionMonths?: number;
  /** Copy every recovery point to a vault in a second region. @default no copy */
  readonly copyTo?: BackupCopyDestination;
  /** Vault lock mode. @default governance */
  readonly vaultLockMode?: 'governance' | 'compliance';
  /** Grace period of a compliance lock (≥ 3). @default 3 in compliance mode */
  readonly vaultLockChangeableForDays?: number;
  /** Value of the `Backup` tag that selects resources into the plan. @default `standard` */
  readonly planName?: string;
}

interface Schedule {
  name: string;
  cron: string;
  retentionDays: number;
}

/**
 * Regular backups: a locked, KMS-encrypted vault, one plan with daily, weekly and monthly rules (optionally copied to a
 * vault in a second allowed region), and a tag selection — every resource tagged `Backup=<plan>` (see `backupTags`)
 * is backed up by a role holding only the AWS managed backup/restore policies.
 */
export class Backups extends Construct {
  public readonly vault: BackupVault;
  public readonly copyVault?: BackupVault;
  public readonly plan: BackupPlan;
  public readonly selection: BackupSelection;
  public readonly role: IamRole;
  /** The `Backup` tag value that selects a resource into the plan. */
  public readonly planName: string;

  constructor(scope: Construct, id: string, props: BackupsProps) {
    super(scope, id);
    const where = this.node.path;
    const daily = props.dailyRetentionDays ?? 35;
    const weekly = props.weeklyRetentionWeeks ?? 13;
    const monthly = props.monthlyRetentionMonths ?? 12;
    if (!Number.isInteger(daily) || daily < 7 || daily > 365) throw new PalisadeConfigError(where, 'dailyRetentionDays', daily, 'keep daily recovery points 7–365 days');
    if (!Number.isInteger(weekly) || weekly < 4 || weekly > 104) throw new PalisadeConfigError(where, 'weeklyRetentionWeeks', weekly, 'keep weekly recovery points 4–104 weeks');
    if (!Number.isInteger(monthly) || monthly < 3 || monthly > 120) throw new PalisadeConfigError(where, 'monthlyRetentionMonths', monthly, 'keep monthly recovery points 3–120 months');
    this.planName = props.planName ?? DEFAULT_BACKUP_PLAN;
    if (!/^[a-z][a-z0-9-]{1,30}$/.test(this.planName)) throw new PalisadeConfigError(where, 'planName', this.planName, 'lower-case letters, digits and dashes (2–31)');
    if (props.copyTo) {
      requireAllowedRegion(where, 'copyTo.region', props.copyTo.region, props.allowedRegions);
      if (props.copyTo.region === props.region) {
        throw new PalisadeConfigError(where, 'copyTo.region', props.copyTo.region, 'a copy in the same region does not survive a regional outage: choose a second region');
      }
    }

    // Times in UTC, spread so the three jobs do not start together.
    const schedules: Schedule[] = [
      { name: 'daily', cron: 'cron(0 3 * * ? *)', retentionDays: daily },
      { name: 'weekly', cron: 'cron(0 4 ? * SUN *)', retentionDays: weekly * 7 },
      { name: 'monthly', cron: 'cron(0 5 1 * ? *)', retentionDays: Math.ceil((monthly * 365) / 12) },
    ];
    const lock = {
      mode: props.vaultLockMode,
      changeableForDays: props.vaultLockChangeableForDays,
      // The lock admits exactly the retentions the plan produces: nobody can shorten or stretch them afterwards.
      minRetentionDays: Math.min(...schedules.map((s) => s.retentionDays)),
      maxRetentionDays: Math.max(...schedules.map((s) => s.retentionDays)),
    };
    this.vault = new BackupVault(this, 'vault', { environment: props.environment, accountId: props.accountId, region: props.region, lock });
    if (props.copyTo) {
      this.copyVault = new BackupVault(this, 'copy_vault', {
        environment: props.environment, accountId: props.accountId, region: props.copyTo.region, suffix: 'copy', lock, provider: props.copyTo.provider,
      });
    }

    const planFullName = `palisade-${props.environment}-${this.planName}`;
    this.plan = new BackupPlan(this, 'plan', {
      name: planFullName,
      rule: schedules.map((s) => ({
        ruleName: s.name,
        targetVaultName: this.vault.vault.name,
        schedule: s.cron,
        startWindow: 60,
        completionWindow: 360,
        lifecycle: { deleteAfter: s.retentionDays },
        recoveryPointTags: { Schedule: s.name, Plan: this.planName },
        ...(this.copyVault ? { copyAction: [{ destinationVaultArn: this.copyVault.arn, lifecycle: { deleteAfter: s.retentionDays } }] } : {}),
      })),
      tags: resourceTags(planFullName, SHARED_TIER),
    });

    const roleName = `palisade-${props.environment}-backup`;
    this.role = new IamRole(this, 'role', {
      name: roleName,
      description: 'Lets AWS Backup of this account back up and restore resources selected by the Backup tag',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { Service: 'backup.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
        }],
      }),
      tags: resourceTags(roleName, SHARED_TIER),
    });
    BACKUP_ROLE_POLICIES.forEach((policyArn) => {
      const short = policyArn.split('/').pop()!.replace('AWSBackupServiceRolePolicyFor', '').toLowerCase();
      new IamRolePolicyAttachment(this, `role_${short}`, { role: this.role.name, policyArn });
    });
    this.selection = new BackupSelection(this, 'selection', {
      name: `${this.planName}-by-tag`,
      planId: this.plan.id,
      iamRoleArn: this.role.arn,
      selectionTag: [{ type: 'STRINGEQUALS', key: BACKUP_TAG_KEY, value: this.planName }],
    });
  }
}
