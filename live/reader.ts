import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
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
  /** Longest wait for a connection or for the next chunk of a response, per request. @default 10000 ms */
  requestTimeoutMs?: number;
  /** The whole read (every region) must finish within this, or it fails. @default 300000 ms */
  deadlineMs?: number;
  /** Most pages one paginated call may return before the read fails (a NextToken loop). @default 1000 */
  maxPages?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_DEADLINE_MS = 300_000;
export const DEFAULT_MAX_PAGES = 1000;

interface PageLimits {
  maxPages: number;
  abortSignal?: AbortSignal;
}

type Send = (command: never, options: { abortSignal?: AbortSignal }) => Promise<unknown>;

/**
 * Follows NextToken to the end, bounded: a token seen before (an endpoint answering the same page forever) or more
 * than `maxPages` pages (fresh tokens forever) fails the call instead of looping.
 */
async function paged<O extends { NextToken?: string }>(
  client: EC2Client,
  operation: LiveOperation,
  command: (token: string | undefined) => object,
  pick: (page: O) => unknown[] | undefined,
  limits: PageLimits,
): Promise<never[]> {
  const send = client.send.bind(client) as unknown as Send;
  const out: unknown[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 1; ; page++) {
    const result = (await send(command(token) as never, { abortSignal: limits.abortSignal })) as O;
    out.push(...(pick(result) ?? []));
    token = result.NextToken;
    if (token === undefined || token === '') return out as never[];
    if (seen.has(token)) throw new LiveError('pagination', '', operation, `the endpoint returned the same NextToken twice after ${page} page(s); stopped instead of looping`);
    if (page >= limits.maxPages) throw new LiveError('pagination', '', operation, `more than ${limits.maxPages} pages (raise --max-pages if the account is really that large)`);
    seen.add(token);
  }
}

/**
 * Reads one region (read-only Describe/Get calls, paginated). Calls run one after another so a region
 * never bursts; the first failure aborts the region with a {@link LiveError}.
 */
