/** A compliant edge (ALB + WAF + buckets) in cdktf-shaped JSON; each rule test weakens one thing. */
import { ref, StackBuilder } from '../fixtures';

const TLS_ONLY = (bucket: string) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
});

/** Adds a bucket with every split setting of SecureBucket. */
export function addBucket(s: StackBuilder, name: string, opts: { kms?: boolean; tags?: Record<string, string>; logTo?: string } = {}): StackBuilder {
  const kms = opts.kms ?? true;
  s.add('aws_s3_bucket', name, { bucket: `b-${name}`, tags: opts.tags ?? {} });
  s.add('aws_s3_bucket_versioning', `${name}_versioning`, { bucket: ref('aws_s3_bucket', name), versioning_configuration: { status: 'Enabled' } });
  s.add('aws_s3_bucket_server_side_encryption_configuration', `${name}_sse`, {
    bucket: ref('aws_s3_bucket', name),
    rule: [kms ? { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: ref('aws_kms_key', 'data', 'arn') }, bucket_key_enabled: true } : { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
  });
  s.add('aws_s3_bucket_public_access_block', `${name}_pab`, { bucket: ref('aws_s3_bucket', name), block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
  s.add('aws_s3_bucket_ownership_controls', `${name}_ownership`, { bucket: ref('aws_s3_bucket', name), rule: { object_ownership: 'BucketOwnerEnforced' } });
  s.add('aws_s3_bucket_policy', `${name}_policy`, { bucket: ref('aws_s3_bucket', name), policy: TLS_ONLY(`b-${name}`) });
  if (opts.logTo) s.add('aws_s3_bucket_logging', `${name}_logging`, { bucket: ref('aws_s3_bucket', name), target_bucket: ref('aws_s3_bucket', opts.logTo), target_prefix: `${name}/` });
  return s;
}

export function compliantEdge(name = 'prod'): StackBuilder {
  const s = new StackBuilder(name);
  s.add('aws_kms_key', 'data', { description: 'data', enable_key_rotation: true, deletion_window_in_days: 30, policy: '{}' });
  addBucket(s, 'access_logs', { tags: { AccessLoggingException: 'server-access-log-target' } });
  addBucket(s, 'alb_logs', { kms: false, tags: { EncryptionException: 'alb-access-logs' }, logTo: 'access_logs' });
  addBucket(s, 'data', { logTo: 'access_logs' });
  s.add('aws_lb', 'edge', {
    name: 'edge', internal: false, load_balancer_type: 'application',
    drop_invalid_header_fields: true, desync_mitigation_mode: 'strictest', enable_deletion_protection: true,
    access_logs: { bucket: ref('aws_s3_bucket', 'alb_logs'), prefix: 'access', enabled: true },
  });
  s.add('aws_lb_target_group', 'app', { port: 8443, protocol: 'HTTPS', target_type: 'instance', health_check: { protocol: 'HTTPS', path: '/healthz' } });
  s.add('aws_lb_listener', 'https', {
    load_balancer_arn: ref('aws_lb', 'edge', 'arn'), port: 443, protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    certificate_arn: 'arn:aws:acm:eu-west-1:111122223333:certificate/00000000-0000-0000-0000-000000000000',
    default_action: [{ type: 'forward', target_group_arn: ref('aws_lb_target_group', 'app', 'arn') }],
    routing_http_response_strict_transport_security_header_value: 'max-age=31536000; includeSubDomains',
  });
  s.add('aws_lb_listener', 'http', {
    load_balancer_arn: ref('aws_lb', 'edge', 'arn'), port: 80, protocol: 'HTTP',
    default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }],
  });
  const visibility = (metric: string) => ({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true, metric_name: metric });
  s.add('aws_wafv2_web_acl', 'edge', {
    name: 'edge', scope: 'REGIONAL', default_action: { allow: {} }, visibility_config: visibility('acl'),
    rule: [
      { name: 'rate', priority: 0, action: { block: {} }, statement: { rate_based_statement: { limit: 1000, aggregate_key_type: 'IP' } }, visibility_config: visibility('rate') },
      { name: 'ip-reputation', priority: 2, override_action: { none: {} }, statement: { managed_rule_group_statement: { vendor_name: 'AWS', name: 'AWSManagedRulesAmazonIpReputationList' } }, visibility_config: visibility('ip') },
      { name: 'common', priority: 3, override_action: { none: {} }, statement: { managed_rule_group_statement: { vendor_name: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, visibility_config: visibility('common') },
      { name: 'sqli', priority: 4, override_action: { none: {} }, statement: { managed_rule_group_statement: { vendor_name: 'AWS', name: 'AWSManagedRulesSQLiRuleSet' } }, visibility_config: visibility('sqli') },
      { name: 'bad-inputs', priority: 1, override_action: { none: {} }, statement: { managed_rule_group_statement: { vendor_name: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' } }, visibility_config: visibility('bad') },
    ],
  });
  s.add('aws_wafv2_web_acl_association', 'edge', { resource_arn: ref('aws_lb', 'edge', 'arn'), web_acl_arn: ref('aws_wafv2_web_acl', 'edge', 'arn') });
  s.add('aws_cloudwatch_log_group', 'waf', { name: 'aws-waf-logs-edge', retention_in_days: 365, kms_key_id: ref('aws_kms_key', 'data', 'arn') });
  s.add('aws_wafv2_web_acl_logging_configuration', 'edge', { resource_arn: ref('aws_wafv2_web_acl', 'edge', 'arn'), log_destination_configs: [ref('aws_cloudwatch_log_group', 'waf', 'arn')],
    redacted_fields: [{ single_header: { name: 'authorization' } }, { single_header: { name: 'cookie' } }],
  });
  return s;
}
