import { asString } from '../model/values';
import { boolSetting, dbInstances } from './lib/rds';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS RDS user guide, "Password management with Amazon RDS and AWS Secrets Manager"; CSA CCM IAM-15 / CEK-03. No checkov, FSBP or CIS control checks it. */
export const rdsManagedMasterSecret: Rule = {
  id: 'PAL-RDS-007',
  title: 'RDS DB instances let RDS manage the master password in Secrets Manager, encrypted with a customer-managed key.',
  rationale: 'A password written into the configuration (`password`) is stored in plain text in the Terraform state and never rotates; with manage_master_user_password RDS generates it, keeps it in Secrets Manager under the given key and rotates it every 7 days.',
  severity: 'high',
  routine: 'passwords',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['IAM-15', 'CEK-03', 'DSP-17'] },
  fixHint: 'Remove password and set manage_master_user_password = true and master_user_secret_kms_key_id = <aws_kms_key>.arn on the aws_db_instance.',
  evaluate(model) {
    // Replicas and restores inherit the source's master user: only instances that create one are in scope.
    const instances = dbInstances(model).filter((db) => !asString(db.values.replicate_source_db) && !asString(db.values.snapshot_identifier));
    if (instances.length === 0) return [notApplicable('No aws_db_instance that creates a master user in scope.')];
    return instances.map((db) => {
      if (asString(db.values.password)) return fail(db, `${db.address}: the master password is set in the configuration (password), so it is in the Terraform state in plain text.`);
      const managed = boolSetting(db, 'manage_master_user_password');
      if (managed === 'unknown') return fail(db, `${db.address}: manage_master_user_password is an expression that cannot be verified.`, 'low');
      if (managed !== true) return fail(db, `${db.address}: RDS does not manage the master password (manage_master_user_password ${managed === 'absent' ? 'not set' : '= false'}).`);
      if (!asString(db.values.master_user_secret_kms_key_id)) return fail(db, `${db.address}: the master secret is encrypted with the AWS managed key aws/secretsmanager (no master_user_secret_kms_key_id).`, 'medium');
      const key = model.targets(db, 'master_user_secret_kms_key_id', 'aws_kms_key')[0];
      return pass(db, `${db.address}: RDS manages and rotates the master password in Secrets Manager, encrypted with ${key?.address ?? String(db.values.master_user_secret_kms_key_id)}.`);
    });
  },
};
