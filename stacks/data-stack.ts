import { DatabaseConfig, EnvironmentConfig } from '../config/schema';
import { Construct, KmsKey, PalisadeConfigError, PostgresDatabase } from '../index';
import { NetworkStack } from './network-stack';
import { PalisadeStack } from './palisade-stack';

/**
 * One environment's data tier: the PostgreSQL data store in the data-tier subnets and the environment's `data` key that
 * encrypts it. Built on the network stack (VPC, data subnets, logs key) through cross-stack references; application
 * hosts join {@link DataStack.clients} to reach it. AWS Backup (security stack) selects it by its `Backup` tag.
 */
export class DataStack extends PalisadeStack {
  public readonly database: PostgresDatabase;
  /** Encrypts the environment's data stores: storage, Performance Insights and master secrets. */
  public readonly dataKey: KmsKey;

  constructor(scope: Construct, environment: EnvironmentConfig, network: NetworkStack) {
    super(scope, { environment, component: 'data' });
    const db: DatabaseConfig | undefined = environment.database;
    if (!db) throw new PalisadeConfigError(this.node.path, 'database', db, `environment ${environment.name} has no database section`);
    const { name, accountId, region } = environment;
    this.dataKey = new KmsKey(this, 'data_key', {
      purpose: 'data',
      environment: name,
      accountId,
      region,
      tier: 'data',
      // RDS and Secrets Manager use the key as the calling principal (kms:ViaService), which the account-root
      // statement delegates to IAM: no service principal needs a grant.
      description: `Encrypts the ${name} data stores (database storage, Performance Insights, master secrets)`,
    });
    this.database = new PostgresDatabase(this, db.name, {
      environment: name,
      accountId,
      region,
      name: db.name,
      network: network.network,
      key: this.dataKey,
      logsKey: network.logsKey,
      engineVersion: db.engineVersion,
      instanceClass: db.instanceClass,
      allocatedStorageGiB: db.allocatedStorageGiB,
      maxAllocatedStorageGiB: db.maxAllocatedStorageGiB,
      backupRetentionDays: db.backupRetentionDays,
      multiAz: db.multiAz,
      logRetentionDays: db.logRetentionDays,
      maxLogRetentionDays: environment.personalDataLogMaxRetentionDays,
    });
  }

  /** The group application hosts join to reach the database. */
  get clients() {
    return this.database.clients;
  }
}
