import { modelFromDocuments, runBaseline } from '../../policies/index';
import { estateStack } from '../support/estate';
import { Mutation, resourceEndingWith as one, StackJson } from '../support/mutation';

const STACK = 'production-data';
/** The stack the data stack reads through terraform_remote_state: loaded beside it, as the synth gate does. */
const PRODUCER = 'production-network';

/** Rule ids with unsuppressed findings on the data stack, judged with its producer in scope. */
function findings(json: StackJson, producer: StackJson = estateStack(PRODUCER)) {
  const model = modelFromDocuments([
    { file: `stacks/${STACK}/cdk.tf.json`, json, stackName: STACK },
    { file: `stacks/${PRODUCER}/cdk.tf.json`, json: producer, stackName: PRODUCER },
  ]);
  return runBaseline(model).findings.filter((f) => !f.suppressed && f.stack === STACK);
}
const firing = (json: StackJson) => [...new Set(findings(json).map((f) => f.ruleId))];

const db = (s: StackJson) => one(s, 'aws_db_instance', 'production_reviews');
const FROM_ANYWHERE = { security_group_id: '${aws_security_group.production_reviews_security_group.id}', ip_protocol: 'tcp', from_port: 5432, to_port: 5432, cidr_ipv4: '10.20.0.0/16', description: 'whole VPC' };

const mutations: Mutation[] = [
  { name: 'storage encryption switched off', rule: 'PAL-RDS-001', mutate: (s) => { db(s).storage_encrypted = false; } },
  { name: 'the data key replaced by the AWS managed key', rule: 'PAL-RDS-001', mutate: (s) => { delete db(s).kms_key_id; } },
  { name: 'the instance made publicly accessible', rule: 'PAL-RDS-002', mutate: (s) => { db(s).publicly_accessible = true; } },
  { name: 'IAM database authentication switched off', rule: 'PAL-RDS-003', mutate: (s) => { db(s).iam_database_authentication_enabled = false; } },
  { name: 'deletion protection switched off', rule: 'PAL-RDS-004', mutate: (s) => { db(s).deletion_protection = false; } },
  { name: 'automated backups cut to 1 day', rule: 'PAL-RDS-005', mutate: (s) => { db(s).backup_retention_period = 1; } },
  { name: 'the PostgreSQL log export dropped', rule: 'PAL-RDS-006', mutate: (s) => { db(s).enabled_cloudwatch_logs_exports = ['upgrade']; } },
  { name: 'a master password written into the configuration', rule: 'PAL-RDS-007', mutate: (s) => { delete db(s).manage_master_user_password; db(s).password = 'change-me-please'; } },
  { name: 'the master secret without the data key', rule: 'PAL-RDS-007', mutate: (s) => { delete db(s).master_user_secret_kms_key_id; } },
  { name: 'rds.force_ssl set to 0', rule: 'PAL-RDS-008', mutate: (s) => { one(s, 'aws_db_parameter_group', 'parameter_group').parameter[0].value = '0'; } },
  { name: 'the instance moved to the default parameter group', rule: 'PAL-RDS-008', mutate: (s) => { delete db(s).parameter_group_name; } },
  { name: 'the database opened to the whole VPC CIDR', rule: 'PAL-RDS-010', mutate: (s) => { s.resource.aws_vpc_security_group_ingress_rule.production_vpc_wide = FROM_ANYWHERE; } },
  { name: 'the client group retagged out of the app tier', rule: 'PAL-RDS-010', mutate: (s) => { one(s, 'aws_security_group', 'reviews_clients').tags.Tier = 'public'; } },
  { name: 'the Backup tag removed (checked per stack: nothing selects it)', rule: 'PAL-BACKUP-003', mutate: (s) => { delete db(s).tags.Backup; } },
  { name: 'the PostgreSQL log group without its key', rule: 'PAL-LOGS-001', mutate: (s) => { delete one(s, 'aws_cloudwatch_log_group', 'log_group').kms_key_id; } },
  { name: 'the data key without rotation', rule: 'PAL-KMS-001', mutate: (s) => { one(s, 'aws_kms_key', 'data_key').enable_key_rotation = false; } },
];

describe(`weakening the synthesized ${STACK} stack is caught by the baseline`, () => {
  const original = estateStack(STACK);

  test('the unmutated stack has no unsuppressed finding, and every RDS rule judged the real database', () => {
    expect(firing(original)).toEqual([]);
    const model = modelFromDocuments([{ file: 'a.json', json: original, stackName: STACK }, { file: 'b.json', json: estateStack(PRODUCER), stackName: PRODUCER }]);
    const judged = runBaseline(model).results.filter((r) => r.ruleId.startsWith('PAL-RDS-') && r.resource === 'aws_db_instance.production_reviews');
    expect(judged.map((r) => `${r.ruleId} ${r.status}`).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `PAL-RDS-${String(i + 1).padStart(3, '0')} compliant`));
  });

  test.each(mutations.map((m) => [m.name, m] as const))('%s', (_name, mutation) => {
    const copy = structuredClone(original);
    mutation.mutate(copy);
    expect(firing(copy)).toContain(mutation.rule);
  });

  test('an app-tier subnet exported by the network stack and added to the subnet group', () => {
    // As if the construct had been given the app tier: cdktf then exports the app subnet and the data stack reads it.
    const data = structuredClone(original);
    const producer = structuredClone(estateStack(PRODUCER));
    const group = one(data, 'aws_db_subnet_group', 'subnet_group');
    const output = 'production_cross_stack_output_aws_subnet_production_network_app_a_id';
    producer.output[output] = { value: '${aws_subnet.production_network_app_a.id}' };
    group.subnet_ids.push(group.subnet_ids[0].replace(/outputs\.[A-Za-z0-9_]+/, `outputs.${output}`));
    expect(findings(data, producer).filter((f) => f.ruleId === 'PAL-RDS-009').map((f) => [f.severity, f.message])).toEqual([
      ['high', expect.stringContaining('aws_subnet.production_network_app_a (Tier=app)')],
    ]);
  });
});
