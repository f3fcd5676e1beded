/**
 * The rendered #cloud-config, checked by the real Debian cloud-init schema
 * validator and, for the clamd fragment, by the real clamconf parser.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  AV_ENV_FILE,
  CLAMD_ONACCESS_FRAGMENT,
  CLAMONACC_DROPIN,
  CRON_FILE,
  CW_AGENT_CONFIG_FILE,
  EC2_USER_DATA_LIMIT_BYTES,
  gzippedUserDataSize,
  HOST_PACKAGES,
  INSTALLED_SCRIPTS,
  renderUserData,
  SCRIPT_SOURCES,
} from '../../constructs/hardened-host/user-data';
import { AntivirusConfigError } from '../../constructs/hardened-host/antivirus-config';
import { BOOTSTRAP_SCRIPT, requireTools, run, tempDir } from './helpers';

interface CloudConfig {
  packages: string[];
  package_update: boolean;
  write_files: { path: string; content: string; permissions: string; owner: string }[];
  runcmd: string[][];
}

const CONFIG = { uploadPaths: ['/srv/uploads', '/srv/media/incoming'], fullScanSchedule: '17 3 * * *' };
let base: string;

beforeAll(() => {
  requireTools('cloud-init', 'clamconf');
  base = tempDir('userdata');
});
afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

function render(input = CONFIG, opts = { region: 'eu-west-1', logGroupName: '/palisade/prod/av' }) {
  const text = renderUserData(input, opts);
  return { text, doc: parseYaml(text) as CloudConfig };
}
const file = (doc: CloudConfig, path: string) => {
  const f = doc.write_files.find((w) => w.path === path);
  if (!f) throw new Error(`no write_files entry for ${path}`);
  return f;
};

describe('rendered user data', () => {
  test('passes the real `cloud-init schema --config-file` validation', () => {
    const { text } = render();
    const f = join(base, 'user-data.yaml');
    writeFileSync(f, text);
    const r = run('cloud-init', ['schema', '--config-file', f]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.stdout).toContain(`Valid cloud-config: ${f}`);
    expect(r.status).toBe(0);
  });

  test('the schema validator used above does reject a broken document (negative control)', () => {
    const { doc } = render();
    const broken = { ...doc, packages: 'clamav', write_files: [{ content: 'no path' }] };
    const f = join(base, 'broken.yaml');
    writeFileSync(f, '#cloud-config\n' + JSON.stringify(broken));
    const r = run('cloud-init', ['schema', '--config-file', f]);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/'path' is a required property/);
  });

  test('installs ClamAV, jq and cron from the Ubuntu archive and runs only the bootstrap script, in exec form', () => {
    const { doc } = render();
    expect(doc.packages).toEqual([...HOST_PACKAGES]);
    expect(doc.packages).toEqual(expect.arrayContaining(['clamav', 'clamav-daemon', 'clamav-freshclam', 'jq']));
    expect(doc.runcmd).toEqual([[INSTALLED_SCRIPTS.bootstrap]]);
  });

  test('ships the three scripts byte-for-byte, root-owned and not world-readable', () => {
    const { doc } = render();
    for (const key of ['scan', 'selfcheck', 'bootstrap'] as const) {
      const f = file(doc, INSTALLED_SCRIPTS[key]);
      expect(f.content).toBe(readFileSync(SCRIPT_SOURCES[key], 'utf8'));
      expect(f.permissions).toBe('0750');
      expect(f.owner).toBe('root:root');
    }
  });

  test('configures on-access scanning for each upload path, with prevention and clamd excluded', () => {
    const { doc } = render();
    expect(file(doc, CLAMD_ONACCESS_FRAGMENT).content.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([
      'OnAccessIncludePath /srv/uploads',
      'OnAccessIncludePath /srv/media/incoming',
      'OnAccessPrevention yes',
      'OnAccessExcludeUname clamav',
      'OnAccessExcludeRootUID yes',
    ]);
    expect(file(doc, CLAMONACC_DROPIN).content).toMatch(/^ExecStart=\nExecStart=\/usr\/sbin\/clamonacc -F --fdpass /m);
    expect(file(doc, CLAMONACC_DROPIN).content).not.toMatch(/^ExecStart=.*--move/m);
  });

  test('the on-access fragment, merged into Debian\'s real clamd.conf by the bootstrap script, is parsed by clamconf without errors', () => {
    const { doc } = render();
    const dir = join(base, 'clamconf');
    mkdirSync(dir, { recursive: true });
    copyFileSync('/etc/clamav/clamd.conf', join(dir, 'clamd.conf'));
    const fragment = join(base, 'fragment.conf');
    writeFileSync(fragment, file(doc, CLAMD_ONACCESS_FRAGMENT).content);

    // Twice: the merge is idempotent.
    for (let i = 0; i < 2; i++) {
      const m = run('bash', [BOOTSTRAP_SCRIPT, 'merge-clamd-conf', fragment, join(dir, 'clamd.conf')]);
      expect(m.stderr).toBe('');
      expect(m.status).toBe(0);
    }
    const merged = readFileSync(join(dir, 'clamd.conf'), 'utf8');
    expect(merged.match(/^OnAccessIncludePath /gm)).toHaveLength(2);
    expect(merged.match(/^# BEGIN palisade/gm)).toHaveLength(1);
    expect(merged).toMatch(/^User clamav$/m); // Debian's own settings are kept

    const r = run('clamconf', ['-c', dir]);
    expect(r.stdout + r.stderr).not.toMatch(/ERROR/);
    expect(r.stdout).toContain('OnAccessIncludePath = "/srv/uploads", "/srv/media/incoming"');
    expect(r.stdout).toContain('OnAccessPrevention = "yes"');
    expect(r.stdout).toContain('OnAccessExcludeUname = "clamav"');
    expect(r.stdout).toContain('OnAccessExcludeRootUID = "yes"');
  });

  test('clamconf does flag an unknown option (negative control for the test above)', () => {
    const dir = join(base, 'clamconf-bad');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'clamd.conf'), 'OnAccessIncludePathz /srv/uploads\n');
    expect(run('clamconf', ['-c', dir]).stdout + run('clamconf', ['-c', dir]).stderr).toMatch(/ERROR: .*Unknown option OnAccessIncludePathz/);
  });

  test('schedules the full scan and freshclam from /etc/cron.d with the configured cron expressions', () => {
    const { doc } = render({ ...CONFIG, fullScanSchedule: '30 2 * * 1-5' } as typeof CONFIG);
    const cron = file(doc, CRON_FILE).content;
    expect(cron).toContain('\n30 2 * * 1-5 root /usr/local/sbin/palisade-av-scan.sh 2>&1 >/dev/null | logger -t palisade-av-scan\n');
    expect(cron).toContain('\n0 * * * * root freshclam --quiet 2>&1 | logger -t palisade-freshclam\n');
    expect(file(doc, CRON_FILE).permissions).toBe('0644');
  });

  test('ships the event log to the given log group with the CloudWatch agent, from the regional download', () => {
    const { doc } = render();
    const cw = JSON.parse(file(doc, CW_AGENT_CONFIG_FILE).content);
    expect(cw.logs.logs_collected.files.collect_list[0]).toEqual({
      file_path: '/var/log/palisade/av-events.log',
      log_group_name: '/palisade/prod/av',
      log_stream_name: '{instance_id}/av-events',
      timezone: 'UTC',
    });
    expect(file(doc, AV_ENV_FILE).content).toContain('\nREGION=eu-west-1\n');
    expect(readFileSync(SCRIPT_SOURCES.bootstrap, 'utf8')).toContain(
      'https://amazoncloudwatch-agent-${cfg_region}.s3.${cfg_region}.amazonaws.com/ubuntu/${arch}/latest/amazon-cloudwatch-agent.deb',
    );
  });

  test('fits the 16 KB EC2 user-data limit once gzipped (the construct must use Fn.base64gzip)', () => {
    const { text } = render();
    expect(Buffer.byteLength(text)).toBeGreaterThan(EC2_USER_DATA_LIMIT_BYTES); // why gzip is required
    expect(gzippedUserDataSize(text)).toBeLessThan(EC2_USER_DATA_LIMIT_BYTES * 0.75); // headroom
  });

  test('contains no secrets: no key, token or password material', () => {
    const { text } = render();
    expect(text).not.toMatch(/AKIA[0-9A-Z]{16}|aws_secret_access_key|BEGIN [A-Z ]*PRIVATE KEY|password\s*[:=]/i);
  });

  test('rejects a bad region or log group override with a named field', () => {
    expect(() => renderUserData(CONFIG, { region: 'eu-west-1; id' })).toThrow(AntivirusConfigError);
    expect(() => renderUserData(CONFIG, { region: 'eu-west-1; id' })).toThrow(/region: must be an AWS region/);
    expect(() => renderUserData(CONFIG, { region: 'eu-west-1', logGroupName: 'bad name' })).toThrow(/logGroupName/);
  });
});
