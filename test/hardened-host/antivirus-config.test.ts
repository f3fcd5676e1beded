import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import {
  ANTIVIRUS_DEFAULTS,
  AntivirusConfigError,
  AntivirusConfigInput,
  resolveAntivirusConfig,
} from '../../constructs/hardened-host/antivirus-config';
import { AV_ENV_FILE, CLAMD_ONACCESS_FRAGMENT, CRON_FILE, renderUserData } from '../../constructs/hardened-host/user-data';

/** Runs resolveAntivirusConfig and returns the single issue it must report. */
function onlyIssue(input: AntivirusConfigInput) {
  try {
    resolveAntivirusConfig(input);
  } catch (e) {
    expect(e).toBeInstanceOf(AntivirusConfigError);
    const issues = (e as AntivirusConfigError).issues;
    expect(issues).toHaveLength(1);
    return { issue: issues[0], message: (e as Error).message };
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('antivirus config defaults', () => {
  test('an empty input gives the documented defaults', () => {
    expect(resolveAntivirusConfig({})).toEqual({
      uploadPaths: ['/srv/uploads'],
      fullScanSchedule: '17 3 * * *',
      signatureUpdateSchedule: '0 * * * *',
      quarantineDir: '/var/lib/palisade/quarantine',
      logFile: '/var/log/palisade/av-events.log',
      logGroupName: '/palisade/hardened-host/antivirus',
      signatureMaxAgeHours: 24,
    });
  });

  test('undefined fields fall back to defaults and the result is frozen', () => {
    const c = resolveAntivirusConfig({ uploadPaths: undefined, quarantineDir: '/var/quarantine' });
    expect(c.uploadPaths).toEqual(ANTIVIRUS_DEFAULTS.uploadPaths);
    expect(c.quarantineDir).toBe('/var/quarantine');
    expect(Object.isFrozen(c) && Object.isFrozen(c.uploadPaths)).toBe(true);
  });
});

describe('antivirus config validation names the field and the bad value', () => {
  test('a relative upload path is rejected', () => {
    const { issue, message } = onlyIssue({ uploadPaths: ['/srv/uploads', 'srv/media'] });
    expect(issue).toEqual({ field: 'uploadPaths[1]', value: 'srv/media', message: 'must be an absolute path' });
    expect(message).toContain('uploadPaths[1]: must be an absolute path (got "srv/media")');
  });

  test('an upload path containing ";" is rejected', () => {
    const { issue } = onlyIssue({ uploadPaths: ['/srv/up;rm -rf /'] });
    expect(issue.field).toBe('uploadPaths[0]');
    expect(issue.value).toBe('/srv/up;rm -rf /');
    expect(issue.message).toMatch(/no spaces or shell metacharacters/);
  });

  test.each([
    ['a space', '/srv/my uploads'],
    ['a "$"', '/srv/$HOME'],
    ['a backtick', '/srv/`id`'],
    ['a newline', '/srv/a\nb'],
    ['a ":" (the scripts\' list separator)', '/srv/a:b'],
  ])('an upload path with %s is rejected', (_what, path) => {
    expect(onlyIssue({ uploadPaths: [path] }).issue.field).toBe('uploadPaths[0]');
  });

  test('an upload path with a ".." segment is rejected', () => {
    expect(onlyIssue({ uploadPaths: ['/srv/uploads/../etc'] }).issue.message).toBe('must not contain ".." segments');
  });

  test('"/" as an upload path is rejected', () => {
    expect(onlyIssue({ uploadPaths: ['/'] }).issue.message).toBe('must not be the filesystem root');
  });

  test('an empty upload path list is rejected', () => {
    expect(onlyIssue({ uploadPaths: [] }).issue).toMatchObject({ field: 'uploadPaths', message: 'must list at least one path' });
  });

  test('nested or duplicated upload paths are rejected', () => {
    expect(onlyIssue({ uploadPaths: ['/srv/uploads', '/srv/uploads/tenant'] }).issue).toMatchObject({
      field: 'uploadPaths[1]',
      message: 'is inside uploadPaths[0] (/srv/uploads)',
    });
    expect(onlyIssue({ uploadPaths: ['/srv/a', '/srv/a'] }).issue.message).toBe('duplicates uploadPaths[0]');
  });

  test('a cron expression with an out-of-range value is rejected with cron-parser\'s reason', () => {
    const { issue } = onlyIssue({ fullScanSchedule: '61 3 * * *' });
    expect(issue.field).toBe('fullScanSchedule');
    expect(issue.value).toBe('61 3 * * *');
    expect(issue.message).toMatch(/^is not a valid cron expression: .*61/);
  });

  test.each([
    ['6 fields (seconds)', '0 17 3 * * *', /exactly 5 fields/],
    ['an @macro', '@daily', /exactly 5 fields/],
    ['a Quartz "?"', '0 3 ? * 1', /no names, @macros/],
    ['an inverted range', '0 5-1 * * *', /Invalid range/],
    ['February 31st', '0 3 31 2 *', /not a valid cron expression/],
    ['a shell injection', '0 3 * * *;id', /no names, @macros/],
    ['double spaces', '0  3 * * *', /single spaces/],
  ])('a full-scan schedule with %s is rejected', (_what, expr, reason) => {
    const { issue } = onlyIssue({ fullScanSchedule: expr });
    expect(issue.field).toBe('fullScanSchedule');
    expect(issue.message).toMatch(reason);
  });

  test('a bad signature update schedule is reported under its own field', () => {
    expect(onlyIssue({ signatureUpdateSchedule: '0 24 * * *' }).issue.field).toBe('signatureUpdateSchedule');
  });

  test('a relative quarantine dir is rejected', () => {
    expect(onlyIssue({ quarantineDir: 'quarantine' }).issue).toMatchObject({ field: 'quarantineDir', value: 'quarantine' });
  });

  test('a quarantine dir inside an upload path is rejected (it would be scanned and watched)', () => {
    expect(onlyIssue({ quarantineDir: '/srv/uploads/.quarantine' }).issue).toMatchObject({
      field: 'quarantineDir',
      message: expect.stringMatching(/must not overlap uploadPaths\[0\]/),
    });
  });

  test('a relative log file is rejected', () => {
    expect(onlyIssue({ logFile: 'av.log' }).issue.field).toBe('logFile');
  });

  test('a bad log group name is rejected', () => {
    expect(onlyIssue({ logGroupName: 'has space' }).issue.field).toBe('logGroupName');
    expect(onlyIssue({ logGroupName: 'aws/reserved' }).issue.field).toBe('logGroupName');
  });

  test('a non-integer signature age limit is rejected', () => {
    expect(onlyIssue({ signatureMaxAgeHours: 1.5 }).issue.field).toBe('signatureMaxAgeHours');
  });

  test('an unknown field is rejected rather than ignored', () => {
    expect(onlyIssue({ uploadPath: ['/srv'] } as AntivirusConfigInput).issue.field).toBe('uploadPath');
  });

  test('several problems are reported together', () => {
    try {
      resolveAntivirusConfig({ uploadPaths: ['rel'], fullScanSchedule: 'nope', quarantineDir: 'q' });
      throw new Error('not rejected');
    } catch (e) {
      expect((e as AntivirusConfigError).issues.map((i) => i.field)).toEqual(['uploadPaths[0]', 'fullScanSchedule', 'quarantineDir']);
    }
  });
});

// ------------------------------------------------------------- property

const segment = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,15}$/).filter((s) => s !== '.' && s !== '..');
/** Distinct sibling directories under /srv (never nested inside each other). */
const uploadPaths = fc
  .uniqueArray(segment, { minLength: 1, maxLength: 5, selector: (s) => s })
  .chain((names) =>
    fc.tuple(...names.map((name) => fc.array(segment, { maxLength: 3 }).map((sub) => ['/srv', name, ...sub].join('/')))),
  );
