/** Checks of every identity-policy resource (`aws_iam_policy`, inline role/user/group policies, permission-set inline policies). */
const IDENTITY_POLICY_CHECKS = [
  { id: 'CKV_AWS_62', what: 'no Allow statement with "*" among its actions and its resources (full admin)' },
  { id: 'CKV_AWS_63', what: 'no Allow statement with "*" among its actions, on any resource' },
  { id: 'CKV2_AWS_40', what: 'no Allow of iam:* or * on any resource, also in policy documents attached to nothing (G)' },
  { id: 'CKV_AWS_286', what: 'cloudsplaining finds no privilege-escalation path among the allowed actions (e.g. iam:PassRole with a compute launch, iam:CreatePolicyVersion)' },
  { id: 'CKV_AWS_287', what: 'cloudsplaining finds no credentials-exposure action allowed (ecr:GetAuthorizationToken excepted)' },
  { id: 'CKV_AWS_288', what: 'cloudsplaining finds no data-exfiltration action allowed without resource constraints' },
  { id: 'CKV_AWS_289', what: 'cloudsplaining finds no permissions-management action allowed without resource constraints' },
  { id: 'CKV_AWS_290', what: 'cloudsplaining finds no write action allowed without resource constraints' },
  { id: 'CKV_AWS_355', what: 'no action that supports resource-level permissions is allowed on "*" (cloudsplaining)' },
] as const;

/** Checks of every managed-policy attachment (role, user, group, policy attachment, permission set). */
const ATTACHMENT_CHECKS = [
  { id: 'CKV_AWS_274', what: 'the attached policy is not AdministratorAccess' },
  { id: 'CKV2_AWS_56', what: 'the attached policy is not IAMFullAccess (G)' },
] as const;

/**
 * checkov 3.3.13 AWS Terraform checks per resource type, for the resource types Palisade's estate synthesizes and those
 * its rules claim checks on (facts from checkov's rule sources; `(G)` = YAML graph check, else a Python resource check;
 * a check is listed under the type checkov reports it on). For a type outside the estate only the checks rules claim
 * (or deliberately leave) are listed. The coverage page (`docs/coverage.md`) maps each to the Palisade rule covering
 * it, or says why none does; a rule claims a check only where test/policies/checkov/ proves it on checkov's own cases.
 */
type Check = { id: string; what: string };

// Checks that apply alike to several resource types (aliases such as aws_alb, or every launch resource).
const IMDS_V2: Check = { id: 'CKV_AWS_79', what: 'metadata_options with http_tokens = required, or http_endpoint = disabled' };
const HOP_LIMIT: Check = { id: 'CKV_AWS_341', what: 'metadata_options.http_put_response_hop_limit is 1 when set (unset passes)' };
const ROOT_ENCRYPTED: Check = { id: 'CKV_AWS_8', what: 'a root_block_device is declared, and no block device sets encrypted = false without a snapshot_id' };
const USER_DATA_SECRETS: Check = { id: 'CKV_AWS_46', what: 'no secrets in user_data (checkov\'s secret detectors)' };
const DESYNC: Check = { id: 'CKV_AWS_328', what: 'desync_mitigation_mode is not monitor (unset passes)' };
const LOAD_BALANCER: readonly Check[] = [
  { id: 'CKV_AWS_131', what: 'drop_invalid_header_fields = true (application load balancers)' },
  { id: 'CKV_AWS_91', what: 'access_logs.enabled = true (application and network)' },
  { id: 'CKV_AWS_150', what: 'enable_deletion_protection = true' },
  DESYNC,
  { id: 'CKV2_AWS_28', what: 'an internet-facing ALB is associated with a WAFv2 or WAF Classic regional web ACL (G)' },
  { id: 'CKV2_AWS_20', what: 'an HTTP listener on port 80 redirects to HTTPS port 443 (G)' },
];
const LISTENER: readonly Check[] = [
  { id: 'CKV_AWS_2', what: 'HTTPS/TLS/TCP/UDP protocol, or HTTP whose default action redirects to HTTPS' },
  { id: 'CKV_AWS_103', what: 'HTTPS/TLS listeners name an ELBSecurityPolicy-TLS13/-TLS-1-2/-FS-1-2 policy; TCP/UDP, HTTPS redirects and gateway listeners pass; any other listener fails (G)' },
  { id: 'CKV2_AWS_74', what: 'HTTPS/TLS listeners name an ssl_policy outside a list of weak ones (2016-08, 2015-05, TLS-1-0/1-1, …); other protocols pass (G)' },
];
const TARGET_GROUP: readonly Check[] = [
  { id: 'CKV_AWS_378', what: 'protocol is not HTTP, unless a listener forwarding to it is not HTTP (G)' },
  { id: 'CKV_AWS_261', what: 'an HTTP/HTTPS target group has a health_check with a path (other protocols: unknown)' },
];

