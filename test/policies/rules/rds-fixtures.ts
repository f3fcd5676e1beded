import { ref, StackBuilder } from '../fixtures';

/** A network stack holding two data-tier subnets and an app-tier subnet, exporting them like cdktf cross-stack outputs. */
export function networkStack(name = 'prod-network'): StackBuilder {
  const s = new StackBuilder(name);
  s.add('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
  for (const [id, tier] of [['data_a', 'data'], ['data_b', 'data'], ['app_a', 'app']]) {
    s.add('aws_subnet', id, { vpc_id: ref('aws_vpc', 'main'), cidr_block: '10.0.1.0/24', tags: { Tier: tier } });
  }
  return s;
}

/** JSON of a network stack with outputs for its subnets, as cdktf writes them. */
export function withOutputs(stack: StackBuilder, outputs: Record<string, string>): Record<string, unknown> {
  return { ...stack.toJSON(), output: Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { value: v }])) };
}

/** A stack with one PostgreSQL instance that satisfies every RDS rule; its subnets are local (same stack). */
export function compliantDatabase(name = 'prod'): StackBuilder {
  const s = networkStack(name);
  s.add('aws_kms_key', 'data', { enable_key_rotation: true, deletion_window_in_days: 30, policy: '{"Version":"2012-10-17","Statement":[]}' });
  s.add('aws_db_subnet_group', 'db', { name: 'db', subnet_ids: [ref('aws_subnet', 'data_a'), ref('aws_subnet', 'data_b')] });
  s.add('aws_security_group', 'clients', { vpc_id: ref('aws_vpc', 'main'), description: 'clients', tags: { Tier: 'app' } });
  s.add('aws_security_group', 'db', { vpc_id: ref('aws_vpc', 'main'), description: 'db', tags: { Tier: 'data' } });
  s.add('aws_vpc_security_group_ingress_rule', 'db_from_clients', {
    security_group_id: ref('aws_security_group', 'db'), referenced_security_group_id: ref('aws_security_group', 'clients'),
    ip_protocol: 'tcp', from_port: 5432, to_port: 5432, description: 'app to db',
  });
  s.add('aws_db_parameter_group', 'db', { name: 'db', family: 'postgres16', parameter: [{ name: 'rds.force_ssl', value: '1', apply_method: 'pending-reboot' }] });
  s.add('aws_db_instance', 'db', {
    engine: 'postgres', engine_version: '16', instance_class: 'db.m7g.large', allocated_storage: 20,
    storage_encrypted: true, kms_key_id: ref('aws_kms_key', 'data', 'arn'),
    publicly_accessible: false, iam_database_authentication_enabled: true, deletion_protection: true,
    backup_retention_period: 14, enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
    manage_master_user_password: true, master_user_secret_kms_key_id: ref('aws_kms_key', 'data', 'arn'),
    parameter_group_name: ref('aws_db_parameter_group', 'db', 'name'),
    db_subnet_group_name: ref('aws_db_subnet_group', 'db', 'name'),
    vpc_security_group_ids: [ref('aws_security_group', 'db')],
    port: 5432, username: 'palisade_admin', tags: { Tier: 'data', Backup: 'standard' },
  });
  return s;
}
