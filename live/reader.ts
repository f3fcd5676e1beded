import {
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplates,
  paginateDescribeLaunchTemplateVersions,
  paginateDescribeNetworkAcls,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroupRules,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVolumes,
  paginateDescribeVpcs,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { RetryStrategyV2 } from '@smithy/types';
import pLimit from 'p-limit';
import { LIVE_API_CALLS, type LiveOperation } from './api-calls';
import { defaultEc2ClientFactory, type Ec2ClientFactory } from './ec2-client';
import { classifyAwsError, LiveError } from './live-error';
import type { RegionSnapshot } from './snapshot';

/** Instance states worth auditing (terminated instances linger in API output for about an hour). */
const LIVE_INSTANCE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];

/** Options of {@link readRegions}. */
export interface ReadOptions {
  regions: readonly string[];
  /** Shared-config profile. @default the SDK default credential chain */
  profile?: string;
  /** Attempts per API call including the first (adaptive retry). @default 5 */
  maxAttempts?: number;
  /** Regions read in parallel. @default 4 */
  concurrency?: number;
  /** @default defaultEc2ClientFactory */
  clientFactory?: Ec2ClientFactory;
  /** Retry strategy override (tests). @default the SDK's adaptive strategy */
  retryStrategy?: RetryStrategyV2;
  /** Called after every completed API call (progress display). */
  onCall?: (region: string, completed: number, total: number) => void;
}

async function collect<P>(pages: AsyncIterable<P>, pick: (page: P) => unknown[] | undefined): Promise<never[]> {
  const out: unknown[] = [];
  for await (const page of pages) out.push(...(pick(page) ?? []));
  return out as never[];
}

/**
 * Reads one region (read-only Describe/Get calls, paginated). Calls run one after another so a region
 * never bursts; the first failure aborts the region with a {@link LiveError}.
 */
export async function readRegion(client: EC2Client, region: string, options: { profile?: string; shouldStop?: () => boolean; onCall?: (completed: number) => void } = {}): Promise<RegionSnapshot> {
  let completed = 0;
  const call = async <T>(operation: LiveOperation, run: () => Promise<T>): Promise<T> => {
    if (options.shouldStop?.()) throw new LiveError('aws', region, operation, 'aborted: another region failed');
    try {
      const result = await run();
      options.onCall?.(++completed);
      return result;
    } catch (e) {
      throw classifyAwsError(e, region, operation, options.profile);
    }
  };
  const cfg = { client };
  const vpcs = await call('DescribeVpcs', () => collect(paginateDescribeVpcs(cfg, {}), (p) => p.Vpcs));
  const subnets = await call('DescribeSubnets', () => collect(paginateDescribeSubnets(cfg, {}), (p) => p.Subnets));
  const routeTables = await call('DescribeRouteTables', () => collect(paginateDescribeRouteTables(cfg, {}), (p) => p.RouteTables));
  const securityGroups = await call('DescribeSecurityGroups', () => collect(paginateDescribeSecurityGroups(cfg, {}), (p) => p.SecurityGroups));
  const securityGroupRules = await call('DescribeSecurityGroupRules', () => collect(paginateDescribeSecurityGroupRules(cfg, {}), (p) => p.SecurityGroupRules));
  const networkAcls = await call('DescribeNetworkAcls', () => collect(paginateDescribeNetworkAcls(cfg, {}), (p) => p.NetworkAcls));
  const flowLogs = await call('DescribeFlowLogs', () => collect(paginateDescribeFlowLogs(cfg, {}), (p) => p.FlowLogs));
  const instances = await call('DescribeInstances', () =>
    collect(paginateDescribeInstances(cfg, { Filters: [{ Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES }] }), (p) => (p.Reservations ?? []).flatMap((r) => r.Instances ?? [])),
  );
  const volumes = await call('DescribeVolumes', () => collect(paginateDescribeVolumes(cfg, {}), (p) => p.Volumes));
  const launchTemplates = await call('DescribeLaunchTemplates', () => collect(paginateDescribeLaunchTemplates(cfg, {}), (p) => p.LaunchTemplates));
  // Without a template id, `$Default`/`$Latest` describe those versions of every template in one paginated call.
  const launchTemplateVersions = await call('DescribeLaunchTemplateVersions', () =>
    launchTemplates.length === 0 ? Promise.resolve([]) : collect(paginateDescribeLaunchTemplateVersions(cfg, { Versions: ['$Default', '$Latest'] }), (p) => p.LaunchTemplateVersions),
  );
  const ebs = await call('GetEbsEncryptionByDefault', () => client.send(new GetEbsEncryptionByDefaultCommand({})));
  const kms = await call('GetEbsDefaultKmsKeyId', () => client.send(new GetEbsDefaultKmsKeyIdCommand({})));
  return {
    region,
    vpcs,
    subnets,
    routeTables,
    securityGroups,
    securityGroupRules,
    networkAcls,
    flowLogs,
    instances,
    volumes,
    launchTemplates,
    launchTemplateVersions,
    ebsEncryptionByDefault: ebs.EbsEncryptionByDefault === true,
    ...(kms.KmsKeyId ? { ebsDefaultKmsKeyId: kms.KmsKeyId } : {}),
  };
}

/**
 * Reads every region with bounded concurrency. All-or-nothing: when any region fails, the remaining
 * regions stop at their next call and the first failure is thrown — never a partial result.
 */
export async function readRegions(options: ReadOptions): Promise<RegionSnapshot[]> {
  const factory = options.clientFactory ?? defaultEc2ClientFactory;
  const limit = pLimit(Math.max(1, options.concurrency ?? 4));
  const total = LIVE_API_CALLS.length;
  let failure: LiveError | undefined;
  const settled = await Promise.allSettled(
    options.regions.map((region) =>
      limit(async () => {
        if (failure) throw failure;
        const client = factory({ region, profile: options.profile, maxAttempts: options.maxAttempts ?? 5, retryStrategy: options.retryStrategy });
        try {
          options.onCall?.(region, 0, total);
          return await readRegion(client, region, { profile: options.profile, shouldStop: () => failure !== undefined, onCall: (n) => options.onCall?.(region, n, total) });
        } catch (e) {
          failure ??= e instanceof LiveError ? e : classifyAwsError(e, region, 'DescribeVpcs', options.profile);
          throw failure;
        } finally {
          client.destroy();
        }
      }),
    ),
  );
  if (failure) throw failure;
  return settled.map((s) => (s as PromiseFulfilledResult<RegionSnapshot>).value);
}
