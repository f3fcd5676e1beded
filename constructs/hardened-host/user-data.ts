/**
 * Renders the `#cloud-config` user data that turns an Ubuntu 24.04 instance
 * into a Palisade hardened host with ClamAV (on-demand + on-access), a
 * quarantine, a JSON event log and the CloudWatch agent shipping it.
 *
 * Built as a data structure and serialised with the `yaml` library — never by
 * string concatenation — and the shell it installs lives in real files under
 * ./scripts (read at synth time, so shellcheck and the tests see exactly what
 * ships).
 *
 * Decisions:
 *  - Schedules run from /etc/cron.d/palisade-av rather than systemd timers:
 *    the configured 5-field cron expressions are used verbatim, so there is
 *    no lossy cron -> OnCalendar translation (cron's OR of day-of-month and
 *    day-of-week has no OnCalendar equivalent). Overlapping scans are
 *    prevented by flock inside the scan script.
 *  - freshclam runs from that cron file; the package's freshclam daemon is
 *    disabled so the configured schedule is the only updater.
 *  - The CloudWatch agent is installed by the bootstrap script from the
 *    regional S3 .deb (https only), not by SSM AWS-ConfigureAWSPackage: the
 *    host then ships its AV log from first boot without depending on a
 *    State Manager association having run. Needs egress to S3 in the region
 *    (an S3 gateway endpoint is enough).
 *  - JSON event lines are written with jq (installed here): `jq --arg`
 *    escapes any file name correctly and is a single small binary, where
 *    python3 would be a heavier interpreter start per event.
 *  - No secrets: the document only holds paths, schedules, the region and
 *    the log group name.
 *
 * EC2 limits raw user data to 16 KB; the rendered document is larger, so the
 * construct must pass it through `Fn.base64gzip(...)` (cloud-init detects
 * gzip). `gzippedUserDataSize` lets callers and tests check the budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Document } from 'yaml';
import { AntivirusConfig, AntivirusConfigError, AntivirusConfigInput, resolveAntivirusConfig } from './antivirus-config';

export const SCRIPTS_DIR = join(__dirname, 'scripts');

/** Where each shipped script is installed on the host. */
export const INSTALLED_SCRIPTS = Object.freeze({
  scan: '/usr/local/sbin/palisade-av-scan.sh',
  selfcheck: '/usr/local/sbin/palisade-av-selfcheck.sh',
  bootstrap: '/usr/local/sbin/palisade-av-bootstrap.sh',
});

export const SCRIPT_SOURCES = Object.freeze({
  scan: join(SCRIPTS_DIR, 'palisade-av-scan.sh'),
  selfcheck: join(SCRIPTS_DIR, 'palisade-av-selfcheck.sh'),
  bootstrap: join(SCRIPTS_DIR, 'palisade-av-bootstrap.sh'),
});

export const AV_ENV_FILE = '/etc/palisade/av.env';
export const CLAMD_ONACCESS_FRAGMENT = '/etc/palisade/clamd-onaccess.conf';
export const CRON_FILE = '/etc/cron.d/palisade-av';
export const CLAMONACC_DROPIN = '/etc/systemd/system/clamav-clamonacc.service.d/palisade.conf';
export const CW_AGENT_CONFIG_FILE = '/opt/aws/amazon-cloudwatch-agent/etc/palisade-av.json';
export const LOGROTATE_FILE = '/etc/logrotate.d/palisade-av';

/** Packages cloud-init installs (Ubuntu 24.04 archive names). */
export const HOST_PACKAGES = Object.freeze([
  'clamav',
  'clamav-daemon',
  'clamav-freshclam',
  'clamdscan',
  'jq',
  'cron',
  'curl',
]);

export interface UserDataOptions {
  /** AWS region of the host; picks the regional CloudWatch agent download. */
  readonly region: string;
  /** Overrides config.logGroupName, e.g. with the name of the log group the construct creates. */
  readonly logGroupName?: string;
  /** Run `apt-get upgrade` at first boot (default true). */
  readonly packageUpgrade?: boolean;
  /**
   * HTTPS Ubuntu mirror for the primary and security pockets (cloud-init `apt`), so hosts need no port 80:
   * the Ubuntu archive hosts serve plain HTTP only. Default: the AMI's own (HTTP) sources.
   */
  readonly aptMirrorUri?: string;
}

