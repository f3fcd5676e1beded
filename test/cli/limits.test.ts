import * as path from 'node:path';
import { parseBaselineLimits } from '../../cli/options';
import { UsageError } from '../../cli/context';
import { compliantEstate, rmrf, tempDir, writeCdktfOut } from '../policies/fixtures';
import { runPalisade as palisade } from '../support/cli';

/** `--limit name=value` on check, report and diff: the baseline's floors and ceilings (DEFAULT_LIMITS) from the CLI. */

let dir: string;
beforeEach(() => {
  dir = tempDir('palisade-limits-');
});
afterEach(() => rmrf(dir));

/** The fixtures are network stacks, not whole accounts: account controls are not expected of them. */
const NETWORK_ONLY = ['--account-scope', 'stacks'];

/** A compliant network stack with a vault lock keeping recovery points 40 days (above the default floor of 35). */
const withLock = (days: number) => compliantEstate('network').add('aws_backup_vault_lock_configuration', 'main', { backup_vault_name: 'main', min_retention_days: days });

const ruleIds = (stdout: string) => (JSON.parse(stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId);

describe('palisade check --limit', () => {
  test('the default floor passes a 40-day vault lock; --limit backupMinRetentionDays=90 makes it a finding', async () => {
    writeCdktfOut(dir, withLock(40));
    const byDefault = await palisade(dir, 'check', ...NETWORK_ONLY, '--format', 'json');
    expect(byDefault.code).toBe(0);
    expect(ruleIds(byDefault.stdout)).not.toContain('PAL-BACKUP-004');

    const raised = await palisade(dir, 'check', ...NETWORK_ONLY, '--format', 'json', '--limit', 'backupMinRetentionDays=90');
    expect(raised.code).toBe(1);
    expect(ruleIds(raised.stdout)).toEqual(['PAL-BACKUP-004']);
    expect(raised.stdout).toContain('min_retention_days 40 days < 90');
    expect(raised.stderr).toBe('');
  });

  test('a limit looser than its default is applied and noted on stderr', async () => {
    writeCdktfOut(dir, withLock(20));
    expect((await palisade(dir, 'check', ...NETWORK_ONLY)).code).toBe(1);
    const loosened = await palisade(dir, 'check', ...NETWORK_ONLY, '--limit', 'backupMinRetentionDays=14');
    expect(loosened.code).toBe(0);
    expect(loosened.stderr).toBe('palisade: note: --limit backupMinRetentionDays=14 is looser than the default 35\n');
  });

  test('repeatable: several limits in one run', async () => {
    writeCdktfOut(dir, withLock(40));
    const r = await palisade(dir, 'check', ...NETWORK_ONLY, '--format', 'json', '--limit', 'wafRateLimitCeiling=1000', '--limit', 'backupMinRetentionDays=41');
    expect(r.code).toBe(1);
    expect(ruleIds(r.stdout)).toEqual(['PAL-BACKUP-004']);
  });

  test.each([
    ['backupMinRetentionDay=35', '--limit "backupMinRetentionDay=35": unknown limit "backupMinRetentionDay" (expected wafRateLimitCeiling, backupMinRetentionDays, logBucketMinRetentionDays)'],
    ['backupMinRetentionDays=0', '--limit "backupMinRetentionDays=0": backupMinRetentionDays must be a positive integer, got "0"'],
    ['backupMinRetentionDays=-5', '--limit "backupMinRetentionDays=-5": backupMinRetentionDays must be a positive integer, got "-5"'],
    ['backupMinRetentionDays=35.5', '--limit "backupMinRetentionDays=35.5": backupMinRetentionDays must be a positive integer, got "35.5"'],
    ['backupMinRetentionDays=', '--limit "backupMinRetentionDays=": backupMinRetentionDays must be a positive integer, got ""'],
    ['backupMinRetentionDays= 35', '--limit "backupMinRetentionDays= 35": backupMinRetentionDays must be a positive integer, got " 35"'],
    ['wafRateLimitCeiling=1e3', '--limit "wafRateLimitCeiling=1e3": wafRateLimitCeiling must be a positive integer, got "1e3"'],
    ['wafRateLimitCeiling=99999999999999999999', '--limit "wafRateLimitCeiling=99999999999999999999": wafRateLimitCeiling must be a positive integer, got "99999999999999999999"'],
    ['backupMinRetentionDays', '--limit expects name=value, got "backupMinRetentionDays"'],
    ['toString=5', '--limit "toString=5": unknown limit "toString" (expected wafRateLimitCeiling, backupMinRetentionDays, logBucketMinRetentionDays)'],
  ])('check --limit %p exits 2 with one line naming the flag and the value', async (spec, message) => {
    writeCdktfOut(dir, withLock(40));
    const r = await palisade(dir, 'check', ...NETWORK_ONLY, '--limit', spec);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`palisade: error: ${message}\n`);
  });

  test('a limit given twice is refused rather than one silently winning', () => {
    expect(() => parseBaselineLimits({ limit: ['backupMinRetentionDays=40', 'backupMinRetentionDays=90'] })).toThrow(UsageError);
    expect(() => parseBaselineLimits({ limit: ['backupMinRetentionDays=40', 'backupMinRetentionDays=90'] })).toThrow('--limit "backupMinRetentionDays=90": backupMinRetentionDays is given more than once');
  });

  test('no --limit: no override (the engine keeps DEFAULT_LIMITS)', () => {
    expect(parseBaselineLimits({})).toEqual({});
    expect(parseBaselineLimits({ limit: ['logBucketMinRetentionDays=400'] })).toEqual({ logBucketMinRetentionDays: 400 });
  });

  test('--help lists the limits with their defaults', async () => {
    const r = await palisade(dir, 'check', '--help');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('wafRateLimitCeiling (default 2000), backupMinRetentionDays (default 35), logBucketMinRetentionDays (default 365)');
  });
});

