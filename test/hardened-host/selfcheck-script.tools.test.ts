/**
 * palisade-av-selfcheck.sh. The signature-freshness logic runs against real
 * databases read by the real `sigtool --info`. Service state (systemctl,
 * pgrep, dpkg-query, freshclam) is faked with small stub commands placed
 * first on PATH, because this machine has no systemd: those tests prove the
 * script's decisions and repairs, not the behaviour of systemd itself.
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AV_SELFCHECK_FAILURE_FILTER_PATTERN, matchesFilterPattern } from '../../constructs/hardened-host/metric-filter';
import { buildDailyCud, rawLines, requireTools, run, SELFCHECK_SCRIPT, setCvdBuildTime, tempDir } from './helpers';

const HOUR = 3600 * 1000;
let base: string;
let freshCud: string; // a sigtool-built daily.cud, stamped now

beforeAll(() => {
  requireTools('sigtool', 'jq');
  base = tempDir('selfcheck');
  freshCud = buildDailyCud(base, join(base, 'fresh'));
});

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

let n = 0;
interface Case {
  dir: string;
  dbDir: string;
  bin: string;
  log: string;
  clamdConf: string;
  env: NodeJS.ProcessEnv;
}

/** A case directory with a stub bin/ first on PATH and overridable paths. */
function makeCase(uploadPaths = '/srv/uploads'): Case {
  const dir = join(base, `case-${++n}`);
  const dbDir = join(dir, 'db');
  const bin = join(dir, 'bin');
  mkdirSync(dbDir, { recursive: true });
  mkdirSync(bin, { recursive: true });
  const config = join(dir, 'av.env');
  writeFileSync(config, `UPLOAD_PATHS=${uploadPaths}\nSIG_MAX_AGE_HOURS=24\n`);
  const log = join(dir, 'av-events.log');
  const clamdConf = join(dir, 'clamd.conf');
  return {
    dir,
    dbDir,
    bin,
    log,
    clamdConf,
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      PALISADE_AV_CONFIG: config,
      PALISADE_AV_DB_DIR: dbDir,
      PALISADE_AV_CLAMD_CONF: clamdConf,
      PALISADE_AV_LOG_FILE: log,
      PALISADE_AV_HOST: 'test-host',
      PALISADE_AV_BOOTSTRAP: join(bin, 'bootstrap'),
    },
  };
}

function stub(c: Case, name: string, body: string): void {
  const p = join(c.bin, name);
  writeFileSync(p, `#!/bin/bash\n${body}\n`);
  chmodSync(p, 0o755);
}

function selfcheck(c: Case, ...args: string[]) {
  return run('bash', [SELFCHECK_SCRIPT, ...args], { env: c.env });
}

function copyFresh(c: Case): string {
  const dest = join(c.dbDir, 'daily.cud');
  writeFileSync(dest, readFileSync(freshCud));
  return dest;
}

