import { isSeverity, isUnprovenPolicy, UNPROVEN_POLICIES, type UnprovenPolicy } from '../policies/engine';
import type { Severity } from '../policies/rules/types';
import { isIsoDate } from '../policies/suppression-format';
import { UsageError } from './context';

/** Options shared by the commands that run the baseline (`check`, `diff`, `live`, `report`). */
export interface BaselineCliOptions {
  failOn?: string;
  allowedRegions?: string;
  today?: string;
  unproven?: string;
}

/** The `--unproven` option text, shared by the commands that have it. */
export const UNPROVEN_OPTION = {
  flags: '--unproven <policy>',
  description: `whether verdicts the input cannot prove block the exit code: ${UNPROVEN_POLICIES.join('|')} (default fail: an unproven verdict at or above --fail-on exits 1)`,
} as const;

export interface ParsedBaselineOptions {
  failOn: Severity;
  unproven: UnprovenPolicy;
  allowedRegions?: string[];
  today?: string;
}

/** Validates the shared options; every mistake is a one-line usage error (exit 2). */
export function parseBaselineOptions(opts: BaselineCliOptions): ParsedBaselineOptions {
  const failOn = opts.failOn ?? 'low';
  if (!isSeverity(failOn)) throw new UsageError(`unknown severity "${failOn}" for --fail-on (expected critical, high, medium, low)`);
  const unproven = opts.unproven ?? 'fail';
  if (!isUnprovenPolicy(unproven)) throw new UsageError(`unknown policy "${unproven}" for --unproven (expected ${UNPROVEN_POLICIES.join(', ')})`);
  if (opts.today !== undefined && !isIsoDate(opts.today)) throw new UsageError(`--today must be a YYYY-MM-DD date, got "${opts.today}"`);
  let allowedRegions: string[] | undefined;
  if (opts.allowedRegions !== undefined) {
    allowedRegions = opts.allowedRegions.split(',').map((r) => r.trim()).filter(Boolean);
    if (allowedRegions.length === 0) throw new UsageError('--allowed-regions needs at least one region');
  }
  return { failOn, unproven, allowedRegions, today: opts.today };
}