describe('palisade report --limit', () => {
  test('the evidence report judges with the given limit', async () => {
    writeCdktfOut(dir, withLock(40));
    const byDefault = await palisade(dir, 'report', '--format', 'csv');
    expect(byDefault.code).toBe(0);
    const line = (csv: string) => csv.split('\n').filter((l) => l.includes('PAL-BACKUP-004') && l.includes('aws_backup_vault_lock_configuration.main'));
    expect(line(byDefault.stdout).join('\n')).not.toMatch(/fail/);
    expect(line(byDefault.stdout).join('\n')).toMatch(/pass/);
    const raised = await palisade(dir, 'report', '--format', 'csv', '--limit', 'backupMinRetentionDays=90');
    expect(raised.code).toBe(0);
    expect(line(raised.stdout).join('\n')).toMatch(/fail/);
    expect((await palisade(dir, 'report', '--limit', 'backupMinRetentionDays=ninety')).code).toBe(2);
  });
});

describe('palisade diff --limit', () => {
  test('a head that adds a 40-day vault lock is no regression by default, and a regression under a 90-day floor', async () => {
    const base = writeCdktfOut(path.join(dir, 'base'), compliantEstate('network'));
    const head = writeCdktfOut(path.join(dir, 'head'), withLock(40));
    const byDefault = await palisade(dir, 'diff', base, head, '--format', 'json');
    expect(byDefault.code).toBe(0);
    const raised = await palisade(dir, 'diff', base, head, '--format', 'json', '--limit', 'backupMinRetentionDays=90');
    expect(raised.code).toBe(1);
    expect(raised.stdout).toContain('PAL-BACKUP-004');
    const bad = await palisade(dir, 'diff', base, head, '--limit', 'backupMinRetentionDays=0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('palisade: error: --limit "backupMinRetentionDays=0": backupMinRetentionDays must be a positive integer, got "0"\n');
  });
});
