/**
 * Resource types that hold data: destroying or replacing one loses what it holds, so the diff blocks on it.
 * The text says what is lost, for the PR comment.
 */
export const STATEFUL_TYPES: Readonly<Record<string, string>> = {
  aws_s3_bucket: 'the objects it stores',
  aws_kms_key: 'the key material: everything encrypted with it becomes unreadable once the deletion window ends',
  aws_backup_vault: 'its recovery points (backups)',
  aws_backup_plan: 'its backup schedule and retention rules (no new recovery points until recreated)',
  aws_cloudwatch_log_group: 'the log events it holds (audit evidence)',
  aws_ebs_volume: 'the data on the volume',
  aws_db_instance: 'the database and its automated backups',
  aws_rds_cluster: 'the database cluster and its automated backups',
  aws_dynamodb_table: 'the items in the table',
  aws_efs_file_system: 'the files on the file system',
  aws_secretsmanager_secret: 'the secret and its versions',
  aws_secretsmanager_secret_version: 'the secret value',
  aws_elasticache_replication_group: 'the cached data and its snapshots',
  aws_opensearch_domain: 'the indexed documents',
  aws_elasticsearch_domain: 'the indexed documents',
  aws_redshift_cluster: 'the warehouse data',
  aws_docdb_cluster: 'the document database',
  aws_neptune_cluster: 'the graph database',
  aws_ecr_repository: 'the container images it stores',
  aws_sqs_queue: 'messages waiting in the queue',
  aws_kinesis_stream: 'records in the stream',
  aws_glacier_vault: 'the archives it stores',
  aws_fsx_lustre_file_system: 'the files on the file system',
  aws_fsx_windows_file_system: 'the files on the file system',
  aws_fsx_ontap_file_system: 'the files on the file system',
};

export function isStateful(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(STATEFUL_TYPES, type);
}

/**
 * Arguments that force a replacement (ForceNew in the AWS provider 5.x) for common types. Only used when no plan is
 * given: comparing two configurations cannot know the provider's decision, so a change of one of these is reported
 * as a *likely* replacement. A plan JSON of HEAD against the base state gives the real answer.
 */
export const FORCE_NEW: Readonly<Record<string, readonly string[]>> = {
  aws_s3_bucket: ['bucket', 'bucket_prefix', 'object_lock_enabled'],
  aws_kms_key: ['customer_master_key_spec', 'key_usage', 'multi_region', 'custom_key_store_id', 'xks_key_id'],
  aws_backup_vault: ['name', 'kms_key_arn'],
  aws_cloudwatch_log_group: ['name', 'name_prefix', 'log_group_class'],
  aws_ebs_volume: ['availability_zone', 'encrypted', 'kms_key_id', 'snapshot_id', 'outpost_arn'],
  aws_db_instance: ['identifier', 'identifier_prefix', 'engine', 'storage_encrypted', 'kms_key_id', 'db_name', 'username', 'availability_zone', 'character_set_name', 'timezone'],
  aws_rds_cluster: ['cluster_identifier', 'cluster_identifier_prefix', 'engine', 'storage_encrypted', 'kms_key_id', 'database_name', 'master_username', 'availability_zones'],
  aws_dynamodb_table: ['name'],
  aws_efs_file_system: ['creation_token', 'encrypted', 'kms_key_id', 'availability_zone_name'],
  aws_secretsmanager_secret: ['name', 'name_prefix'],
  aws_sqs_queue: ['name', 'name_prefix', 'fifo_queue'],
  aws_ecr_repository: ['name'],
  aws_subnet: ['vpc_id', 'cidr_block', 'availability_zone', 'availability_zone_id', 'ipv6_native', 'outpost_arn'],
  aws_vpc: ['cidr_block', 'instance_tenancy', 'ipv4_ipam_pool_id'],
  aws_security_group: ['name', 'name_prefix', 'vpc_id', 'description'],
  aws_security_group_rule: ['type', 'security_group_id', 'from_port', 'to_port', 'protocol', 'cidr_blocks', 'ipv6_cidr_blocks', 'prefix_list_ids', 'source_security_group_id', 'self'],
  aws_network_acl_rule: ['network_acl_id', 'rule_number', 'egress', 'protocol', 'rule_action', 'cidr_block', 'ipv6_cidr_block', 'from_port', 'to_port', 'icmp_type', 'icmp_code'],
  aws_route_table_association: ['subnet_id', 'gateway_id'],
  aws_flow_log: ['vpc_id', 'subnet_id', 'eni_id', 'log_destination', 'log_destination_type', 'log_group_name', 'traffic_type', 'iam_role_arn', 'log_format', 'max_aggregation_interval', 'destination_options'],
  aws_lb: ['name', 'name_prefix', 'internal', 'load_balancer_type'],
  aws_iam_role: ['name', 'name_prefix', 'path'],
  aws_kms_alias: [],
  aws_instance: ['ami', 'availability_zone', 'subnet_id', 'private_ip', 'key_name', 'tenancy', 'root_block_device'],
  aws_eip: [],
  aws_nat_gateway: ['allocation_id', 'subnet_id', 'connectivity_type'],
  aws_vpc_endpoint: ['vpc_id', 'service_name', 'vpc_endpoint_type'],
};
