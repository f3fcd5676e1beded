import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { resourceTags } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct, TerraformOutput } from '../framework';
import { LeastPrivilegeSecurityGroup, Peer } from '../network/security-group';
import { SecureBucket } from '../storage/secure-bucket';
import { DEFAULT_TLS_POLICY, ELB_SECURITY_POLICIES, isModernElbSecurityPolicy } from './elb-security-policies';
import { elbAccessLogDeliveryStatement } from './elb-log-delivery';
import { SecurityTxtProps, securityTxtBody } from './security-txt';
import { WebAcl } from './web-acl';

/** The server certificate: an existing ACM certificate, or a new one for a domain, validated through DNS. */
export type ListenerCertificate =
  | { readonly kind: 'existing'; readonly arn: string }
  | { readonly kind: 'dns-validated'; readonly domainName: string; readonly subjectAlternativeNames?: string[] };

/** Where the load balancer sends requests: application hosts in the app tier, over TLS. */
export interface LoadBalancerTargets {
  /** The security group of the hosts; the load balancer may reach it on `port` and nothing else. */
  readonly securityGroup: LeastPrivilegeSecurityGroup;
  /** The HTTPS port the hosts listen on. */
  readonly port: number;
  /** Health-check path, requested over HTTPS. @default '/healthz' */
  readonly healthCheckPath?: string;
}

export interface TlsLoadBalancerProps {
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  readonly vpcId: string;
  /** Subnets of the public tier, at least two AZs. */
  readonly subnetIds: string[];
  readonly targets: LoadBalancerTargets;
  readonly certificate: ListenerCertificate;
  /** S3 server access log bucket for the load balancer's own log bucket. */
  readonly serverAccessLogBucket: SecureBucket;
  /** What `/.well-known/security.txt` answers. */
  readonly securityTxt: SecurityTxtProps;
  /**
   * ELB security policy of the HTTPS listener; must be a known policy whose clients need TLS 1.2 or later.
   * @default 'ELBSecurityPolicy-TLS13-1-2-2021-06' (TLS 1.3, TLS 1.2 fallback)
   */
  readonly tlsPolicy?: string;
  /** The web ACL in front of the load balancer (or call `protectWith` later). Required before synth. @default none */
  readonly webAcl?: WebAcl;
  /** Days to keep access and connection logs (client IPs: personal data). @default 365 */
  readonly accessLogRetentionDays?: number;
  /** Upper bound on log retention (GDPR: `personalDataLogMaxRetentionDays`). @default 731 */
  readonly maxAccessLogRetentionDays?: number;
  /**
   * Open port 80 to the internet so the HTTP listener's redirect is reachable. Off by default: the group admits 443
   * only, and HSTS keeps returning browsers on HTTPS; the redirect listener still guarantees HTTP can never serve
   * content if the port is opened.
   * @default false
   */
  readonly openHttpRedirectPort?: boolean;
  /** `Strict-Transport-Security` sent on every HTTPS response. @default 'max-age=31536000; includeSubDomains' */
  readonly hstsHeader?: string;
}

export const SECURITY_TXT_PATH = '/.well-known/security.txt';
const ACCESS_LOG_PREFIX = 'access';
const CONNECTION_LOG_PREFIX = 'connections';
const MIN_LOG_RETENTION_DAYS = 365;

/**
 * An internet-facing Application Load Balancer that speaks only TLS: an HTTPS listener (TLS 1.3 policy by default,
 * HSTS), an HTTP listener that can do nothing but redirect to HTTPS (301), HTTPS to the targets and their health
 * checks, invalid headers dropped, strictest desync mitigation, deletion protection, access and connection logs to
 * an SSE-S3 `SecureBucket`, `/.well-known/security.txt` (RFC 9116), and a security group open on 443 only, reaching
 * only the targets' group on their port. A WAF web ACL is mandatory: synth fails without one.
 */
export class TlsLoadBalancer extends Construct {
  public readonly loadBalancer: Lb;
  public readonly securityGroup: LeastPrivilegeSecurityGroup;
  public readonly targetGroup: LbTargetGroup;
  public readonly httpsListener: LbListener;
  public readonly httpListener: LbListener;
  public readonly logBucket: SecureBucket;
  public readonly certificateArn: string;
  private webAclAssociation?: Wafv2WebAclAssociation;

