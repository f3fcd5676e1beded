import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import {
  Baseline, KmsKey, KmsServiceGrants, LeastPrivilegeSecurityGroup, PalisadeStack, PalisadeStackProps, SecureBucket,
  SegmentedVpc, TlsLoadBalancer, WebAcl, defaultFlows,
} from 'palisade';

export interface WebStackProps extends PalisadeStackProps {
  readonly domainName: string;
  readonly securityContactEmail: string;
  /** Adds a log group without a customer-managed key, optionally accepted with a reasoned suppression. */
  readonly legacyLogGroup?: 'suppressed' | 'unsuppressed';
}

/** A segmented VPC with a TLS-only load balancer behind a WAF, built from Palisade's constructs. */
export class WebStack extends PalisadeStack {
  public readonly network: SegmentedVpc;
  public readonly loadBalancer: TlsLoadBalancer;

  constructor(scope: Construct, props: WebStackProps) {
    super(scope, props);
    const { name: environment, accountId, region } = props.environment;
    const where = { environment, accountId, region };

    const logsKey = new KmsKey(this, 'logs_key', {
      ...where,
      purpose: 'logs',
      description: 'Encrypts the CloudWatch log groups (flow logs, WAF logs)',
      serviceGrants: [{
        service: `logs.${region}.amazonaws.com`,
        condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:*` } },
      }],
    });
    this.network = new SegmentedVpc(this, 'network', {
      ...where,
      cidr: '10.20.0.0/16',
      availabilityZones: [`${region}a`, `${region}b`],
      flows: defaultFlows(8443, [5432]),
      logsKey,
    });

    const accessLogsKey = new KmsKey(this, 'access_logs_key', {
      ...where,
      purpose: 'access-logs',
      description: 'Encrypts S3 server access logs',
      serviceGrants: [KmsServiceGrants.s3ServerAccessLogs(accountId, `arn:aws:s3:::palisade-${environment}-*`)],
    });
    const accessLogs = new SecureBucket(this, 'access_logs', {
      ...where,
      purpose: 'access-logs',
      encryption: { kind: 'kms', key: accessLogsKey },
      accessLogs: { kind: 'is-log-bucket' },
    });

    const publicTier = this.network.tiers.get('public')!;
    const appHosts = new LeastPrivilegeSecurityGroup(this, 'app_hosts', {
      vpcId: this.network.vpc.id,
      name: `${environment}-app-hosts`,
      description: 'Application hosts behind the load balancer',
      tier: 'app',
    });
    const webAcl = new WebAcl(this, 'waf', { ...where, logsKey });
    this.loadBalancer = new TlsLoadBalancer(this, 'alb', {
      ...where,
      vpcId: this.network.vpc.id,
      subnetIds: publicTier.subnets.map((subnet) => subnet.id),
      targets: { securityGroup: appHosts, port: 8443 },
      certificate: { kind: 'dns-validated', domainName: props.domainName },
      serverAccessLogBucket: accessLogs,
      securityTxt: { contactEmail: props.securityContactEmail },
      webAcl,
    });

    if (props.legacyLogGroup) {
      // A log group the team keeps from before Palisade, written by a tool that cannot use a customer-managed key.
      const legacy = new CloudwatchLogGroup(this, 'legacy_batch_logs', { name: '/legacy/batch', retentionInDays: 365 });
      if (props.legacyLogGroup === 'suppressed') {
        Baseline.suppress(legacy, 'PAL-LOGS-001', { reason: 'Batch tool cannot write to KMS-encrypted groups; replaced in Q3', expires: '2099-12-31' });
      }
    }
  }
}
