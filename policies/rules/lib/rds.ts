import type { Model } from '../../model/model';
import type { Resource } from '../../model/types';
import { asBool, asString } from '../../model/values';
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

/** `postgres`, `mysql`, `mariadb`, `oracle`, `sqlserver` or the engine as written (`oracle-ee` → `oracle`). */
export function engineFamily(engine: unknown): string | undefined {
  const e = asString(engine)?.toLowerCase();
  if (!e) return undefined;
  for (const family of Object.keys(REQUIRED_LOG_EXPORTS)) if (e === family || e.startsWith(`${family}-`)) return family;
  return e;
}

/** Engines whose client connections are forced onto TLS by `rds.force_ssl`; MySQL and MariaDB use `require_secure_transport`. */
export const FORCE_TLS_PARAMETER: Readonly<Record<string, string>> = {
  postgres: 'rds.force_ssl',
  sqlserver: 'rds.force_ssl',
  mysql: 'require_secure_transport',
  mariadb: 'require_secure_transport',
};

/** RDS DB instances of the model (Aurora clusters are `aws_rds_cluster`). */
export function dbInstances(model: Model): readonly Resource[] {
  return model.ofType('aws_db_instance');
}

/** A boolean setting of a resource: its value, `unknown` for an expression, `absent` when not written. */
export function boolSetting(r: Resource, attribute: string): boolean | 'unknown' | 'absent' {
  const raw = r.values[attribute];
  if (raw === undefined || raw === null) return 'absent';
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
  return model.ofType(type).find((g) => g.stack === db.stack && asString(g.values.name) === name);
}
