import { albAccessLogs } from '../../../policies/rules/pal-alb-006';
import { albDeletionProtection } from '../../../policies/rules/pal-alb-005';
import { albDesyncMitigation } from '../../../policies/rules/pal-alb-004';
import { albDropInvalidHeaders } from '../../../policies/rules/pal-alb-003';
import { albHttpsListeners } from '../../../policies/rules/pal-alb-001';
import { albTargetGroupTls } from '../../../policies/rules/pal-alb-008';
import { albTlsPolicy } from '../../../policies/rules/pal-alb-002';
import { albWafAssociated } from '../../../policies/rules/pal-alb-007';
import { evaluate, failures, ref, StackBuilder, statusOf } from '../fixtures';
import { compliantEdge } from './edge-fixtures';

const LB = 'aws_lb.edge';

describe('PAL-ALB-001 HTTPS listeners or HTTP redirect', () => {
  test('an HTTPS listener and an HTTP listener that only redirects are compliant', () => {
    const r = evaluate(albHttpsListeners, compliantEdge());
    expect([statusOf(r, 'aws_lb_listener.https'), statusOf(r, 'aws_lb_listener.http')]).toEqual(['compliant', 'compliant']);
  });

  test('an HTTP listener that forwards is non-compliant', () => {
    const s = compliantEdge().update('aws_lb_listener', 'http', (v) => (v.default_action = [{ type: 'forward', target_group_arn: ref('aws_lb_target_group', 'app', 'arn') }]));
    expect(failures(evaluate(albHttpsListeners, s))[0].message).toMatch(/does not redirect to HTTPS \(default action: forward\)/);
  });

  test('a listener without protocol (AWS default HTTP) that forwards is non-compliant', () => {
    const s = compliantEdge().update('aws_lb_listener', 'http', (v) => { delete v.protocol; v.default_action = [{ type: 'fixed-response', fixed_response: { content_type: 'text/plain' } }]; });
    expect(statusOf(evaluate(albHttpsListeners, s), 'aws_lb_listener.http')).toBe('non-compliant');
  });

  test('a redirecting HTTP listener whose listener rule serves content is non-compliant', () => {
    const s = compliantEdge().add('aws_lb_listener_rule', 'leak', { listener_arn: ref('aws_lb_listener', 'http', 'arn'), action: [{ type: 'forward', target_group_arn: ref('aws_lb_target_group', 'app', 'arn') }] });
    expect(failures(evaluate(albHttpsListeners, s))[0].message).toMatch(/rule\(s\) aws_lb_listener_rule.leak serve over plain HTTP/);
  });

  test('a TCP listener of a Network Load Balancer is not applicable', () => {
    const s = compliantEdge().add('aws_lb', 'nlb', { load_balancer_type: 'network' }).add('aws_lb_listener', 'tcp', { load_balancer_arn: ref('aws_lb', 'nlb', 'arn'), protocol: 'TCP', port: 5432, default_action: [{ type: 'forward' }] });
    expect(statusOf(evaluate(albHttpsListeners, s), 'aws_lb_listener.tcp')).toBe('not-applicable');
  });

  test('a listener whose protocol is an expression is unproven, not skipped as "not HTTP"', () => {
    const s = compliantEdge().update('aws_lb_listener', 'http', (v) => (v.protocol = '${var.lb_protocol}'));
    expect(evaluate(albHttpsListeners, s).find((r) => r.resource === 'aws_lb_listener.http')).toMatchObject({ status: 'unproven', message: expect.stringMatching(/cannot be shown at plan time because its protocol is an expression/) });
  });

  test('an HTTP listener of a load balancer whose type is an expression is unproven; its HTTPS listener still passes', () => {
    const r = evaluate(albHttpsListeners, compliantEdge().update('aws_lb', 'edge', (v) => (v.load_balancer_type = '${var.lb_type}')));
    expect([statusOf(r, 'aws_lb_listener.http'), statusOf(r, 'aws_lb_listener.https')]).toEqual(['unproven', 'compliant']);
  });
});

