/**
 * `palisade live` against a misbehaving EC2 endpoint: a real HTTP server on 127.0.0.1 (random port) that the real
 * SDK client reaches through `AWS_ENDPOINT_URL_EC2`, exactly as a user would point it at a proxy or a fake. Every
 * misbehaviour must end in exit 2 with one line on stderr and nothing on stdout — never a verdict — well within a
 * minute. The server closes itself after each test and, at the latest, after 90 s.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LiveCliContext } from '../../cli/commands/live';
import { main } from '../../cli/index';
import { liveDefaultsResultFile } from '../support/paths';

jest.setTimeout(60_000);

const REGION = 'eu-central-1';
const XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** A valid, empty answer to `operation` in the EC2 query protocol. */
function emptyAnswer(operation: string, nextToken?: string): string {
  const body: Record<string, string> = {
    GetEbsEncryptionByDefault: '<ebsEncryptionByDefault>true</ebsEncryptionByDefault>',
    GetEbsDefaultKmsKeyId: '<kmsKeyId>alias/aws/ebs</kmsKeyId>',
  };
  const token = nextToken ? `<nextToken>${nextToken}</nextToken>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${XMLNS}"><requestId>00000000-0000-0000-0000-000000000000</requestId>${body[operation] ?? ''}${token}</${operation}Response>`;
}

type Behaviour = (operation: string, callNumber: number, req: http.IncomingMessage, res: http.ServerResponse) => void;

const xml = (res: http.ServerResponse, text: string) => {
  res.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

let server: http.Server | undefined;
let calls: string[] = [];
const saved: Record<string, string | undefined> = {};
const ENV = ['AWS_ENDPOINT_URL_EC2', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED'];

async function serve(behaviour: Behaviour): Promise<void> {
  calls = [];
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const operation = new URLSearchParams(raw).get('Action') ?? '?';
      calls.push(operation);
      behaviour(operation, calls.length, req, res);
    });
  });
  // Bounded however a test ends: the server never outlives 90 s.
  const stopper = setTimeout(() => stop(), 90_000);
  stopper.unref();
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  process.env.AWS_ENDPOINT_URL_EC2 = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function stop(): void {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
}

beforeAll(() => {
  for (const k of ENV) saved[k] = process.env[k];
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_CONFIG_FILE: '/nonexistent/palisade-test-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/palisade-test-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
});
afterEach(stop);
afterAll(() => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

async function live(extra: string[] = []) {
  let stdout = '';
  let stderr = '';
  const ctx: LiveCliContext = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, cwd: process.cwd(), env: {}, version: '0.0.0-test', exitCode: 0, live: { stderrIsTTY: false } };
  const started = Date.now();
  const code = await main(['live', '--region', REGION, '--max-attempts', '2', '--request-timeout', '1', '--deadline', '20', ...extra], ctx);
  return { code, stdout, stderr, seconds: (Date.now() - started) / 1000 };
}

/** Exit 2, exactly one line on stderr naming the problem, no report on stdout, in well under a minute. */
function expectOneLineFailure(r: Awaited<ReturnType<typeof live>>, message: RegExp): void {
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^palisade: error: [^\n]+\n$/);
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(2);
  expect(r.seconds).toBeLessThan(30);
}

