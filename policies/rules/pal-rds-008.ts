import { asNumber, asString, blocks } from '../model/values';
import { dbInstances, engineFamily, FORCE_TLS_PARAMETER, namedGroupOf } from './lib/rds';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

const ON_VALUES = new Set(['1', 'on', 'true']);

/** Source: checkov CKV2_AWS_69 (RDS encryption in transit via the parameter group); CSA CCM CEK-03 / DSP-10. No FSBP control covers RDS for PostgreSQL. */
export const rdsTlsForced: Rule = {
  id: 'PAL-RDS-008',
  title: 'RDS DB instances refuse unencrypted connections through their own parameter group (rds.force_ssl = 1; MySQL/MariaDB require_secure_transport).',
  rationale: 'Without it a client that does not ask for TLS sends queries, results and credentials in clear text inside the VPC. A default parameter group cannot be changed or reviewed in code; the instance\'s own group states the setting where reviewers see it.',
  severity: 'high',
  routine: 'encryption-in-transit',
  controls: { checkov: ['CKV2_AWS_69'], fsbp: [], cis: [], ccm: ['CEK-03', 'DSP-10'] },
  fixHint: 'Give the aws_db_instance its own aws_db_parameter_group (parameter_group_name) with parameter { name = "rds.force_ssl", value = "1", apply_method = "pending-reboot" }.',
  evaluate(model) {
    const instances = dbInstances(model).filter((db) => FORCE_TLS_PARAMETER[engineFamily(db.values.engine) ?? ''] !== undefined);
    if (instances.length === 0) return [notApplicable('No PostgreSQL, SQL Server, MySQL or MariaDB aws_db_instance in scope.')];
    return instances.map((db): RuleResult => {
      const family = engineFamily(db.values.engine)!;
      const parameter = FORCE_TLS_PARAMETER[family];
      const groupName = db.values.parameter_group_name;
      if (groupName === undefined || groupName === null) {
        // PostgreSQL 15+ default groups set rds.force_ssl = 1; older ones and the other engines do not.
        const major = asNumber(String(db.values.engine_version ?? '').split('.')[0]);
        const defaultForces = family === 'postgres' && (major === undefined || major >= 15);
        return fail(db, `${db.address}: uses the engine's default parameter group, so ${parameter} is not set where it can be reviewed${defaultForces ? ' (the PostgreSQL 15+ default is 1, but nothing stops a later group from turning it off)' : ' and defaults to off'}.`, defaultForces ? 'low' : undefined);
      }
      const group = namedGroupOf(model, db, 'parameter_group_name', 'aws_db_parameter_group');
      if (!group) return fail(db, `${db.address}: parameter group ${String(groupName)} is not in scope, so ${parameter} cannot be verified.`, 'low');
      const entry = blocks(group.values.parameter).find((p) => asString(p.name)?.toLowerCase() === parameter);
      const value = asString(entry?.value)?.toLowerCase();
      if (value && ON_VALUES.has(value)) return pass(db, `${db.address}: ${group.address} sets ${parameter} = ${String(entry!.value)}.`);
      return fail(db, entry ? `${db.address}: ${group.address} sets ${parameter} = ${JSON.stringify(entry.value)}, so unencrypted connections are accepted.` : `${db.address}: ${group.address} does not set ${parameter}.`);
    });
  },
};
