import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { resourceTags } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct } from '../framework';
import { KmsKey } from '../kms/kms-key';
import { CLOUDWATCH_RETENTION_DAYS, MIN_AUDIT_LOG_RETENTION_DAYS } from '../network/vpc-flow-log';

/** WAF accepts logging only into destinations whose name starts with this. */
export const WAF_LOG_PREFIX = 'aws-waf-logs-';
/** Headers never written to WAF logs: they carry credentials and session tokens. */
export const REDACTED_HEADERS = ['authorization', 'cookie'];
/** Smallest per-IP limit WAF accepts for a 5-minute rate-based rule. */
export const MIN_RATE_LIMIT = 10;

export interface WebAclProps {
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** Key of the WAF log group; must grant `logs.<region>.amazonaws.com` (KmsServiceGrants.cloudWatchLogs). */
  readonly logsKey: KmsKey;
  /** Requests one client IP may send per 5 minutes before it is blocked. @default 1000 */
  readonly rateLimitPerFiveMinutes?: number;
  /** ISO 3166 alpha-2 country codes allowed in; requests from elsewhere are blocked. @default no geo restriction */
  readonly allowedCountries?: string[];
  /**
   * Block VPNs, Tor, proxies and hosting providers (AWSManagedRulesAnonymousIpList). Off by default: it also blocks
   * legitimate users behind corporate VPNs or privacy services.
   * @default false
   */
  readonly anonymousIpList?: boolean;
  /** Block Linux-specific exploit patterns such as LFI (AWSManagedRulesLinuxRuleSet); Palisade's hosts run Linux. @default true */
  readonly linuxRuleSet?: boolean;
  /** Days to keep WAF logs; they hold client IPs (personal data). Floored at 365 for audit. @default 365 */
  readonly logRetentionDays?: number;
  /** Upper bound on log retention (GDPR: `personalDataLogMaxRetentionDays`). @default 731 */
  readonly maxLogRetentionDays?: number;
}

interface ManagedGroup {
  readonly name: string;
  readonly why: string;
}

/**
 * A regional WAFv2 web ACL for internet-facing load balancers: AWS managed rule groups (IP reputation, core rule set,
 * known bad inputs incl. Log4j, SQL injection, optionally anonymous IPs and Linux), a per-IP rate limit, an optional
 * country allowlist; CloudWatch metrics and sampled requests on every rule; full request logs (credentials redacted)
 * into a KMS-encrypted log group. Attach it with `TlsLoadBalancer.protectWith`.
 */
export class WebAcl extends Construct {
  public readonly acl: Wafv2WebAcl;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const where = this.node.path;
    const { environment, accountId, region } = props;
    const logsService = `logs.${region}.amazonaws.com`;
    if (!props.logsKey.grantsService(logsService)) {
      throw new PalisadeConfigError(where, 'logsKey', props.logsKey.node.path, `does not grant ${logsService}: CloudWatch Logs could not encrypt the WAF log group (use KmsServiceGrants.cloudWatchLogs)`);
    }
    const rateLimit = props.rateLimitPerFiveMinutes ?? 1000;
    if (!Number.isInteger(rateLimit) || rateLimit < MIN_RATE_LIMIT || rateLimit > 2_000_000_000) {
      throw new PalisadeConfigError(where, 'rateLimitPerFiveMinutes', rateLimit, `a whole number of requests from ${MIN_RATE_LIMIT} to 2,000,000,000 (WAF limits)`);
    }
    const countries = props.allowedCountries;
    if (countries !== undefined) {
      if (countries.length === 0) {
        throw new PalisadeConfigError(where, 'allowedCountries', countries, 'an empty allowlist would block everyone; omit it for no geo restriction');
      }
      countries.forEach((code, i) => {
        if (!/^[A-Z]{2}$/.test(code)) throw new PalisadeConfigError(where, `allowedCountries[${i}]`, code, 'an ISO 3166-1 alpha-2 country code such as "DE"');
      });
    }
    const retention = props.logRetentionDays ?? MIN_AUDIT_LOG_RETENTION_DAYS;
    const cap = props.maxLogRetentionDays ?? 731;
    if (!CLOUDWATCH_RETENTION_DAYS.includes(retention) || retention < MIN_AUDIT_LOG_RETENTION_DAYS || retention > cap) {
      throw new PalisadeConfigError(where, 'logRetentionDays', retention,
        `must be a CloudWatch retention value from ${MIN_AUDIT_LOG_RETENTION_DAYS} (audit floor) to ${cap} (personal-data cap): ${CLOUDWATCH_RETENTION_DAYS.filter((d) => d >= MIN_AUDIT_LOG_RETENTION_DAYS && d <= cap).join(', ')}`);
    }

