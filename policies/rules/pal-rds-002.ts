import { boolSetting, databaseInstances } from './lib/rds';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS FSBP RDS.2 / CIS AWS Foundations v3.0.0 2.3.3 (checkov CKV_AWS_17). */
export const rdsNoPublicAccess: Rule = {
  id: 'PAL-RDS-002',
  title: 'RDS DB instances and Aurora cluster instances are not publicly accessible.',
  rationale: 'A publicly accessible instance gets a public DNS name resolving to a public IP: one security-group mistake away from the internet. The data tier is reached from the app tier only.',
  severity: 'high',
  routine: 'segmentation',
  controls: { checkov: ['CKV_AWS_17'], fsbp: ['RDS.2'], cis: ['2.3.3'], ccm: ['IVS-03', 'DSP-07'] },
  fixHint: 'Set publicly_accessible = false (the default) on the aws_db_instance or aws_rds_cluster_instance.',
  evaluate(model) {
    const instances = databaseInstances(model);
    if (instances.length === 0) return [notApplicable('No aws_db_instance or aws_rds_cluster_instance in scope.')];
    return instances.map((db) => {
      const open = boolSetting(db, 'publicly_accessible');
      if (open === 'unknown') return fail(db, `${db.address}: publicly_accessible is an expression that cannot be verified.`, 'low');
      if (open === true) return fail(db, `${db.address}: publicly_accessible = true gives the instance a public IP.`);
      return pass(db, `${db.address}: not publicly accessible (${open === 'absent' ? 'default false' : 'publicly_accessible = false'}).`);
    });
  },
};