  constructor(scope: Construct, id: string, props: TlsLoadBalancerProps) {
    super(scope, id);
    const where = this.node.path;
    const { environment, accountId, region } = props;
    const tlsPolicy = props.tlsPolicy ?? DEFAULT_TLS_POLICY;
    if (!(tlsPolicy in ELB_SECURITY_POLICIES)) {
      throw new PalisadeConfigError(where, 'tlsPolicy', tlsPolicy, `not a known ELB security policy (e.g. ${DEFAULT_TLS_POLICY}); see constructs/edge/elb-security-policies.ts`);
    }
    if (!isModernElbSecurityPolicy(tlsPolicy)) {
      throw new PalisadeConfigError(where, 'tlsPolicy', tlsPolicy, `accepts TLS ${ELB_SECURITY_POLICIES[tlsPolicy]}; only policies requiring TLS 1.2 or later are allowed`);
    }
    if (props.subnetIds.length < 2) {
      throw new PalisadeConfigError(where, 'subnetIds', props.subnetIds, 'an Application Load Balancer needs subnets in at least two availability zones');
    }
    const port = props.targets.port;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new PalisadeConfigError(where, 'targets.port', port, 'a port from 1 to 65535');
    }
    const healthCheckPath = props.targets.healthCheckPath ?? '/healthz';
    if (!healthCheckPath.startsWith('/')) {
      throw new PalisadeConfigError(where, 'targets.healthCheckPath', healthCheckPath, 'a path starting with "/"');
    }
    const certificate = props.certificate;
    if (certificate.kind === 'existing' && !/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/.test(certificate.arn)) {
      throw new PalisadeConfigError(where, 'certificate.arn', certificate.arn, 'an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)');
    }
    if (certificate.kind === 'existing' && !certificate.arn.startsWith(`arn:aws:acm:${region}:`)) {
      throw new PalisadeConfigError(where, 'certificate.arn', certificate.arn, `must be in ${region}: a load balancer uses certificates of its own Region`);
    }
    const hostname = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
    if (certificate.kind === 'dns-validated') {
      [certificate.domainName, ...(certificate.subjectAlternativeNames ?? [])].forEach((domain, i) => {
        if (!hostname.test(domain ?? '')) {
          throw new PalisadeConfigError(where, i === 0 ? 'certificate.domainName' : `certificate.subjectAlternativeNames[${i - 1}]`, domain, 'a lower-case DNS name such as "www.example.com"');
        }
      });
    }
    const retention = props.accessLogRetentionDays ?? MIN_LOG_RETENTION_DAYS;
    const cap = props.maxAccessLogRetentionDays ?? 731;
    if (!Number.isInteger(retention) || retention < MIN_LOG_RETENTION_DAYS || retention > cap) {
      throw new PalisadeConfigError(where, 'accessLogRetentionDays', retention, `a whole number of days from ${MIN_LOG_RETENTION_DAYS} (audit floor) to ${cap} (personal-data cap)`);
    }
    const securityTxt = securityTxtBody(where, props.securityTxt);
    const hsts = props.hstsHeader ?? 'max-age=31536000; includeSubDomains';
    if (!/^max-age=\d+/.test(hsts) || Number(/^max-age=(\d+)/.exec(hsts)?.[1]) < 31536000) {
      throw new PalisadeConfigError(where, 'hstsHeader', hsts, 'must start with max-age of at least 31536000 (one year)');
    }

    const name = `palisade-${environment}-edge`;
    this.securityGroup = new LeastPrivilegeSecurityGroup(this, 'security_group', {
      vpcId: props.vpcId,
      name: `${name}-alb`,
      description: `Internet-facing load balancer of ${environment}: HTTPS in, app port out to the application hosts`,
      tier: 'public',
    });
    this.securityGroup.allowIngress(Peer.anyIpv4(), 443, { reason: 'HTTPS from the internet' });
    if (props.openHttpRedirectPort ?? false) {
      // Port 80 only ever answers with a redirect; browsers typing a bare name still land on HTTPS.
      this.securityGroup.allowIngress(Peer.anyIpv4(), 80, { reason: 'HTTP from the internet, answered only with a 301 redirect to HTTPS' });
    }
    LeastPrivilegeSecurityGroup.connect(this.securityGroup, props.targets.securityGroup, port, 'Load balancer to application hosts over TLS');

    const logBucketPurpose = 'alb-logs';
    this.logBucket = new SecureBucket(this, 'logs', {
      environment,
      accountId,
      region,
      purpose: logBucketPurpose,
      tier: 'public',
      encryption: { kind: 's3-managed', reason: 'alb-access-logs' },
      accessLogs: { kind: 'to-log-bucket', bucket: props.serverAccessLogBucket },
      lifecycle: { expireCurrentVersionsAfterDays: retention, noncurrentVersionExpirationDays: 30 },
      extraStatements: [elbAccessLogDeliveryStatement(region, accountId, `arn:aws:s3:::${SecureBucket.bucketName(environment, logBucketPurpose, accountId)}`, [ACCESS_LOG_PREFIX, CONNECTION_LOG_PREFIX])],
    });