    const name = `palisade-${environment}-edge`;
    const visibility = (metric: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `${name}-${metric}` });
    const managed = (priority: number, group: ManagedGroup) => ({
      name: `AWS-${group.name}`,
      priority,
      // `none`: the group's own block actions apply. `count` would turn the group into monitoring only.
      overrideAction: { none: {} },
      statement: { managed_rule_group_statement: { vendor_name: 'AWS', name: group.name } },
      visibilityConfig: visibility(group.name),
    });
    const groups = {
      ipReputation: { name: 'AWSManagedRulesAmazonIpReputationList', why: 'sources known for bots and attacks' },
      anonymous: { name: 'AWSManagedRulesAnonymousIpList', why: 'VPNs, Tor, proxies, hosting providers' },
      common: { name: 'AWSManagedRulesCommonRuleSet', why: 'OWASP Top 10 core rule set' },
      badInputs: { name: 'AWSManagedRulesKnownBadInputsRuleSet', why: 'known exploit payloads incl. Log4j (CVE-2021-44228)' },
      sqli: { name: 'AWSManagedRulesSQLiRuleSet', why: 'SQL injection' },
      linux: { name: 'AWSManagedRulesLinuxRuleSet', why: 'Linux-specific exploits such as LFI' },
    };
    const rules: object[] = [managed(0, groups.ipReputation)];
    if (props.anonymousIpList ?? false) rules.push(managed(1, groups.anonymous));
    if (countries) {
      rules.push({
        name: 'geo-allowlist',
        priority: 2,
        action: { block: {} },
        statement: { not_statement: { statement: { geo_match_statement: { country_codes: countries } } } },
        visibilityConfig: visibility('geo-allowlist'),
      });
    }
    rules.push({
      name: 'rate-limit-per-ip',
      priority: 3,
      action: { block: {} },
      statement: { rate_based_statement: { limit: rateLimit, aggregate_key_type: 'IP', evaluation_window_sec: 300 } },
      visibilityConfig: visibility('rate-limit-per-ip'),
    });
    rules.push(managed(4, groups.common), managed(5, groups.badInputs), managed(6, groups.sqli));
    if (props.linuxRuleSet ?? true) rules.push(managed(7, groups.linux));

    this.acl = new Wafv2WebAcl(this, 'resource', {
      name,
      // WAF descriptions: 256 characters, letters, digits, spaces and +=:#@/-,. only.
      description: `Palisade ${environment} edge firewall - AWS managed rule groups, per-IP rate limit${countries ? ', country allowlist' : ''}`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: rules as never,
      visibilityConfig: visibility('acl'),
      tags: resourceTags(name, 'public'),
    });
    this.arn = this.acl.arn;

    const logGroupName = `${WAF_LOG_PREFIX}palisade-${environment}-edge`;
    this.logGroup = new CloudwatchLogGroup(this, 'log_group', {
      name: logGroupName,
      kmsKeyId: props.logsKey.arn,
      retentionInDays: retention,
      tags: resourceTags(logGroupName, 'public', { LogClass: 'audit', PersonalData: 'ip-addresses' }),
    });
    // WAF delivers through CloudWatch Logs' log-delivery service. AWS would add an account-wide policy on first use
    // if the deployer may; declaring it here keeps it scoped to this group and this account, and reviewable.
    const logGroupArn = `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName}`;
    const deliveryPolicy = new CloudwatchLogResourcePolicy(this, 'log_delivery_policy', {
      policyName: `palisade-${environment}-waf-log-delivery`,
      policyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Sid: 'AllowWafLogDelivery',
          Effect: 'Allow',
          Principal: { Service: 'delivery.logs.amazonaws.com' },
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${logGroupArn}:log-stream:*`,
          Condition: {
            StringEquals: { 'aws:SourceAccount': accountId },
            ArnLike: { 'aws:SourceArn': `arn:aws:logs:${region}:${accountId}:*` },
          },
        }],
      }),
    });
    new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      resourceArn: this.acl.arn,
      logDestinationConfigs: [this.logGroup.arn],
      redactedFields: REDACTED_HEADERS.map((header) => ({ singleHeader: { name: header } })),
      dependsOn: [deliveryPolicy],
    });
  }
}
