import { Construct, defaultFlows, KmsKey, SegmentedVpc } from '../index';
import { EnvironmentConfig } from '../config/schema';
import { PalisadeStack } from './palisade-stack';

/** One environment's segmented network: the VPC, its tiers, endpoints, flow logs and the key for its logs. */
export class NetworkStack extends PalisadeStack {
  public readonly network: SegmentedVpc;
  public readonly logsKey: KmsKey;

  constructor(scope: Construct, environment: EnvironmentConfig) {
    super(scope, { environment, component: 'network' });
    const { accountId, region, name } = environment;
    const net = environment.network;
    this.logsKey = new KmsKey(this, 'logs_key', {
      purpose: 'logs',
      environment: name,
      accountId,
      region,
      description: `Encrypts ${name} CloudWatch log groups (flow logs and host logs)`,
      serviceGrants: [{
        service: `logs.${region}.amazonaws.com`,
        condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:*` } },
      }],
    });
    this.network = new SegmentedVpc(this, 'network', {
      environment: name,
      accountId,
      region,
      cidr: net.cidr,
      availabilityZones: net.availabilityZones,
      natGateways: net.natGateways,
      internetEgressPorts: net.internetEgressPorts,
      tiers: net.tiers,
      flows: net.flows ?? defaultFlows(net.appPort, net.dataPorts),
      logsKey: this.logsKey,
      flowLogRetentionDays: net.flowLogRetentionDays,
      flowLogMaxRetentionDays: environment.personalDataLogMaxRetentionDays,
    });
  }
}
