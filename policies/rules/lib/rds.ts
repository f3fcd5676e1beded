import type { Model } from '../../model/model';
import type { Resource } from '../../model/types';
import { asBool, asString, isUnset, sameName } from '../../model/values';
import { fail, pass, type RuleResult } from '../types';

/**
 * Facts about RDS shared by the data-store construct, the config schema and the RDS rules (one place, imported by all).
 */

/** Fewest days automated backups are kept: the `backupRetentionMinimum` default of FSBP RDS.11. */
export const RDS_BACKUP_RETENTION_FLOOR_DAYS = 7;
/** Most days RDS keeps automated backups (point-in-time recovery window). */
export const RDS_BACKUP_RETENTION_MAX_DAYS = 35;
/** The PostgreSQL port the app tier reaches the data tier on. */
export const POSTGRES_PORT = 5432;

/**
 * Log types an instance must export to CloudWatch Logs, per engine family: the sets FSBP RDS.9 names (RDS.36 is the
 * `postgresql` log of PostgreSQL). Engines not listed need at least one export.
 */
export const REQUIRED_LOG_EXPORTS: Readonly<Record<string, readonly string[]>> = {
  postgres: ['postgresql', 'upgrade'],
  mysql: ['audit', 'error', 'general', 'slowquery'],
  mariadb: ['audit', 'error', 'general', 'slowquery'],
  oracle: ['alert', 'audit', 'listener', 'trace'],
  sqlserver: ['agent', 'error'],
};

/** RDS engine families (`aws_db_instance.engine` is the family or `<family>-<edition>`: `oracle-ee`, `db2-ae`). */
const ENGINE_FAMILIES = ['postgres', 'mysql', 'mariadb', 'oracle', 'sqlserver', 'db2'] as const;

/** `postgres`, `mysql`, `mariadb`, `oracle`, `sqlserver`, `db2` or the engine as written (`oracle-ee` → `oracle`). */
export function engineFamily(engine: unknown): string | undefined {
  const e = asString(engine)?.toLowerCase();
  if (!e) return undefined;
  for (const family of ENGINE_FAMILIES) if (e === family || e.startsWith(`${family}-`)) return family;
  return e;
}

/** The engine family a DB parameter group family belongs to (`postgres16`, `mysql8.0`, `sqlserver-ee-15.0`, `db2-ae-11.5`). */
export function engineOfParameterFamily(family: unknown): string | undefined {
  const f = asString(family)?.toLowerCase();
  return f === undefined ? undefined : ENGINE_FAMILIES.find((e) => f.startsWith(e));
}

/**
 * The parameter that forces client connections onto TLS, per engine family, and the values that turn it on:
 * `rds.force_ssl` (PostgreSQL, SQL Server), `require_secure_transport` (MySQL, MariaDB), `db2comm = SSL` (Db2: `TCPIP`
 * or `TCPIP,SSL` still accept plain connections).
 */
export const FORCE_TLS_PARAMETER: Readonly<Record<string, { name: string; on: readonly string[] }>> = {
  postgres: { name: 'rds.force_ssl', on: ['1', 'on', 'true'] },
  sqlserver: { name: 'rds.force_ssl', on: ['1', 'on', 'true'] },
  mysql: { name: 'require_secure_transport', on: ['1', 'on', 'true'] },
  mariadb: { name: 'require_secure_transport', on: ['1', 'on', 'true'] },
  db2: { name: 'db2comm', on: ['ssl'] },
};

/** RDS DB instances of the model (Aurora clusters are `aws_rds_cluster`, their members `aws_rds_cluster_instance`). */
export function dbInstances(model: Model): readonly Resource[] {
  return model.ofType('aws_db_instance');
}

/** Every resource that runs a database engine on its own network interface: DB instances and Aurora cluster instances. */
export function databaseInstances(model: Model): readonly Resource[] {
  return [...model.ofType('aws_db_instance'), ...model.ofType('aws_rds_cluster_instance')];
}

/** A boolean setting of a resource: its value, `unknown` for an expression, `absent` when not written. */
export function boolSetting(r: Resource, attribute: string): boolean | 'unknown' | 'absent' {
  const raw = r.values[attribute];
  if (isUnset(raw)) return 'absent';
  const b = asBool(raw);
  if (b !== undefined) return b;
  return 'unknown';
}

/** Verdict of a boolean setting that must be true: pass, fail (absent/false) or a low "cannot be verified" finding. */
export function requireTrue(r: Resource, attribute: string, what: string, absentMeans: string): RuleResult {
  const setting = boolSetting(r, attribute);
  if (setting === true) return pass(r, `${r.address}: ${what} (${attribute} = true).`);
  if (setting === 'unknown') return fail(r, `${r.address}: ${attribute} is an expression (${String(r.values[attribute])}) that cannot be verified.`, 'low');
  return fail(r, setting === 'absent' ? `${r.address}: ${attribute} is not set (${absentMeans}).` : `${r.address}: ${attribute} = false.`);
}

/** The resource of `type` an instance names in `attribute` (`parameter_group_name`, `db_subnet_group_name`): by reference, else by literal name in its stack. */
export function namedGroupOf(model: Model, db: Resource, attribute: string, type: string): Resource | undefined {
  const byRef = model.targets(db, attribute, type)[0];
  if (byRef) return byRef;
  const name = asString(db.values[attribute]);
  return model.ofType(type).find((g) => g.stack === db.stack && sameName(g.values.name, name));
}
