import { referencedResources } from './lib/cross-stack';
import { dbInstances, namedGroupOf } from './lib/rds';
import { fail, notApplicable, pass, type Rule, type RuleResult, unprovenAs } from './types';

const DATA_TIER = 'data';

/** Source: AWS FSBP RDS.18 (instances in a VPC); Palisade segmentation baseline (CSA CCM IVS-06). checkov has no equivalent. */
export const rdsSubnetGroupDataTier: Rule = {
  id: 'PAL-RDS-009',
  title: 'RDS DB instances live in a DB subnet group made only of data-tier subnets (tag Tier=data).',
  rationale: 'The data tier has no route off the VPC and admits only the app tier (PAL-VPC-004, the tier NACLs); a database in a public or app subnet loses that isolation even with private addressing. Without a subnet group the instance lands in the default VPC.',
  severity: 'high',
  routine: 'segmentation',
  controls: { checkov: [], fsbp: ['RDS.18'], cis: [], ccm: ['IVS-06', 'IVS-03'] },
  fixHint: 'Set db_subnet_group_name to an aws_db_subnet_group whose subnet_ids are the data-tier subnets of every AZ (Palisade: PostgresDatabase builds it from SegmentedVpc.tier("data")).',
  evaluate(model) {
    const instances = dbInstances(model);
    if (instances.length === 0) return [notApplicable('No aws_db_instance in scope.')];
    return instances.map((db): RuleResult => {
      const raw = db.values.db_subnet_group_name;
      if (raw === undefined || raw === null) return fail(db, `${db.address}: no db_subnet_group_name, so the instance is placed in the default VPC.`);
      const group = namedGroupOf(model, db, 'db_subnet_group_name', 'aws_db_subnet_group');
      if (!group) return fail(db, `${db.address}: subnet group ${String(raw)} is not in scope, so its subnets cannot be verified.`, 'low');
      const subnets = referencedResources(model, group, 'subnet_ids');
      if (subnets.length === 0) return fail(db, `${db.address}: ${group.address} lists no subnets.`);
      const unresolved = subnets.flatMap((s) => (s.kind === 'unresolved' ? [s] : []));
      const outside = subnets.flatMap((s) => (s.kind === 'resource' && (s.resource.type !== 'aws_subnet' || (model.effectiveTags(s.resource).Tier ?? '').toLowerCase() !== DATA_TIER) ? [s.resource] : []));
      if (outside.length > 0) {
        return fail(db, `${db.address}: ${group.address} includes subnets outside the data tier: ${outside.map((s) => `${s.address} (Tier=${model.effectiveTags(s).Tier ?? 'none'})`).join(', ')}.`);
      }
      if (unresolved.length > 0) {
        return unprovenAs(db, `${db.address}: the tier of ${unresolved.length} subnet(s) of ${group.address} cannot be shown from this input: ${unresolved[0].why}. Check the stacks together.`, 'low');
      }
      return pass(db, `${db.address}: ${group.address} holds only data-tier subnets (${subnets.map((s) => (s.kind === 'resource' ? s.resource.address : '')).join(', ')}).`);
    });
  },
};
