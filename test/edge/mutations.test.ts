import { modelFromDocuments, runBaseline } from '../../policies/index';
import { kmsKeyRotation } from '../../policies/rules/pal-kms-001';
import { estateStack } from '../support/estate';
import { EDGE_AND_STORAGE_RULES } from '../support/edge-rules';

type Json = Record<string, any>;
const STACK = 'production-edge';
const RULES = [...EDGE_AND_STORAGE_RULES, kmsKeyRotation];

/** The example estate's production edge stack, as the test run's global setup synthesized it. */
const original: Json = estateStack(STACK);

function findings(json: Json) {
  const model = modelFromDocuments([{ file: `stacks/${STACK}/cdk.tf.json`, json, stackName: STACK }]);
  return runBaseline(model, { rules: RULES }).findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.resource}`);
}

function mutated(mutate: (resources: Json) => void): Json {
  const copy = JSON.parse(JSON.stringify(original));
  mutate(copy.resource);
  return copy;
}

function bucketPolicy(resources: Json, name: string, edit: (statements: Json[]) => Json[]): void {
  const holder = resources.aws_s3_bucket_policy[name];
  const doc = JSON.parse(holder.policy);
  doc.Statement = edit(doc.Statement);
  holder.policy = JSON.stringify(doc);
}

describe('the synthesized production edge against weakening mutations', () => {
  test('as synthesized, the edge passes every edge, storage and key-rotation rule', () => {
    expect(findings(original)).toEqual([]);
  });

  const mutations: [string, (r: Json) => void, string][] = [
    ['the TLS policy weakened to ELBSecurityPolicy-2016-08', (r) => { r.aws_lb_listener.production_edge_alb_https.ssl_policy = 'ELBSecurityPolicy-2016-08'; }, 'PAL-ALB-002 aws_lb_listener.production_edge_alb_https'],
    ['the TLS policy removed (AWS default)', (r) => { delete r.aws_lb_listener.production_edge_alb_https.ssl_policy; }, 'PAL-ALB-002 aws_lb_listener.production_edge_alb_https'],
    ['the HTTP listener forwarding instead of redirecting', (r) => {
      r.aws_lb_listener.production_edge_alb_http_redirect.default_action = [{ type: 'forward', target_group_arn: '${aws_lb_target_group.production_edge_alb_targets.arn}' }];
    }, 'PAL-ALB-001 aws_lb_listener.production_edge_alb_http_redirect'],
    ['the WAF association deleted', (r) => { delete r.aws_wafv2_web_acl_association; }, 'PAL-ALB-007 aws_lb.production_edge_alb'],
    ['the WAF logging deleted', (r) => { delete r.aws_wafv2_web_acl_logging_configuration; }, 'PAL-WAF-003 aws_wafv2_web_acl.production_edge_waf'],
    ['the known-bad-inputs group switched to count', (r) => {
      r.aws_wafv2_web_acl.production_edge_waf.rule.find((x: Json) => x.name === 'AWS-AWSManagedRulesKnownBadInputsRuleSet').override_action = { count: {} };
    }, 'PAL-WAF-002 aws_wafv2_web_acl.production_edge_waf'],
    ['desync mitigation set to monitor', (r) => { r.aws_lb.production_edge_alb.desync_mitigation_mode = 'monitor'; }, 'PAL-ALB-004 aws_lb.production_edge_alb'],
    ['invalid headers forwarded', (r) => { r.aws_lb.production_edge_alb.drop_invalid_header_fields = false; }, 'PAL-ALB-003 aws_lb.production_edge_alb'],
    ['the target group switched to plain HTTP', (r) => { r.aws_lb_target_group.production_edge_alb_targets.protocol = 'HTTP'; }, 'PAL-ALB-008 aws_lb_target_group.production_edge_alb_targets'],
    ['key rotation disabled', (r) => { r.aws_kms_key.production_access_logs_key.enable_key_rotation = false; }, 'PAL-KMS-001 aws_kms_key.production_access_logs_key'],
    ['a public-access-block flag turned off', (r) => { r.aws_s3_bucket_public_access_block.production_access_logs_public_access_block.restrict_public_buckets = false; }, 'PAL-BUCKET-003 aws_s3_bucket.production_access_logs'],
    ['the TLS-only statement removed from the bucket policy', (r) => bucketPolicy(r, 'production_edge_alb_logs_policy', (st) => st.filter((s) => s.Sid !== 'DenyInsecureTransport')), 'PAL-BUCKET-004 aws_s3_bucket.production_edge_alb_logs'],
    ['the ALB log bucket losing its SSE-S3 marker', (r) => { delete r.aws_s3_bucket.production_edge_alb_logs.tags.EncryptionException; }, 'PAL-BUCKET-001 aws_s3_bucket.production_edge_alb_logs'],
    ['versioning suspended', (r) => { r.aws_s3_bucket_versioning.production_access_logs_versioning.versioning_configuration.status = 'Suspended'; }, 'PAL-BUCKET-002 aws_s3_bucket.production_access_logs'],
    ['ACLs re-enabled', (r) => { r.aws_s3_bucket_ownership_controls.production_edge_alb_logs_ownership.rule.object_ownership = 'ObjectWriter'; }, 'PAL-BUCKET-005 aws_s3_bucket.production_edge_alb_logs'],
    ['server access logging removed from the ALB log bucket', (r) => { delete r.aws_s3_bucket_logging; }, 'PAL-BUCKET-006 aws_s3_bucket.production_edge_alb_logs'],
  ];

  test.each(mutations)('%s is caught', (_name, mutate, expected) => {
    expect(findings(mutated(mutate))).toContain(expected);
  });
});
