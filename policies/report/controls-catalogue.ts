/**
 * The controls the evidence report lists per framework, so that controls no rule implements show up as gaps.
 *
 * Source: `shared/reference/controls.md` ("Control catalogues": AWS Security Hub FSBP v1.0.0 membership and CIS AWS
 * Foundations mappings from the Security Hub user guide; CSA Cloud Controls Matrix v4.0 IDs and titles from
 * csf.tools / CSA). Titles are abridged as there. It is a curated subset — the controls relevant to what Palisade
 * builds — not the full standards: FSBP has ~300 controls and CCM v4 197.
 */

export type FrameworkId = 'fsbp' | 'cis' | 'ccm';

export interface CatalogueControl {
  id: string;
  title: string;
}

export interface Framework {
  id: FrameworkId;
  title: string;
  /** Where the list comes from, printed in the report. */
  source: string;
  controls: readonly CatalogueControl[];
}

const FSBP: readonly CatalogueControl[] = [
  { id: 'EC2.2', title: 'VPC default security group allows no inbound or outbound traffic' },
  { id: 'EC2.3', title: 'Attached EBS volumes are encrypted at rest' },
  { id: 'EC2.6', title: 'VPC flow logging is enabled in all VPCs' },
  { id: 'EC2.7', title: 'EBS default encryption is enabled' },
  { id: 'EC2.8', title: 'EC2 instances use IMDSv2' },
  { id: 'EC2.9', title: 'EC2 instances have no public IPv4 address' },
  { id: 'EC2.15', title: 'Subnets do not auto-assign public IP addresses' },
  { id: 'EC2.16', title: 'Unused network ACLs are removed' },
  { id: 'EC2.18', title: 'Security groups allow unrestricted ingress only on authorized ports' },
  { id: 'EC2.19', title: 'Security groups do not allow unrestricted access to high-risk ports' },
  { id: 'EC2.21', title: 'Network ACLs do not allow ingress from 0.0.0.0/0 to port 22 or 3389' },
  { id: 'EC2.25', title: 'Launch templates do not assign public IPs to network interfaces' },
  { id: 'EC2.170', title: 'Launch templates use IMDSv2' },
  { id: 'EC2.181', title: 'Launch templates encrypt attached EBS volumes' },
  { id: 'ELB.1', title: 'Application Load Balancers redirect HTTP to HTTPS' },
  { id: 'ELB.4', title: 'Application Load Balancers drop invalid HTTP headers' },
  { id: 'ELB.5', title: 'Load balancer logging is enabled' },
  { id: 'ELB.6', title: 'Load balancers have deletion protection enabled' },
  { id: 'ELB.12', title: 'Application Load Balancers use defensive or strictest desync mitigation' },
  { id: 'ELB.13', title: 'Load balancers span multiple Availability Zones' },
  { id: 'ELB.17', title: 'ALB/NLB listeners use a recommended security policy' },
  { id: 'ELB.18', title: 'ALB/NLB listeners use secure protocols' },
  { id: 'KMS.3', title: 'KMS keys are not deleted unintentionally' },
  { id: 'KMS.5', title: 'KMS keys are not publicly accessible' },
  { id: 'GuardDuty.1', title: 'GuardDuty is enabled' },
  { id: 'GuardDuty.8', title: 'GuardDuty Malware Protection for EC2 is enabled' },
  { id: 'GuardDuty.11', title: 'GuardDuty Runtime Monitoring is enabled' },
  { id: 'GuardDuty.13', title: 'GuardDuty EC2 Runtime Monitoring is enabled' },
  { id: 'CloudTrail.1', title: 'A multi-Region trail records read and write management events' },
  { id: 'CloudTrail.2', title: 'CloudTrail has encryption at rest enabled' },
  { id: 'CloudTrail.4', title: 'CloudTrail log file validation is enabled' },
  { id: 'CloudTrail.5', title: 'CloudTrail trails are integrated with CloudWatch Logs' },
  { id: 'Config.1', title: 'AWS Config is enabled and uses the service-linked role' },
  { id: 'S3.1', title: 'S3 account-level Block Public Access is enabled' },
  { id: 'S3.2', title: 'S3 buckets prohibit public read access' },
  { id: 'S3.3', title: 'S3 buckets prohibit public write access' },
  { id: 'S3.5', title: 'S3 buckets require requests to use SSL' },
  { id: 'S3.8', title: 'S3 buckets block public access at bucket level' },
  { id: 'S3.9', title: 'S3 bucket server access logging is enabled' },
  { id: 'S3.12', title: 'ACLs are not used to manage access to S3 buckets' },
  { id: 'S3.13', title: 'S3 buckets have lifecycle configurations' },
  { id: 'IAM.7', title: 'Password policies for IAM users have strong configurations' },
  { id: 'WAF.10', title: 'WAF web ACLs have at least one rule or rule group' },
  { id: 'WAF.12', title: 'WAF rules have CloudWatch metrics enabled' },
  { id: 'Backup.1', title: 'Backup recovery points are encrypted at rest' },
  { id: 'RDS.2', title: 'RDS DB instances prohibit public access' },
  { id: 'RDS.3', title: 'RDS DB instances have encryption at rest enabled' },
  { id: 'RDS.5', title: 'RDS DB instances are configured with multiple Availability Zones' },
  { id: 'RDS.8', title: 'RDS DB instances have deletion protection enabled' },
  { id: 'RDS.9', title: 'RDS DB instances publish logs to CloudWatch Logs' },
  { id: 'RDS.10', title: 'IAM authentication is configured for RDS instances' },
  { id: 'RDS.11', title: 'RDS instances have automatic backups enabled' },
  { id: 'RDS.13', title: 'RDS automatic minor version upgrades are enabled' },
  { id: 'RDS.18', title: 'RDS instances are deployed in a VPC' },
  { id: 'RDS.36', title: 'RDS for PostgreSQL DB instances publish logs to CloudWatch Logs' },
  { id: 'SSM.1', title: 'EC2 instances are managed by Systems Manager' },
  { id: 'SSM.4', title: 'SSM documents are not public' },
  { id: 'Inspector.1', title: 'Amazon Inspector EC2 scanning is enabled' },
];

