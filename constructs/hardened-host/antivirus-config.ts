/**
 * Typed, validated configuration of the antivirus agent on hardened hosts.
 *
 * Every value ends up inside shell (cron lines, the scan scripts' config
 * file, systemd) or clamd.conf, so validation is deliberately strict:
 * paths are absolute, normalised, and limited to `[A-Za-z0-9._/-]`;
 * schedules are plain 5-field cron expressions (the host runs them from
 * /etc/cron.d, so Vixie-cron syntax only: digits, `*`, `,`, `-`, `/`),
 * checked for range errors by the `cron-parser` library.
 */
import { CronExpressionParser } from 'cron-parser';

export interface AntivirusConfig {
  /** Directories (or files) watched on access and scanned daily. */
  readonly uploadPaths: readonly string[];
  /** 5-field cron expression (host local time = UTC on Ubuntu cloud images) for the full scan. */
  readonly fullScanSchedule: string;
  /** 5-field cron expression for `freshclam` signature updates. */
  readonly signatureUpdateSchedule: string;
  /** Where infected files are moved (0700 directory, 0400 files). */
  readonly quarantineDir: string;
  /** JSON-lines event log shipped to CloudWatch Logs. */
  readonly logFile: string;
  /** CloudWatch Logs log group receiving the event log. */
  readonly logGroupName: string;
  /** The self-check fails when the daily signature database is older than this. */
  readonly signatureMaxAgeHours: number;
}

export type AntivirusConfigInput = Partial<AntivirusConfig>;

export const ANTIVIRUS_DEFAULTS: AntivirusConfig = Object.freeze({
  uploadPaths: Object.freeze(['/srv/uploads']),
  fullScanSchedule: '17 3 * * *',
  signatureUpdateSchedule: '0 * * * *',
  quarantineDir: '/var/lib/palisade/quarantine',
  logFile: '/var/log/palisade/av-events.log',
  logGroupName: '/palisade/hardened-host/antivirus',
  signatureMaxAgeHours: 24,
});

export interface AntivirusConfigIssue {
  /** e.g. `uploadPaths[1]`, `fullScanSchedule` */
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

export class AntivirusConfigError extends Error {
  constructor(public readonly issues: readonly AntivirusConfigIssue[]) {
    super(
      'Invalid antivirus config:\n' +
        issues.map((i) => `  - ${i.field}: ${i.message} (got ${JSON.stringify(i.value)})`).join('\n'),
    );
    this.name = 'AntivirusConfigError';
  }
}

const SAFE_PATH = /^\/[A-Za-z0-9._/-]*$/;
const CRON_FIELD = /^[0-9*,/-]+$/;
const LOG_GROUP_NAME = /^[A-Za-z0-9._/#-]{1,512}$/;

/** Returns a problem description for `value` as an absolute path, or undefined if it is fine. */
export function absolutePathProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (!value.startsWith('/')) return 'must be an absolute path';
  if (value === '/') return 'must not be the filesystem root';
  if (!SAFE_PATH.test(value)) {
    return 'may only contain letters, digits, ".", "_", "-" and "/" (no spaces or shell metacharacters)';
  }
  if (value.length > 1024) return 'is longer than 1024 characters';
  if (value.endsWith('/')) return 'must not end with "/"';
  const segments = value.slice(1).split('/');
  if (segments.some((s) => s === '')) return 'must not contain "//"';
  if (segments.some((s) => s === '..')) return 'must not contain ".." segments';
  if (segments.some((s) => s === '.')) return 'must not contain "." segments';
  return undefined;
}

/** Returns a problem description for a 5-field cron expression, or undefined if it is fine. */
export function cronProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  const fields = value.trim().split(/\s+/);
  if (value.trim() !== value || fields.join(' ') !== value) {
    return 'must be 5 fields separated by single spaces, without leading/trailing space';
  }
  if (fields.length !== 5) {
    return `must have exactly 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`;
  }
  const bad = fields.find((f) => !CRON_FIELD.test(f));
  if (bad !== undefined) {
    return `field "${bad}" may only use digits, "*", ",", "-" and "/" (no names, @macros, L, W, # or ?)`;
  }
  return parsedCronProblem(value);
}

