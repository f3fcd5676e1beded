import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AccountBaseline, Backups, Construct, GuardDuty, KmsKey, KmsServiceGrants, requireAllowedRegion, SecureBucket, SecurityAlerts, SecurityPosture } from '../index';
import { EnvironmentConfig } from '../config/schema';
import { MANAGED_ELSEWHERE_KEY } from '../policies/rules/lib/account-controls';
import { PALISADE_COMMENT_KEY, TF_COMMENT_KEY } from '../policies/suppression-format';
import { PalisadeStack } from './palisade-stack';

/**
 * One environment's security baseline, as the AWS Security Reference Architecture enables it: the security team is
 * alerted (GuardDuty, Security Hub), posture is recorded (Config, Access Analyzer), the account is hardened (CloudTrail,
 * EBS encryption, S3 public-access block, password policy) and data is backed up. Self-contained: no cross-stack references.
 */
export class SecurityStack extends PalisadeStack {
  public readonly alerts: SecurityAlerts;
  /** Absent when `guardduty` is managed elsewhere (config `security.managedElsewhere`). */
  public readonly guardDuty?: GuardDuty;
  public readonly posture: SecurityPosture;
  public readonly account: AccountBaseline;
  public readonly backups: Backups;

  constructor(scope: Construct, environment: EnvironmentConfig) {
    super(scope, { environment, component: 'security' });
    const { name, accountId, region, security } = environment;
    const base = { environment: name, accountId, region };
    const maxRetentionDays = environment.personalDataLogMaxRetentionDays;

    const accessLogs = new SecureBucket(this, 'access_logs', {
      ...base,
      purpose: 'security-access-logs',
      encryption: {
        kind: 'kms',
        key: new KmsKey(this, 'access_logs_key', {
          ...base,
          purpose: 'security-access-logs',
          description: `Encrypts S3 server access logs of the ${name} security buckets`,
          serviceGrants: [KmsServiceGrants.s3ServerAccessLogs(accountId, `arn:aws:s3:::palisade-${name}-*`)],
        }),
      },
      accessLogs: { kind: 'is-log-bucket' },
      // Access logs hold requester IPs: kept for audit, no longer than the personal-data cap.
      lifecycle: { expireCurrentVersionsAfterDays: 365 },
    });

    this.alerts = new SecurityAlerts(this, 'security_alerts', { ...base, email: environment.securityContactEmail });
    // A control the config declares as run elsewhere (e.g. by the organization) is not created here: a second GuardDuty
    // detector or Security Hub account would fail at deploy time. PAL-ACCT-003 reads the declaration instead.
    const elsewhere = security.managedElsewhere.map((d) => d.control);
    if (!elsewhere.includes('guardduty')) {
      this.guardDuty = new GuardDuty(this, 'guardduty', {
        ...base,
        accessLogBucket: accessLogs,
        alerts: this.alerts,
        features: security.guardDuty.features,
        alertSeverityThreshold: security.guardDuty.alertSeverityThreshold,
        maxRetentionDays,
      });
    }
    this.posture = new SecurityPosture(this, 'posture', {
      ...base,
      accessLogBucket: accessLogs,
      alerts: this.alerts,
      recordGlobalResourceTypes: security.config.recordGlobalResourceTypes,
      createConfigServiceLinkedRole: security.config.createServiceLinkedRole,
      managedElsewhere: elsewhere,
    });
    this.account = new AccountBaseline(this, 'account', {
      ...base,
      allowedRegions: environment.allowedRegions,
      accessLogBucket: accessLogs,
      passwordPolicy: security.passwordPolicy,
      personalDataLogMaxRetentionDays: maxRetentionDays,
      managedElsewhere: elsewhere,
    });
    this.backups = new Backups(this, 'backup', {
      ...base,
      allowedRegions: environment.allowedRegions,
      dailyRetentionDays: security.backup.dailyRetentionDays,
      weeklyRetentionWeeks: security.backup.weeklyRetentionWeeks,
      monthlyRetentionMonths: security.backup.monthlyRetentionMonths,
      vaultLockMode: security.backup.vaultLockMode,
      vaultLockChangeableForDays: security.backup.vaultLockChangeableForDays,
      copyTo: security.backup.copyRegion ? { region: security.backup.copyRegion, provider: this.regionProvider('backup_copy', security.backup.copyRegion, 'security.backup.copyRegion') } : undefined,
    });
  }

  /** The synthesized stack declares the account controls config says are run elsewhere (read by PAL-ACCT-003). */
  public override toTerraform(): any {
    const tf = super.toTerraform();
    const declared = this.environment.security.managedElsewhere;
    if (declared.length > 0) tf[TF_COMMENT_KEY] = { ...tf[TF_COMMENT_KEY], [PALISADE_COMMENT_KEY]: { ...tf[TF_COMMENT_KEY]?.[PALISADE_COMMENT_KEY], [MANAGED_ELSEWHERE_KEY]: declared } };
    return tf;
  }

  /** An aliased provider for a second region, refused outside the GDPR allowlist; same account lock and default tags. */
  private regionProvider(alias: string, region: string, field: string): AwsProvider {
    requireAllowedRegion(this.node.path, field, region, this.environment.allowedRegions);
    return new AwsProvider(this, `aws_${alias}`, {
      alias,
      region,
      allowedAccountIds: [this.environment.accountId],
      defaultTags: this.provider.defaultTags,
    });
  }
}
