import { DEFAULT_TLS_POLICY } from '../../constructs/edge/elb-security-policies';
import { ref, resourcesOf, synthStack } from '../support/synth';
import { ACCOUNT, edgeScaffold, NOW } from './helpers';

const CERT_ARN = `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/0ff11e00-1111-4222-8333-444455556666`;

function synthed(overrides = {}) {
  const s = edgeScaffold();
  const acl = s.webAcl();
  const lb = s.loadBalancer({ webAcl: acl, ...overrides });
  return { ...s, lb, json: synthStack(s.stack) };
}

describe('TlsLoadBalancer', () => {
  test('an internet-facing ALB in the given subnets drops invalid headers, mitigates desync strictly, cannot be deleted and fails closed on WAF errors', () => {
    const { json } = synthed();
    expect(resourcesOf(json, 'aws_lb').test_edge_alb).toEqual(expect.objectContaining({
      name: 'palisade-test-edge', internal: false, load_balancer_type: 'application', subnets: ['subnet-a', 'subnet-b'],
      drop_invalid_header_fields: true, desync_mitigation_mode: 'strictest', enable_deletion_protection: true, enable_waf_fail_open: false,
    }));
  });

  test('the HTTPS listener uses the TLS 1.3 policy, the validated certificate, HSTS, and forwards to the HTTPS target group', () => {
    const { json } = synthed();
    expect(resourcesOf(json, 'aws_lb_listener').test_edge_alb_https).toEqual(expect.objectContaining({
      port: 443, protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificate_arn: ref('aws_acm_certificate_validation', 'test_edge_alb_certificate_validation', 'certificate_arn'),
      routing_http_response_strict_transport_security_header_value: 'max-age=31536000; includeSubDomains',
      routing_http_response_x_content_type_options_header_value: 'nosniff',
      default_action: [expect.objectContaining({ type: 'forward', target_group_arn: ref('aws_lb_target_group', 'test_edge_alb_targets', 'arn') })],
    }));
    expect(DEFAULT_TLS_POLICY).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
  });

  test('the HTTP listener can only answer with a permanent redirect to HTTPS', () => {
    const { json } = synthed();
    expect(resourcesOf(json, 'aws_lb_listener').test_edge_alb_http_redirect).toEqual(expect.objectContaining({
      port: 80, protocol: 'HTTP', default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }],
    }));
  });

  test('a DNS-validated certificate is requested for the domain, with certificate transparency logging', () => {
    const { json } = synthed();
    expect(resourcesOf(json, 'aws_acm_certificate').test_edge_alb_certificate).toEqual(expect.objectContaining({
      domain_name: 'www.example.com', validation_method: 'DNS', options: { certificate_transparency_logging_preference: 'ENABLED' },
    }));
    expect(json.output.test_edge_alb_certificate_dns_validation.value).toContain('domain_validation_options');
  });

  test('an existing certificate ARN is used as is, without requesting one', () => {
    const { json } = synthed({ certificate: { kind: 'existing', arn: CERT_ARN } });
    expect(resourcesOf(json, 'aws_lb_listener').test_edge_alb_https.certificate_arn).toBe(CERT_ARN);
    expect(resourcesOf(json, 'aws_acm_certificate')).toEqual({});
  });

  test('targets are reached over HTTPS on the app port and health-checked over HTTPS', () => {
    const { json } = synthed();
    expect(resourcesOf(json, 'aws_lb_target_group').test_edge_alb_targets).toEqual(expect.objectContaining({
      port: 8443, protocol: 'HTTPS', vpc_id: 'vpc-123',
      health_check: expect.objectContaining({ protocol: 'HTTPS', path: '/healthz', matcher: '200-399' }),
    }));
  });

  test('the security group admits 443 from the internet only and reaches only the targets\' group on the app port', () => {
    const { json } = synthed();
    const ingress = resourcesOf(json, 'aws_vpc_security_group_ingress_rule');
    const albIngress = Object.values(ingress).filter((r: any) => r.security_group_id === ref('aws_security_group', 'test_edge_alb_security_group'));
    expect(albIngress).toEqual([expect.objectContaining({ cidr_ipv4: '0.0.0.0/0', from_port: 443, to_port: 443 })]);
    expect(Object.values(resourcesOf(json, 'aws_vpc_security_group_egress_rule'))).toEqual([expect.objectContaining({
      security_group_id: ref('aws_security_group', 'test_edge_alb_security_group'), referenced_security_group_id: ref('aws_security_group', 'test_app_targets'), from_port: 8443, to_port: 8443,
    })]);
    expect(ingress.test_app_targets_ingress_security_group_8443.referenced_security_group_id).toBe(ref('aws_security_group', 'test_edge_alb_security_group'));
  });

  test('port 80 opens only when asked, for the redirect', () => {
    const { json } = synthed({ openHttpRedirectPort: true });
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule').test_edge_alb_security_group_ingress_internet_80.description).toMatch(/301 redirect to HTTPS/);
  });

  test('access and connection logs go to an SSE-S3 SecureBucket that itself logs to the log bucket', () => {
    const { json } = synthed();
    expect(resourcesOf(json, 'aws_lb').test_edge_alb.access_logs).toEqual({ bucket: ref('aws_s3_bucket', 'test_edge_alb_logs'), prefix: 'access', enabled: true });
    expect(resourcesOf(json, 'aws_lb').test_edge_alb.connection_logs).toEqual({ bucket: ref('aws_s3_bucket', 'test_edge_alb_logs'), prefix: 'connections', enabled: true });
    expect(resourcesOf(json, 'aws_s3_bucket_server_side_encryption_configuration').test_edge_alb_logs_encryption.rule[0].apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'AES256' });
    expect(resourcesOf(json, 'aws_s3_bucket_logging').test_edge_alb_logs_access_logs.target_bucket).toBe(ref('aws_s3_bucket', 'test_access_logs'));
    expect(resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration').test_edge_alb_logs_lifecycle.rule[0].expiration).toEqual([{ days: 365 }]);
  });

  test.each([
    ['eu-west-1', { AWS: 'arn:aws:iam::156460612806:root' }],
    ['eu-central-1', { AWS: 'arn:aws:iam::054676820928:root' }],
    ['eu-south-2', { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' }],
  ])('in %s the log bucket lets ELB log delivery (%j) write this account\'s logs only', (region, principal) => {
    const { json } = synthed({ region });
    const statements = JSON.parse(resourcesOf(json, 'aws_s3_bucket_policy').test_edge_alb_logs_policy.policy).Statement;
    expect(statements.find((s: any) => s.Sid === 'AllowElbAccessLogDelivery')).toEqual({
      Sid: 'AllowElbAccessLogDelivery', Effect: 'Allow', Principal: principal, Action: 's3:PutObject',
      Resource: [`arn:aws:s3:::palisade-test-alb-logs-${ACCOUNT}/access/AWSLogs/${ACCOUNT}/*`, `arn:aws:s3:::palisade-test-alb-logs-${ACCOUNT}/connections/AWSLogs/${ACCOUNT}/*`],
    });
  });

  test('/.well-known/security.txt answers a fixed text/plain RFC 9116 file from config', () => {
    const { json } = synthed({ securityTxt: { contactEmail: 'security@example.com', policyUrl: 'https://example.com/disclosure', preferredLanguages: ['en', 'de'], canonicalUrl: 'https://www.example.com/.well-known/security.txt', now: NOW } });
    const rule = resourcesOf(json, 'aws_lb_listener_rule').test_edge_alb_security_txt;
    expect(rule.listener_arn).toBe(ref('aws_lb_listener', 'test_edge_alb_https', 'arn'));
    expect(rule.condition).toEqual([{ path_pattern: { values: ['/.well-known/security.txt'] } }]);
    expect(rule.action[0].fixed_response).toEqual({
      content_type: 'text/plain', status_code: '200',
      message_body: 'Contact: mailto:security@example.com\nExpires: 2026-09-01T00:00:00Z\nPolicy: https://example.com/disclosure\nPreferred-Languages: en, de\nCanonical: https://www.example.com/.well-known/security.txt\n',
    });
  });

  test('the web ACL is associated with the load balancer', () => {
    const { json } = synthed();
    expect(resourcesOf(json, 'aws_wafv2_web_acl_association').test_edge_alb_waf).toEqual(expect.objectContaining({
      resource_arn: ref('aws_lb', 'test_edge_alb', 'arn'), web_acl_arn: ref('aws_wafv2_web_acl', 'test_edge_waf', 'arn'),
    }));
  });

  test('without a web ACL the load balancer fails validation (synth)', () => {
    const { loadBalancer } = edgeScaffold();
    const lb = loadBalancer();
    expect(lb.node.validate()).toEqual([expect.stringMatching(/edge_alb: webAcl = undefined: an internet-facing load balancer must be protected by a WebAcl/)]);
  });

  test('protectWith() attaches a web ACL later; a second one is refused', () => {
    const { loadBalancer, webAcl } = edgeScaffold();
    const lb = loadBalancer();
    lb.protectWith(webAcl());
    expect(lb.node.validate()).toEqual([]);
    expect(() => lb.protectWith(webAcl({}, 'other'))).toThrow(/webAcl = "test-edge\/other": the load balancer is already protected/);
  });

  describe('refuses', () => {
    test.each(['ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-TLS13-1-1-2021-06', 'ELBSecurityPolicy-FS-1-1-2019-08'])('the weak TLS policy %p', (policy) => {
      const { loadBalancer } = edgeScaffold();
      expect(() => loadBalancer({ tlsPolicy: policy })).toThrow(/tlsPolicy = .*accepts TLS 1\.[01]; only policies requiring TLS 1.2 or later/);
    });

    test('an unknown TLS policy name', () => {
      const { loadBalancer } = edgeScaffold();
      expect(() => loadBalancer({ tlsPolicy: 'ELBSecurityPolicy-TLS13-9-9' })).toThrow(/tlsPolicy = "ELBSecurityPolicy-TLS13-9-9": not a known ELB security policy/);
    });

    test('a single subnet', () => {
      const { loadBalancer } = edgeScaffold();
      expect(() => loadBalancer({ subnetIds: ['subnet-a'] })).toThrow(/subnetIds = \["subnet-a"\]: .*at least two availability zones/);
    });

    test.each([0, 70000])('the target port %p', (port) => {
      const { loadBalancer, targets } = edgeScaffold();
      expect(() => loadBalancer({ targets: { securityGroup: targets, port } })).toThrow(/targets.port = /);
    });

    test('a health-check path not starting with /', () => {
      const { loadBalancer, targets } = edgeScaffold();
      expect(() => loadBalancer({ targets: { securityGroup: targets, port: 8443, healthCheckPath: 'healthz' } })).toThrow(/targets.healthCheckPath = "healthz"/);
    });

    test('a malformed certificate ARN', () => {
      const { loadBalancer } = edgeScaffold();
      expect(() => loadBalancer({ certificate: { kind: 'existing', arn: 'arn:aws:iam::1:server-certificate/x' } })).toThrow(/certificate.arn = .*an ACM certificate ARN/);
    });

    test('a certificate of another region', () => {
      const { loadBalancer } = edgeScaffold();
      expect(() => loadBalancer({ certificate: { kind: 'existing', arn: CERT_ARN.replace('eu-west-1', 'us-east-1') } })).toThrow(/must be in eu-west-1/);
    });

    test.each(['Example.com', 'example', 'exa mple.com'])('the domain name %p', (domainName) => {
      const { loadBalancer } = edgeScaffold();
      expect(() => loadBalancer({ certificate: { kind: 'dns-validated', domainName } })).toThrow(/certificate.domainName = .*lower-case DNS name/);
    });

    test('log retention below a year or above the personal-data cap', () => {
      const { loadBalancer } = edgeScaffold();
      expect(() => loadBalancer({ accessLogRetentionDays: 90 })).toThrow(/accessLogRetentionDays = 90: a whole number of days from 365/);
      expect(() => loadBalancer({ accessLogRetentionDays: 800 }, 'other')).toThrow(/accessLogRetentionDays = 800: .*to 731/);
    });

    test('an HSTS header shorter than a year', () => {
      const { loadBalancer } = edgeScaffold();
      expect(() => loadBalancer({ hstsHeader: 'max-age=300' })).toThrow(/hstsHeader = "max-age=300": must start with max-age of at least 31536000/);
    });
  });
});
