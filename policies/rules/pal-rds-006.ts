import { strings } from '../model/values';
import { dbInstances, engineFamily, REQUIRED_LOG_EXPORTS } from './lib/rds';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS FSBP RDS.9 (log types per engine) and RDS.36 (PostgreSQL `postgresql` log); checkov CKV_AWS_129. */
export const rdsLogExports: Rule = {
  id: 'PAL-RDS-006',
  title: 'RDS DB instances export their engine logs to CloudWatch Logs (PostgreSQL: postgresql and upgrade).',
  rationale: 'Engine logs (connections, authentication failures, errors, upgrades) kept on the instance rotate away within days and vanish with it; exported, they are retained, encrypted and searchable for an investigation.',
  severity: 'medium',
  routine: 'monitoring',
  controls: { checkov: ['CKV_AWS_129'], fsbp: ['RDS.9', 'RDS.36'], cis: [], ccm: ['LOG-07', 'LOG-08'] },
  fixHint: 'Set enabled_cloudwatch_logs_exports (PostgreSQL: ["postgresql", "upgrade"]) on the aws_db_instance.',
  evaluate(model) {
    const instances = dbInstances(model);
    if (instances.length === 0) return [notApplicable('No aws_db_instance in scope.')];
    return instances.map((db) => {
      const raw = db.values.enabled_cloudwatch_logs_exports;
      if (typeof raw === 'string' && raw.includes('${')) return fail(db, `${db.address}: enabled_cloudwatch_logs_exports is an expression that cannot be verified.`, 'low');
      const exported = strings(raw);
      const family = engineFamily(db.values.engine);
      const required: readonly string[] = (family ? REQUIRED_LOG_EXPORTS[family] : undefined) ?? [];
      if (exported.length === 0) return fail(db, `${db.address}: exports no logs to CloudWatch Logs.`);
      const missing = required.filter((t) => !exported.includes(t));
      if (missing.length > 0) return fail(db, `${db.address}: ${family} logs not exported: ${missing.join(', ')} (exports ${exported.join(', ')}).`);
      return pass(db, `${db.address}: exports ${exported.join(', ')} to CloudWatch Logs.`);
    });
  },
};
