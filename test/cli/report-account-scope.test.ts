import * as path from 'node:path';
import { compliantEstate, rmrf, tempDir, writeCdktfOut, writeJson } from '../policies/fixtures';
import { runPalisade as palisade } from '../support/cli';

let dir: string;
beforeEach(() => {
  dir = tempDir('palisade-report-scope-');
});
afterEach(() => rmrf(dir));

describe('palisade report over a cdktf.out judges whole accounts', () => {
  test('a control declared managed elsewhere is shown as such, with its reason; an undeclared missing one fails', async () => {
    const out = writeCdktfOut(dir, compliantEstate('network'));
    const file = path.join(out, 'stacks', 'network', 'cdk.tf.json');
    const json = compliantEstate('network').toJSON();
    (json['//'] as Record<string, unknown>).palisade = { managedElsewhere: [{ control: 'security-hub', reason: 'Security Hub is run by the organization (SEC-42)' }] };
    writeJson(file, json);
    const r = await palisade(dir, 'report', '--format', 'csv');
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.includes('PAL-ACCT-003'));
    expect(rows.some((l) => l.includes('not-applicable') && l.includes('Security Hub is managed elsewhere, declared in config: Security Hub is run by the organization (SEC-42)'))).toBe(true);
    expect(rows.some((l) => l.includes('fail') && l.includes('GuardDuty detector in the checked estate'))).toBe(true);
    const stacksOnly = await palisade(dir, 'report', '--format', 'csv', '--account-scope', 'stacks');
    expect(stacksOnly.stdout).not.toContain('managed elsewhere, declared in config');
    expect((await palisade(dir, 'report', '--account-scope', 'all')).code).toBe(2);
  });
});