export const CHECKOV_CHECKS: Readonly<Record<string, readonly Check[]>> = {
  aws_vpc: [
    { id: 'CKV2_AWS_11', what: 'VPC has a connected aws_flow_log, of any traffic_type (G)' },
    { id: 'CKV2_AWS_12', what: 'an aws_default_security_group is attached to the VPC, with no ingress/egress blocks and no rule resources (G)' },
  ],
  aws_security_group: [
    { id: 'CKV_AWS_24', what: 'no inline ingress from 0.0.0.0/0 or ::/0 (or naming no source) to port 22; tcp 0–0 counts as every port' },
    { id: 'CKV_AWS_25', what: 'no inline ingress from 0.0.0.0/0 or ::/0 (or naming no source) to port 3389' },
    { id: 'CKV_AWS_260', what: 'no ingress from the world to port 80' },
    { id: 'CKV_AWS_277', what: 'no inline ingress from the world on all ports (ports -1, or protocol -1 with 0–0 or 0–65535)' },
    { id: 'CKV_AWS_382', what: 'no inline egress to the world on all ports (ports -1, or protocol -1 with 0–0 or 0–65535)' },
    { id: 'CKV_AWS_23', what: 'the group and each inline ingress/egress block have a description' },
    { id: 'CKV2_AWS_5', what: 'the group is attached to a resource (G)' },
  ],
  aws_security_group_rule: [
    { id: 'CKV_AWS_24', what: 'an ingress rule does not admit 0.0.0.0/0 or ::/0 (or no source) to port 22' },
    { id: 'CKV_AWS_25', what: 'an ingress rule does not admit the world (or no source) to port 3389' },
    { id: 'CKV_AWS_277', what: 'an ingress rule does not admit the world on all ports' },
    { id: 'CKV_AWS_382', what: 'an egress rule does not reach the world on all ports' },
    { id: 'CKV_AWS_23', what: 'the rule has a description' },
  ],
  aws_vpc_security_group_ingress_rule: [
    { id: 'CKV_AWS_24', what: 'no ingress from the world (or naming no source) to port 22' },
    { id: 'CKV_AWS_25', what: 'no ingress from the world (or naming no source) to port 3389' },
    { id: 'CKV_AWS_260', what: 'no ingress from the world to port 80' },
    { id: 'CKV_AWS_277', what: 'no ingress from the world on all ports' },
    { id: 'CKV_AWS_23', what: 'the rule has a description' },
  ],
  aws_vpc_security_group_egress_rule: [
    { id: 'CKV_AWS_382', what: 'no egress to the world on all ports' },
    { id: 'CKV_AWS_23', what: 'the rule has a description' },
  ],
  aws_network_acl: [
    { id: 'CKV2_AWS_1', what: 'the NACL sets subnet_ids naming a subnet (a NACL only sharing a VPC with subnets fails) (G)' },
    { id: 'CKV_AWS_230', what: 'no ingress from 0.0.0.0/0 to port 20' },
    { id: 'CKV_AWS_229', what: 'no ingress from 0.0.0.0/0 to port 21' },
    { id: 'CKV_AWS_232', what: 'inline ingress, read in rule_no order up to a deny of the port, does not allow 0.0.0.0/0 or ::/0 to port 22' },
    { id: 'CKV_AWS_231', what: 'inline ingress, read in rule_no order up to a deny of the port, does not allow 0.0.0.0/0 or ::/0 to port 3389' },
  ],
  aws_network_acl_rule: [
    { id: 'CKV_AWS_232', what: 'an ingress rule does not allow 0.0.0.0/0 or ::/0 to port 22 (protocol -1 included)' },
    { id: 'CKV_AWS_231', what: 'an ingress rule does not allow 0.0.0.0/0 or ::/0 to port 3389 (protocol -1 included)' },
    { id: 'CKV_AWS_352', what: 'an ingress rule sets a from_port (without one it counts as all ports; CIDR, action and protocol are not read)' },
  ],
  aws_instance: [IMDS_V2, ROOT_ENCRYPTED, { id: 'CKV_AWS_88', what: 'associate_public_ip_address is not true' }, USER_DATA_SECRETS],
  aws_launch_configuration: [IMDS_V2, HOP_LIMIT, ROOT_ENCRYPTED, USER_DATA_SECRETS],
  aws_s3_bucket_acl: [
    { id: 'CKV_AWS_379', what: 'a bucket this ACL makes public (public-read/-write or an AllUsers grant the public access block does not neutralise; websites excepted) has a bucket policy requiring TLS (Deny aws:SecureTransport false, or Allow only with it true)' },
    { id: 'CKV2_AWS_43', what: 'no grant to AuthenticatedUsers (G)' },
  ],
  aws_subnet: [{ id: 'CKV_AWS_130', what: 'map_public_ip_on_launch is not true' }],
  aws_route: [
    { id: 'CKV2_AWS_35', what: 'a 0.0.0.0/0 route does not go through an instance_id (NAT instance instead of a NAT gateway) (G)' },
    { id: 'CKV2_AWS_44', what: 'a route through a vpc_peering_connection_id is not to 0.0.0.0/0 or ::/0 (G)' },
  ],
  aws_route_table: [
    { id: 'CKV2_AWS_35', what: 'no inline 0.0.0.0/0 route through an instance_id (G)' },
    { id: 'CKV2_AWS_44', what: 'no inline route through a VPC peering connection to 0.0.0.0/0 or ::/0 (G)' },
  ],
  aws_eip: [{ id: 'CKV2_AWS_19', what: 'a VPC address (domain = vpc) is attached to an instance, a NAT gateway or a Transfer server (G)' }],
  aws_wafv2_web_acl: [
    { id: 'CKV_AWS_192', what: 'a rule runs AWSManagedRulesKnownBadInputsRuleSet with override_action none and Log4JRCE not excluded' },
    { id: 'CKV_AWS_175', what: 'the ACL has a non-empty rule block' },
    { id: 'CKV_AWS_342', what: 'every rule has an action, an override_action or a managed rule group statement' },
    { id: 'CKV2_AWS_31', what: 'a connected aws_wafv2_web_acl_logging_configuration (G)' },
  ],
  aws_waf_web_acl: [
    { id: 'CKV_AWS_175', what: 'the ACL has a non-empty rules block' },
    { id: 'CKV_AWS_342', what: 'every rules block has an action or an override_action' },
  ],
  aws_wafregional_web_acl: [
    { id: 'CKV_AWS_175', what: 'the ACL has a non-empty rule block' },
    { id: 'CKV_AWS_342', what: 'every rule block has an action or an override_action' },
  ],
  aws_lb: [
    ...LOAD_BALANCER,
    { id: 'CKV_AWS_152', what: 'cross-zone load balancing (network/gateway only)' },
    { id: 'CKV2_AWS_76', what: 'the WAFv2 ACL associated with an internet-facing ALB runs AWSManagedRulesAnonymousIpList and AWSManagedRulesKnownBadInputsRuleSet; an ALB without one passes (G)' },
  ],
  aws_alb: LOAD_BALANCER,
  aws_elb: [DESYNC],
  aws_lb_listener: LISTENER,
  aws_alb_listener: LISTENER,
  aws_lb_target_group: TARGET_GROUP,
  aws_alb_target_group: TARGET_GROUP,
  aws_autoscaling_group: [
    { id: 'CKV_AWS_153', what: 'a tag or tags block is set' },
    { id: 'CKV_AWS_315', what: 'the group launches from a launch_template (directly or in a mixed_instances_policy)' },
  ],
  aws_kms_key: [
    { id: 'CKV_AWS_7', what: 'enable_key_rotation on keys without a spec, SYMMETRIC_DEFAULT or HMAC (AWS cannot rotate HMAC keys; Palisade does not judge them)' },
    { id: 'CKV_AWS_33', what: 'no Allow statement without a Condition has Principal "*" or AWS "*" in the inline key policy' },
    { id: 'CKV_AWS_227', what: 'is_enabled' },
    { id: 'CKV2_AWS_64', what: 'a policy attribute or a connected aws_kms_key_policy (G)' },
  ],
  aws_guardduty_detector: [
    { id: 'CKV_AWS_238', what: 'enable is not false (unset passes)' },
    { id: 'CKV2_AWS_3', what: 'connected to an organization configuration with auto-enable (G)' },
  ],
  aws_launch_template: [IMDS_V2, HOP_LIMIT, { id: 'CKV_AWS_88', what: 'the first network interface does not set associate_public_ip_address = true' }, USER_DATA_SECRETS],
  aws_ebs_encryption_by_default: [{ id: 'CKV_AWS_106', what: 'enabled is not false (unset passes)' }],
  aws_s3_bucket: [
    { id: 'CKV_AWS_18', what: 'a logging block or a connected aws_s3_bucket_logging (G)' },
    { id: 'CKV_AWS_19', what: 'default encryption AES256 or aws:kms; none passes (S3 applies SSE-S3) (G)' },
    { id: 'CKV_AWS_145', what: 'default encryption aws:kms (G)' },
    { id: 'CKV_AWS_21', what: 'versioning.enabled or a connected aws_s3_bucket_versioning with status Enabled (G)' },
    { id: 'CKV_AWS_144', what: 'cross-region replication' },
    { id: 'CKV2_AWS_6', what: 'a connected aws_s3_bucket_public_access_block with block_public_acls and block_public_policy true (G)' },
    { id: 'CKV2_AWS_61', what: 'a lifecycle configuration (G)' },
    { id: 'CKV2_AWS_62', what: 'event notifications (G)' },
    { id: 'CKV_AWS_20', what: 'no public READ ACL' },
    { id: 'CKV_AWS_57', what: 'no public WRITE ACL' },
    { id: 'CKV_AWS_70', what: 'no Allow to Principal "*" or AWS "*" in the inline bucket policy unless a condition pins the caller (account, organization, ARN, VPC endpoint)' },
    { id: 'CKV_AWS_93', what: 'the bucket policy does not lock out all but root' },
    { id: 'CKV_AWS_143', what: 'Object Lock' },
  ],
  aws_s3_bucket_ownership_controls: [{ id: 'CKV2_AWS_65', what: 'rule.object_ownership is BucketOwnerEnforced (ACLs disabled) (G)' }],
  aws_s3_bucket_policy: [
    { id: 'CKV_AWS_70', what: 'no Allow to Principal "*" or AWS "*" unless a condition pins the caller (account, organization, ARN, VPC endpoint)' },
    { id: 'CKV_AWS_93', what: 'the policy does not lock out all but root' },
  ],
  aws_s3_bucket_public_access_block: [
    { id: 'CKV_AWS_53', what: 'block_public_acls' },
    { id: 'CKV_AWS_54', what: 'block_public_policy' },
    { id: 'CKV_AWS_55', what: 'ignore_public_acls' },
    { id: 'CKV_AWS_56', what: 'restrict_public_buckets' },
  ],
  aws_cloudtrail: [
    { id: 'CKV_AWS_67', what: 'is_multi_region_trail' },
    { id: 'CKV_AWS_36', what: 'enable_log_file_validation' },
    { id: 'CKV_AWS_35', what: 'kms_key_id' },
    { id: 'CKV_AWS_251', what: 'enable_logging is not false (unset passes)' },
    { id: 'CKV_AWS_252', what: 'sns_topic_name' },
    { id: 'CKV2_AWS_10', what: 'cloud_watch_logs_group_arn set and connected to a CloudWatch log group (G)' },
  ],
  aws_backup_vault: [{ id: 'CKV_AWS_166', what: 'kms_key_arn' }],
  // Listed under the selection they look for: checkov reports these on the EBS volumes / EFS file systems themselves.
  aws_backup_selection: [
    { id: 'CKV2_AWS_9', what: 'every aws_ebs_volume is connected to an aws_backup_selection (reported on the volume) (G)' },
    { id: 'CKV2_AWS_18', what: 'every aws_efs_file_system is connected to an aws_backup_selection (reported on the file system) (G)' },
  ],
  aws_db_instance: [
    { id: 'CKV_AWS_16', what: 'storage_encrypted is true' },
    { id: 'CKV_AWS_17', what: 'publicly_accessible is not true' },
    { id: 'CKV_AWS_161', what: 'iam_database_authentication_enabled is true (engines mysql and postgres only)' },
    { id: 'CKV_AWS_293', what: 'deletion_protection is true' },
    { id: 'CKV_AWS_133', what: 'backup_retention_period 1–35 when set (unset passes: RDS keeps 1 day)' },
    { id: 'CKV_AWS_129', what: 'enabled_cloudwatch_logs_exports is non-empty' },
    { id: 'CKV2_AWS_69', what: 'a connected parameter group forces TLS by its family: postgres/sqlserver rds.force_ssl = 1, mysql/mariadb require_secure_transport = 1, db2-ae db2comm = SSL; no group in scope passes (G)' },
    { id: 'CKV2_AWS_30', what: 'a postgres instance is connected to a parameter group setting log_statement and log_min_duration_statement (G)' },
    { id: 'CKV2_AWS_60', what: 'copy_tags_to_snapshot = true (engines other than aurora, neptune, docdb) (G)' },
    { id: 'CKV_AWS_118', what: 'monitoring_interval is 1, 5, 10, 15, 30 or 60 (enhanced monitoring; unset fails)' },
    { id: 'CKV_AWS_157', what: 'multi_az = true (unset fails)' },
    { id: 'CKV_AWS_211', what: 'ca_cert_identifier is rds-ca-rsa2048-g1, rds-ca-rsa4096-g1 or rds-ca-ecc384-g1 when set (unset passes)' },
    { id: 'CKV_AWS_226', what: 'auto_minor_version_upgrade = true (unset fails)' },
    { id: 'CKV_AWS_250', what: 'postgres engine_version is not one with the vulnerable log_fdw extension (below 10.17, 11.12, 12.7, 13.3; 14+ passes; a bare major is unknown)' },
    { id: 'CKV_AWS_353', what: 'performance_insights_enabled = true (some small MySQL/MariaDB classes and Db2: unknown)' },
    { id: 'CKV_AWS_354', what: 'performance_insights_kms_key_id is set when Performance Insights is enabled' },
    { id: 'CKV_AWS_388', what: 'an aurora-postgresql engine is not at 10.11–10.13 or 11.6–11.8 (local file read vulnerability)' },
  ],
  aws_rds_cluster_instance: [
    { id: 'CKV_AWS_17', what: 'publicly_accessible is not true' },
    { id: 'CKV_AWS_118', what: 'enhanced monitoring (monitoring_interval)' },
    { id: 'CKV_AWS_226', what: 'auto_minor_version_upgrade' },
    { id: 'CKV_AWS_353', what: 'performance insights enabled' },
    { id: 'CKV_AWS_354', what: 'performance insights encrypted with a CMK' },
  ],
  aws_rds_cluster: [{ id: 'CKV_AWS_133', what: 'backup_retention_period 1–35 when set (unset passes)' }],
  aws_iam_policy: IDENTITY_POLICY_CHECKS,
  aws_iam_role_policy: IDENTITY_POLICY_CHECKS,
  aws_iam_user_policy: IDENTITY_POLICY_CHECKS,
  aws_iam_group_policy: IDENTITY_POLICY_CHECKS,
  aws_ssoadmin_permission_set_inline_policy: IDENTITY_POLICY_CHECKS,
  aws_iam_role_policy_attachment: ATTACHMENT_CHECKS,
  aws_iam_user_policy_attachment: ATTACHMENT_CHECKS,
  aws_iam_group_policy_attachment: ATTACHMENT_CHECKS,
  aws_iam_policy_attachment: ATTACHMENT_CHECKS,
  aws_ssoadmin_managed_policy_attachment: ATTACHMENT_CHECKS,
  aws_iam_role: [
    { id: 'CKV_AWS_60', what: 'the trust policy does not let AWS "*" assume the role' },
    { id: 'CKV_AWS_274', what: 'managed_policy_arns does not hold AdministratorAccess' },
    { id: 'CKV2_AWS_56', what: 'managed_policy_arns does not hold IAMFullAccess (G)' },
    { id: 'CKV_AWS_61', what: 'the trust policy names no account (id or :root) as AWS principal' },
    { id: 'CKV_AWS_393', what: 'a GitHub Actions OIDC trust policy allows only safe, ordered sub claims' },
  ],
  aws_iam_account_password_policy: [
    { id: 'CKV_AWS_9', what: 'max_password_age 1–90' },
    { id: 'CKV_AWS_10', what: 'minimum_password_length ≥ 14' },
    { id: 'CKV_AWS_11', what: 'require_lowercase_characters' },
    { id: 'CKV_AWS_12', what: 'require_numbers' },
    { id: 'CKV_AWS_13', what: 'password_reuse_prevention ≥ 24' },
    { id: 'CKV_AWS_14', what: 'require_symbols' },
    { id: 'CKV_AWS_15', what: 'require_uppercase_characters' },
  ],
  aws_config_configuration_recorder: [
    { id: 'CKV2_AWS_48', what: 'recording_group.include_global_resource_types is true (G)' },
  ],
  aws_config_configuration_recorder_status: [
    { id: 'CKV2_AWS_45', what: 'is_enabled is true and the connected recorder\'s recording_group.all_supported is not false (G)' },
  ],
  aws_cloudwatch_log_group: [
    { id: 'CKV_AWS_158', what: 'kms_key_id' },
    { id: 'CKV_AWS_66', what: 'retention_in_days set' },
    { id: 'CKV_AWS_338', what: 'retention ≥ 365 days (or 0) for every group' },
  ],
  aws_ssm_document: [
    { id: 'CKV_AWS_303', what: 'the document is not public' },
    { id: 'CKV_AWS_112', what: 'Session Manager documents encrypt sessions' },
    { id: 'CKV_AWS_113', what: 'Session Manager documents log sessions' },
  ],
  aws_acm_certificate: [
    { id: 'CKV_AWS_234', what: 'options.certificate_transparency_logging_preference is ENABLED when an options block is set' },
    { id: 'CKV_AWS_233', what: 'lifecycle.create_before_destroy = true' },
    { id: 'CKV2_AWS_71', what: 'neither domain_name nor any subject_alternative_names entry contains "*" (G)' },
  ],
  aws_cloudwatch_metric_alarm: [{ id: 'CKV_AWS_319', what: 'actions_enabled is not false (unset passes)' }],
  aws_sns_topic: [{ id: 'CKV_AWS_26', what: 'kms_master_key_id is set (any key, the AWS-managed alias/aws/sns included)' }],
  aws_sns_topic_policy: [
    { id: 'CKV_AWS_169', what: 'the policy allows no action to everyone (Principal "*" / AWS "*") unless a condition restricts the caller (cloudsplaining\'s internet-accessible actions)' },
    { id: 'CKV_AWS_385', what: 'no Allow statement without a Condition names an IAM principal ARN (arn:aws:iam::…, of any account, the own included)' },
  ],
  aws_s3_bucket_lifecycle_configuration: [{ id: 'CKV_AWS_300', what: 'an Enabled rule whose filter names no prefix, size or tag (so it applies to every object) sets abort_incomplete_multipart_upload' }],
};