export async function readRegion(
  client: EC2Client,
  region: string,
  options: { profile?: string; shouldStop?: () => boolean; onCall?: (completed: number) => void; maxPages?: number; abortSignal?: AbortSignal } = {},
): Promise<RegionSnapshot> {
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
  const limits: PageLimits = { maxPages: options.maxPages ?? DEFAULT_MAX_PAGES, abortSignal: options.abortSignal };
  const list = <O extends { NextToken?: string }>(operation: LiveOperation, command: (NextToken: string | undefined) => object, pick: (page: O) => unknown[] | undefined) =>
    call(operation, () => paged(client, operation, command, pick, limits));
  const sendOne = <O>(command: object) => (client.send as unknown as Send)(command as never, { abortSignal: options.abortSignal }) as Promise<O>;
  const vpcs = await list('DescribeVpcs', (NextToken) => new DescribeVpcsCommand({ NextToken }), (p: { Vpcs?: unknown[]; NextToken?: string }) => p.Vpcs);
  const subnets = await list('DescribeSubnets', (NextToken) => new DescribeSubnetsCommand({ NextToken }), (p: { Subnets?: unknown[]; NextToken?: string }) => p.Subnets);
  const routeTables = await list('DescribeRouteTables', (NextToken) => new DescribeRouteTablesCommand({ NextToken }), (p: { RouteTables?: unknown[]; NextToken?: string }) => p.RouteTables);
  const securityGroups = await list('DescribeSecurityGroups', (NextToken) => new DescribeSecurityGroupsCommand({ NextToken }), (p: { SecurityGroups?: unknown[]; NextToken?: string }) => p.SecurityGroups);
  const securityGroupRules = await list('DescribeSecurityGroupRules', (NextToken) => new DescribeSecurityGroupRulesCommand({ NextToken }), (p: { SecurityGroupRules?: unknown[]; NextToken?: string }) => p.SecurityGroupRules);
  const networkAcls = await list('DescribeNetworkAcls', (NextToken) => new DescribeNetworkAclsCommand({ NextToken }), (p: { NetworkAcls?: unknown[]; NextToken?: string }) => p.NetworkAcls);
  const flowLogs = await list('DescribeFlowLogs', (NextToken) => new DescribeFlowLogsCommand({ NextToken }), (p: { FlowLogs?: unknown[]; NextToken?: string }) => p.FlowLogs);
  const instances = await list(
    'DescribeInstances',
    (NextToken) => new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES }], NextToken }),
    (p: { Reservations?: { Instances?: unknown[] }[]; NextToken?: string }) => (p.Reservations ?? []).flatMap((r) => r.Instances ?? []),
  );
  const volumes = await list('DescribeVolumes', (NextToken) => new DescribeVolumesCommand({ NextToken }), (p: { Volumes?: unknown[]; NextToken?: string }) => p.Volumes);
  const launchTemplates = await list('DescribeLaunchTemplates', (NextToken) => new DescribeLaunchTemplatesCommand({ NextToken }), (p: { LaunchTemplates?: unknown[]; NextToken?: string }) => p.LaunchTemplates);
  // Without a template id, `$Default`/`$Latest` describe those versions of every template in one paginated call.
  const launchTemplateVersions = launchTemplates.length === 0
    ? await call('DescribeLaunchTemplateVersions', () => Promise.resolve([] as never[]))
    : await list('DescribeLaunchTemplateVersions', (NextToken) => new DescribeLaunchTemplateVersionsCommand({ Versions: ['$Default', '$Latest'], NextToken }), (p: { LaunchTemplateVersions?: unknown[]; NextToken?: string }) => p.LaunchTemplateVersions);
  const ebs = await call('GetEbsEncryptionByDefault', () => sendOne<{ EbsEncryptionByDefault?: boolean }>(new GetEbsEncryptionByDefaultCommand({})));
  const kms = await call('GetEbsDefaultKmsKeyId', () => sendOne<{ KmsKeyId?: string }>(new GetEbsDefaultKmsKeyIdCommand({})));
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
 * regions stop at their next call and the first failure is thrown — never a partial result. The whole read is
 * bounded by `deadlineMs`: past it every request is aborted and the read fails.
 */
export async function readRegions(options: ReadOptions): Promise<RegionSnapshot[]> {
  const factory = options.clientFactory ?? defaultEc2ClientFactory;
  const limit = pLimit(Math.max(1, options.concurrency ?? 4));
  const total = LIVE_API_CALLS.length;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const abort = new AbortController();
  const clients: EC2Client[] = [];
  let failure: LiveError | undefined;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      failure ??= new LiveError('deadline', options.regions.join(','), 'DescribeVpcs', `the live read of ${options.regions.join(', ')} did not finish within ${Math.round(deadlineMs / 1000)} s (--deadline); no report is written from a partial read`);
      abort.abort(failure);
      for (const c of clients) c.destroy();
      reject(failure);
    }, deadlineMs);
  });
  const read = Promise.allSettled(
    options.regions.map((region) =>
      limit(async () => {
        if (failure) throw failure;
        const client = factory({ region, profile: options.profile, maxAttempts: options.maxAttempts ?? 5, retryStrategy: options.retryStrategy, requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS });
        clients.push(client);
        try {
          options.onCall?.(region, 0, total);
          return await readRegion(client, region, {
            profile: options.profile,
            shouldStop: () => failure !== undefined,
            onCall: (n) => options.onCall?.(region, n, total),
            maxPages: options.maxPages,
            abortSignal: abort.signal,
          });
        } catch (e) {
          failure ??= e instanceof LiveError ? e : classifyAwsError(e, region, 'DescribeVpcs', options.profile);
          throw failure;
        } finally {
          client.destroy();
        }
      }),
    ),
  );
  try {
    const settled = await Promise.race([read, deadline]);
    if (failure) throw failure;
    return settled.map((s) => (s as PromiseFulfilledResult<RegionSnapshot>).value);
  } finally {
    clearTimeout(timer);
  }
}