/** CIS AWS Foundations Benchmark v3.0.0 numbers as mapped in Security Hub (CloudTrail 3.1/3.2/3.5 matched by title). */
const CIS: readonly CatalogueControl[] = [
  { id: '1.8', title: 'IAM password policy requires a minimum length of 14 or greater' },
  { id: '1.9', title: 'IAM password policy prevents password reuse' },
  { id: '2.1.1', title: 'S3 bucket policies deny HTTP requests' },
  { id: '2.1.2', title: 'MFA delete is enabled on S3 buckets' },
  { id: '2.1.4', title: 'S3 buckets are configured with Block Public Access' },
  { id: '2.2.1', title: 'EBS volume encryption is enabled by default' },
  { id: '2.3.1', title: 'Encryption-at-rest is enabled for RDS instances' },
  { id: '2.3.2', title: 'Auto Minor Version Upgrade is enabled for RDS instances' },
  { id: '2.3.3', title: 'RDS instances are not publicly accessible' },
  { id: '3.1', title: 'CloudTrail is enabled in all Regions' },
  { id: '3.2', title: 'CloudTrail log file validation is enabled' },
  { id: '3.3', title: 'AWS Config is enabled in all Regions' },
  { id: '3.4', title: 'S3 bucket access logging is enabled on the CloudTrail bucket' },
  { id: '3.5', title: 'CloudTrail logs are encrypted at rest using KMS keys' },
  { id: '3.6', title: 'Rotation for customer-created symmetric KMS keys is enabled' },
  { id: '3.7', title: 'VPC flow logging is enabled in all VPCs' },
  { id: '4.16', title: 'AWS Security Hub is enabled' },
  { id: '5.1', title: 'No network ACL allows ingress from 0.0.0.0/0 to remote server administration ports' },
  { id: '5.2', title: 'No security group allows ingress from 0.0.0.0/0 to remote server administration ports' },
  { id: '5.3', title: 'No security group allows ingress from ::/0 to remote server administration ports' },
  { id: '5.4', title: 'The default security group of every VPC restricts all traffic' },
  { id: '5.6', title: 'EC2 Metadata Service only allows IMDSv2' },
];