describe('PAL-ALB-002 TLS 1.2+ security policy', () => {
  test('ELBSecurityPolicy-TLS13-1-2-2021-06 is compliant', () => {
    expect(statusOf(evaluate(albTlsPolicy, compliantEdge()), 'aws_lb_listener.https')).toBe('compliant');
  });

  test.each([
    ['ELBSecurityPolicy-2016-08', /accepts TLS 1\.0/],
    ['ELBSecurityPolicy-TLS13-1-1-2021-06', /accepts TLS 1\.1/],
    ['ELBSecurityPolicy-Made-Up', /not a known ELB security policy/],
  ])('%s is non-compliant', (policy, message) => {
    const s = compliantEdge().update('aws_lb_listener', 'https', (v) => (v.ssl_policy = policy));
    expect(failures(evaluate(albTlsPolicy, s))[0].message).toMatch(message);
  });

  test('a listener naming no policy is non-compliant (AWS would apply ELBSecurityPolicy-2016-08)', () => {
    const s = compliantEdge().update('aws_lb_listener', 'https', (v) => delete v.ssl_policy);
    expect(failures(evaluate(albTlsPolicy, s))[0].message).toMatch(/names no ssl_policy: AWS applies ELBSecurityPolicy-2016-08/);
  });

  test('an HTTP listener that only redirects to HTTPS is compliant; one that forwards serves without TLS', () => {
    expect(statusOf(evaluate(albTlsPolicy, compliantEdge()), 'aws_lb_listener.http')).toBe('compliant');
    const s = compliantEdge().update('aws_lb_listener', 'http', (v) => (v.default_action = [{ type: 'forward', target_group_arn: ref('aws_lb_target_group', 'app', 'arn') }]));
    expect(failures(evaluate(albTlsPolicy, s))).toMatchObject([{ resource: 'aws_lb_listener.http', message: expect.stringMatching(/serves clients without TLS: it does not redirect to HTTPS \(default action: forward\)/) }]);
  });

  test('a listener without protocol (AWS default HTTP) that forwards fails; on a Network Load Balancer it is not applicable', () => {
    const forwarding = compliantEdge().update('aws_lb_listener', 'http', (v) => { delete v.protocol; v.default_action = [{ type: 'forward' }]; });
    expect(statusOf(evaluate(albTlsPolicy, forwarding), 'aws_lb_listener.http')).toBe('non-compliant');
    const nlb = forwarding.update('aws_lb', 'edge', (v) => (v.load_balancer_type = 'network'));
    expect(statusOf(evaluate(albTlsPolicy, nlb), 'aws_lb_listener.http')).toBe('not-applicable');
  });

  test('a listener whose protocol is an expression is unproven', () => {
    const s = compliantEdge().update('aws_lb_listener', 'https', (v) => (v.protocol = '${local.protocol}'));
    expect(statusOf(evaluate(albTlsPolicy, s), 'aws_lb_listener.https')).toBe('unproven');
  });
});

describe('PAL-ALB-003 drop invalid header fields', () => {
  test('drop_invalid_header_fields = true is compliant', () => expect(statusOf(evaluate(albDropInvalidHeaders, compliantEdge()), LB)).toBe('compliant'));
  test('unset is non-compliant', () => {
    expect(statusOf(evaluate(albDropInvalidHeaders, compliantEdge().update('aws_lb', 'edge', (v) => delete v.drop_invalid_header_fields)), LB)).toBe('non-compliant');
  });
});

describe('PAL-ALB-004 desync mitigation', () => {
  test('strictest is compliant', () => expect(statusOf(evaluate(albDesyncMitigation, compliantEdge()), LB)).toBe('compliant'));
  test('monitor is non-compliant', () => {
    expect(statusOf(evaluate(albDesyncMitigation, compliantEdge().update('aws_lb', 'edge', (v) => (v.desync_mitigation_mode = 'monitor'))), LB)).toBe('non-compliant');
  });
});

describe('PAL-ALB-005 deletion protection', () => {
  test('enabled is compliant', () => expect(statusOf(evaluate(albDeletionProtection, compliantEdge()), LB)).toBe('compliant'));
  test('false is non-compliant', () => {
    expect(statusOf(evaluate(albDeletionProtection, compliantEdge().update('aws_lb', 'edge', (v) => (v.enable_deletion_protection = false))), LB)).toBe('non-compliant');
  });
});

