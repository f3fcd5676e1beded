import { DescribeFlowLogsCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LiveCliContext } from '../../cli/commands/live';
import { main } from '../../cli/index';
import { auditorPolicy } from '../../live/auditor-policy';
import { rmrf, tempDir, writeCdktfOut } from '../policies/fixtures';
import { sarifValidator } from '../policies/sarif-schema';
import { deployedAccount, emptyAccount, intendedEstate, REGION, serveAccount, sgRule, testClientFactory, type Account } from './fixtures';

const ec2 = mockClient(EC2Client);
let dir: string;
beforeEach(() => {
  ec2.reset();
  dir = tempDir('palisade-live-');
});
afterEach(() => rmrf(dir));

async function palisade(args: string[], opts: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = '';
  let stderr = '';
  const ctx: LiveCliContext = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    cwd: dir,
    env: opts.env ?? {},
    version: '0.0.0-test',
    exitCode: 0,
    live: { clientFactory: testClientFactory, stderrIsTTY: opts.tty ?? false },
  };
  const code = await main(['live', ...args], ctx);
  return { code, stdout, stderr };
}

const tampered = (): Account => {
  const a = deployedAccount();
  a.securityGroupRules.push(sgRule('sgr-0ssh', 'sg-0app', false, 'tcp', 22, 22, { cidr: '0.0.0.0/0' }, 'temp debug'));
  return a;
};

