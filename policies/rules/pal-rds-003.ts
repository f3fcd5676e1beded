import { dbInstances, engineFamily, requireTrue } from './lib/rds';
import { notApplicable, type Rule } from './types';

/** Engines that support IAM database authentication. */
const IAM_AUTH_ENGINES = new Set(['postgres', 'mysql', 'mariadb']);

/** Source: AWS FSBP RDS.10 (checkov CKV_AWS_161). */
export const rdsIamAuthentication: Rule = {
  id: 'PAL-RDS-003',
  title: 'RDS DB instances (PostgreSQL, MySQL, MariaDB) have IAM database authentication enabled.',
  rationale: 'IAM authentication lets applications connect with 15-minute tokens tied to an IAM role instead of long-lived database passwords, so access is granted, revoked and audited in IAM.',
  severity: 'medium',
  routine: 'passwords',
  controls: { checkov: ['CKV_AWS_161'], fsbp: ['RDS.10'], cis: [], ccm: ['IAM-14', 'IAM-05'] },
  fixHint: 'Set iam_database_authentication_enabled = true on the aws_db_instance and grant rds-db:connect to the application role.',
  evaluate(model) {
    const instances = dbInstances(model).filter((db) => IAM_AUTH_ENGINES.has(engineFamily(db.values.engine) ?? ''));
    if (instances.length === 0) return [notApplicable('No PostgreSQL, MySQL or MariaDB aws_db_instance in scope.')];
    return instances.map((db) => requireTrue(db, 'iam_database_authentication_enabled', 'IAM database authentication is on', 'off by default'));
  },
};