describe('PAL-ALB-006 access logs', () => {
  test('access_logs with bucket and enabled = true is compliant', () => expect(statusOf(evaluate(albAccessLogs, compliantEdge()), LB)).toBe('compliant'));
  test('a bucket without enabled = true is non-compliant (the provider defaults to false)', () => {
    const s = compliantEdge().update('aws_lb', 'edge', (v) => delete (v.access_logs as Record<string, unknown>).enabled);
    expect(failures(evaluate(albAccessLogs, s))[0].message).toMatch(/access_logs.enabled is not true/);
  });
  test('no access_logs block is non-compliant', () => {
    expect(statusOf(evaluate(albAccessLogs, compliantEdge().update('aws_lb', 'edge', (v) => delete v.access_logs)), LB)).toBe('non-compliant');
  });
});

describe('PAL-ALB-007 WAF on internet-facing ALBs', () => {
  test('an associated web ACL is compliant', () => expect(statusOf(evaluate(albWafAssociated, compliantEdge()), LB)).toBe('compliant'));
  test('an internet-facing ALB without association is non-compliant', () => {
    expect(statusOf(evaluate(albWafAssociated, compliantEdge().remove('aws_wafv2_web_acl_association', 'edge')), LB)).toBe('non-compliant');
  });
  test('an internal ALB without association is not applicable', () => {
    const s = compliantEdge().remove('aws_wafv2_web_acl_association', 'edge').update('aws_lb', 'edge', (v) => (v.internal = true));
    expect(statusOf(evaluate(albWafAssociated, s), LB)).toBe('not-applicable');
  });
  test('an ALB with internal unset counts as internet-facing', () => {
    const s = compliantEdge().remove('aws_wafv2_web_acl_association', 'edge').update('aws_lb', 'edge', (v) => delete v.internal);
    expect(statusOf(evaluate(albWafAssociated, s), LB)).toBe('non-compliant');
  });
});

describe('PAL-ALB-008 target groups over HTTPS', () => {
  const TG = 'aws_lb_target_group.app';
  test('HTTPS with an HTTPS health check is compliant', () => expect(statusOf(evaluate(albTargetGroupTls, compliantEdge()), TG)).toBe('compliant'));
  test('an HTTP target group is non-compliant', () => {
    expect(statusOf(evaluate(albTargetGroupTls, compliantEdge().update('aws_lb_target_group', 'app', (v) => (v.protocol = 'HTTP'))), TG)).toBe('non-compliant');
  });
  test('an HTTPS target group health-checked over HTTP is non-compliant', () => {
    const s = compliantEdge().update('aws_lb_target_group', 'app', (v) => (v.health_check = { protocol: 'HTTP' }));
    expect(failures(evaluate(albTargetGroupTls, s))[0].message).toMatch(/health-checks over plain HTTP/);
  });
  test('a Lambda target group is not applicable', () => {
    const s = compliantEdge().update('aws_lb_target_group', 'app', (v) => { v.target_type = 'lambda'; delete v.protocol; });
    expect(statusOf(evaluate(albTargetGroupTls, s), TG)).toBe('not-applicable');
  });
});

describe('widened to what checkov judges (honest mappings)', () => {
  test('PAL-ALB-004 judges Classic ELBs too (CKV_AWS_328)', () => {
    const elb = (mode?: string) => new StackBuilder().add('aws_elb', 'classic', { listener: [{ lb_port: 443, lb_protocol: 'https', instance_port: 8443, instance_protocol: 'https' }], ...(mode ? { desync_mitigation_mode: mode } : {}) });
    expect(statusOf(evaluate(albDesyncMitigation, elb('monitor')), 'aws_elb.classic')).toBe('non-compliant');
    expect(statusOf(evaluate(albDesyncMitigation, elb('strictest')), 'aws_elb.classic')).toBe('compliant');
    expect(statusOf(evaluate(albDesyncMitigation, elb()), 'aws_elb.classic')).toBe('compliant');
  });
  test('PAL-ALB-006 judges Network Load Balancers too (CKV_AWS_91); Gateway Load Balancers are out of scope', () => {
    const lb = (type: string, logs?: unknown) => new StackBuilder().add('aws_lb', 'lb', { load_balancer_type: type, ...(logs ? { access_logs: logs } : {}) });
    expect(statusOf(evaluate(albAccessLogs, lb('network')), 'aws_lb.lb')).toBe('non-compliant');
    expect(statusOf(evaluate(albAccessLogs, lb('network', { bucket: 'logs', enabled: 'true' })), 'aws_lb.lb')).toBe('compliant');
    expect(evaluate(albAccessLogs, lb('gateway'))[0].status).toBe('not-applicable');
  });
});
