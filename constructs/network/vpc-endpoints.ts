import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { resourceTags, SHARED_TIER } from '../common/tags';
import { Construct } from '../framework';
import { PalisadeConfigError } from '../errors';
import type { BuiltTier } from './segmented-vpc';
import { LeastPrivilegeSecurityGroup, Peer } from './security-group';

export interface VpcEndpointsProps {
  readonly environment: string;
  readonly region: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Short service names (`ssm`, `logs`…) for interface endpoints. */
  readonly interfaceServices: string[];
  /** Tier whose subnets hold the endpoint ENIs. @default none: no interface endpoints */
  readonly endpointTier?: BuiltTier;
  /** Route tables that get the S3 gateway endpoint. */
  readonly s3GatewayRouteTables: RouteTable[];
}

/** AWS APIs reached without the internet: an S3 gateway endpoint and interface endpoints with private DNS. */
export class VpcEndpoints extends Construct {
  public readonly securityGroup: LeastPrivilegeSecurityGroup;
  public readonly interfaceEndpoints: Record<string, VpcEndpoint> = {};

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    props.interfaceServices.forEach((service, i) => {
      if (!/^[a-z0-9][a-z0-9.-]*$/.test(service)) {
        throw new PalisadeConfigError(this.node.path, `interfaceServices[${i}]`, service, 'use the short service name, e.g. "ssm"');
      }
    });
    this.securityGroup = new LeastPrivilegeSecurityGroup(this, 'security_group', {
      vpcId: props.vpcId,
      name: `${props.environment}-vpc-endpoints`,
      description: 'Interface endpoints: HTTPS from inside the VPC only',
      tier: props.endpointTier?.spec.name ?? SHARED_TIER,
    });
    this.securityGroup.allowIngress(Peer.cidr(props.vpcCidr, 'vpc'), 443, { reason: 'HTTPS to AWS APIs from hosts in this VPC' });

    if (props.s3GatewayRouteTables.length > 0) {
      new VpcEndpoint(this, 's3', {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.s3`,
        vpcEndpointType: 'Gateway',
        routeTableIds: props.s3GatewayRouteTables.map((t) => t.id),
        tags: resourceTags(`${props.environment}-s3-gateway`, SHARED_TIER),
      });
    }
    if (!props.endpointTier) return;
    // Read once for every endpoint: each read of a subnet's id makes a new cdktf token (with a recorded stack trace).
    const endpointSubnetIds = props.endpointTier.subnets.map((s) => s.id);
    const securityGroupId = this.securityGroup.id;
    for (const service of props.interfaceServices) {
      this.interfaceEndpoints[service] = new VpcEndpoint(this, service.replace(/[^a-z0-9]/g, '_'), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [...endpointSubnetIds],
        securityGroupIds: [securityGroupId],
        tags: resourceTags(`${props.environment}-${service}-endpoint`, props.endpointTier.spec.name),
      });
    }
  }
}
