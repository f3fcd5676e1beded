import { asString, isToken } from '../model/values';
import { boolSetting, dbInstances } from './lib/rds';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS FSBP RDS.3 / CIS AWS Foundations v3.0.0 2.3.1 (checkov CKV_AWS_16); the CMK part is Palisade's. */
export const rdsStorageEncrypted: Rule = {
  id: 'PAL-RDS-001',
  title: 'RDS DB instances encrypt storage with a customer-managed KMS key.',
  rationale: 'Database storage, its automated backups, snapshots and read replicas are encrypted with the key the instance was created with; a customer-managed key adds key-policy access control, an audit trail of every decrypt and crypto-shredding by key deletion. Encryption cannot be turned on later without a restore.',
  severity: 'high',
  routine: 'secure-storage',
  controls: { checkov: ['CKV_AWS_16'], fsbp: ['RDS.3'], cis: ['2.3.1'], ccm: ['CEK-03', 'DSP-17'] },
  fixHint: 'Set storage_encrypted = true and kms_key_id = <aws_kms_key>.arn on the aws_db_instance (Palisade: PostgresDatabase does, with the environment\'s data key).',
  evaluate(model) {
    const instances = dbInstances(model);
    if (instances.length === 0) return [notApplicable('No aws_db_instance in scope.')];
    return instances.map((db) => {
      const encrypted = boolSetting(db, 'storage_encrypted');
      if (encrypted === 'unknown') return fail(db, `${db.address}: storage_encrypted is an expression that cannot be verified.`, 'low');
      if (encrypted !== true) return fail(db, `${db.address}: storage is not encrypted (storage_encrypted ${encrypted === 'absent' ? 'not set: RDS defaults to unencrypted' : '= false'}).`);
      const key = asString(db.values.kms_key_id);
      if (!key) return fail(db, `${db.address}: storage is encrypted with the AWS managed key aws/rds, not a customer-managed key (no kms_key_id).`, 'medium');
      if (/alias\/aws\/rds$/.test(key)) return fail(db, `${db.address}: kms_key_id names the AWS managed key aws/rds, not a customer-managed key.`, 'medium');
      const target = model.targets(db, 'kms_key_id', 'aws_kms_key')[0];
      return pass(db, `${db.address}: storage encrypted with ${target?.address ?? (isToken(key) ? key : `key ${key}`)}.`);
    });
  },
};
