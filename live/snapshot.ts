import type {
  FlowLog,
  Instance,
  LaunchTemplate,
  LaunchTemplateVersion,
  NetworkAcl,
  RouteTable,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  Volume,
  Vpc,
} from '@aws-sdk/client-ec2';

/** Everything the reader fetched from one region, in the EC2 API's own shapes. */
export interface RegionSnapshot {
  region: string;
  vpcs: Vpc[];
  subnets: Subnet[];
  routeTables: RouteTable[];
  securityGroups: SecurityGroup[];
  securityGroupRules: SecurityGroupRule[];
  networkAcls: NetworkAcl[];
  flowLogs: FlowLog[];
  /** Instances of every reservation, terminated ones excluded. */
  instances: Instance[];
  volumes: Volume[];
  launchTemplates: LaunchTemplate[];
  /** `$Default` and `$Latest` versions of every launch template. */
  launchTemplateVersions: LaunchTemplateVersion[];
  ebsEncryptionByDefault: boolean;
  /** Default EBS KMS key (`alias/aws/ebs` when the AWS-managed key is used). */
  ebsDefaultKmsKeyId?: string;
}

/** An empty snapshot (tests and fixtures start from it). */
export function emptySnapshot(region: string): RegionSnapshot {
  return {
    region,
    vpcs: [],
    subnets: [],
    routeTables: [],
    securityGroups: [],
    securityGroupRules: [],
    networkAcls: [],
    flowLogs: [],
    instances: [],
    volumes: [],
    launchTemplates: [],
    launchTemplateVersions: [],
    ebsEncryptionByDefault: false,
  };
}
