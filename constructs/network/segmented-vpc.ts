import { DefaultNetworkAcl } from '@cdktf/provider-aws/lib/default-network-acl';
import { DefaultRouteTable } from '@cdktf/provider-aws/lib/default-route-table';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { NetworkAcl } from '@cdktf/provider-aws/lib/network-acl';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { resourceTags, SHARED_TIER } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct } from '../framework';
import { KmsKey } from '../kms/kms-key';
import { planSubnets, PlannedTier, TierSpec } from './cidr-plan';
import { INTERNET, planNaclEntries, TierFlow } from './tier-flows';
import { VpcEndpoints } from './vpc-endpoints';
import { VpcFlowLog } from './vpc-flow-log';

/** The three-tier layout used everywhere: load balancers, application hosts, data stores. */
export const DEFAULT_TIERS: TierSpec[] = [
  { name: 'public', kind: 'public' },
  { name: 'app', kind: 'private' },
  { name: 'data', kind: 'isolated' },
];

/** Default flow matrix for {@link DEFAULT_TIERS}: HTTPS in, app port to the app tier, data ports to the data tier. */
export function defaultFlows(appPort: number, dataPorts: number[]): TierFlow[] {
  return [
    { from: INTERNET, to: 'public', ports: [443], reason: 'HTTPS from the internet to the load balancers' },
    { from: 'public', to: 'app', ports: [appPort], reason: 'Load balancers to application hosts (TLS)' },
    { from: 'app', to: 'data', ports: dataPorts, reason: 'Application hosts to data stores' },
  ];
}

export interface SegmentedVpcProps {
  /** Environment name: prefixes AWS names and tags. */
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** The VPC's IPv4 block, /16 to /28. */
  readonly cidr: string;
  /** AZ names, 2 to 6, taken from config so no live AZ lookup is needed. */
  readonly availabilityZones: string[];
  /** Tiers, each spread across every AZ. Names must be unique. @default public / app / data ({@link DEFAULT_TIERS}) */
  readonly tiers?: TierSpec[];
  /** Which tier may reach which on which ports. @default {@link defaultFlows}(8443, [5432]) */
  readonly flows?: TierFlow[];
  /**
   * NAT gateways for private tiers: one per AZ (an AZ outage cannot cut the others off) or a single one.
   * @default 'per-az'
   */
  readonly natGateways?: 'per-az' | 'single';
  /** Internet ports private tiers may reach through NAT. @default [443] */
  readonly internetEgressPorts?: number[];
  /**
   * Tier holding the interface-endpoint ENIs. AWS allows one subnet per AZ per endpoint, so one tier holds them
   * and serves every tier in `endpointClientTiers`.
   * @default the first private tier
   */
  readonly endpointTier?: string;
  /** Tiers that call AWS APIs through the interface endpoints. @default every private and isolated tier */
  readonly endpointClientTiers?: string[];
  /** Interface endpoint services. @default ssm, ssmmessages, ec2messages, logs, kms, sts */
  readonly interfaceEndpoints?: string[];
  /** Tiers whose route tables get the S3 gateway endpoint. @default every private tier */
  readonly s3GatewayTiers?: string[];
  /** Key for the flow-log group (must grant CloudWatch Logs). */
  readonly logsKey: KmsKey;
  /** Flow-log retention in days. @default 365 */
  readonly flowLogRetentionDays?: number;
  /** Cap on flow-log retention (GDPR). @default 731 */
  readonly flowLogMaxRetentionDays?: number;
}

/** One tier as built: its subnets, route tables and NACL. */
export interface BuiltTier {
  readonly spec: PlannedTier;
  readonly subnets: Subnet[];
  readonly routeTables: RouteTable[];
  readonly networkAcl: NetworkAcl;
}

/**
 * A VPC segmented into tiers across AZs: deny-by-default NACLs derived from a flow matrix, the default security
 * group and NACL adopted and closed, no public IPs on launch, flow logs on, and private endpoints for AWS APIs.
 */
export class SegmentedVpc extends Construct {
  public readonly vpc: Vpc;
  /** `vpc.id`, read once: each read of a cdktf attribute makes a new token, and cdktf records a stack trace per token. */
  public readonly vpcId: string;
  public readonly tiers: ReadonlyMap<string, BuiltTier>;
  public readonly endpoints: VpcEndpoints;
  public readonly flowLog: VpcFlowLog;

