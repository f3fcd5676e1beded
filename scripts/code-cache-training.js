'use strict';
/*
 * The input the build runs the CLI bundle on before it saves the bundle's V8 code cache (scripts/build.js): one small
 * stack with a resource of each kind the rules read most (network, storage, keys, identity, logging, compute, edge,
 * backup), so the functions a real check, report or diff calls are compiled into the cache. Its findings do not
 * matter; only which code runs does. Written for this purpose, not taken from an estate.
 */

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

const policy = (statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** A Terraform JSON document (the shape cdktf synthesizes) of about 45 resources. */
function trainingStack() {
  return {
    '//': { metadata: { stackName: 'training', backend: 'local' } },
    terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } }, backend: { s3: { bucket: 'state', key: 'training', region: REGION, encrypt: true, use_lockfile: true } } },
    provider: { aws: [{ region: REGION, allowed_account_ids: [ACCOUNT], default_tags: [{ tags: { Environment: 'training', DataClassification: 'personal' } }] }] },
    resource: {
      aws_vpc: { main: { cidr_block: '10.0.0.0/16', enable_dns_support: true, enable_dns_hostnames: true } },
      aws_subnet: {
        public_a: { vpc_id: '${aws_vpc.main.id}', cidr_block: '10.0.0.0/24', map_public_ip_on_launch: false },
        app_a: { vpc_id: '${aws_vpc.main.id}', cidr_block: '10.0.10.0/24' },
      },
      aws_internet_gateway: { main: { vpc_id: '${aws_vpc.main.id}' } },
      aws_route_table: { public: { vpc_id: '${aws_vpc.main.id}', route: [] } },
      aws_route: { public_default: { route_table_id: '${aws_route_table.public.id}', destination_cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.main.id}' } },
      aws_route_table_association: { public_a: { subnet_id: '${aws_subnet.public_a.id}', route_table_id: '${aws_route_table.public.id}' } },
      aws_default_security_group: { main: { vpc_id: '${aws_vpc.main.id}', ingress: [], egress: [] } },
      aws_default_network_acl: { main: { default_network_acl_id: '${aws_vpc.main.default_network_acl_id}', ingress: [], egress: [] } },
      aws_security_group: {
        web: {
          vpc_id: '${aws_vpc.main.id}',
          description: 'web',
          ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: ['::/0'], description: 'https' }],
          egress: [{ from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['10.0.0.0/16'], description: 'vpc' }],
        },
        app: { vpc_id: '${aws_vpc.main.id}', description: 'app' },
      },
      aws_vpc_security_group_ingress_rule: { app_from_web: { security_group_id: '${aws_security_group.app.id}', referenced_security_group_id: '${aws_security_group.web.id}', ip_protocol: 'tcp', from_port: 8080, to_port: 8080 } },
      aws_vpc_security_group_egress_rule: { app_https: { security_group_id: '${aws_security_group.app.id}', cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp', from_port: 443, to_port: 443 } },
      aws_network_acl: {
        public: {
          vpc_id: '${aws_vpc.main.id}',
          subnet_ids: ['${aws_subnet.public_a.id}'],
          ingress: [{ rule_no: 100, action: 'allow', protocol: 'tcp', from_port: 443, to_port: 443, cidr_block: '0.0.0.0/0' }, { rule_no: 110, action: 'deny', protocol: '-1', from_port: 0, to_port: 0, ipv6_cidr_block: '::/0' }],
          egress: [{ rule_no: 100, action: 'allow', protocol: 'tcp', from_port: 1024, to_port: 65535, cidr_block: '0.0.0.0/0' }],
        },
      },
      aws_network_acl_rule: { ssh_deny: { network_acl_id: '${aws_network_acl.public.id}', rule_number: 90, egress: false, protocol: 'tcp', rule_action: 'deny', cidr_block: '0.0.0.0/0', from_port: 22, to_port: 22 } },
      aws_flow_log: { main: { vpc_id: '${aws_vpc.main.id}', traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs', log_destination: '${aws_cloudwatch_log_group.flow.arn}', iam_role_arn: '${aws_iam_role.flow.arn}' } },
      aws_vpc_endpoint: { s3: { vpc_id: '${aws_vpc.main.id}', service_name: `com.amazonaws.${REGION}.s3`, vpc_endpoint_type: 'Gateway', policy: policy([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } }]) } },
      aws_kms_key: {
        data: {
          enable_key_rotation: true,
          deletion_window_in_days: 30,
          policy: policy([
            { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
            { Sid: 'Logs', Effect: 'Allow', Principal: { Service: `logs.${REGION}.amazonaws.com` }, Action: ['kms:Encrypt*', 'kms:Decrypt*'], Resource: '*', Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${REGION}:${ACCOUNT}:*` } } },
          ]),
        },
      },
      aws_kms_alias: { data: { name: 'alias/training-data', target_key_id: '${aws_kms_key.data.key_id}' } },
      aws_s3_bucket: { data: { bucket: 'training-data-111122223333', object_lock_enabled: false }, logs: { bucket: 'training-logs-111122223333' } },
      aws_s3_bucket_versioning: { data: { bucket: '${aws_s3_bucket.data.id}', versioning_configuration: { status: 'Enabled' } } },
      aws_s3_bucket_server_side_encryption_configuration: { data: { bucket: '${aws_s3_bucket.data.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.data.arn}' }, bucket_key_enabled: true }] } },
      aws_s3_bucket_public_access_block: { data: { bucket: '${aws_s3_bucket.data.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
      aws_s3_bucket_ownership_controls: { data: { bucket: '${aws_s3_bucket.data.id}', rule: { object_ownership: 'BucketOwnerEnforced' } } },
      aws_s3_bucket_logging: { data: { bucket: '${aws_s3_bucket.data.id}', target_bucket: '${aws_s3_bucket.logs.id}', target_prefix: 'data/' } },
      aws_s3_bucket_lifecycle_configuration: { data: { bucket: '${aws_s3_bucket.data.id}', rule: [{ id: 'noncurrent', status: 'Enabled', filter: {}, noncurrent_version_expiration: { noncurrent_days: 90 } }] } },
      aws_s3_bucket_policy: { data: { bucket: '${aws_s3_bucket.data.id}', policy: policy([{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['${aws_s3_bucket.data.arn}', '${aws_s3_bucket.data.arn}/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]) } },
      aws_iam_role: { flow: { name: 'training-flow', assume_role_policy: policy([{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }]) } },
      aws_iam_role_policy: { flow: { role: '${aws_iam_role.flow.id}', policy: policy([{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '${aws_cloudwatch_log_group.flow.arn}:*' }]) } },
      aws_iam_role_policy_attachment: { ssm: { role: '${aws_iam_role.flow.name}', policy_arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' } },
      aws_iam_account_password_policy: { strict: { minimum_password_length: 14, require_symbols: true, require_numbers: true, require_uppercase_characters: true, require_lowercase_characters: true, password_reuse_prevention: 24, max_password_age: 90 } },
      aws_cloudwatch_log_group: { flow: { name: '/training/flow', retention_in_days: 365, kms_key_id: '${aws_kms_key.data.arn}' } },
      aws_cloudwatch_log_metric_filter: { root: { name: 'root', log_group_name: '${aws_cloudwatch_log_group.flow.name}', pattern: '{ $.userIdentity.type = "Root" }', metric_transformation: { name: 'Root', namespace: 'Training', value: '1' } } },
      aws_cloudwatch_metric_alarm: { root: { alarm_name: 'root', metric_name: 'Root', namespace: 'Training', statistic: 'Sum', period: 300, evaluation_periods: 1, threshold: 1, comparison_operator: 'GreaterThanOrEqualToThreshold', alarm_actions: ['${aws_sns_topic.alerts.arn}'] } },
      aws_sns_topic: { alerts: { name: 'training-alerts', kms_master_key_id: '${aws_kms_key.data.id}' } },
      aws_sns_topic_policy: { alerts: { arn: '${aws_sns_topic.alerts.arn}', policy: policy([{ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: '${aws_sns_topic.alerts.arn}', Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:*` } } }]) } },
      aws_cloudtrail: { main: { name: 'training', s3_bucket_name: '${aws_s3_bucket.logs.id}', is_multi_region_trail: true, enable_log_file_validation: true, kms_key_id: '${aws_kms_key.data.arn}', cloud_watch_logs_group_arn: '${aws_cloudwatch_log_group.flow.arn}:*' } },
      aws_guardduty_detector: { main: { enable: true } },
      aws_securityhub_account: { main: {} },
      aws_config_configuration_recorder: { main: { name: 'training', role_arn: '${aws_iam_role.flow.arn}', recording_group: { all_supported: true, include_global_resource_types: true } } },
      aws_ebs_encryption_by_default: { main: { enabled: true } },
      aws_db_parameter_group: { pg: { family: 'postgres16', parameter: [{ name: 'rds.force_ssl', value: '1' }] } },
      aws_db_instance: { reviews: { engine: 'postgres', instance_class: 'db.t4g.micro', allocated_storage: 20, storage_encrypted: true, kms_key_id: '${aws_kms_key.data.arn}', publicly_accessible: false, backup_retention_period: 14, deletion_protection: true, parameter_group_name: '${aws_db_parameter_group.pg.name}', manage_master_user_password: true, username: 'app', vpc_security_group_ids: ['${aws_security_group.app.id}'] } },
      aws_lb: { web: { load_balancer_type: 'application', internal: false, subnets: ['${aws_subnet.public_a.id}'], security_groups: ['${aws_security_group.web.id}'], drop_invalid_header_fields: true, access_logs: { bucket: '${aws_s3_bucket.logs.id}', enabled: true } } },
      aws_lb_target_group: { app: { port: 8080, protocol: 'HTTP', vpc_id: '${aws_vpc.main.id}' } },
      aws_lb_listener: {
        https: { load_balancer_arn: '${aws_lb.web.arn}', port: 443, protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', certificate_arn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/training`, default_action: [{ type: 'forward', target_group_arn: '${aws_lb_target_group.app.arn}' }] },
        http: { load_balancer_arn: '${aws_lb.web.arn}', port: 80, protocol: 'HTTP', default_action: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } }] },
      },
      aws_wafv2_web_acl: { web: { scope: 'REGIONAL', default_action: { allow: {} }, visibility_config: { cloudwatch_metrics_enabled: true, metric_name: 'web', sampled_requests_enabled: true }, rule: [{ name: 'common', priority: 1, override_action: { none: {} }, statement: { managed_rule_group_statement: { name: 'AWSManagedRulesCommonRuleSet', vendor_name: 'AWS' } }, visibility_config: { cloudwatch_metrics_enabled: true, metric_name: 'common', sampled_requests_enabled: true } }] } },
      aws_wafv2_web_acl_association: { web: { resource_arn: '${aws_lb.web.arn}', web_acl_arn: '${aws_wafv2_web_acl.web.arn}' } },
      aws_launch_template: { host: { image_id: 'ami-0123456789abcdef0', instance_type: 't3.micro', user_data: Buffer.from('#cloud-config\npackages: [clamav]\n').toString('base64'), metadata_options: { http_tokens: 'required' }, block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true', kms_key_id: '${aws_kms_key.data.arn}' } }] } },
      aws_autoscaling_group: { hosts: { min_size: 1, max_size: 2, vpc_zone_identifier: ['${aws_subnet.app_a.id}'], launch_template: { id: '${aws_launch_template.host.id}', version: '$Latest' } } },
      aws_backup_vault: { main: { name: 'training', kms_key_arn: '${aws_kms_key.data.arn}' } },
      aws_backup_plan: { daily: { name: 'daily', rule: [{ rule_name: 'daily', target_vault_name: '${aws_backup_vault.main.name}', schedule: 'cron(0 3 * * ? *)', lifecycle: { delete_after: 35 } }] } },
      aws_backup_selection: { all: { name: 'all', plan_id: '${aws_backup_plan.daily.id}', iam_role_arn: '${aws_iam_role.flow.arn}', resources: ['${aws_db_instance.reviews.arn}'] } },
    },
    output: { vpc_id: { value: '${aws_vpc.main.id}' } },
  };
}

module.exports = { trainingStack };