const cronField = (min: number, max: number) =>
  fc.oneof(
    fc.constant('*'),
    fc.integer({ min, max }).map(String),
    fc.integer({ min: 1, max: max - min + 1 }).map((s) => `*/${s}`),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 4 }).map((xs) => xs.join(',')),
  );
const cron = fc
  // Day-of-week 0-6: cron-parser rejects the redundant "0,7" (both Sunday), which is fine to refuse.
  .tuple(cronField(0, 59), cronField(0, 23), cronField(1, 28), cronField(1, 12), cronField(0, 6))
  .map((f) => f.join(' '));
const validConfig = fc.record({
  uploadPaths,
  fullScanSchedule: cron,
  signatureUpdateSchedule: cron,
  quarantineDir: fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `/var/lib/${s.join('/')}`),
  logFile: fc.array(segment, { minLength: 1, maxLength: 2 }).map((s) => `/var/log/${s.join('/')}.log`),
  logGroupName: fc.stringMatching(/^\/[A-Za-z0-9._/-]{1,40}$/),
  signatureMaxAgeHours: fc.integer({ min: 1, max: 336 }),
});

describe('antivirus config property', () => {
  test('any valid generated config renders user data that parses as YAML and carries every upload path', () => {
    fc.assert(
      fc.property(validConfig, (input) => {
        const config = resolveAntivirusConfig(input);
        const userData = renderUserData(config, { region: 'eu-central-1' });
        expect(userData.startsWith('#cloud-config\n')).toBe(true);
        const doc = parseYaml(userData) as { write_files: { path: string; content: string }[] };
        const file = (p: string) => doc.write_files.find((f) => f.path === p)!.content;
        expect(file(AV_ENV_FILE)).toContain(`UPLOAD_PATHS=${input.uploadPaths.join(':')}\n`);
        for (const p of input.uploadPaths) {
          expect(file(CLAMD_ONACCESS_FRAGMENT)).toContain(`OnAccessIncludePath ${p}\n`);
        }
        expect(file(CRON_FILE)).toContain(`${input.fullScanSchedule} root /usr/local/sbin/palisade-av-scan.sh`);
        expect(file(CRON_FILE)).toContain(`${input.signatureUpdateSchedule} root freshclam`);
      }),
      { numRuns: 200 },
    );
  });
});
