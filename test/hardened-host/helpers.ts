/**
 * Shared helpers for the hardened-host tests, which run the real Debian
 * tools (clamscan/clamd/sigtool, shellcheck, cloud-init, clamconf, jq).
 * A missing tool is a test failure with the fix in the message — never a skip.
 */
import { execFileSync, spawnSync, SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const SCRIPTS = join(REPO_ROOT, 'constructs', 'hardened-host', 'scripts');
export const SCAN_SCRIPT = join(SCRIPTS, 'palisade-av-scan.sh');
export const SELFCHECK_SCRIPT = join(SCRIPTS, 'palisade-av-selfcheck.sh');
export const BOOTSTRAP_SCRIPT = join(SCRIPTS, 'palisade-av-bootstrap.sh');

/** Throws (failing the test) if any tool is not on PATH. */
export function requireTools(...tools: string[]): void {
  const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v "$1"`, 'sh', t]).status !== 0);
  if (missing.length > 0) {
    throw new Error(`missing tool(s): ${missing.join(', ')} — run \`npm run setup:tools\``);
  }
}

/**
 * The standard 68-byte EICAR anti-malware test string, assembled from parts
 * so this source file is not itself flagged by scanners.
 */
export function eicar(): string {
  const s = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}', '$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!', '$H+H*'].join('');
  if (s.length !== 68) throw new Error(`EICAR string has ${s.length} bytes, expected 68`);
  return s;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `palisade-${prefix}-`));
}

/**
 * Builds an offline ClamAV signature database containing one SHA-256 hash
 * signature of the EICAR file, using the real `sigtool --sha256`.
 * Returns the database directory (contains eicar.hsb).
 */
export function buildEicarHashDb(dir: string, signatureName = 'Eicar-Test-Signature'): string {
  const db = join(dir, 'db');
  mkdirSync(db, { recursive: true });
  const sample = join(dir, 'eicar-sample.com');
  writeFileSync(sample, eicar());
  // Output: "<sha256>:<size>:<file name>" -> rename the signature.
  const line = execFileSync('sigtool', ['--sha256', sample], { encoding: 'utf8' }).trim();
  const [hash, size] = line.split(':');
  if (!/^[0-9a-f]{64}$/.test(hash) || size !== '68') throw new Error(`unexpected sigtool output: ${line}`);
  writeFileSync(join(db, 'eicar.hsb'), `${hash}:${size}:${signatureName}\n`);
  return db;
}

/**
 * Builds a real unsigned daily database container (daily.cud) with
 * `sigtool --build`, in `outDir`. sigtool stamps it with the current time.
 */
export function buildDailyCud(workDir: string, outDir: string): string {
  const src = buildEicarHashDb(join(workDir, 'cud-src'));
  const build = join(workDir, 'cud-build');
  mkdirSync(build, { recursive: true });
  writeFileSync(join(build, 'COPYING'), 'test database for Palisade tests\n');
  writeFileSync(join(build, 'daily.hsb'), readFileSync(join(src, 'eicar.hsb')));
  const r = spawnSync(
    'sigtool',
    ['--build=daily.cud', '--unsigned', '--no-cdiff', '--cvd-version=7', `--datadir=${build}`],
    { cwd: build, input: 'palisade-test\n', encoding: 'utf8' },
  );
  const out = join(build, 'daily.cud');
  let bytes: Buffer;
  try {
    bytes = readFileSync(out);
  } catch {
    throw new Error(`sigtool --build did not produce daily.cud: ${r.stdout}${r.stderr}`);
  }
  mkdirSync(outDir, { recursive: true });
  const dest = join(outDir, 'daily.cud');
  writeFileSync(dest, bytes);
  return dest;
}

/**
 * Rewrites the build time in a CVD/CUD header ("ClamAV-VDB:<time>:<ver>:...:<stime>",
 * 512 bytes, space padded) — how a test gets a genuinely old database that
 * the real `sigtool --info` reports as old.
 */
export function setCvdBuildTime(file: string, when: Date): void {
  const bytes = readFileSync(file);
  const header = bytes.subarray(0, 512).toString('latin1').replace(/[ \0]+$/, '');
  const parts = header.split(':');
  if (parts[0] !== 'ClamAV-VDB' || parts.length < 9) throw new Error(`not a CVD header: ${header}`);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number) => String(n).padStart(2, '0');
  parts[1] = `${p2(when.getUTCDate())} ${months[when.getUTCMonth()]} ${when.getUTCFullYear()} ${p2(when.getUTCHours())}-${p2(when.getUTCMinutes())} +0000`;
  parts[8] = String(Math.floor(when.getTime() / 1000));
  const newHeader = Buffer.from(parts.join(':').padEnd(512, ' '), 'latin1');
  if (newHeader.length !== 512) throw new Error('header too long');
  writeFileSync(file, Buffer.concat([newHeader, bytes.subarray(512)]));
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): RunResult {
  const r: SpawnSyncReturns<string> = spawnSync(cmd, args, {
    encoding: 'utf8',
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    input: opts.input,
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function readJsonLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function rawLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
}
