import { asNumber, asString, blocks, isToken } from '../model/values';
import { dbInstances, engineFamily, engineOfParameterFamily, FORCE_TLS_PARAMETER, namedGroupOf } from './lib/rds';
import { fail, notApplicable, pass, unproven, type Rule, type RuleResult } from './types';

/** Source: checkov CKV2_AWS_69 (RDS encryption in transit via the parameter group); CSA CCM CEK-03 / DSP-10. No FSBP control covers RDS for PostgreSQL. */
export const rdsTlsForced: Rule = {
  id: 'PAL-RDS-008',
  title: 'RDS DB instances refuse unencrypted connections through their own parameter group (rds.force_ssl = 1; MySQL/MariaDB require_secure_transport; Db2 db2comm = SSL).',
  rationale: 'Without it a client that does not ask for TLS sends queries, results and credentials in clear text inside the VPC. A default parameter group cannot be changed or reviewed in code; the instance\'s own group states the setting where reviewers see it.',
  severity: 'high',
  routine: 'encryption-in-transit',
  controls: { checkov: ['CKV2_AWS_69'], fsbp: [], cis: [], ccm: ['CEK-03', 'DSP-10'] },
  fixHint: 'Give the aws_db_instance its own aws_db_parameter_group (parameter_group_name) with parameter { name = "rds.force_ssl", value = "1", apply_method = "pending-reboot" } (MySQL/MariaDB: require_secure_transport = 1; Db2: db2comm = SSL).',
  evaluate(model) {
    const out: RuleResult[] = [];
    for (const db of dbInstances(model)) {
      const groupName = db.values.parameter_group_name;
      const named = groupName !== undefined && groupName !== null;
      const group = named ? namedGroupOf(model, db, 'parameter_group_name', 'aws_db_parameter_group') : undefined;
      // An instance that does not write its engine (a replica, a snapshot restore) shows it through its parameter group's family.
      const family = (isToken(db.values.engine) ? undefined : engineFamily(db.values.engine)) ?? engineOfParameterFamily(group?.values.family);
      if (family === undefined) {
        if (!group) out.push(unproven(db, `Whether ${db.address} forces TLS`, named ? `neither its engine nor its parameter group ${String(groupName)} is in this input` : 'it writes neither an engine nor a parameter group (a replica or restore inherits them)', 'low'));
        continue;
      }
      const tls = FORCE_TLS_PARAMETER[family];
      if (!tls) continue;
      if (!named) {
        // PostgreSQL 15+ default groups set rds.force_ssl = 1; older ones and the other engines do not.
        const major = asNumber(String(db.values.engine_version ?? '').split('.')[0]);
        const defaultForces = family === 'postgres' && (major === undefined || major >= 15);
        out.push(fail(db, `${db.address}: uses the engine's default parameter group, so ${tls.name} is not set where it can be reviewed${defaultForces ? ' (the PostgreSQL 15+ default is 1, but nothing stops a later group from turning it off)' : ' and defaults to off'}.`, defaultForces ? 'low' : undefined));
        continue;
      }
      if (!group) {
        out.push(fail(db, `${db.address}: parameter group ${String(groupName)} is not in scope, so ${tls.name} cannot be verified.`, 'low'));
        continue;
      }
      const entry = blocks(group.values.parameter).find((p) => asString(p.name)?.toLowerCase() === tls.name);
      const value = asString(entry?.value)?.trim().toLowerCase();
      if (value && tls.on.includes(value)) out.push(pass(db, `${db.address}: ${group.address} sets ${tls.name} = ${String(entry!.value)}.`));
      else out.push(fail(db, entry ? `${db.address}: ${group.address} sets ${tls.name} = ${JSON.stringify(entry.value)}, so unencrypted connections are accepted.` : `${db.address}: ${group.address} does not set ${tls.name}.`));
    }
    return out.length > 0 ? out : [notApplicable('No PostgreSQL, SQL Server, MySQL, MariaDB or Db2 aws_db_instance in scope.')];
  },
};
