/**
 * palisade-av-scan.sh against the real ClamAV engine (Debian clamscan, and
 * a real clamd for the clamdscan path), with an offline database built by
 * sigtool from the EICAR test string. Nothing is downloaded.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AV_DETECTION_FILTER_PATTERN,
  AV_SCAN_ERROR_FILTER_PATTERN,
  matchesFilterPattern,
} from '../../constructs/hardened-host/metric-filter';
import { buildEicarHashDb, eicar, rawLines, readJsonLines, requireTools, run, SCAN_SCRIPT, tempDir } from './helpers';

const SIGNATURE = 'Eicar-Test-Signature';
// ClamAV appends ".UNOFFICIAL" to signatures that do not come from its own databases.
const REPORTED_SIGNATURE = `${SIGNATURE}.UNOFFICIAL`;

let base: string;
let db: string;

beforeAll(() => {
  requireTools('clamscan', 'clamdscan', 'clamd', 'sigtool', 'jq', 'flock');
  base = tempDir('avscan');
  db = buildEicarHashDb(base, SIGNATURE);
});

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

interface Sandbox {
  uploads: string;
  quarantine: string;
  log: string;
  env: NodeJS.ProcessEnv;
}

let counter = 0;
function sandbox(extraEnv: NodeJS.ProcessEnv = {}): Sandbox {
  const dir = join(base, `case-${++counter}`);
  const uploads = join(dir, 'uploads');
  mkdirSync(uploads, { recursive: true });
  const quarantine = join(dir, 'quarantine');
  const log = join(dir, 'log', 'av-events.log');
  return {
    uploads,
    quarantine,
    log,
    env: {
      ...process.env,
      PALISADE_AV_CONFIG: join(dir, 'no-such-av.env'),
      PALISADE_AV_SCANNER: 'clamscan',
      PALISADE_AV_DB_DIR: db,
      PALISADE_AV_QUARANTINE_DIR: quarantine,
      PALISADE_AV_LOG_FILE: log,
      PALISADE_AV_LOCK_FILE: join(dir, 'scan.lock'),
      PALISADE_AV_HOST: 'test-host',
      ...extraEnv,
    },
  };
}

function scan(sb: Sandbox, args: string[] = [sb.uploads], cwd?: string) {
  return run('bash', [SCAN_SCRIPT, ...args], { env: sb.env, cwd });
}

const byEvent = (events: Record<string, unknown>[], name: string) => events.filter((e) => e.event === name);

describe('palisade-av-scan.sh with the real clamscan engine', () => {
  test('an EICAR file is detected, moved to a 0700 quarantine as a 0400 file, and logged as one JSON detection line', () => {
    const sb = sandbox();
    const infected = join(sb.uploads, 'invoice.pdf');
    writeFileSync(infected, eicar());

    const r = scan(sb);

    expect(r.stderr).toBe('');
    expect(r.status).toBe(1); // detections found, all quarantined
    expect(existsSync(infected)).toBe(false);
    expect(statSync(sb.quarantine).mode & 0o777).toBe(0o700);
    const quarantined = readdirSync(sb.quarantine);
    expect(quarantined).toHaveLength(1);
    const qpath = join(sb.quarantine, quarantined[0]);
    expect(statSync(qpath).mode & 0o777).toBe(0o400);
    expect(readFileSync(qpath, 'utf8')).toBe(eicar());

    const events = readJsonLines(sb.log);
    const [detection] = byEvent(events, 'detection');
    expect(detection).toEqual({
      event: 'detection',
      path: infected,
      signature: REPORTED_SIGNATURE,
      action: 'quarantined',
      quarantine_path: qpath,
      scanner: 'clamscan',
      host: 'test-host',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect(byEvent(events, 'scan_complete')).toEqual([
      expect.objectContaining({ path: sb.uploads, scanned: 1, infected: 1, quarantined: 1, scanner: 'clamscan' }),
    ]);
  });

  test('a clean file is left in place and only a scan_complete line is written', () => {
    const sb = sandbox();
    const clean = join(sb.uploads, 'report.txt');
    writeFileSync(clean, 'quarterly numbers\n');

    const r = scan(sb);

    expect(r.status).toBe(0);
    expect(readFileSync(clean, 'utf8')).toBe('quarterly numbers\n');
    expect(existsSync(sb.quarantine) ? readdirSync(sb.quarantine) : []).toEqual([]);
    const events = readJsonLines(sb.log);
    expect(events.map((e) => e.event)).toEqual(['scan_complete']);
    expect(events[0]).toMatchObject({ scanned: 1, infected: 0, quarantined: 0 });
  });

  test('file names with spaces, quotes, backslashes, a newline and non-ASCII are quarantined and logged with their exact name', () => {
    const sb = sandbox();
    const names = ['my "quoted" file.txt', "it's here.doc", 'back\\slash $(x) `y`.bin', 'line\nbreak.txt', 'ünïcødé ✓.exe', '-rf'];
    for (const n of names) writeFileSync(join(sb.uploads, n), eicar());
    writeFileSync(join(sb.uploads, 'clean "one".txt'), 'hello');

    const r = scan(sb);

    expect(r.status).toBe(1);
    expect(readdirSync(sb.uploads)).toEqual(['clean "one".txt']);
    const detections = byEvent(readJsonLines(sb.log), 'detection');
    expect(detections.map((d) => d.path).sort()).toEqual(names.map((n) => join(sb.uploads, n)).sort());
    expect(detections.every((d) => d.action === 'quarantined' && d.signature === REPORTED_SIGNATURE)).toBe(true);
    expect(readdirSync(sb.quarantine)).toHaveLength(names.length);
    // Every line of the log is exactly one JSON object: the newline in the name was escaped.
    for (const line of rawLines(sb.log)) expect(() => JSON.parse(line)).not.toThrow();
  });

  test('a crafted name cannot make the scanner quarantine a different, clean file', () => {
    // clamscan prints names raw: "uploads/x\nvictim.txt: Sig FOUND" reads as a
    // detection of "victim.txt" relative to the working directory.
    const sb = sandbox();
    const cwd = join(sb.uploads, '..', 'cwd');
    mkdirSync(cwd);
    const victim = join(cwd, 'victim.txt');
    writeFileSync(victim, 'precious, clean');
    writeFileSync(join(sb.uploads, 'x\nvictim.txt'), eicar());

    const r = scan(sb, [sb.uploads], cwd);

    expect(r.status).toBe(1);
    expect(readFileSync(victim, 'utf8')).toBe('precious, clean');
    const detections = byEvent(readJsonLines(sb.log), 'detection');
    expect(detections.map((d) => d.path)).toEqual([join(sb.uploads, 'x\nvictim.txt')]);
  });

  test('a single file can be scanned, and nested directories are scanned recursively', () => {
    const sb = sandbox();
    const nested = join(sb.uploads, 'a', 'b c');
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(nested, 'deep.zip'), eicar());
    const single = join(sb.uploads, 'single.txt');
    writeFileSync(single, eicar());

    expect(scan(sb, [single]).status).toBe(1);
    expect(existsSync(single)).toBe(false);
    expect(existsSync(join(nested, 'deep.zip'))).toBe(true);

    expect(scan(sb).status).toBe(1);
    expect(existsSync(join(nested, 'deep.zip'))).toBe(false);
    expect(byEvent(readJsonLines(sb.log), 'detection')).toHaveLength(2);
  });

  test('the detection line written by the script matches the deployed metric filter pattern; scan_complete does not', () => {
    const sb = sandbox();
    writeFileSync(join(sb.uploads, 'eicar.com'), eicar());
    writeFileSync(join(sb.uploads, 'ok.txt'), 'fine');
    scan(sb);

    const lines = rawLines(sb.log);
    const detectionLines = lines.filter((l) => (JSON.parse(l) as { event: string }).event === 'detection');
    const completeLines = lines.filter((l) => (JSON.parse(l) as { event: string }).event === 'scan_complete');
    expect(detectionLines).toHaveLength(1);
    expect(completeLines).toHaveLength(1);
    expect(matchesFilterPattern(AV_DETECTION_FILTER_PATTERN, detectionLines[0])).toBe(true);
    expect(matchesFilterPattern(AV_DETECTION_FILTER_PATTERN, completeLines[0])).toBe(false);
    expect(matchesFilterPattern(AV_SCAN_ERROR_FILTER_PATTERN, detectionLines[0])).toBe(false);
  });

  test('a missing scan path produces a scan_error line (matching the error filter) and exit status 2', () => {
    const sb = sandbox();
    const r = scan(sb, [join(sb.uploads, 'does-not-exist')]);

    expect(r.status).toBe(2);
    const lines = rawLines(sb.log);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ event: 'scan_error', reason: 'path does not exist' });
    expect(matchesFilterPattern(AV_SCAN_ERROR_FILTER_PATTERN, lines[0])).toBe(true);
    expect(matchesFilterPattern(AV_DETECTION_FILTER_PATTERN, lines[0])).toBe(false);
  });

  test('with no arguments it scans every UPLOAD_PATHS entry of the config file', () => {
    const sb = sandbox();
    const second = join(sb.uploads, '..', 'uploads2');
    mkdirSync(second);
    writeFileSync(join(sb.uploads, 'a.com'), eicar());
    writeFileSync(join(second, 'b.com'), eicar());
    const config = sb.env.PALISADE_AV_CONFIG as string;
    writeFileSync(config, `# test\nUPLOAD_PATHS=${sb.uploads}:${second}\nBOGUS=ignored\n`);

    const r = scan(sb, []);

    expect(r.status).toBe(1);
    const events = readJsonLines(sb.log);
    expect(byEvent(events, 'detection')).toHaveLength(2);
    expect(byEvent(events, 'scan_complete').map((e) => e.path)).toEqual([sb.uploads, join(second)]);
  });

  test('a second scan started while one holds the lock reports scan_error instead of racing', () => {
    const sb = sandbox();
    const lock = sb.env.PALISADE_AV_LOCK_FILE as string;
    // Hold the lock with the real flock(1) around a scan of our own.
    const r = run('flock', [lock, 'bash', SCAN_SCRIPT, sb.uploads], { env: sb.env });

    expect(r.status).toBe(2);
    expect(readJsonLines(sb.log)).toEqual([
      expect.objectContaining({ event: 'scan_error', reason: 'another scan holds the lock' }),
    ]);
  });
});

describe('palisade-av-scan.sh with a real clamd (clamdscan path)', () => {
  let clamd: ChildProcess | undefined;
  let clamdConf: string;

  beforeAll(async () => {
    const dir = join(base, 'clamd');
    mkdirSync(dir, { recursive: true });
    clamdConf = join(dir, 'clamd.conf');
    writeFileSync(
      clamdConf,
      [
        `LocalSocket ${join(dir, 'clamd.sock')}`,
        `DatabaseDirectory ${db}`,
        'Foreground yes',
        `LogFile ${join(dir, 'clamd.log')}`,
        `PidFile ${join(dir, 'clamd.pid')}`,
        '',
      ].join('\n'),
    );
    clamd = spawn('clamd', ['-c', clamdConf], { stdio: 'ignore' });
    const ping = run('clamdscan', ['-c', clamdConf, '--ping', '30:1']);
    if (ping.status !== 0) throw new Error(`clamd did not answer: ${ping.stdout}${ping.stderr}`);
  });

  afterAll(async () => {
    if (clamd && clamd.exitCode === null) {
      const exited = new Promise((resolve) => clamd!.once('exit', resolve));
      clamd.kill('SIGTERM');
      await exited;
    }
  });

  test('auto mode picks clamdscan when clamd answers, and detection + quarantine behave the same', () => {
    const sb = sandbox({ PALISADE_AV_SCANNER: 'auto', PALISADE_AV_CLAMD_CONF: clamdConf });
    writeFileSync(join(sb.uploads, 'with space "q".com'), eicar());
    writeFileSync(join(sb.uploads, 'new\nline.com'), eicar());
    writeFileSync(join(sb.uploads, 'clean.txt'), 'clean');

    const r = scan(sb);

    expect(r.status).toBe(1);
    expect(readdirSync(sb.uploads)).toEqual(['clean.txt']);
    const events = readJsonLines(sb.log);
    const detections = byEvent(events, 'detection');
    expect(detections.map((d) => d.path).sort()).toEqual(
      [join(sb.uploads, 'new\nline.com'), join(sb.uploads, 'with space "q".com')].sort(),
    );
    expect(detections.every((d) => d.scanner === 'clamdscan' && d.signature === REPORTED_SIGNATURE)).toBe(true);
    expect(byEvent(events, 'scan_complete')).toEqual([
      expect.objectContaining({ scanner: 'clamdscan', scanned: 3, infected: 2, quarantined: 2 }),
    ]);
    for (const line of rawLines(sb.log).filter((l) => l.includes('"detection"'))) {
      expect(matchesFilterPattern(AV_DETECTION_FILTER_PATTERN, line)).toBe(true);
    }
  });

  test('auto mode falls back to clamscan when clamd does not answer', () => {
    const sb = sandbox({ PALISADE_AV_SCANNER: 'auto', PALISADE_AV_CLAMD_CONF: join(base, 'no-such-clamd.conf') });
    writeFileSync(join(sb.uploads, 'e.com'), eicar());

    expect(scan(sb).status).toBe(1);
    expect(byEvent(readJsonLines(sb.log), 'detection')).toEqual([expect.objectContaining({ scanner: 'clamscan' })]);
  });
});