/** cron-parser's verdict on an expression, kept per distinct text: every environment of an estate repeats its schedules. */
function parsedCronProblem(value: string): string | undefined {
  if (cronVerdicts.has(value)) return cronVerdicts.get(value);
  if (cronVerdicts.size >= CRON_VERDICTS_LIMIT) cronVerdicts.clear();
  let problem: string | undefined;
  try {
    CronExpressionParser.parse(value);
  } catch (e) {
    problem = `is not a valid cron expression: ${(e as Error).message}`;
  }
  cronVerdicts.set(value, problem);
  return problem;
}

const CRON_VERDICTS_LIMIT = 1000;
const cronVerdicts = new Map<string, string | undefined>();

function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent + '/');
}

/** Validates and applies defaults. Throws AntivirusConfigError listing every problem. */
export function resolveAntivirusConfig(input: AntivirusConfigInput = {}): AntivirusConfig {
  const merged: AntivirusConfig = {
    ...ANTIVIRUS_DEFAULTS,
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
  };
  const issues: AntivirusConfigIssue[] = [];
  const issue = (field: string, value: unknown, message: string) => issues.push({ field, value, message });

  const known = new Set(Object.keys(ANTIVIRUS_DEFAULTS));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) issue(key, (input as Record<string, unknown>)[key], 'is not a known antivirus config field');
  }

  if (!Array.isArray(merged.uploadPaths)) {
    issue('uploadPaths', merged.uploadPaths, 'must be an array of absolute paths');
  } else {
    if (merged.uploadPaths.length === 0) issue('uploadPaths', merged.uploadPaths, 'must list at least one path');
    if (merged.uploadPaths.length > 64) issue('uploadPaths', merged.uploadPaths.length, 'must list at most 64 paths');
    merged.uploadPaths.forEach((p, i) => {
      const problem = absolutePathProblem(p);
      if (problem) issue(`uploadPaths[${i}]`, p, problem);
    });
    merged.uploadPaths.forEach((p, i) => {
      merged.uploadPaths.forEach((q, j) => {
        if (i !== j && typeof p === 'string' && typeof q === 'string' && isInside(p, q) && (p !== q || i > j)) {
          issue(`uploadPaths[${i}]`, p, p === q ? `duplicates uploadPaths[${j}]` : `is inside uploadPaths[${j}] (${q})`);
        }
      });
    });
  }

  for (const field of ['fullScanSchedule', 'signatureUpdateSchedule'] as const) {
    const problem = cronProblem(merged[field]);
    if (problem) issue(field, merged[field], problem);
  }

  for (const field of ['quarantineDir', 'logFile'] as const) {
    const problem = absolutePathProblem(merged[field]);
    if (problem) {
      issue(field, merged[field], problem);
      continue;
    }
    if (Array.isArray(merged.uploadPaths)) {
      merged.uploadPaths.forEach((p, i) => {
        if (typeof p !== 'string') return;
        if (isInside(merged[field], p) || isInside(p, merged[field])) {
          issue(field, merged[field], `must not overlap uploadPaths[${i}] (${p}): it would be scanned or block on-access scanning`);
        }
      });
    }
  }
  if (
    !absolutePathProblem(merged.quarantineDir) &&
    !absolutePathProblem(merged.logFile) &&
    isInside(merged.logFile, merged.quarantineDir)
  ) {
    issue('logFile', merged.logFile, `must not be inside quarantineDir (${merged.quarantineDir})`);
  }

  if (typeof merged.logGroupName !== 'string' || !LOG_GROUP_NAME.test(merged.logGroupName)) {
    issue('logGroupName', merged.logGroupName, 'must be 1-512 characters of letters, digits, ".", "_", "-", "/", "#"');
  } else if (/^aws\//i.test(merged.logGroupName)) {
    issue('logGroupName', merged.logGroupName, 'must not start with "aws/" (reserved by AWS)');
  }

  if (
    typeof merged.signatureMaxAgeHours !== 'number' ||
    !Number.isInteger(merged.signatureMaxAgeHours) ||
    merged.signatureMaxAgeHours < 1 ||
    merged.signatureMaxAgeHours > 24 * 14
  ) {
    issue('signatureMaxAgeHours', merged.signatureMaxAgeHours, 'must be an integer number of hours between 1 and 336');
  }

  if (issues.length > 0) throw new AntivirusConfigError(issues);
  return Object.freeze({ ...merged, uploadPaths: Object.freeze([...merged.uploadPaths]) });
}
