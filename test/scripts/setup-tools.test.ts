import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * scripts/setup-tools.sh checks capabilities, never exact package versions: run in check-only mode against fake
 * tools on PATH, it accepts any version at or above each minimum and names the package and the missing capability
 * otherwise.
 */
const SCRIPT = path.resolve(__dirname, '../../scripts/setup-tools.sh');

type Versions = { cloudInit: string; shellcheck: string; clam: string; jq: string; chromium: string; cloudInitHasSchema?: boolean; sigtoolHasSha256?: boolean };
const CURRENT: Versions = { cloudInit: '22.4.2', shellcheck: '0.9.0', clam: '1.4.6', jq: '1.6', chromium: '156.0.8078.114' };

/** A folder of fake tools printing the given versions the way the real ones do. */
function fakeTools(v: Versions): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-fake-tools-'));
  const tool = (name: string, body: string) => fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  tool('cloud-init', `case "$1 $2" in
  "schema --help") echo "usage: cloud-init schema [-h] ${v.cloudInitHasSchema === false ? '' : '[-c CONFIG_FILE]  --config-file'}";;
  "--version "*) echo "/usr/bin/cloud-init ${v.cloudInit}-1~deb12u4";;
esac`);
  tool('shellcheck', `printf 'ShellCheck - shell script analysis tool\\nversion: ${v.shellcheck}\\nlicense: GPLv3\\n'`);
  for (const clam of ['clamscan', 'clamd', 'clamdscan', 'clamconf']) tool(clam, `echo "ClamAV ${v.clam}/27000/Mon Dec  1 09:00:00 2026"`);
  tool('sigtool', `if [ "$1" = --help ]; then echo "  ${v.sigtoolHasSha256 === false ? '--md5 FILE' : '--sha256 FILE'}"; else echo "ClamAV ${v.clam}"; fi`);
  tool('jq', `echo "jq-${v.jq}"`);
  tool('chromium', `echo "Chromium ${v.chromium} built on Debian GNU/Linux 12 (bookworm)"`);
  tool('flock', 'exit 0');
  return dir;
}

function checkOnly(v: Versions) {
  const fakes = fakeTools(v);
  try {
    return spawnSync('bash', [SCRIPT], {
      encoding: 'utf8',
      env: { PATH: `${fakes}:/usr/bin:/bin`, PALISADE_SETUP_TOOLS_CHECK_ONLY: '1', PALISADE_CHROMIUM: path.join(fakes, 'chromium') },
    });
  } finally {
    fs.rmSync(fakes, { recursive: true, force: true });
  }
}

describe('scripts/setup-tools.sh', () => {
  test('accepts the current Debian versions and reports them in one line', () => {
    const r = checkOnly(CURRENT);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['setup-tools: all present: cloud-init 22.4.2, shellcheck 0.9.0, clamav 1.4.6, jq 1.6, chromium 156.0.8078.114']);
  });

  test('accepts newer versions than the ones it was written against (security updates never break it)', () => {
    expect(checkOnly({ cloudInit: '25.1', shellcheck: '0.10.0', clam: '1.5.0', jq: '1.7.1', chromium: '160.0.1.2' }).status).toBe(0);
  });

  test.each([
    ['shellcheck', { shellcheck: '0.6.0' }, /package shellcheck: needs shellcheck >= 0\.7/],
    ['clamav', { clam: '0.103.8' }, /package clamav: needs clamscan, sigtool and clamconf >= 1\.0/],
    ['jq', { jq: '1.5' }, /package jq: needs jq >= 1\.6/],
    ['chromium', { chromium: '119.0.6045.1' }, /package chromium: needs chromium >= 120/],
    ['cloud-init', { cloudInitHasSchema: false }, /package cloud-init: needs cloud-init with the 'schema --config-file' subcommand/],
    ['sigtool', { sigtoolHasSha256: false }, /package clamav: needs clamscan, sigtool/],
  ])('names the package when %s lacks the capability the tests need', (_name, change, message) => {
    const r = checkOnly({ ...CURRENT, ...change });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  test('pins no Debian package to an exact version and never downgrades', () => {
    const script = fs.readFileSync(SCRIPT, 'utf8');
    expect(script).not.toMatch(/\b[a-z][a-z0-9.+-]*=\d+[.:]\d[\w.+~:-]*/);
    expect(script).not.toMatch(/--allow-downgrades/);
  });
});
