import type { Command } from 'commander';
import { isSeverity } from '../policies/engine';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../policies/model/read-input';
import type { Severity } from '../policies/rules/types';
import { isIsoDate } from '../policies/suppression-format';
import { UsageError } from './context';

/** Options shared by the commands that run the baseline (`check`, `diff`, `live`, `report`). */
export interface BaselineCliOptions {
  failOn?: string;
  allowedRegions?: string;
  today?: string;
}

export interface ParsedBaselineOptions {
  failOn: Severity;
  allowedRegions?: string[];
  today?: string;
}

/** Validates the shared options; every mistake is a one-line usage error (exit 2). */
export function parseBaselineOptions(opts: BaselineCliOptions): ParsedBaselineOptions {
  const failOn = opts.failOn ?? 'low';
  if (!isSeverity(failOn)) throw new UsageError(`unknown severity "${failOn}" for --fail-on (expected critical, high, medium, low)`);
  if (opts.today !== undefined && !isIsoDate(opts.today)) throw new UsageError(`--today must be a YYYY-MM-DD date, got "${opts.today}"`);
  let allowedRegions: string[] | undefined;
  if (opts.allowedRegions !== undefined) {
    allowedRegions = opts.allowedRegions.split(',').map((r) => r.trim()).filter(Boolean);
    if (allowedRegions.length === 0) throw new UsageError('--allowed-regions needs at least one region');
  }
  return { failOn, allowedRegions, today: opts.today };
}

/** `--max-input-bytes` / `--max-input-depth`, on every command that reads Terraform JSON. */
export interface InputLimitCliOptions {
  maxInputBytes?: string;
  maxInputDepth?: string;
}

/** Adds the input-limit options to a command (defaults in `DEFAULT_READ_LIMITS`). */
export function withInputLimitOptions(command: Command): Command {
  return command
    .option('--max-input-bytes <n>', `largest input file read, in bytes (default: ${DEFAULT_READ_LIMITS.maxBytes})`)
    .option('--max-input-depth <n>', `deepest JSON nesting accepted (default: ${DEFAULT_READ_LIMITS.maxDepth})`);
}

function positiveInt(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got "${raw}"`);
  return n;
}

/** Parses the input-limit options; a bad value is a one-line usage error. */
export function parseInputLimits(opts: InputLimitCliOptions): Partial<ReadLimits> {
  return { maxBytes: positiveInt('--max-input-bytes', opts.maxInputBytes), maxDepth: positiveInt('--max-input-depth', opts.maxInputDepth) };
}