describe('palisade live against a misbehaving EC2 endpoint', () => {
  test('a well-behaved endpoint gives a verdict (the fake speaks real EC2 XML)', async () => {
    await serve((op, _n, _req, res) => xml(res, emptyAnswer(op)));
    const r = await live();
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    expect(r.stdout).toMatch(/PASS|FAIL/);
    expect(calls).toContain('GetEbsDefaultKmsKeyId');
  });

  test('an HTML page with status 200 to every call is an error, not an empty account', async () => {
    await serve((_op, _n, _req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>');
    });
    expectOneLineFailure(await live(), /ec2:DescribeVpcs in eu-central-1: the endpoint answered DescribeVpcs with an HTML page/);
  });

  test('an empty 200 body is an error', async () => {
    await serve((_op, _n, _req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': 0 });
      res.end();
    });
    expectOneLineFailure(await live(), /DescribeVpcs with an empty body/);
  });

  test('another operation\'s document is an error', async () => {
    await serve((_op, _n, _req, res) => xml(res, emptyAnswer('DescribeSubnets')));
    expectOneLineFailure(await live(), /DescribeVpcs with an XML <DescribeSubnetsResponse> document instead of a DescribeVpcsResponse document/);
  });

  test('HTML on one call fails the whole run instead of dropping those resources', async () => {
    await serve((op, _n, _req, res) => {
      if (op !== 'DescribeSecurityGroupRules') return xml(res, emptyAnswer(op));
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>maintenance</body></html>');
    });
    expectOneLineFailure(await live(), /ec2:DescribeSecurityGroupRules in eu-central-1: .*HTML page/);
  });

  test('a silent server times out', async () => {
    await serve(() => undefined);
    expectOneLineFailure(await live(), /DescribeVpcs in eu-central-1 got no complete answer in time|--deadline/);
  });

  test('a server that falls silent on the 6th call times out', async () => {
    await serve((op, n, _req, res) => (n <= 5 ? xml(res, emptyAnswer(op)) : undefined));
    const r = await live();
    expectOneLineFailure(r, /no complete answer in time|--deadline/);
    expect(calls.slice(0, 5)).toEqual(['DescribeVpcs', 'DescribeSubnets', 'DescribeRouteTables', 'DescribeSecurityGroups', 'DescribeSecurityGroupRules']);
  });

  test('an unfinished body (headers and half a document, then nothing) times out', async () => {
    await serve((op, _n, _req, res) => {
      const text = emptyAnswer(op);
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(text) });
      res.write(text.slice(0, 40));
    });
    expectOneLineFailure(await live(), /no complete answer in time|not a valid EC2 document|--deadline/);
  });

  test('the same NextToken forever stops at the second page', async () => {
    await serve((op, _n, _req, res) => xml(res, emptyAnswer(op, 'again')));
    expectOneLineFailure(await live(), /DescribeVpcs in eu-central-1: the endpoint returned the same NextToken twice after 2 page/);
    expect(calls.length).toBeLessThanOrEqual(3);
  });

  test('endless fresh tokens stop at --max-pages', async () => {
    await serve((op, n, _req, res) => xml(res, emptyAnswer(op, `token-${n}`)));
    expectOneLineFailure(await live(['--max-pages', '50']), /DescribeVpcs in eu-central-1: more than 50 pages/);
    expect(calls.length).toBe(50);
  });

  test('a slow drip that never ends is stopped by the overall deadline', async () => {
    await serve((op, _n, _req, res) => {
      const text = emptyAnswer(op);
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(text) + 1_000_000 });
      const drip = setInterval(() => (res.writableEnded || res.destroyed ? clearInterval(drip) : res.write(' ')), 300);
      drip.unref();
    });
    expectOneLineFailure(await live(['--deadline', '4', '--request-timeout', '3']), /did not finish within 4 s \(--deadline\)|--deadline/);
  });
});

/**
 * The defaults' bound takes real time (5 attempts of 5 s): that run is a real CLI process against a server that never
 * answers, started in the background by the unit set-up (test/support/live-defaults-proof.js); this reads its result.
 */
describe('palisade live with its default timeouts and retries', () => {
  test('a silent server still ends in under a minute, exit 2, one line', async () => {
    const file = liveDefaultsResultFile();
    const until = Date.now() + 100_000;
    while (!fs.existsSync(file) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 250));
    const r = JSON.parse(fs.readFileSync(file, 'utf8')) as { code: number | null; stdout: string; stderr: string; seconds: number };
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^palisade: error: [^\n]+\n$/);
    expect(r.code).toBe(2);
    expect(r.seconds).toBeLessThan(60);
  }, 110_000);
});
