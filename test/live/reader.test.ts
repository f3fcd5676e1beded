import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { LiveError } from '../../live/live-error';
import { readRegions } from '../../live/reader';
import { deployedAccount, emptyAccount, REGION, serveAccount, testClientFactory } from './fixtures';

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());

const awsError = (name: string, message: string, attempts = 1) => Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400, attempts } });

describe('reading a region', () => {
  test('follows NextToken through every page of every paginated call', async () => {
    const { tokens } = serveAccount(ec2, { [REGION]: deployedAccount() }, 1);
    const [snap] = await readRegions({ regions: [REGION], clientFactory: testClientFactory });
    expect(snap.securityGroupRules.map((r) => r.SecurityGroupRuleId)).toEqual(['sgr-0alb443', 'sgr-0albout', 'sgr-0appin', 'sgr-0appout']);
    expect(ec2.commandCalls(DescribeSecurityGroupRulesCommand)).toHaveLength(4);
    expect(tokens.SecurityGroupRules).toEqual([undefined, 'page-1', 'page-2', 'page-3']);
    expect(snap.subnets).toHaveLength(3);
    expect(snap.networkAcls).toHaveLength(3);
    expect(snap.ebsEncryptionByDefault).toBe(true);
  });

  test('flattens instances of all reservations and asks only for instances that are not terminated', async () => {
    const account = deployedAccount();
    account.instances.push({ ...account.instances[0], InstanceId: 'i-0second' });
    serveAccount(ec2, { [REGION]: account }, 1);
    const [snap] = await readRegions({ regions: [REGION], clientFactory: testClientFactory });
    expect(snap.instances.map((i) => i.InstanceId)).toEqual(['i-0app1', 'i-0second']);
    const filter = ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input.Filters?.[0];
    expect(filter?.Name).toBe('instance-state-name');
    expect(filter?.Values).not.toContain('terminated');
  });

  test('reads $Default and $Latest versions of all launch templates in one paginated call', async () => {
    serveAccount(ec2, { [REGION]: deployedAccount() });
    const [snap] = await readRegions({ regions: [REGION], clientFactory: testClientFactory });
    const calls = ec2.commandCalls(DescribeLaunchTemplateVersionsCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input).toEqual({ Versions: ['$Default', '$Latest'] });
    expect(snap.launchTemplateVersions.map((v) => v.VersionNumber)).toEqual([1, 2]);
  });

  test('an empty region yields an empty snapshot and skips the launch template versions call', async () => {
    serveAccount(ec2, { [REGION]: emptyAccount() });
    const [snap] = await readRegions({ regions: [REGION], clientFactory: testClientFactory });
    expect(snap.vpcs).toEqual([]);
    expect(snap.instances).toEqual([]);
    expect(snap.ebsDefaultKmsKeyId).toMatch(/^arn:aws:kms:/);
    expect(ec2.commandCalls(DescribeLaunchTemplateVersionsCommand)).toHaveLength(0);
  });

  test('reports progress per region after every call', async () => {
    serveAccount(ec2, { [REGION]: deployedAccount() });
    const seen: string[] = [];
    await readRegions({ regions: [REGION], clientFactory: testClientFactory, onCall: (r, n, total) => seen.push(`${r}:${n}/${total}`) });
    expect(seen[0]).toBe(`${REGION}:0/13`);
    expect(seen[seen.length - 1]).toBe(`${REGION}:13/13`);
  });
});

describe('failures', () => {
  test('access denied names the denied action and the region', async () => {
    serveAccount(ec2, { [REGION]: deployedAccount() });
    ec2.on(DescribeFlowLogsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const err = await readRegions({ regions: [REGION], clientFactory: testClientFactory }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LiveError);
    expect((err as LiveError).kind).toBe('access-denied');
    expect((err as LiveError).message).toBe(`access denied to ec2:DescribeFlowLogs in ${REGION} (UnauthorizedOperation); grant the auditor policy from \`palisade live --print-policy\` to the role you use`);
  });

  test('throttling that outlasts the retries is an error, not a partial read', async () => {
    serveAccount(ec2, { [REGION]: deployedAccount() });
    ec2.on(DescribeInstancesCommand).rejects(awsError('RequestLimitExceeded', 'Request limit exceeded.', 3));
    await expect(readRegions({ regions: [REGION], clientFactory: testClientFactory, maxAttempts: 3 })).rejects.toThrow(
      `ec2:DescribeInstances in ${REGION} was still throttled after 3 attempt(s) (RequestLimitExceeded); retry later or raise --max-attempts`,
    );
  });

  test('a failure in one region fails the whole run and stops the other regions', async () => {
    serveAccount(ec2, { 'eu-west-1': deployedAccount(), 'eu-south-2': deployedAccount() });
    ec2.on(DescribeVpcsCommand).callsFake(async (_input: unknown, getClient: () => EC2Client) => {
      const region = await getClient().config.region();
      if (region === 'eu-south-2') throw awsError('OptInRequired', 'You are not subscribed to this service.');
      await new Promise((r) => setTimeout(r, 20));
      return { Vpcs: [] };
    });
    const err = (await readRegions({ regions: ['eu-west-1', 'eu-south-2'], clientFactory: testClientFactory }).catch((e: unknown) => e)) as LiveError;
    expect(err.kind).toBe('region-not-enabled');
    expect(err.region).toBe('eu-south-2');
    // eu-west-1 stopped after its in-flight call: it never read EBS settings.
    expect(ec2.commandCalls(GetEbsEncryptionByDefaultCommand)).toHaveLength(0);
  });

  test('regions are read with bounded concurrency', async () => {
    const regions = ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1'];
    serveAccount(ec2, Object.fromEntries(regions.map((r) => [r, emptyAccount()])));
    let inFlight = 0;
    let peak = 0;
    ec2.on(DescribeVpcsCommand).callsFake(async () => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight--;
      return { Vpcs: [] };
    });
    const snaps = await readRegions({ regions, clientFactory: testClientFactory, concurrency: 2 });
    expect(snaps.map((s) => s.region)).toEqual(regions);
    expect(peak).toBe(2);
  });
});