describe('palisade live', () => {
  test('--print-policy prints the auditor policy and calls nothing', async () => {
    const r = await palisade(['--print-policy']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(auditorPolicy());
    expect(ec2.calls()).toHaveLength(0);
  });

  test('exits 0 on a clean account, with a header naming account and regions', async () => {
    serveAccount(ec2, { [REGION]: deployedAccount() });
    const r = await palisade(['--region', REGION]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Live audit of account 222222222222 — regions ${REGION}`);
    expect(r.stdout).toContain('PASS');
  });

  test('exits 1 on drift, and --against defaults the regions to the stacks\' provider regions', async () => {
    writeCdktfOut(dir, ...intendedEstate());
    serveAccount(ec2, { [REGION]: tampered() });
    const r = await palisade(['--against', 'cdktf.out']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${REGION}: compared with production-network, production-security`);
    expect(r.stdout).toContain('PAL-DRIFT-002 aws_vpc_security_group_ingress_rule.production_app_ingress_sgr_0ssh');
    expect(r.stdout).toContain('PAL-SG-001 aws_vpc_security_group_ingress_rule.production_app_ingress_sgr_0ssh');
  });

  test('drift is reported in json, sarif and markdown', async () => {
    writeCdktfOut(dir, ...intendedEstate());
    serveAccount(ec2, { [REGION]: tampered() });
    const json = JSON.parse((await palisade(['--against', 'cdktf.out', '--format', 'json'])).stdout);
    expect(json.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['PAL-SG-001', 'PAL-DRIFT-002']);
    expect(json.live.drift.items[0]).toMatchObject({ kind: 'rule-not-in-code', region: REGION });
    expect(json.live.drift.matches).toContainEqual({ region: REGION, live: 'aws_vpc.production_vpc', liveId: 'vpc-0a1b2c3d', intended: 'production-network/aws_vpc.production_network', reason: 'type aws_vpc and Name tag "production-vpc"' });

    const sarif = JSON.parse((await palisade(['--against', 'cdktf.out', '--format', 'sarif'])).stdout);
    const validate = sarifValidator();
    expect(validate(sarif)).toBe(true);
    const drift = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'PAL-DRIFT-002');
    expect(drift.locations[0].logicalLocations[0].name).toBe('aws_vpc_security_group_ingress_rule.production_app_ingress_sgr_0ssh');
    expect(drift.locations[0].physicalLocation).toBeUndefined();

    const md = (await palisade(['--against', 'cdktf.out', '--format', 'markdown'])).stdout;
    expect(md).toContain('> Live audit of account 222222222222');
    expect(md).toMatch(/\| PAL-DRIFT-002 \| live:eu-central-1 \|/);
  });

  test('--output writes the report and a one-line summary to stderr', async () => {
    writeCdktfOut(dir, ...intendedEstate());
    serveAccount(ec2, { [REGION]: tampered() });
    const r = await palisade(['--against', 'cdktf.out', '--format', 'sarif', '--output', 'out/live.sarif']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('palisade: sarif live report written to out/live.sarif: 2 blocking finding(s) at or above low, 1 drift item(s)\n');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'out/live.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  test('shows progress on stderr only when it is a terminal', async () => {
    serveAccount(ec2, { [REGION]: emptyAccount() });
    const quiet = await palisade(['--region', REGION]);
    expect(quiet.stderr).toBe('');
    const tty = await palisade(['--region', REGION], { tty: true });
    expect(tty.stderr).toContain(`${REGION}: 5/13 calls`);
    expect(tty.stderr.endsWith('\r\x1b[2K')).toBe(true);
  });

  test('takes the region from AWS_REGION when none is given', async () => {
    serveAccount(ec2, { 'eu-west-1': emptyAccount() });
    const r = await palisade([], { env: { AWS_REGION: 'eu-west-1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('regions eu-west-1');
  });
});

describe('palisade live errors: one line, exit 2, no report', () => {
  const err = (name: string, message: string, attempts = 1) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400, attempts } });
  const cases: Array<[string, () => void, string]> = [
    ['no credentials', () => ec2.on(DescribeVpcsCommand).rejects(err('CredentialsProviderError', 'Could not load credentials from any providers')), 'no usable AWS credentials for profile "audit" (CredentialsProviderError: Could not load credentials from any providers); pass --profile, set AWS_PROFILE, or run `aws sso login --profile audit`'],
    ['expired token', () => ec2.on(DescribeVpcsCommand).rejects(err('ExpiredToken', 'The security token included in the request is expired')), `the AWS credentials have expired (ExpiredToken on ec2:DescribeVpcs in ${REGION}); refresh them (e.g. \`aws sso login --profile audit\`) and check the system clock`],
    ['expired token (STS style)', () => ec2.on(DescribeVpcsCommand).rejects(err('ExpiredTokenException', 'expired')), `the AWS credentials have expired (ExpiredTokenException on ec2:DescribeVpcs in ${REGION}); refresh them (e.g. \`aws sso login --profile audit\`) and check the system clock`],
    ['request expired', () => ec2.on(DescribeVpcsCommand).rejects(err('RequestExpired', 'Request has expired.')), `the AWS credentials have expired (RequestExpired on ec2:DescribeVpcs in ${REGION}); refresh them (e.g. \`aws sso login --profile audit\`) and check the system clock`],
    ['unauthorized operation', () => ec2.on(DescribeFlowLogsCommand).rejects(err('UnauthorizedOperation', 'You are not authorized to perform this operation.')), `access denied to ec2:DescribeFlowLogs in ${REGION} (UnauthorizedOperation); grant the auditor policy from \`palisade live --print-policy\` to the role you use`],
    ['access denied', () => ec2.on(DescribeSubnetsCommand).rejects(err('AccessDenied', 'denied')), `access denied to ec2:DescribeSubnets in ${REGION} (AccessDenied); grant the auditor policy from \`palisade live --print-policy\` to the role you use`],
    ['region not enabled (AuthFailure)', () => ec2.on(DescribeVpcsCommand).rejects(err('AuthFailure', 'AWS was not able to validate the provided access credentials')), `region ${REGION} is not enabled for this account or does not accept these credentials (AuthFailure on ec2:DescribeVpcs); enable the region (opt-in) or drop it from --region`],
    ['region not enabled (OptInRequired)', () => ec2.on(DescribeVpcsCommand).rejects(err('OptInRequired', 'You are not subscribed to this service.')), `region ${REGION} is not enabled for this account or does not accept these credentials (OptInRequired on ec2:DescribeVpcs); enable the region (opt-in) or drop it from --region`],
    ['region not enabled (UnrecognizedClientException)', () => ec2.on(DescribeVpcsCommand).rejects(err('UnrecognizedClientException', 'The security token included in the request is invalid.')), `region ${REGION} is not enabled for this account or does not accept these credentials (UnrecognizedClientException on ec2:DescribeVpcs); enable the region (opt-in) or drop it from --region`],
    ['throttled (Throttling)', () => ec2.on(DescribeSecurityGroupsCommand).rejects(err('Throttling', 'Rate exceeded', 5)), `ec2:DescribeSecurityGroups in ${REGION} was still throttled after 5 attempt(s) (Throttling); retry later or raise --max-attempts`],
    ['throttled (RequestLimitExceeded)', () => ec2.on(DescribeSecurityGroupsCommand).rejects(err('RequestLimitExceeded', 'Request limit exceeded.', 5)), `ec2:DescribeSecurityGroups in ${REGION} was still throttled after 5 attempt(s) (RequestLimitExceeded); retry later or raise --max-attempts`],
  ];

  test.each(cases)('%s', async (_name, arrange, message) => {
    serveAccount(ec2, { [REGION]: deployedAccount() });
    arrange();
    const r = await palisade(['--region', REGION, '--profile', 'audit'], { tty: true });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // The progress line is cleared before the error; what remains is exactly one line.
    const visible = r.stderr.split('\r\x1b[2K').pop()!;
    expect(visible).toBe(`palisade: error: ${message}\n`);
  });

  test('a failure in any region fails the whole run', async () => {
    serveAccount(ec2, { [REGION]: deployedAccount(), 'eu-south-2': emptyAccount() });
    ec2.on(DescribeVpcsCommand).callsFake(async (_i: unknown, getClient: () => EC2Client) => {
      if ((await getClient().config.region()) === 'eu-south-2') throw err('OptInRequired', 'not subscribed');
      return { Vpcs: [] };
    });
    const r = await palisade(['--region', REGION, '--region', 'eu-south-2']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('region eu-south-2 is not enabled');
  });

  test.each([
    [[], 'no region to read: pass --region (repeatable), set AWS_REGION, or use --against with a synthesized cdktf.out'],
    [['--region', 'europe'], '"europe" is not an AWS region name (e.g. eu-west-1)'],
    [['--region', REGION, '--max-attempts', '0'], '--max-attempts must be an integer from 1 to 20, got "0"'],
    [['--region', REGION, '--format', 'xml'], 'unknown format "xml" (expected text, json, sarif, junit, markdown)'],
  ])('usage error %j', async (args, message) => {
    const r = await palisade(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`palisade: error: ${message}\n`);
    expect(ec2.calls()).toHaveLength(0);
  });

  test('a missing --against path is an input error', async () => {
    const r = await palisade(['--against', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^palisade: error: .*nope.*no such file or directory\n$/);
  });
});
