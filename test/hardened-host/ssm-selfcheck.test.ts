import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AV_SELFCHECK_ASSOCIATION_SCHEDULE, avSelfCheckSsmDocument } from '../../constructs/hardened-host/ssm-selfcheck';
import { INSTALLED_SCRIPTS } from '../../constructs/hardened-host/user-data';
import { run, tempDir } from './helpers';

describe('SSM self-check document', () => {
  let base: string;
  beforeAll(() => {
    base = tempDir('ssm');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  test('is a schemaVersion 2.2 Command document with one aws:runShellScript step running the installed self-check', () => {
    const doc = avSelfCheckSsmDocument();
    expect(doc.schemaVersion).toBe('2.2');
    expect(doc.mainSteps).toHaveLength(1);
    expect(doc.mainSteps[0]).toMatchObject({
      action: 'aws:runShellScript',
      name: 'palisadeAvSelfCheck',
      precondition: { StringEquals: ['platformType', 'Linux'] },
    });
    expect(doc.mainSteps[0].inputs.runCommand.join('\n')).toContain(`exec ${INSTALLED_SCRIPTS.selfcheck}`);
    expect(doc.parameters.repair).toMatchObject({ default: 'yes', allowedPattern: '^(yes|no)$' });
    expect(AV_SELFCHECK_ASSOCIATION_SCHEDULE).toBe('rate(1 day)');
    // Round-trips as the JSON string the construct will synthesize.
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  /** Runs the document's lines with /bin/sh, as SSM does, against a stand-in self-check. */
  function runDocument(repair: 'yes' | 'no', selfcheckBody: string | undefined) {
    const dir = join(base, `${repair}-${selfcheckBody === undefined ? 'missing' : 'present'}-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir, { recursive: true });
    const fake = join(dir, 'palisade-av-selfcheck.sh');
    if (selfcheckBody !== undefined) {
      writeFileSync(fake, `#!/bin/sh\n${selfcheckBody}\n`);
      chmodSync(fake, 0o755);
    }
    const script = avSelfCheckSsmDocument()
      .mainSteps[0].inputs.runCommand.join('\n')
      .split(INSTALLED_SCRIPTS.selfcheck)
      .join(fake)
      .replace(/\{\{ repair \}\}/g, repair);
    return run('sh', ['-c', script]);
  }

  test('propagates the self-check exit status and one-line reason (what makes the association non-compliant)', () => {
    const ok = runDocument('yes', 'echo "args:$*"; exit 0');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('args:\n');

    const noRepair = runDocument('no', 'echo "args:$*"; exit 0');
    expect(noRepair.stdout).toBe('args:--no-repair\n');

    const bad = runDocument('yes', 'echo "palisade-av-selfcheck: NONCOMPLIANT: signatures are 50h old" >&2; exit 1');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('palisade-av-selfcheck: NONCOMPLIANT: signatures are 50h old\n');
  });

  test('fails with a reason when the self-check script is not installed', () => {
    const r = runDocument('yes', undefined);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/NONCOMPLIANT: .*palisade-av-selfcheck\.sh is missing/);
  });
});
