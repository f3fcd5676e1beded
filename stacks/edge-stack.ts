import { EdgeConfig, EnvironmentConfig } from '../config/schema';
import { Construct, KmsKey, KmsServiceGrants, LeastPrivilegeSecurityGroup, PalisadeConfigError, SecureBucket, TlsLoadBalancer, WebAcl } from '../index';
import { NetworkStack } from './network-stack';
import { PalisadeStack } from './palisade-stack';

export interface EdgeStackOptions {
  /** The clock security.txt's expiry is checked against. @default the time of synth */
  readonly now?: Date;
}

/**
 * One environment's internet edge: a TLS-only load balancer in the public tier behind a WAF, its logs in secure
 * buckets, and the security group application hosts join to receive its traffic. Built on the environment's
 * network stack through cross-stack references (VPC, public subnets, the logs key).
 */
export class EdgeStack extends PalisadeStack {
  public readonly loadBalancer: TlsLoadBalancer;
  public readonly webAcl: WebAcl;
  /** Application hosts serving the load balancer join this group; it admits the load balancer on the app port only. */
  public readonly appTargets: LeastPrivilegeSecurityGroup;
  /** The environment's S3 server access log bucket (SSE-KMS). */
  public readonly accessLogBucket: SecureBucket;

  constructor(scope: Construct, environment: EnvironmentConfig, network: NetworkStack, options: EdgeStackOptions = {}) {
    super(scope, { environment, component: 'edge' });
    const edge: EdgeConfig | undefined = environment.edge;
    if (!edge) throw new PalisadeConfigError(this.node.path, 'edge', edge, `environment ${environment.name} has no edge section`);
    const { name, accountId, region } = environment;
    const maxRetention = environment.personalDataLogMaxRetentionDays;
    const publicTier = [...network.network.tiers.values()].find((t) => t.spec.kind === 'public');
    if (!publicTier) throw new PalisadeConfigError(this.node.path, 'network.tiers', [...network.network.tiers.keys()], 'the edge needs a public tier');

    const accessLogsKey = new KmsKey(this, 'access_logs_key', {
      purpose: 'edge-access-logs',
      environment: name,
      accountId,
      region,
      description: `Encrypts S3 server access logs of the ${name} edge buckets`,
      serviceGrants: [KmsServiceGrants.s3ServerAccessLogs(accountId, `arn:aws:s3:::palisade-${name}-*`)],
    });
    this.accessLogBucket = new SecureBucket(this, 'access_logs', {
      environment: name,
      accountId,
      region,
      purpose: 'edge-access-logs',
      encryption: { kind: 'kms', key: accessLogsKey },
      accessLogs: { kind: 'is-log-bucket' },
      lifecycle: { expireCurrentVersionsAfterDays: Math.min(365, maxRetention), noncurrentVersionExpirationDays: 30 },
    });

    this.appTargets = new LeastPrivilegeSecurityGroup(this, 'app_targets', {
      vpcId: network.network.vpc.id,
      name: `palisade-${name}-app-from-edge`,
      description: `Application hosts of ${name} behind the edge load balancer`,
      tier: 'app',
    });

    this.webAcl = new WebAcl(this, 'edge_waf', {
      environment: name,
      accountId,
      region,
      logsKey: network.logsKey,
      rateLimitPerFiveMinutes: edge.waf.rateLimitPerFiveMinutes,
      allowedCountries: edge.waf.allowedCountries,
      anonymousIpList: edge.waf.anonymousIpList,
      linuxRuleSet: edge.waf.linuxRuleSet,
      logRetentionDays: edge.waf.logRetentionDays,
      maxLogRetentionDays: maxRetention,
    });

    this.loadBalancer = new TlsLoadBalancer(this, 'edge_alb', {
      environment: name,
      accountId,
      region,
      vpcId: network.network.vpc.id,
      subnetIds: publicTier.subnets.map((s) => s.id),
      targets: { securityGroup: this.appTargets, port: environment.network.appPort },
      certificate: edge.certificateArn ? { kind: 'existing', arn: edge.certificateArn } : { kind: 'dns-validated', domainName: edge.domainName! },
      serverAccessLogBucket: this.accessLogBucket,
      tlsPolicy: edge.tlsPolicy,
      accessLogRetentionDays: edge.accessLogRetentionDays,
      maxAccessLogRetentionDays: maxRetention,
      securityTxt: {
        contactEmail: environment.securityContactEmail,
        policyUrl: edge.securityTxt.policyUrl,
        expires: edge.securityTxt.expires ? new Date(`${edge.securityTxt.expires}T00:00:00Z`) : undefined,
        preferredLanguages: edge.securityTxt.preferredLanguages,
        canonicalUrl: edge.domainName ? `https://${edge.domainName}/.well-known/security.txt` : undefined,
        now: options.now,
      },
      webAcl: this.webAcl,
    });
  }
}
