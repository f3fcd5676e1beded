/**
 * The predefined Elastic Load Balancing security policies of HTTPS/TLS listeners, with the lowest TLS version each
 * accepts from clients.
 *
 * Source: AWS Elastic Load Balancing user guide, "Security policies for your Application Load Balancer"
 * (docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html), and
 * `aws elbv2 describe-ssl-policies`. Checked 2026-05. AWS adds policies over time; a name missing here is refused by
 * `TlsLoadBalancer` and flagged by the baseline until it is added (with its minimum version) — safer than guessing.
 *
 * Pure data: imported by the baseline rules (JSON-only engine) and by the edge constructs.
 */
export type TlsVersion = '1.0' | '1.1' | '1.2' | '1.3';

export const ELB_SECURITY_POLICIES: Readonly<Record<string, TlsVersion>> = {
  // TLS 1.3 policies (2021-06 family).
  'ELBSecurityPolicy-TLS13-1-3-2021-06': '1.3',
  'ELBSecurityPolicy-TLS13-1-2-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-1-2021-06': '1.1',
  'ELBSecurityPolicy-TLS13-1-0-2021-06': '1.0',
  // Hybrid post-quantum key exchange (2025-09), the ones AWS recommends.
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09': '1.2',
  // FIPS 140-3 policies (2023-04).
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04': '1.3',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04': '1.1',
  'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04': '1.0',
  // Forward-secrecy policies.
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': '1.2',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08': '1.2',
  'ELBSecurityPolicy-FS-1-2-2019-08': '1.2',
  'ELBSecurityPolicy-FS-1-1-2019-08': '1.1',
  'ELBSecurityPolicy-FS-2018-06': '1.0',
  // Older policies (TLS 1.2 only variants and the CLI/API default ELBSecurityPolicy-2016-08).
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': '1.2',
  'ELBSecurityPolicy-TLS-1-2-2017-01': '1.2',
  'ELBSecurityPolicy-TLS-1-1-2017-01': '1.1',
  'ELBSecurityPolicy-2016-08': '1.0',
  'ELBSecurityPolicy-2015-05': '1.0',
  'ELBSecurityPolicy-TLS-1-0-2015-04': '1.0',
};

/** What AWS applies when a listener names no policy through the API/Terraform (accepts TLS 1.0). */
export const ELB_API_DEFAULT_SECURITY_POLICY = 'ELBSecurityPolicy-2016-08';

/** Policies whose clients must speak at least TLS 1.2: the only ones the baseline accepts. */
export function isModernElbSecurityPolicy(name: string): boolean {
  const min = ELB_SECURITY_POLICIES[name];
  return min === '1.2' || min === '1.3';
}
