import * as fs from 'fs';
import * as path from 'path';
import { exampleEstate } from '../../config/estate';
import { loadEstateConfig } from '../../config/load';
import { PalisadeConfigError } from '../../constructs/errors';
import { App, Testing } from '../../constructs/framework';
import { EdgeStack } from '../../stacks/edge-stack';
import { buildEstate } from '../../stacks/estate';
import { NetworkStack } from '../../stacks/network-stack';
import { resourcesOf, synthStack, testEnvironment } from '../support/synth';
import { NOW } from './helpers';

const valid = () => JSON.parse(JSON.stringify(exampleEstate));
const withEdge = (edge: unknown) => {
  const config = valid();
  config.environments[0].edge = edge;
  return config;
};

function edgeStack(edge: any = { domainName: 'www.example.com' }) {
  const app = Testing.app();
  const environment = testEnvironment({ edge } as never);
  const network = new NetworkStack(app, environment);
  return new EdgeStack(app, environment, network, { now: NOW });
}

describe('edge config', () => {
  test('fills defaults: 365-day logs, rate limit 1000, Linux rules on, anonymous-IP list off, English security.txt', () => {
    const env = loadEstateConfig(withEdge({ domainName: 'www.example.com' })).environments[0];
    expect(env.edge).toEqual({
      domainName: 'www.example.com', accessLogRetentionDays: 365,
      securityTxt: { preferredLanguages: ['en'] },
      waf: { rateLimitPerFiveMinutes: 1000, anonymousIpList: false, linuxRuleSet: true, logRetentionDays: 365 },
    });
  });

  test('an environment without an edge section gets no edge stack', () => {
    const config = valid();
    delete config.environments[0].edge;
    const stacks = buildEstate(Testing.app(), loadEstateConfig(config)).map((s) => s.node.id);
    expect(stacks).not.toContain('staging-edge');
    expect(stacks).toContain('production-edge');
  });

  const bad: [string, unknown, RegExp][] = [
    ['neither a domain nor a certificate', {}, /environments\[0\]\.edge = \{.*: give exactly one of domainName .* or certificateArn/],
    ['both a domain and a certificate', { domainName: 'www.example.com', certificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/0ff11e00-1111-4222-8333-444455556666' }, /give exactly one of domainName/],
    ['an upper-case domain', { domainName: 'WWW.example.com' }, /edge\.domainName = "WWW.example.com": a lower-case DNS name/],
    ['a certificate ARN that is not ACM', { certificateArn: 'arn:aws:iam::111111111111:server-certificate/x' }, /edge\.certificateArn = .*an ACM certificate ARN/],
    ['an http policy URL', { domainName: 'www.example.com', securityTxt: { policyUrl: 'http://example.com/p' } }, /edge\.securityTxt\.policyUrl = "http:\/\/example.com\/p"/],
    ['an expiry that is not a date', { domainName: 'www.example.com', securityTxt: { expires: 'next year' } }, /edge\.securityTxt\.expires = "next year"/],
    ['an unknown WAF option (typo)', { domainName: 'www.example.com', waf: { rateLimit: 5 } }, /edge\.waf/],
  ];
  test.each(bad)('refuses %s, naming the field and the bad value', (_name, edge, message) => {
    expect(() => loadEstateConfig(withEdge(edge))).toThrow(PalisadeConfigError);
    expect(() => loadEstateConfig(withEdge(edge))).toThrow(message);
  });
});

describe('EdgeStack', () => {
  test('is named <env>-edge and builds the load balancer, web ACL, log buckets and the app-target group', () => {
    const stack = edgeStack();
    const json = synthStack(stack);
    expect(stack.node.id).toBe('test-edge');
    expect(Object.keys(resourcesOf(json, 'aws_lb'))).toEqual(['test_edge_alb']);
    expect(Object.keys(resourcesOf(json, 'aws_wafv2_web_acl'))).toEqual(['test_edge_waf']);
    expect(Object.keys(resourcesOf(json, 'aws_s3_bucket')).sort()).toEqual(['test_access_logs', 'test_edge_alb_logs']);
    expect(resourcesOf(json, 'aws_security_group').test_app_targets.name).toBe('palisade-test-app-from-edge');
  });

  test('reads the VPC, the public subnets and the logs key from the network stack through remote state', () => {
    // Cross-stack references are resolved when the whole app synthesizes.
    const stack = edgeStack();
    const app = stack.node.root as App;
    app.synth();
    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'test-edge', 'cdk.tf.json'), 'utf8'));
    const remote = Object.keys(json.data.terraform_remote_state);
    expect(remote).toEqual(['test_cross_stack_reference_input_test_network']);
    const viaRemote = (v: string) => v.startsWith(`\${data.terraform_remote_state.${remote[0]}.outputs.`);
    expect(resourcesOf(json, 'aws_lb').test_edge_alb.subnets.every(viaRemote)).toBe(true);
    expect(resourcesOf(json, 'aws_lb').test_edge_alb.subnets).toHaveLength(3);
    expect(viaRemote(resourcesOf(json, 'aws_lb_target_group').test_edge_alb_targets.vpc_id)).toBe(true);
    expect(viaRemote(resourcesOf(json, 'aws_cloudwatch_log_group').test_edge_waf_log_group.kms_key_id)).toBe(true);
  });

  test('an existing certificate from config is used instead of requesting one', () => {
    const arn = 'arn:aws:acm:eu-west-1:123456789012:certificate/0ff11e00-1111-4222-8333-444455556666';
    const json = synthStack(edgeStack({ certificateArn: arn }));
    expect(resourcesOf(json, 'aws_lb_listener').test_edge_alb_https.certificate_arn).toBe(arn);
    expect(resourcesOf(json, 'aws_acm_certificate')).toEqual({});
  });

  test('WAF options and the personal-data cap come from config', () => {
    const app = Testing.app();
    const environment = testEnvironment({ personalDataLogMaxRetentionDays: 400, edge: { domainName: 'www.example.com', waf: { logRetentionDays: 731 } } } as never);
    expect(() => new EdgeStack(app, environment, new NetworkStack(app, environment), { now: NOW })).toThrow(/edge_waf: logRetentionDays = 731: .*to 400 \(personal-data cap\)/);
  });

  test('the security.txt contact is the environment\'s security contact and Canonical points at the domain', () => {
    const json = synthStack(edgeStack());
    const body = resourcesOf(json, 'aws_lb_listener_rule').test_edge_alb_security_txt.action[0].fixed_response.message_body;
    expect(body).toContain('Contact: mailto:security@example.com\n');
    expect(body).toContain('Canonical: https://www.example.com/.well-known/security.txt\n');
  });

  test('an environment without an edge section is refused by the stack', () => {
    const app = Testing.app();
    const environment = testEnvironment();
    expect(() => new EdgeStack(app, environment, new NetworkStack(app, environment))).toThrow(/test-edge: edge = undefined: environment test has no edge section/);
  });
});
