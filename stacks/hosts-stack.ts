import { EnvironmentConfig, HostsConfig } from '../config/schema';
import { Construct, HardenedHostFleet, KmsKey, KmsRoleGrants, PalisadeConfigError } from '../index';
import type { DataStack } from './data-stack';
import type { EdgeStack } from './edge-stack';
import { NetworkStack } from './network-stack';
import { PalisadeStack } from './palisade-stack';

/**
 * One environment's hardened application hosts: a ClamAV-protected Auto Scaling fleet in the app tier, built on the
 * network stack (VPC, app subnets, endpoint security group, logs key) and, when the environment has an edge, registered
 * with the edge load balancer's target group and joined to the group that admits it. All links are cross-stack references.
 */
export class HostsStack extends PalisadeStack {
  public readonly fleet: HardenedHostFleet;
  /** Encrypts the root volumes of every fleet of the environment; Auto Scaling's service-linked role may use it. */
  public readonly ebsKey: KmsKey;

  constructor(scope: Construct, environment: EnvironmentConfig, network: NetworkStack, edge?: EdgeStack, data?: DataStack) {
    super(scope, { environment, component: 'hosts' });
    const hosts: HostsConfig | undefined = environment.hosts;
    if (!hosts) throw new PalisadeConfigError(this.node.path, 'hosts', hosts, `environment ${environment.name} has no hosts section`);
    const { name, accountId, region } = environment;
    this.ebsKey = new KmsKey(this, 'ebs_key', {
      purpose: 'ebs',
      environment: name,
      accountId,
      region,
      tier: 'app',
      description: `Encrypts the EBS volumes of ${name} hosts`,
      roleGrants: [KmsRoleGrants.autoScalingServiceLinkedRole(accountId)],
    });
    this.fleet = new HardenedHostFleet(this, hosts.fleetName, {
      environment: name,
      accountId,
      region,
      name: hosts.fleetName,
      network: network.network,
      logsKey: network.logsKey,
      ebsKey: this.ebsKey,
      instanceType: hosts.instanceType,
      minSize: hosts.minSize,
      maxSize: hosts.maxSize,
      desiredCapacity: hosts.desiredCapacity,
      rootVolumeSizeGiB: hosts.rootVolumeSizeGiB,
      antivirus: hosts.antivirus,
      logRetentionDays: hosts.logRetentionDays,
      maxLogRetentionDays: environment.personalDataLogMaxRetentionDays,
      aptMirrorUri: hosts.aptMirrorUri,
      alarmEmail: environment.securityContactEmail,
      // The edge's group already admits its load balancer on the app port; joining it avoids a rule in the edge stack
      // that would point back at this one (a cycle between the stacks). Likewise the data stack's client group.
      extraSecurityGroups: [...(edge ? [edge.appTargets] : []), ...(data ? [data.clients] : [])],
      loadBalancer: edge ? { targetGroupArns: [edge.loadBalancer.targetGroup.arn] } : undefined,
    });
  }
}