const CCM: readonly CatalogueControl[] = [
  { id: 'BCR-08', title: 'Backup' },
  { id: 'CCC-01', title: 'Change Management Policy and Procedures' },
  { id: 'CCC-02', title: 'Quality Testing' },
  { id: 'CCC-03', title: 'Change Management Technology' },
  { id: 'CCC-04', title: 'Unauthorized Change Protection' },
  { id: 'CCC-06', title: 'Change Management Baseline' },
  { id: 'CCC-07', title: 'Detection of Baseline Deviation' },
  { id: 'CCC-08', title: 'Exception Management' },
  { id: 'CCC-09', title: 'Change Restoration' },
  { id: 'CEK-01', title: 'Encryption and Key Management Policy and Procedures' },
  { id: 'CEK-03', title: 'Data Encryption' },
  { id: 'CEK-04', title: 'Encryption Algorithm' },
  { id: 'CEK-08', title: 'CSC Key Management Capability' },
  { id: 'CEK-10', title: 'Key Generation' },
  { id: 'CEK-11', title: 'Key Purpose' },
  { id: 'CEK-12', title: 'Key Rotation' },
  { id: 'CEK-13', title: 'Key Revocation' },
  { id: 'CEK-14', title: 'Key Destruction' },
  { id: 'DSP-02', title: 'Secure Disposal' },
  { id: 'DSP-07', title: 'Data Protection by Design and Default' },
  { id: 'DSP-10', title: 'Sensitive Data Transfer' },
  { id: 'DSP-17', title: 'Sensitive Data Protection' },
  { id: 'IAM-02', title: 'Strong Password Policy and Procedures' },
  { id: 'IAM-05', title: 'Least Privilege' },
  { id: 'IAM-09', title: 'Segregation of Privileged Access Roles' },
  { id: 'IAM-12', title: 'Safeguard Logs Integrity' },
  { id: 'IAM-13', title: 'Uniquely Identifiable Users' },
  { id: 'IAM-14', title: 'Strong Authentication' },
  { id: 'IAM-15', title: 'Passwords Management' },
  { id: 'IAM-16', title: 'Authorization Mechanisms' },
  { id: 'IVS-03', title: 'Network Security' },
  { id: 'IVS-04', title: 'OS Hardening and Base Controls' },
  { id: 'IVS-05', title: 'Production and Non-Production Environments' },
  { id: 'IVS-06', title: 'Segmentation and Segregation' },
  { id: 'IVS-08', title: 'Network Architecture Documentation' },
  { id: 'IVS-09', title: 'Network Defense' },
  { id: 'LOG-02', title: 'Audit Logs Protection' },
  { id: 'LOG-03', title: 'Security Monitoring and Alerting' },
  { id: 'LOG-04', title: 'Audit Logs Access and Accountability' },
  { id: 'LOG-05', title: 'Audit Logs Monitoring and Response' },
  { id: 'LOG-07', title: 'Logging Scope' },
  { id: 'LOG-08', title: 'Log Records' },
  { id: 'LOG-09', title: 'Log Protection' },
  { id: 'LOG-10', title: 'Encryption Monitoring and Reporting' },
  { id: 'LOG-11', title: 'Transaction/Activity Logging' },
  { id: 'LOG-13', title: 'Failures and Anomalies Reporting' },
  { id: 'TVM-02', title: 'Malware Protection Policy and Procedures' },
  { id: 'TVM-03', title: 'Vulnerability Remediation Schedule' },
  { id: 'TVM-04', title: 'Detection Updates' },
  { id: 'TVM-05', title: 'External Library Vulnerabilities' },
  { id: 'TVM-06', title: 'Penetration Testing' },
  { id: 'TVM-07', title: 'Vulnerability Identification' },
  { id: 'TVM-08', title: 'Vulnerability Prioritization' },
  { id: 'TVM-09', title: 'Vulnerability Management Reporting' },
  { id: 'TVM-10', title: 'Vulnerability Management Metrics' },
];

export const FRAMEWORKS: readonly Framework[] = [
  { id: 'fsbp', title: 'AWS Foundational Security Best Practices (Security Hub, v1.0.0)', source: 'AWS Security Hub user guide, FSBP standard (subset relevant to Palisade)', controls: FSBP },
  { id: 'cis', title: 'CIS AWS Foundations Benchmark v3.0.0', source: 'AWS Security Hub user guide, CIS benchmark version table (subset relevant to Palisade)', controls: CIS },
  { id: 'ccm', title: 'CSA Cloud Controls Matrix v4.0', source: 'CSA CCM v4.0 control IDs and titles (subset relevant to Palisade)', controls: CCM },
];