describe('palisade-av-selfcheck.sh signature freshness', () => {
  test('a database built now passes, judged by the build time that sigtool --info reads', () => {
    const c = makeCase();
    copyFresh(c);
    const r = selfcheck(c, '--only', 'signatures', '--no-repair');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^palisade-av-selfcheck: OK \(checks: signatures; signatures 0h old \(build-time of daily\.cud\)\)$/);
  });

  test('a database whose build time is 3 days old fails with one line naming the age and the limit, even though its mtime is fresh', () => {
    const c = makeCase();
    const f = copyFresh(c);
    setCvdBuildTime(f, new Date(Date.now() - 72 * HOUR - 60_000));
    expect(run('sigtool', [`--info=${f}`]).stdout).toMatch(/Build time: /);

    const r = selfcheck(c, '--only', 'signatures', '--no-repair');

    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('palisade-av-selfcheck: NONCOMPLIANT: signatures are 72h old (limit 24h, build-time of daily.cud)\n');
  });

  test('a database sigtool cannot read is judged by its mtime: 2h old passes, 30h old fails', () => {
    const c = makeCase();
    const f = join(c.dbDir, 'daily.cld');
    writeFileSync(f, 'not a cvd container');
    const at = (hoursAgo: number) => {
      const t = new Date(Date.now() - hoursAgo * HOUR);
      utimesSync(f, t, t);
    };

    at(2);
    const ok = selfcheck(c, '--only', 'signatures', '--no-repair');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('signatures 2h old (mtime of daily.cld)');

    at(30);
    const stale = selfcheck(c, '--only', 'signatures', '--no-repair');
    expect(stale.status).toBe(1);
    expect(stale.stderr).toBe('palisade-av-selfcheck: NONCOMPLIANT: signatures are 30h old (limit 24h, mtime of daily.cld)\n');
  });

  test('the limit comes from SIG_MAX_AGE_HOURS (env overrides the config file)', () => {
    const c = makeCase();
    const f = copyFresh(c);
    setCvdBuildTime(f, new Date(Date.now() - 30 * HOUR));
    expect(selfcheck(c, '--only', 'signatures', '--no-repair').status).toBe(1);
    const r = run('bash', [SELFCHECK_SCRIPT, '--only', 'signatures', '--no-repair'], {
      env: { ...c.env, PALISADE_AV_SIG_MAX_AGE_HOURS: '48' },
    });
    expect(r.status).toBe(0);
  });

  test('no database at all is non-compliant', () => {
    const c = makeCase();
    const r = selfcheck(c, '--only', 'signatures', '--no-repair');
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`palisade-av-selfcheck: NONCOMPLIANT: no daily signature database (daily.cld/cvd/cud) in ${c.dbDir}`);
  });

  test('a stale database is repaired by running freshclam, then passes', () => {
    const c = makeCase();
    const f = copyFresh(c);
    setCvdBuildTime(f, new Date(Date.now() - 50 * HOUR));
    // Stub freshclam "downloads" a fresh database.
    stub(c, 'freshclam', `cp ${JSON.stringify(freshCud)} ${JSON.stringify(f)}`);

    const r = selfcheck(c, '--only', 'signatures');

    expect(r.status).toBe(0);
    expect(r.stdout).toContain('palisade-av-selfcheck: repair: signatures are 50h old');
    expect(r.stdout).toMatch(/OK \(.*signatures 0h old .*repaired: 1\)/);
  });

  test('when freshclam cannot fix it, the check fails and says so; the failure event matches the self-check metric filter', () => {
    const c = makeCase();
    const f = copyFresh(c);
    setCvdBuildTime(f, new Date(Date.now() - 50 * HOUR));
    stub(c, 'freshclam', 'echo "cannot reach mirror" >&2; exit 1');

    const r = selfcheck(c, '--only', 'signatures');

    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      'palisade-av-selfcheck: NONCOMPLIANT: signatures are 50h old (limit 24h, build-time of daily.cud), and freshclam did not fix it',
    );
    const lines = rawLines(c.log);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ event: 'selfcheck', status: 'fail' });
    expect(matchesFilterPattern(AV_SELFCHECK_FAILURE_FILTER_PATTERN, lines[0])).toBe(true);
  });
});

