import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import {
  POSTGRES_PORT,
  RDS_BACKUP_RETENTION_FLOOR_DAYS,
  RDS_BACKUP_RETENTION_MAX_DAYS,
  REQUIRED_LOG_EXPORTS,
} from '../../policies/rules/lib/rds';
import { backupTags } from '../backup/backup-tags';
import { resourceTags } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct } from '../framework';
import { KmsKey } from '../kms/kms-key';
import { LeastPrivilegeSecurityGroup } from '../network/security-group';
import { SegmentedVpc } from '../network/segmented-vpc';
import { CLOUDWATCH_RETENTION_DAYS } from '../network/vpc-flow-log';

/** PostgreSQL major versions RDS supports in standard support. */
export const SUPPORTED_POSTGRES_MAJOR_VERSIONS = [13, 14, 15, 16, 17];
/** AWS managed policy of the enhanced-monitoring role: writes OS metrics to the `RDSOSMetrics` log group only. */
export const ENHANCED_MONITORING_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole';

export interface PostgresDatabaseProps {
  /** Environment name: prefixes AWS names. */
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** What the database holds (`reviews`): lower-case letters, digits, dashes; part of the instance identifier. */
  readonly name: string;
  /** The VPC: the database lives in its `dataTier` subnets, in every AZ. */
  readonly network: SegmentedVpc;
  /** Tier holding the database. @default `data` */
  readonly dataTier?: string;
  /** The environment's `data` key: storage, Performance Insights and the master secret are encrypted with it. */
  readonly key: KmsKey;
  /** Key of the PostgreSQL log group (must grant CloudWatch Logs). */
  readonly logsKey: KmsKey;
  /** PostgreSQL version, major (`16`) or major.minor (`16.4`); minor upgrades are applied automatically. */
  readonly engineVersion: string;
  /** Instance class, e.g. `db.m7g.large`. */
  readonly instanceClass: string;
  /** Storage in GiB (gp3), 20–65536. */
  readonly allocatedStorageGiB: number;
  /** Storage autoscaling ceiling in GiB. @default twice `allocatedStorageGiB` */
  readonly maxAllocatedStorageGiB?: number;
  /** Days automated backups (point-in-time recovery) are kept, floor 7, at most 35. @default 14 */
  readonly backupRetentionDays?: number;
  /** A synchronous standby in a second AZ. @default true */
  readonly multiAz?: boolean;
  /** Name of the database created in the instance. @default `name` with dashes as underscores */
  readonly databaseName?: string;
  /** Master user name; its password is generated and kept by RDS in Secrets Manager. @default `palisade_admin` */
  readonly masterUsername?: string;
  /** Days PostgreSQL logs are kept in CloudWatch (a CloudWatch retention value). @default 365 */
  readonly logRetentionDays?: number;
  /** Cap on log retention: PostgreSQL logs hold client IPs and user names (GDPR). @default 731 */
  readonly maxLogRetentionDays?: number;
  /** Enhanced-monitoring interval in seconds (1, 5, 10, 15, 30, 60). @default 60 */
  readonly monitoringIntervalSeconds?: number;
}

/**
 * A PostgreSQL data store: an **RDS for PostgreSQL DB instance** (not an Aurora cluster). One instance resource carries
 * every setting the baseline judges (storage encryption, IAM auth, backups, log exports, deletion protection), Multi-AZ
 * gives a synchronous standby for failover, and the smallest production footprint costs far less than Aurora; Aurora's
 * strengths (read replicas sharing storage, 128 TiB, sub-minute failover) are more than a review platform needs.
 *
 * Secure by default: in the data-tier subnets of every AZ, reachable only by members of {@link clients} (the app tier
 * joins it) on 5432, never public; storage, Performance Insights and the master secret encrypted with the `data` key;
 * TLS forced (`rds.force_ssl = 1` in its own parameter group); IAM database authentication; the master password
 * generated, stored and rotated (every 7 days) by RDS in Secrets Manager, so it is in neither config nor state;
 * deletion protection, `prevent_destroy` and a final snapshot; automated backups ≥ 7 days copied with tags to snapshots
 * and enrolled in AWS Backup by the `Backup` tag; minor versions upgraded; logs exported to a CMK-encrypted,
 * retention-capped log group; enhanced monitoring by a role only RDS of this account can assume.
 */
export class PostgresDatabase extends Construct {
  public readonly instance: DbInstance;
  /** Members of this group (the app tier) may reach the database on its port; nothing else may. */
  public readonly clients: LeastPrivilegeSecurityGroup;
  public readonly securityGroup: LeastPrivilegeSecurityGroup;
  public readonly subnetGroup: DbSubnetGroup;
  public readonly parameterGroup: DbParameterGroup;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly monitoringRole: IamRole;
  public readonly identifier: string;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    const v = validate(this.node.path, props);
    const env = props.environment;
    const dataTier = props.network.tier(v.dataTier);
    const tier = dataTier.spec.name;
    const identifier = `palisade-${env}-${props.name}`;
    this.identifier = identifier;