const HTTPS_MIRROR = /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~-]+)*\/?$/;

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d+$/;

/** KEY=VALUE file read (parsed, never sourced) by the three scripts. */
export function renderAvEnv(config: AntivirusConfig, region: string): string {
  return [
    '# Managed by Palisade (cloud-init). Parsed, not sourced, by /usr/local/sbin/palisade-av-*.sh',
    `UPLOAD_PATHS=${config.uploadPaths.join(':')}`,
    `QUARANTINE_DIR=${config.quarantineDir}`,
    `LOG_FILE=${config.logFile}`,
    `SIG_MAX_AGE_HOURS=${config.signatureMaxAgeHours}`,
    `REGION=${region}`,
    `CW_AGENT_CONFIG=${CW_AGENT_CONFIG_FILE}`,
    '',
  ].join('\n');
}

/** clamd.conf on-access settings; merged into /etc/clamav/clamd.conf by the bootstrap script. */
export function renderClamdOnAccessConf(config: AntivirusConfig): string {
  return [
    '# Managed by Palisade. Merged into /etc/clamav/clamd.conf by palisade-av-bootstrap.sh.',
    ...config.uploadPaths.map((p) => `OnAccessIncludePath ${p}`),
    // Block open() of infected files instead of only logging them.
    'OnAccessPrevention yes',
    // clamd's own reads must not be intercepted (would deadlock).
    'OnAccessExcludeUname clamav',
    // Root (the scheduled scan, the quarantine move, package management) is
    // trusted; without this the on-demand scan's own reads of an infected
    // file are denied and it reports an access error instead of a detection.
    'OnAccessExcludeRootUID yes',
    '',
  ].join('\n');
}

/** /etc/cron.d entries: full scan and signature update on the configured schedules. */
export function renderCronFile(config: AntivirusConfig): string {
  return [
    '# Managed by Palisade (cloud-init). Times are host local time (UTC on Ubuntu cloud images).',
    'SHELL=/bin/sh',
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    // JSON events go to the event log; stdout is a copy, stderr goes to syslog.
    `${config.fullScanSchedule} root ${INSTALLED_SCRIPTS.scan} 2>&1 >/dev/null | logger -t palisade-av-scan`,
    `${config.signatureUpdateSchedule} root freshclam --quiet 2>&1 | logger -t palisade-freshclam`,
    '',
  ].join('\n');
}

/** systemd drop-in for Debian/Ubuntu's clamav-clamonacc.service. */
export function renderClamonaccDropIn(): string {
  return [
    '# Managed by Palisade.',
    '# The packaged unit runs clamonacc with --move=/root/quarantine, which would',
    '# silently move files without a JSON event; Palisade blocks access instead',
    '# (OnAccessPrevention) and the scan script quarantines and logs.',
    '# --fdpass: clamd runs as user clamav and cannot open upload files itself.',
    '[Service]',
    'ExecStart=',
    'ExecStart=/usr/sbin/clamonacc -F --fdpass --log=/var/log/clamav/clamonacc.log',
    'Restart=on-failure',
    'RestartSec=10',
    '',
  ].join('\n');
}

