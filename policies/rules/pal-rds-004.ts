import { dbInstances, requireTrue } from './lib/rds';
import { notApplicable, type Rule } from './types';

/** Source: AWS FSBP RDS.8 (checkov CKV_AWS_293). */
export const rdsDeletionProtection: Rule = {
  id: 'PAL-RDS-004',
  title: 'RDS DB instances have deletion protection enabled.',
  rationale: 'Deleting an instance also deletes its automated backups unless told otherwise; deletion protection makes a stray `terraform destroy`, console click or API call fail until the setting is deliberately turned off.',
  severity: 'medium',
  routine: 'backup',
  controls: { checkov: ['CKV_AWS_293'], fsbp: ['RDS.8'], cis: [], ccm: ['BCR-08', 'DSP-07'] },
  fixHint: 'Set deletion_protection = true on the aws_db_instance (Palisade also adds lifecycle.prevent_destroy).',
  evaluate(model) {
    const instances = dbInstances(model);
    if (instances.length === 0) return [notApplicable('No aws_db_instance in scope.')];
    return instances.map((db) => requireTrue(db, 'deletion_protection', 'deletion protection is on', 'off by default'));
  },
};