    this.loadBalancer = new Lb(this, 'resource', {
      name,
      internal: false,
      loadBalancerType: 'application',
      ipAddressType: 'ipv4',
      securityGroups: [this.securityGroup.id],
      subnets: props.subnetIds,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: 'strictest',
      enableDeletionProtection: true,
      // If the WAF cannot inspect a request, the request is refused rather than let through.
      enableWafFailOpen: false,
      enableHttp2: true,
      accessLogs: { bucket: this.logBucket.bucket.id, prefix: ACCESS_LOG_PREFIX, enabled: true },
      connectionLogs: { bucket: this.logBucket.bucket.id, prefix: CONNECTION_LOG_PREFIX, enabled: true },
      tags: resourceTags(name, 'public'),
      // ELB checks it may write into the bucket when logging is turned on.
      dependsOn: [this.logBucket.policy],
    });

    if (certificate.kind === 'existing') {
      this.certificateArn = certificate.arn;
    } else {
      const cert = new AcmCertificate(this, 'certificate', {
        domainName: certificate.domainName,
        subjectAlternativeNames: certificate.subjectAlternativeNames,
        validationMethod: 'DNS',
        options: { certificateTransparencyLoggingPreference: 'ENABLED' },
        tags: resourceTags(certificate.domainName, 'public'),
        lifecycle: { createBeforeDestroy: true },
      });
      // Waits until the certificate is issued: create the DNS records of the output below in the domain's zone.
      const validation = new AcmCertificateValidation(this, 'certificate_validation', { certificateArn: cert.arn });
      new TerraformOutput(this, 'certificate_dns_validation', {
        description: `DNS records proving control of ${certificate.domainName} to ACM`,
        value: cert.domainValidationOptions,
      });
      this.certificateArn = validation.certificateArn;
    }

    this.targetGroup = new LbTargetGroup(this, 'targets', {
      name: `pal-${environment}-app`,
      port,
      protocol: 'HTTPS',
      protocolVersion: 'HTTP1',
      targetType: 'instance',
      vpcId: props.vpcId,
      deregistrationDelay: '30',
      healthCheck: {
        enabled: true,
        protocol: 'HTTPS',
        port: 'traffic-port',
        path: healthCheckPath,
        matcher: '200-399',
        interval: 30,
        timeout: 5,
        healthyThreshold: 3,
        unhealthyThreshold: 3,
      },
      tags: resourceTags(`pal-${environment}-app`, 'app'),
    });

    this.httpsListener = new LbListener(this, 'https', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: 'HTTPS',
      sslPolicy: tlsPolicy,
      certificateArn: this.certificateArn,
      routingHttpResponseStrictTransportSecurityHeaderValue: hsts,
      routingHttpResponseXContentTypeOptionsHeaderValue: 'nosniff',
      routingHttpResponseServerEnabled: false,
      defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
      tags: resourceTags(`${name}-https`, 'public'),
    });
    // The only thing plain HTTP can do: send the client to HTTPS.
    this.httpListener = new LbListener(this, 'http_redirect', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
      tags: resourceTags(`${name}-http-redirect`, 'public'),
    });
    new LbListenerRule(this, 'security_txt', {
      listenerArn: this.httpsListener.arn,
      priority: 1,
      condition: [{ pathPattern: { values: [SECURITY_TXT_PATH] } }],
      action: [{ type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '200', messageBody: securityTxt } }],
      tags: resourceTags(`${name}-security-txt`, 'public'),
    });

    if (props.webAcl) this.protectWith(props.webAcl);
    this.node.addValidation({
      validate: () => (this.webAclAssociation ? [] : [
        `${where}: webAcl = undefined: an internet-facing load balancer must be protected by a WebAcl (props.webAcl or protectWith())`,
      ]),
    });
  }

  /** Puts the load balancer behind `webAcl` (one web ACL per load balancer). */
  protectWith(webAcl: WebAcl): void {
    if (this.webAclAssociation) {
      throw new PalisadeConfigError(this.node.path, 'webAcl', webAcl.node.path, 'the load balancer is already protected by a web ACL; AWS allows one');
    }
    this.webAclAssociation = new Wafv2WebAclAssociation(this, 'waf', {
      resourceArn: this.loadBalancer.arn,
      webAclArn: webAcl.arn,
    });
  }
}