describe('palisade-av-selfcheck.sh service and on-access checks (stubbed systemctl/pgrep)', () => {
  const ON_ACCESS = 'OnAccessIncludePath /srv/uploads\nOnAccessIncludePath /srv/media\nOnAccessPrevention yes\n';

  /** systemctl stub backed by state files: is-active reads them, restart sets them. */
  function fakeSystemd(c: Case, active: string[], restartable: string[]) {
    const state = join(c.dir, 'state');
    mkdirSync(state, { recursive: true });
    for (const u of active) writeFileSync(join(state, u), '');
    stub(
      c,
      'systemctl',
      [
        `state=${JSON.stringify(state)}`,
        'echo "systemctl $*" >> "$state/calls"',
        'args=(); for a in "$@"; do [[ $a == --* ]] || args+=("$a"); done',
        'case "${args[0]}" in',
        '  is-active) [[ -e "$state/${args[1]}" ]] ;;',
        `  restart) case "\${args[1]}" in ${restartable.length ? restartable.join('|') : '__none__'}) touch "$state/\${args[1]}" ;; *) exit 1 ;; esac ;;`,
        '  *) exit 0 ;;',
        'esac',
      ].join('\n'),
    );
    stub(c, 'pgrep', `[[ -e ${JSON.stringify(join(state, 'clamav-clamonacc'))} ]]`);
    stub(c, 'clamdscan', `[[ -e ${JSON.stringify(join(state, 'clamav-daemon'))} ]]`);
    stub(c, 'sleep', 'exit 0');
    return { calls: () => readFileSync(join(state, 'calls'), 'utf8') };
  }

  test('all good: clamd active and answering, clamonacc running, every upload path in clamd.conf', () => {
    const c = makeCase('/srv/uploads:/srv/media');
    writeFileSync(c.clamdConf, `User clamav\n${ON_ACCESS}`);
    fakeSystemd(c, ['clamav-daemon', 'clamav-clamonacc'], []);
    const r = selfcheck(c, '--only', 'clamd,onaccess', '--no-repair');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('an upload path missing from OnAccessIncludePath is non-compliant without repair', () => {
    const c = makeCase('/srv/uploads:/srv/media');
    writeFileSync(c.clamdConf, 'OnAccessIncludePath /srv/uploads\nOnAccessPrevention yes\n');
    fakeSystemd(c, ['clamav-daemon', 'clamav-clamonacc'], []);
    const r = selfcheck(c, '--only', 'onaccess', '--no-repair');
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`palisade-av-selfcheck: NONCOMPLIANT: on-access scanning not configured for /srv/media in ${c.clamdConf}`);
  });

  test('config drift is repaired by re-running the bootstrap merge and restarting clamd', () => {
    const c = makeCase('/srv/uploads:/srv/media');
    writeFileSync(c.clamdConf, 'User clamav\n');
    const sd = fakeSystemd(c, ['clamav-daemon', 'clamav-clamonacc'], ['clamav-daemon', 'clamav-clamonacc']);
    stub(c, 'bootstrap', `[[ "$1" == configure-clamd ]] && printf '%b' ${JSON.stringify(ON_ACCESS)} >> ${JSON.stringify(c.clamdConf)}`);
    const r = selfcheck(c, '--only', 'onaccess');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('repair: on-access scanning not configured for /srv/uploads /srv/media');
    expect(sd.calls()).toContain('systemctl restart clamav-daemon');
  });

  test('a stopped clamd is restarted; one that will not start is reported', () => {
    const ok = makeCase();
    const sd = fakeSystemd(ok, [], ['clamav-daemon']);
    const r1 = selfcheck(ok, '--only', 'clamd');
    expect(r1.status).toBe(0);
    expect(r1.stdout).toContain('repair: restarting clamav-daemon');
    expect(sd.calls()).toContain('systemctl restart clamav-daemon');

    const broken = makeCase();
    fakeSystemd(broken, [], []);
    const r2 = selfcheck(broken, '--only', 'clamd');
    expect(r2.status).toBe(1);
    expect(r2.stderr.trim()).toBe('palisade-av-selfcheck: NONCOMPLIANT: clamav-daemon does not start (see journalctl -u clamav-daemon)');
  });

  test('a stopped clamonacc is non-compliant without repair and restarted with it', () => {
    const c = makeCase();
    writeFileSync(c.clamdConf, ON_ACCESS);
    fakeSystemd(c, ['clamav-daemon'], ['clamav-clamonacc']);
    const r1 = selfcheck(c, '--only', 'onaccess', '--no-repair');
    expect(r1.status).toBe(1);
    expect(r1.stderr.trim()).toBe('palisade-av-selfcheck: NONCOMPLIANT: clamonacc (on-access scanner) is not running');
    const r2 = selfcheck(c, '--only', 'onaccess');
    expect(r2.status).toBe(0);
    expect(r2.stdout).toContain('repair: restarting clamav-clamonacc');
  });

  test('missing packages are reported by name without repair', () => {
    const c = makeCase();
    stub(c, 'dpkg-query', '[[ "${!#}" == clamav-daemon ]] && { echo "un "; exit 0; }; echo "ii "');
    const r = selfcheck(c, '--only', 'packages', '--no-repair');
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('palisade-av-selfcheck: NONCOMPLIANT: packages not installed: clamav-daemon');
  });

  test('unknown arguments and checks are usage errors (exit 2), not silent passes', () => {
    const c = makeCase();
    expect(selfcheck(c, '--only', 'signatrues').status).toBe(2);
    expect(selfcheck(c, '--bogus').status).toBe(2);
  });
});
