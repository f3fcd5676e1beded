import { asNumber, isToken } from '../model/values';
import { RDS_BACKUP_RETENTION_FLOOR_DAYS, RDS_BACKUP_RETENTION_MAX_DAYS } from './lib/rds';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS FSBP RDS.11 (automatic backups, backupRetentionMinimum 7); checkov CKV_AWS_133 (instances and clusters, 1–35 days when set). */
export const rdsBackupRetention: Rule = {
  id: 'PAL-RDS-005',
  title: `RDS DB instances and Aurora clusters keep automated backups ${RDS_BACKUP_RETENTION_FLOOR_DAYS}–${RDS_BACKUP_RETENTION_MAX_DAYS} days.`,
  rationale: 'Automated backups give point-in-time recovery to any second of the retention window; a window under a week may end before a corruption or deletion is noticed, and 0 turns backups off altogether. RDS refuses more than 35 days, so such a plan fails at apply.',
  severity: 'high',
  routine: 'backup',
  controls: { checkov: ['CKV_AWS_133'], fsbp: ['RDS.11'], cis: [], ccm: ['BCR-08'] },
  fixHint: `Set backup_retention_period to ${RDS_BACKUP_RETENTION_FLOOR_DAYS}–${RDS_BACKUP_RETENTION_MAX_DAYS} on the aws_db_instance or aws_rds_cluster.`,
  evaluate(model) {
    const databases = [...model.ofType('aws_db_instance'), ...model.ofType('aws_rds_cluster')];
    if (databases.length === 0) return [notApplicable('No aws_db_instance or aws_rds_cluster in scope.')];
    return databases.map((db) => {
      const raw = db.values.backup_retention_period;
      if (raw === undefined || raw === null) return fail(db, `${db.address}: backup_retention_period is not set (RDS then keeps backups 1 day at most).`);
      const days = asNumber(raw);
      if (days === undefined) return isToken(raw) ? fail(db, `${db.address}: backup_retention_period is an expression that cannot be verified.`, 'low') : fail(db, `${db.address}: backup_retention_period ${JSON.stringify(raw)} is not a number.`);
      if (days < RDS_BACKUP_RETENTION_FLOOR_DAYS) return fail(db, `${db.address}: automated backups are kept ${days} days (< ${RDS_BACKUP_RETENTION_FLOOR_DAYS})${days === 0 ? ': backups are off' : ''}.`);
      if (days > RDS_BACKUP_RETENTION_MAX_DAYS) return fail(db, `${db.address}: backup_retention_period ${days} exceeds the ${RDS_BACKUP_RETENTION_MAX_DAYS} days RDS allows (the apply fails).`);
      return pass(db, `${db.address}: automated backups are kept ${days} days.`);
    });
  },
};