    this.subnetGroup = new DbSubnetGroup(this, 'subnet_group', {
      name: identifier,
      description: `${props.name}: the ${tier}-tier subnets of every availability zone`,
      subnetIds: dataTier.subnets.map((s) => s.id),
      tags: resourceTags(identifier, tier),
    });
    this.securityGroup = new LeastPrivilegeSecurityGroup(this, 'security_group', {
      vpcId: props.network.vpc.id, name: `${identifier}-db`, description: `PostgreSQL ${props.name} in ${env}`, tier,
    });
    this.clients = new LeastPrivilegeSecurityGroup(this, 'clients', {
      vpcId: props.network.vpc.id, name: `${identifier}-clients`, description: `Application hosts of ${env} that use the ${props.name} database`, tier: 'app',
    });
    LeastPrivilegeSecurityGroup.connect(this.clients, this.securityGroup, POSTGRES_PORT, `App tier reads and writes the ${props.name} database (TLS)`);

    this.parameterGroup = tlsOnlyParameterGroup(this, identifier, props.name, v.major, tier);
    // Created before the instance, so RDS writes into this encrypted, retention-capped group instead of making its own.
    this.logGroup = new CloudwatchLogGroup(this, 'log_group', {
      name: `/aws/rds/instance/${identifier}/postgresql`,
      kmsKeyId: props.logsKey.arn,
      retentionInDays: v.logRetention,
      tags: resourceTags(`${identifier}-postgresql`, tier, { PersonalData: 'client-ips-user-names' }),
    });
    const [monitoringRole, monitoringPolicy] = enhancedMonitoringRole(this, identifier, props.accountId, tier);
    this.monitoringRole = monitoringRole;