  constructor(scope: Construct, id: string, props: SegmentedVpcProps) {
    super(scope, id);
    const where = this.node.path;
    const azs = props.availabilityZones;
    if (azs.length < 2 || azs.length > 6) {
      throw new PalisadeConfigError(where, 'availabilityZones', azs, `needs 2 to 6 availability zones, got ${azs.length}`);
    }
    if (new Set(azs).size !== azs.length) {
      throw new PalisadeConfigError(where, 'availabilityZones', azs, 'lists an availability zone twice');
    }
    azs.forEach((az, i) => {
      if (!az.startsWith(props.region)) {
        throw new PalisadeConfigError(where, `availabilityZones[${i}]`, az, `is not in region ${props.region}`);
      }
    });
    const tierSpecs = props.tiers ?? DEFAULT_TIERS;
    const seen = new Set<string>();
    tierSpecs.forEach((tier, i) => {
      if (!/^[a-z][a-z0-9]{0,15}$/.test(tier.name)) {
        throw new PalisadeConfigError(where, `tiers[${i}].name`, tier.name, 'use 1–16 lower-case letters and digits, starting with a letter');
      }
      if (seen.has(tier.name)) throw new PalisadeConfigError(where, `tiers[${i}].name`, tier.name, 'duplicate tier name');
      seen.add(tier.name);
    });
    const planned = planSubnets(where, props.cidr, azs, tierSpecs);
    const privateTiers = planned.filter((t) => t.kind === 'private').map((t) => t.name);
    const publicTier = planned.find((t) => t.kind === 'public');
    if (privateTiers.length > 0 && !publicTier) {
      throw new PalisadeConfigError(where, 'tiers', tierSpecs.map((t) => `${t.name}:${t.kind}`), 'private tiers need a public tier to hold their NAT gateways');
    }
    const endpointTier = props.endpointTier ?? privateTiers[0] ?? planned.find((t) => t.kind === 'isolated')?.name;
    const endpointClientTiers = props.endpointClientTiers ?? planned.filter((t) => t.kind !== 'public').map((t) => t.name);
    const s3GatewayTiers = props.s3GatewayTiers ?? privateTiers;
    s3GatewayTiers.forEach((name, i) => {
      if (!seen.has(name)) throw new PalisadeConfigError(where, `s3GatewayTiers[${i}]`, name, `not a tier of this VPC (${[...seen].join(', ')})`);
    });
    const naclEntries = planNaclEntries(where, planned, props.flows ?? defaultFlows(8443, [5432]), {
      internetEgressPorts: props.internetEgressPorts ?? [443],
      endpointTier,
      endpointClientTiers,
    });

    const env = props.environment;
    this.vpc = new Vpc(this, 'resource', {
      cidrBlock: props.cidr,
      enableDnsHostnames: true, // private DNS of interface endpoints needs both
      enableDnsSupport: true,
      tags: resourceTags(`${env}-vpc`, SHARED_TIER),
    });
    this.vpcId = this.vpc.id;

    // Adopt the defaults so nothing can silently use them: no rules means deny all.
    new DefaultSecurityGroup(this, 'default_security_group', {
      vpcId: this.vpcId,
      tags: resourceTags(`${env}-default-closed`, SHARED_TIER),
    });
    new DefaultNetworkAcl(this, 'default_network_acl', {
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
      tags: resourceTags(`${env}-default-deny-all`, SHARED_TIER),
      lifecycle: { ignoreChanges: ['subnet_ids'] }, // every subnet is associated with its tier's NACL instead
    });
    new DefaultRouteTable(this, 'default_route_table', {
      defaultRouteTableId: this.vpc.defaultRouteTableId,
      route: [],
      tags: resourceTags(`${env}-default-no-routes`, SHARED_TIER),
    });

    const igw = publicTier
      ? new InternetGateway(this, 'internet_gateway', { vpcId: this.vpcId, tags: resourceTags(`${env}-igw`, publicTier.name) })
      : undefined;

    const built = new Map<string, BuiltTier>();
    for (const tier of planned) {
      const subnets = tier.subnets.map((s) => new Subnet(this, `${tier.name}_${s.azSuffix}`, {
        vpcId: this.vpcId,
        cidrBlock: s.cidr,
        availabilityZone: s.availabilityZone,
        mapPublicIpOnLaunch: false, // public tier holds load balancers and NAT only: nothing gets a public IP by default
        tags: resourceTags(`${env}-${tier.name}-${s.azSuffix}`, tier.name),
      }));
      const entries = naclEntries.get(tier.name)!;
      const toBlock = (direction: 'ingress' | 'egress') => entries
        .filter((e) => e.direction === direction)
        .map((e, i) => ({ ruleNo: 100 + i * 10, action: e.action, protocol: 'tcp', cidrBlock: e.cidr, fromPort: e.fromPort, toPort: e.toPort }));
      const networkAcl = new NetworkAcl(this, `${tier.name}_nacl`, {
        vpcId: this.vpcId,
        subnetIds: subnets.map((s) => s.id),
        ingress: toBlock('ingress'),
        egress: toBlock('egress'),
        tags: resourceTags(`${env}-${tier.name}-nacl`, tier.name),
      });
      built.set(tier.name, { spec: tier, subnets, routeTables: [], networkAcl });
    }

    // NAT gateways in the public tier (one per AZ, or one for all), serving private tiers.
    const natGateways: NatGateway[] = [];
    if (publicTier && privateTiers.length > 0) {
      const publicSubnets = built.get(publicTier.name)!.subnets;
      const count = (props.natGateways ?? 'per-az') === 'per-az' ? publicSubnets.length : 1;
      for (let i = 0; i < count; i++) {
        const suffix = publicTier.subnets[i].azSuffix;
        const eip = new Eip(this, `nat_eip_${suffix}`, { domain: 'vpc', tags: resourceTags(`${env}-nat-${suffix}`, publicTier.name) });
        natGateways.push(new NatGateway(this, `nat_${suffix}`, {
          allocationId: eip.allocationId,
          subnetId: publicSubnets[i].id,
          connectivityType: 'public',
          tags: resourceTags(`${env}-nat-${suffix}`, publicTier.name),
          dependsOn: igw ? [igw] : undefined,
        }));
      }
    }

    for (const tier of planned) {
      const b = built.get(tier.name)!;
      // Public tier: one table via the IGW. Private: one per AZ via that AZ's NAT. Isolated: one table, local routes only.
      const perAz = tier.kind === 'private';
      const tables = perAz
        ? tier.subnets.map((s) => new RouteTable(this, `${tier.name}_route_table_${s.azSuffix}`, { vpcId: this.vpcId, tags: resourceTags(`${env}-${tier.name}-${s.azSuffix}`, tier.name) }))
        : [new RouteTable(this, `${tier.name}_route_table`, { vpcId: this.vpcId, tags: resourceTags(`${env}-${tier.name}`, tier.name) })];
      b.routeTables.push(...tables);
      tier.subnets.forEach((s, i) => new RouteTableAssociation(this, `${tier.name}_route_table_association_${s.azSuffix}`, {
        subnetId: b.subnets[i].id,
        routeTableId: (perAz ? tables[i] : tables[0]).id,
      }));
      if (tier.kind === 'public' && igw) {
        new Route(this, `${tier.name}_internet_route`, { routeTableId: tables[0].id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
      }
      if (tier.kind === 'private') {
        tables.forEach((table, i) => new Route(this, `${tier.name}_nat_route_${tier.subnets[i].azSuffix}`, {
          routeTableId: table.id,
          destinationCidrBlock: '0.0.0.0/0',
          natGatewayId: natGateways[Math.min(i, natGateways.length - 1)].id,
        }));
      }
    }
    this.tiers = built;

    this.endpoints = new VpcEndpoints(this, 'endpoints', {
      environment: env,
      region: props.region,
      vpcId: this.vpcId,
      vpcCidr: props.cidr,
      interfaceServices: props.interfaceEndpoints ?? ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'kms', 'sts'],
      endpointTier: endpointTier ? built.get(endpointTier)! : undefined,
      s3GatewayRouteTables: s3GatewayTiers.flatMap((name) => built.get(name)!.routeTables),
    });

    this.flowLog = new VpcFlowLog(this, 'flow_log', {
      vpcId: this.vpcId,
      environment: env,
      accountId: props.accountId,
      region: props.region,
      key: props.logsKey,
      retentionDays: props.flowLogRetentionDays,
      maxRetentionDays: props.flowLogMaxRetentionDays,
    });
  }

  /** The built tier of that name; throws naming the tiers that exist. */
  tier(name: string): BuiltTier {
    const tier = this.tiers.get(name);
    if (!tier) throw new PalisadeConfigError(this.node.path, 'tier', name, `no such tier (${[...this.tiers.keys()].join(', ')})`);
    return tier;
  }
}
