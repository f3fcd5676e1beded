/**
 * Every shell script shipped to hosts passes the real shellcheck, and so
 * does the shell embedded elsewhere: the /etc/cron.d command lines (run by
 * /bin/sh) and the SSM document's runShellScript lines.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { avSelfCheckSsmDocument } from '../../constructs/hardened-host/ssm-selfcheck';
import { resolveAntivirusConfig } from '../../constructs/hardened-host/antivirus-config';
import { renderCronFile } from '../../constructs/hardened-host/user-data';
import { REPO_ROOT, requireTools, run, SCRIPTS, tempDir } from './helpers';

let base: string;
beforeAll(() => {
  requireTools('shellcheck');
  base = tempDir('shellcheck');
});
afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

function shellcheck(file: string, shell?: 'sh' | 'bash') {
  const r = run('shellcheck', ['--severity=style', '--external-sources', ...(shell ? ['--shell', shell] : []), file]);
  return { ...r, output: r.stdout + r.stderr };
}

const shipped = readdirSync(SCRIPTS).filter((f) => f.endsWith('.sh'));

describe('shellcheck', () => {
  test('finds the shipped scripts', () => {
    expect(shipped.sort()).toEqual(['palisade-av-bootstrap.sh', 'palisade-av-scan.sh', 'palisade-av-selfcheck.sh']);
  });

  test.each(shipped)('%s is shellcheck-clean at style severity', (name) => {
    const r = shellcheck(join(SCRIPTS, name));
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  test('scripts/setup-tools.sh is shellcheck-clean', () => {
    const r = shellcheck(join(REPO_ROOT, 'scripts', 'setup-tools.sh'));
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  test('the command part of every /etc/cron.d line is clean POSIX sh', () => {
    const cron = renderCronFile(resolveAntivirusConfig({}));
    const commands = cron
      .split('\n')
      .filter((l) => /^[0-9*]/.test(l))
      .map((l) => l.split(' ').slice(6).join(' ')); // 5 schedule fields + user
    expect(commands).toHaveLength(2);
    const f = join(base, 'cron-commands.sh');
    writeFileSync(f, '#!/bin/sh\n' + commands.join('\n') + '\n');
    const r = shellcheck(f, 'sh');
    expect(r.output).toBe('');
  });

  test('the SSM document\'s runShellScript lines are clean POSIX sh', () => {
    const lines = avSelfCheckSsmDocument().mainSteps[0].inputs.runCommand;
    const f = join(base, 'ssm.sh');
    // SSM substitutes {{ repair }} before running; use an allowed value.
    writeFileSync(f, '#!/bin/sh\n' + lines.join('\n').replace(/\{\{ repair \}\}/g, 'yes') + '\n');
    const r = shellcheck(f, 'sh');
    expect(r.output).toBe('');
  });

  test('shellcheck does report a real problem (negative control)', () => {
    const f = join(base, 'bad.sh');
    writeFileSync(f, '#!/bin/bash\nrm -rf $1/*\n');
    const r = shellcheck(f);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/SC2086/);
  });
});
