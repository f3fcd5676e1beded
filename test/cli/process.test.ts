import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { compliantEstate, ref, rmrf, tempDir, writeCdktfOut } from '../policies/fixtures';

/**
 * The other CLI tests call `main()` in-process (test/support/cli.ts): fast, and the same code. These few run the real
 * `bin/palisade.js` as a user's shell does, to prove what only a process shows: the exit status reaches the shell,
 * output goes to the right stream, and the version is the package's.
 */
const BIN = path.join(__dirname, '..', '..', 'bin', 'palisade.js');
const VERSION = (require('../../package.json') as { version: string }).version;

function palisade(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  dir = tempDir('palisade-process-');
  writeCdktfOut(dir, compliantEstate('network').add('aws_security_group_rule', 'ssh', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], description: 'debug' }));
});
afterAll(() => rmrf(dir));

describe('bin/palisade.js as a process', () => {
  test('a finding is exit status 1, with the report on stdout and nothing on stderr', () => {
    const r = palisade(dir, 'check', '--account-scope', 'stacks');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('PAL-SG-001 aws_security_group_rule.ssh');
    expect(r.stderr).toBe('');
  });

  test('unreadable input is exit status 2 with one line on stderr naming the path', () => {
    const r = palisade(dir, 'check', 'nowhere.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('nowhere.json')]);
  });

  test('the process exits only once a report larger than the pipe buffer has reached a slow reader, whole', async () => {
    const wide = tempDir('palisade-process-wide-');
    try {
      const estate = compliantEstate('network');
      for (let i = 0; i < 400; i++) estate.add('aws_security_group_rule', `ssh${i}`, { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], description: 'debug' });
      writeCdktfOut(wide, estate);
      const child = spawn(process.execPath, [BIN, 'check', '--account-scope', 'stacks', '--format', 'json'], { cwd: wide, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.pause(); // nothing is read until the child has had time to exit early
      const chunks: Buffer[] = [];
      await new Promise((resolve) => setTimeout(resolve, 1500));
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stdout.resume();
      const [code] = await once(child, 'close');
      const out = Buffer.concat(chunks);
      expect(out.length).toBeGreaterThan(128 * 1024);
      expect(code).toBe(1);
      const ssh = (JSON.parse(out.toString('utf8')).findings as { resource: string }[]).filter((f) => /^aws_security_group_rule\.ssh\d+$/.test(f.resource));
      expect(new Set(ssh.map((f) => f.resource)).size).toBe(400);
    } finally {
      rmrf(wide);
    }
  }, 30_000);

  test('--version prints the package version and --help exits 0', () => {
    const version = palisade(dir, '--version');
    expect({ code: version.code, out: version.stdout.trim() }).toEqual({ code: 0, out: VERSION });
    expect(palisade(dir, '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: palisade') });
  });
});