/** Why no Palisade rule implements a checkov check that applies to the estate's resources. */
export const NOT_COVERED: Readonly<Record<string, string>> = {
  CKV2_AWS_1: 'PAL-NACL-001 proves every subnet has an explicit NACL; a NACL attached to no subnet (the other half) is not judged yet.',
  CKV_AWS_229: 'PAL-NACL-002 judges 22, 3389 and all ports at the subnet edge; world-open FTP (21) is judged on security groups (PAL-SG-001), not on NACLs.',
  CKV_AWS_230: 'Port 20 (FTP data) is not in the administration-port list (policies/facts.ts); not judged.',
  CKV_AWS_260: 'Port 80 is not an administration port: PAL-SG-001 judges 22, 3389, database ports and all-ports; the edge opens only 443.',
  CKV2_AWS_5: 'An unattached security group grants nothing; not judged.',
  CKV_AWS_152: 'Cross-zone balancing of network/gateway load balancers is availability, not security; the estate has only an ALB.',
  CKV_AWS_227: 'A disabled key fails closed (nothing can decrypt); not judged.',
  CKV2_AWS_3: 'The estate is single-account; organization-wide GuardDuty is declared as managed elsewhere when an organization runs it (PAL-ACCT-003).',
  CKV_AWS_144: 'Cross-region replication is a residency decision (PAL-GDPR-002 judges destinations); not required.',
  CKV2_AWS_61: 'Lifecycle is required where retention matters: PAL-BUCKET-007 for audit and log buckets.',
  CKV2_AWS_62: 'Event notifications are an integration choice, not a control.',
  CKV_AWS_20: 'ACLs are disabled everywhere (PAL-BUCKET-005, BucketOwnerEnforced), so no ACL can be public.',
  CKV_AWS_57: 'ACLs are disabled everywhere (PAL-BUCKET-005, BucketOwnerEnforced), so no ACL can be public.',
  CKV_AWS_93: 'A lock-out policy harms availability, not confidentiality; not judged.',
  CKV_AWS_143: 'Object Lock is optional per bucket (SecureBucket objectLock); vault locks (PAL-BACKUP-001) protect backups.',
  CKV_AWS_252: 'Trail alerts go through CloudWatch Logs metric filters and EventBridge (PAL-ALERT-*), not the trail\'s SNS topic.',
  CKV_AWS_338: 'Palisade demands a year only of audit logs (PAL-LOGS-002); other logs are kept shorter on purpose (data minimisation).',
  CKV2_AWS_40: 'iam:* on every resource is administrator-equivalent (PAL-IAM-001), on named resources a wildcard action (PAL-IAM-003); checkov also fails a policy document attached to nothing, which no rule judges, so none claims it.',
  CKV2_AWS_56: 'PAL-IAM-001 fails every attachment of IAMFullAccess (read as iam:* on every resource), but checkov also fails a data.aws_iam_policy lookup of it that nothing attaches; not claimed.',
  CKV_AWS_61: 'PAL-IAM-005 lets roles of the allowed accounts assume a role and asks sts:ExternalId (or a caller condition) of any other account; checkov fails every account principal, the own account included.',
  CKV_AWS_393: 'PAL-IAM-005 fails a federated principal without conditions on its claims, but does not judge which GitHub sub claims are safe; not claimed.',
  CKV2_AWS_43: 'ACLs are disabled everywhere (PAL-BUCKET-005, BucketOwnerEnforced), so no ACL can grant AuthenticatedUsers.',
  CKV_AWS_118: 'Enhanced monitoring is operations telemetry, not a security control (the PostgresDatabase construct turns it on); not judged.',
  CKV_AWS_226: 'Minor-version upgrades are a patching choice (the PostgresDatabase construct turns them on); not judged.',
  CKV_AWS_353: 'Performance Insights is operations telemetry; not judged.',
  CKV_AWS_354: 'Performance Insights is not required (CKV_AWS_353), so neither is its key.',
  CKV_AWS_303: 'The estate\'s SSM documents are private by construction; document sharing is not modelled.',
  CKV_AWS_112: 'The estate defines no Session Manager preferences document.',
  CKV_AWS_113: 'The estate defines no Session Manager preferences document.',
  CKV_AWS_286: 'PAL-IAM-002 fails privilege-escalation actions (iam:PassRole, policy versions, attach/put policy, access keys, login profiles, trust policies) on every resource; cloudsplaining\'s escalation paths are other action combinations on any resource, so the check is not claimed.',
  CKV_AWS_287: 'Credentials-exposure actions follow cloudsplaining\'s list; PAL-IAM-002 judges access-key and login-profile actions on every resource only, so the check is not claimed.',
  CKV_AWS_288: 'Data-exfiltration actions (reads such as s3:GetObject or secretsmanager:GetSecretValue on "*") are not judged: PAL-IAM-004 judges write, permissions-management and decrypt actions only.',
  CKV_AWS_289: 'PAL-IAM-004 fails scopable permissions-management actions on "*" from the AWS Service Authorization Reference; cloudsplaining classifies actions from its own database and also judges conditions, so the check is not claimed.',
  CKV_AWS_290: 'PAL-IAM-004 fails scopable write actions on "*" from the AWS Service Authorization Reference; cloudsplaining\'s access levels and constraint handling differ, so the check is not claimed.',
  CKV_AWS_355: 'PAL-IAM-004 fails scopable write, permissions-management and decrypt actions on "*"; checkov also fails scopable read and list actions on "*", which Palisade allows, so the check is not claimed.',
  CKV2_AWS_35: 'NAT instances are not modelled: the estate routes through NAT gateways (aws_nat_gateway); PAL-VPC-004 keeps data-tier route tables off any internet or NAT route; a route through an instance_id is not judged.',
  CKV2_AWS_44: 'The estate has no VPC peering; a peering route to 0.0.0.0/0 is not judged.',
  CKV2_AWS_19: 'The estate\'s addresses belong to NAT gateways; an unattached address costs money but exposes nothing; not judged.',
  CKV_AWS_153: 'Tags on Auto Scaling groups are inventory, not a security control (PAL-GDPR-001 judges the PersonalData tags it needs); not judged.',
  CKV_AWS_315: 'The HardenedHostFleet construct\'s group launches from a launch template; launch configurations are not refused, since PAL-EC2-001…005 hold them to the same launch settings.',
  CKV_AWS_261: 'A health-check path is availability, not security; PAL-ALB-008 judges the health check\'s protocol (HTTPS), not its path.',
  CKV2_AWS_9: 'checkov reports this on aws_ebs_volume resources, which the estate does not synthesize (instance volumes come from launch templates); PAL-BACKUP-003 judges backup selection of data-tier (Tier=data) resources only.',
  CKV2_AWS_18: 'checkov reports this on aws_efs_file_system resources, which the estate does not synthesize; PAL-BACKUP-003 judges backup selection of data-tier (Tier=data) resources only.',
  CKV2_AWS_30: 'PAL-RDS-006 requires the engine logs to be exported; statement logging (log_statement, log_min_duration_statement) would write query text, personal data included, into the logs, so Palisade does not require it.',
  CKV2_AWS_60: 'Copying tags to snapshots is inventory hygiene, not a security control (the PostgresDatabase construct sets it); not judged.',
  CKV_AWS_157: 'Multi-AZ is availability, not security (the PostgresDatabase construct defaults multiAz to true); not judged.',
  CKV_AWS_211: 'The PostgresDatabase construct pins ca_cert_identifier = rds-ca-rsa2048-g1; no rule judges the CA of other instances yet.',
  CKV_AWS_250: 'Engine versions are not judged; the PostgresDatabase construct accepts majors 13–17, and a 13.0–13.2 minor would fail this check unseen.',
  CKV_AWS_388: 'The estate runs no Aurora; engine versions are not judged.',
  CKV_AWS_233: 'create_before_destroy is availability during certificate replacement, not security; not judged.',
  CKV2_AWS_71: 'Wildcard certificates are a naming decision; the TlsLoadBalancer construct requests the names it is given; not judged.',
  CKV_AWS_26: 'PAL-ALERT-001/002 require a customer-managed key on the SNS topics of the alert chain only; a topic outside it is not judged, so the check is not claimed.',
  CKV_AWS_169: 'PAL-IAM-007 judges SNS topic policies for public principals, but its behaviour on checkov\'s cases (empty action lists, wildcard-account ARNs) is not proven yet; not claimed.',
  CKV_AWS_385: 'PAL-IAM-007 lets principals of the allowed accounts in without a condition; checkov fails every IAM principal ARN without a condition, the own account\'s included.',
  CKV_AWS_300: 'Aborting incomplete multipart uploads saves storage cost; it is not a security control; not judged.',
};