    this.instance = new DbInstance(this, 'resource', {
      identifier,
      engine: 'postgres',
      engineVersion: props.engineVersion,
      instanceClass: props.instanceClass,
      dbName: v.databaseName,
      username: v.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.key.arn,
      iamDatabaseAuthenticationEnabled: true,
      port: POSTGRES_PORT,
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      publiclyAccessible: false,
      multiAz: v.multiAz,
      parameterGroupName: this.parameterGroup.name,
      caCertIdentifier: 'rds-ca-rsa2048-g1',
      storageType: 'gp3',
      allocatedStorage: props.allocatedStorageGiB,
      maxAllocatedStorage: v.maxStorage,
      storageEncrypted: true,
      kmsKeyId: props.key.arn,
      backupRetentionPeriod: v.backupRetention,
      backupWindow: '02:00-03:00',
      maintenanceWindow: 'sun:03:30-sun:04:30',
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${identifier}-final`,
      deletionProtection: true,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      enabledCloudwatchLogsExports: [...REQUIRED_LOG_EXPORTS.postgres],
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.key.arn,
      performanceInsightsRetentionPeriod: 7,
      monitoringInterval: v.monitoringInterval,
      monitoringRoleArn: this.monitoringRole.arn,
      tags: resourceTags(identifier, tier, backupTags()),
      dependsOn: [this.logGroup, monitoringPolicy],
      lifecycle: { preventDestroy: true },
    });
  }
}

/** The instance's own parameter group: TLS-only connections (`rds.force_ssl`), connections and disconnections logged. */
function tlsOnlyParameterGroup(scope: Construct, identifier: string, name: string, major: number, tier: string): DbParameterGroup {
  return new DbParameterGroup(scope, 'parameter_group', {
    name: identifier,
    family: `postgres${major}`,
    description: `${name}: TLS-only connections, connection logging`,
    parameter: [
      // Static parameters change at the next reboot; Terraform must say so or it shows a diff forever.
      { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' },
      { name: 'log_connections', value: '1' },
      { name: 'log_disconnections', value: '1' },
    ],
    tags: resourceTags(identifier, tier),
  });
}

/** The enhanced-monitoring role: assumable only by RDS acting for this account, holding only AWS's monitoring policy. */
function enhancedMonitoringRole(scope: Construct, identifier: string, accountId: string, tier: string): [IamRole, IamRolePolicyAttachment] {
  const role = new IamRole(scope, 'monitoring_role', {
    name: `${identifier}-monitoring`,
    description: `Lets RDS enhanced monitoring of ${identifier} write OS metrics, nothing else`,
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow', Principal: { Service: 'monitoring.rds.amazonaws.com' }, Action: 'sts:AssumeRole',
        // Confused-deputy guard: only RDS acting for this account may assume the role.
        Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
      }],
    }),
    tags: resourceTags(`${identifier}-monitoring`, tier),
  });
  return [role, new IamRolePolicyAttachment(scope, 'monitoring_policy', { role: role.name, policyArn: ENHANCED_MONITORING_POLICY })];
}

/** Checks the props and resolves their defaults; every refusal names the field and echoes the value. */
function validate(where: string, props: PostgresDatabaseProps) {
  if (!/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/.test(props.name) || props.name.includes('--')) {
    throw new PalisadeConfigError(where, 'name', props.name, 'use 3–32 lower-case letters, digits and single dashes, starting with a letter');
  }
  const dataTier = props.dataTier ?? 'data';
  if (!props.network.tiers.has(dataTier)) {
    throw new PalisadeConfigError(where, 'dataTier', dataTier, `not a tier of the VPC (${[...props.network.tiers.keys()].join(', ')})`);
  }
  const version = /^(\d+)(\.\d+)?$/.exec(props.engineVersion ?? '');
  const major = version ? Number(version[1]) : NaN;
  if (!SUPPORTED_POSTGRES_MAJOR_VERSIONS.includes(major)) {
    throw new PalisadeConfigError(where, 'engineVersion', props.engineVersion, `a PostgreSQL version RDS supports: major ${SUPPORTED_POSTGRES_MAJOR_VERSIONS.join(', ')} (e.g. "16" or "16.4")`);
  }
  if (!/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(props.instanceClass ?? '')) {
    throw new PalisadeConfigError(where, 'instanceClass', props.instanceClass, 'an RDS instance class such as "db.m7g.large"');
  }
  const storage = props.allocatedStorageGiB;
  if (!Number.isInteger(storage) || storage < 20 || storage > 65536) {
    throw new PalisadeConfigError(where, 'allocatedStorageGiB', storage, 'gp3 storage is 20–65536 GiB');
  }
  const maxStorage = props.maxAllocatedStorageGiB ?? Math.min(storage * 2, 65536);
  if (!Number.isInteger(maxStorage) || maxStorage < storage || maxStorage > 65536) {
    throw new PalisadeConfigError(where, 'maxAllocatedStorageGiB', maxStorage, `the autoscaling ceiling is ${storage} (allocatedStorageGiB) to 65536 GiB`);
  }
  const backupRetention = props.backupRetentionDays ?? 14;
  if (!Number.isInteger(backupRetention) || backupRetention < RDS_BACKUP_RETENTION_FLOOR_DAYS || backupRetention > RDS_BACKUP_RETENTION_MAX_DAYS) {
    throw new PalisadeConfigError(where, 'backupRetentionDays', backupRetention, `keep automated backups ${RDS_BACKUP_RETENTION_FLOOR_DAYS}–${RDS_BACKUP_RETENTION_MAX_DAYS} days`);
  }
  const cap = props.maxLogRetentionDays ?? 731;
  const logRetention = props.logRetentionDays ?? Math.min(365, cap);
  if (!CLOUDWATCH_RETENTION_DAYS.includes(logRetention) || logRetention > cap) {
    throw new PalisadeConfigError(where, 'logRetentionDays', logRetention, `a CloudWatch retention value up to ${cap} (personal-data cap): ${CLOUDWATCH_RETENTION_DAYS.filter((d) => d <= cap).join(', ')}`);
  }
  const monitoringInterval = props.monitoringIntervalSeconds ?? 60;
  if (![1, 5, 10, 15, 30, 60].includes(monitoringInterval)) {
    throw new PalisadeConfigError(where, 'monitoringIntervalSeconds', monitoringInterval, 'enhanced monitoring runs every 1, 5, 10, 15, 30 or 60 seconds (0 would switch it off)');
  }
  const databaseName = props.databaseName ?? props.name.replace(/-/g, '_');
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(databaseName)) {
    throw new PalisadeConfigError(where, 'databaseName', databaseName, 'a PostgreSQL identifier: lower-case letter first, then letters, digits, underscores (≤ 63)');
  }
  const masterUsername = props.masterUsername ?? 'palisade_admin';
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(masterUsername) || ['postgres', 'admin', 'rdsadmin', 'root'].includes(masterUsername)) {
    throw new PalisadeConfigError(where, 'masterUsername', masterUsername, 'a PostgreSQL identifier that is not a well-known default (postgres, admin, rdsadmin, root)');
  }
  return { dataTier, major, maxStorage, backupRetention, logRetention, monitoringInterval, databaseName, masterUsername, multiAz: props.multiAz ?? true };
}