/** CloudWatch agent config shipping the AV event log (and clamd's own logs) to the log group. */
export function renderCloudWatchAgentConfig(config: AntivirusConfig, logGroupName: string): string {
  const file = (path: string, stream: string) => ({
    file_path: path,
    log_group_name: logGroupName,
    log_stream_name: `{instance_id}/${stream}`,
    timezone: 'UTC',
  });
  const doc = {
    agent: { run_as_user: 'cwagent' },
    logs: {
      logs_collected: {
        files: {
          collect_list: [
            file(config.logFile, 'av-events'),
            file('/var/log/clamav/clamav.log', 'clamd'),
            file('/var/log/clamav/clamonacc.log', 'clamonacc'),
          ],
        },
      },
    },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export function renderLogrotate(config: AntivirusConfig): string {
  return [
    `${config.logFile} {`,
    '  daily',
    '  rotate 14',
    '  compress',
    '  delaycompress',
    '  missingok',
    '  notifempty',
    '  create 0640 root adm',
    '}',
    '',
  ].join('\n');
}

function readScript(path: string): string {
  return readFileSync(path, 'utf8');
}

/**
 * Renders the complete `#cloud-config` document.
 * Accepts a raw input (validated here) or an already-resolved config.
 */
export function renderUserData(configInput: AntivirusConfigInput | AntivirusConfig, options: UserDataOptions): string {
  const config = resolveAntivirusConfig(configInput);
  if (typeof options.region !== 'string' || !REGION.test(options.region)) {
    throw new AntivirusConfigError([
      { field: 'region', value: options.region, message: 'must be an AWS region such as "eu-west-1" (China regions are not supported)' },
    ]);
  }
  const logGroupName = options.logGroupName ?? config.logGroupName;
  if (options.logGroupName !== undefined) {
    // Re-validate the override with the same rules as the config field.
    resolveAntivirusConfig({ ...config, logGroupName });
  }

  if (options.aptMirrorUri !== undefined && !HTTPS_MIRROR.test(options.aptMirrorUri)) {
    throw new AntivirusConfigError([
      { field: 'aptMirrorUri', value: options.aptMirrorUri, message: 'must be an https:// URL of an Ubuntu mirror, such as "https://mirrors.edge.kernel.org/ubuntu"' },
    ]);
  }
  const mirror = (uri: string) => [{ arches: ['default'], uri }];

  const root = (path: string, content: string, permissions: string) => ({
    path,
    owner: 'root:root',
    permissions,
    content,
  });

  const cloudConfig = {
    ...(options.aptMirrorUri ? { apt: { primary: mirror(options.aptMirrorUri), security: mirror(options.aptMirrorUri) } } : {}),
    package_update: true,
    package_upgrade: options.packageUpgrade ?? true,
    packages: [...HOST_PACKAGES],
    write_files: [
      root(INSTALLED_SCRIPTS.scan, readScript(SCRIPT_SOURCES.scan), '0750'),
      root(INSTALLED_SCRIPTS.selfcheck, readScript(SCRIPT_SOURCES.selfcheck), '0750'),
      root(INSTALLED_SCRIPTS.bootstrap, readScript(SCRIPT_SOURCES.bootstrap), '0750'),
      root(AV_ENV_FILE, renderAvEnv(config, options.region), '0644'),
      root(CLAMD_ONACCESS_FRAGMENT, renderClamdOnAccessConf(config), '0644'),
      root(CLAMONACC_DROPIN, renderClamonaccDropIn(), '0644'),
      root(CRON_FILE, renderCronFile(config), '0644'),
      root(CW_AGENT_CONFIG_FILE, renderCloudWatchAgentConfig(config, logGroupName), '0644'),
      root(LOGROTATE_FILE, renderLogrotate(config), '0644'),
    ],
    // Exec form (no shell): all logic is in the shellchecked bootstrap script.
    runcmd: [[INSTALLED_SCRIPTS.bootstrap]],
  };

  const doc = new Document(cloudConfig);
  return '#cloud-config\n' + doc.toString({ lineWidth: 0, blockQuote: 'literal' });
}

/** Size in bytes of the gzip-compressed user data (EC2's limit is 16384 after base64 decoding). */
/**
 * The gzipped size at the default compression level, which Terraform's `base64gzip` uses (Go's compress/gzip
 * DefaultCompression): level 9 would measure a few dozen bytes less than what is shipped, and take 2.5× as long.
 */
export function gzippedUserDataSize(userData: string): number {
  return gzipSync(Buffer.from(userData, 'utf8'), { level: 6 }).length;
}

export const EC2_USER_DATA_LIMIT_BYTES = 16384;
