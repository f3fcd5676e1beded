/**
 * The EC2 API calls the live reader makes, in the order it makes them. This list is the single source
 * for the reader's progress count and for the auditor IAM policy (`auditor-policy.ts`), so the policy
 * can never drift from what the command actually calls.
 */
export interface LiveApiCall {
  /** EC2 API operation name (the SDK command is `<operation>Command`). */
  operation: string;
  /** Why the audit needs it (shown in `--print-policy` output as the statement's purpose). */
  purpose: string;
}

export const LIVE_API_CALLS = [
  { operation: 'DescribeVpcs', purpose: 'VPCs (aws_vpc)' },
  { operation: 'DescribeSubnets', purpose: 'subnets, public-IP mapping and Tier tags (aws_subnet)' },
  { operation: 'DescribeRouteTables', purpose: 'route tables, routes and associations' },
  { operation: 'DescribeSecurityGroups', purpose: 'security groups (aws_security_group / aws_default_security_group)' },
  { operation: 'DescribeSecurityGroupRules', purpose: 'security group rules (aws_vpc_security_group_*_rule)' },
  { operation: 'DescribeNetworkAcls', purpose: 'network ACLs, entries and subnet associations' },
  { operation: 'DescribeFlowLogs', purpose: 'VPC flow logs (aws_flow_log)' },
  { operation: 'DescribeInstances', purpose: 'instances: metadata options, public IPs, attached volumes' },
  { operation: 'DescribeVolumes', purpose: 'EBS volumes and their encryption' },
  { operation: 'DescribeLaunchTemplates', purpose: 'launch templates' },
  { operation: 'DescribeLaunchTemplateVersions', purpose: 'default version data of launch templates' },
  { operation: 'GetEbsEncryptionByDefault', purpose: 'EBS encryption-by-default setting of the region' },
  { operation: 'GetEbsDefaultKmsKeyId', purpose: 'default KMS key for EBS encryption' },
] as const satisfies readonly LiveApiCall[];

export type LiveOperation = (typeof LIVE_API_CALLS)[number]['operation'];

/** IAM action of an EC2 operation: `ec2:DescribeVpcs`. */
export function iamAction(operation: string): string {
  return `ec2:${operation}`;
}
