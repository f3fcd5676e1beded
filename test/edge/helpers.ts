import { TlsLoadBalancer, TlsLoadBalancerProps } from '../../constructs/edge/tls-load-balancer';
import { WebAcl, WebAclProps } from '../../constructs/edge/web-acl';
import { Testing } from '../../constructs/framework';
import { KmsKey, KmsServiceGrants } from '../../constructs/kms/kms-key';
import { LeastPrivilegeSecurityGroup } from '../../constructs/network/security-group';
import { SecureBucket } from '../../constructs/storage/secure-bucket';
import { PalisadeStack } from '../../stacks/palisade-stack';
import { testEnvironment } from '../support/synth';

export const ACCOUNT = '123456789012';
export const BASE = { environment: 'test', accountId: ACCOUNT, region: 'eu-west-1' };
/** A fixed clock: security.txt expiry checks must not depend on the day the tests run. */
export const NOW = new Date('2026-03-15T10:00:00Z');

/** A stack with what the edge constructs need: logs key, log bucket, the targets' security group. */
export function edgeScaffold() {
  const stack = new PalisadeStack(Testing.app(), { environment: testEnvironment(), component: 'edge' });
  const logsKey = new KmsKey(stack, 'logs_key', { ...BASE, purpose: 'logs', description: 'logs', serviceGrants: [KmsServiceGrants.cloudWatchLogs('eu-west-1', ACCOUNT)] });
  const accessKey = new KmsKey(stack, 'access_logs_key', { ...BASE, purpose: 'access-logs', description: 'access logs', serviceGrants: [KmsServiceGrants.s3ServerAccessLogs(ACCOUNT, 'arn:aws:s3:::palisade-test-*')] });
  const logBucket = new SecureBucket(stack, 'access_logs', { ...BASE, purpose: 'access-logs', encryption: { kind: 'kms', key: accessKey }, accessLogs: { kind: 'is-log-bucket' } });
  const targets = new LeastPrivilegeSecurityGroup(stack, 'app_targets', { vpcId: 'vpc-123', name: 'app', description: 'app hosts', tier: 'app' });
  const webAcl = (overrides: Partial<WebAclProps> = {}, id = 'edge_waf') => new WebAcl(stack, id, { ...BASE, logsKey, ...overrides });
  const loadBalancer = (overrides: Partial<TlsLoadBalancerProps> = {}, id = 'edge_alb') => new TlsLoadBalancer(stack, id, {
    ...BASE,
    vpcId: 'vpc-123',
    subnetIds: ['subnet-a', 'subnet-b'],
    targets: { securityGroup: targets, port: 8443 },
    certificate: { kind: 'dns-validated', domainName: 'www.example.com' },
    serverAccessLogBucket: logBucket,
    securityTxt: { contactEmail: 'security@example.com', now: NOW },
    ...overrides,
  });
  return { stack, logsKey, accessKey, logBucket, targets, webAcl, loadBalancer };
}
