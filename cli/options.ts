import type { Command } from 'commander';
import * as path from 'node:path';
import { isSeverity, isUnprovenPolicy, UNPROVEN_POLICIES, type UnprovenPolicy } from '../policies/engine';
import { parseVarOption, type SourceOptions } from '../policies/source/index';
import { terminalText } from '../policies/formats/escape/terminal';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../policies/model/read-input';
import { DEFAULT_LIMITS, type BaselineLimits, type Severity } from '../policies/rules/types';
import { isIsoDate } from '../policies/suppression-format';
import type { Model } from '../policies/model/model';
import { UsageError, type CliContext } from './context';

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

/** `--var name=value` / `--var-file FILE` (repeatable, Terraform's order): values for Terraform source input. */
export interface SourceCliOptions {
  var?: string[];
  varFile?: string[];
}

const repeat = (value: string, previous: string[] = []) => [...previous, value];

/** Adds `--var`/`--var-file` to a command that reads Terraform source. */
export function withSourceOptions(command: Command): Command {
  return command
    .option('--var <name=value>', 'set a root-module variable of Terraform source input (repeatable)', repeat)
    .option('--var-file <file>', 'read root-module variables from a .tfvars or .tfvars.json file (repeatable)', repeat);
}

export function parseSourceOptions(opts: SourceCliOptions, cwd: string): SourceOptions {
  return {
    vars: (opts.var ?? []).map((spec) => {
      if (!/^[A-Za-z_][\w-]*=/.test(spec)) throw new UsageError(`--var expects name=value, got "${spec}"`);
      return parseVarOption(spec);
    }),
    varFiles: (opts.varFile ?? []).map((f) => path.resolve(cwd, f)),
  };
}

/** Tells on stderr what Terraform source input could not evaluate (kept as unknown in the model, never dropped). */
export function noteUnevaluated(ctx: CliContext, model: Model): void {
  for (const stack of model.stacks) {
    for (const n of stack.unevaluated ?? []) ctx.stderr(`palisade: note: ${terminalText(path.relative(ctx.cwd, n.file) || n.file)}: ${terminalText(n.expression)}: ${terminalText(n.reason)} (${terminalText(n.outcome ?? 'checked as unknown')})\n`);
  }
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

/** `--limit name=value` (repeatable): a baseline floor or ceiling of `DEFAULT_LIMITS`, on `check`, `report` and `diff`. */
export interface BaselineLimitCliOptions {
  limit?: string[];
}

const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as Array<keyof BaselineLimits>;
const isLimitName = (name: string): name is keyof BaselineLimits => (LIMIT_NAMES as string[]).includes(name);

/** Adds `--limit` to a command that runs the baseline. */
export function withBaselineLimitOption(command: Command): Command {
  return command.option(
    '--limit <name=value>',
    `override a baseline limit, a positive integer (repeatable): ${LIMIT_NAMES.map((n) => `${n} (default ${DEFAULT_LIMITS[n]})`).join(', ')}`,
    repeat,
  );
}

/**
 * Parses `--limit` (fail closed: an unknown name, a value that is not a positive integer, a malformed or repeated
 * name is a one-line usage error naming the flag and the value, exit 2). A limit looser than its default is noted on
 * stderr, so a loosened baseline is never silent.
 */
export function parseBaselineLimits(opts: BaselineLimitCliOptions, ctx?: Pick<CliContext, 'stderr'>): Partial<BaselineLimits> {
  const limits: Partial<BaselineLimits> = {};
  for (const spec of opts.limit ?? []) {
    const eq = spec.indexOf('=');
    const name = eq < 0 ? spec : spec.slice(0, eq);
    if (eq < 0) throw new UsageError(`--limit expects name=value, got "${spec}"`);
    if (!isLimitName(name)) throw new UsageError(`--limit "${spec}": unknown limit "${name}" (expected ${LIMIT_NAMES.join(', ')})`);
    if (limits[name] !== undefined) throw new UsageError(`--limit "${spec}": ${name} is given more than once`);
    const raw = spec.slice(eq + 1);
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--limit "${spec}": ${name} must be a positive integer, got "${raw}"`);
    limits[name] = n;
    const looser = name === 'wafRateLimitCeiling' ? n > DEFAULT_LIMITS[name] : n < DEFAULT_LIMITS[name];
    if (looser) ctx?.stderr(`palisade: note: --limit ${name}=${n} is looser than the default ${DEFAULT_LIMITS[name]}\n`);
  }
  return limits;
}

/** Parses the input-limit options; a bad value is a one-line usage error. */
export function parseInputLimits(opts: InputLimitCliOptions): Partial<ReadLimits> {
  return { maxBytes: positiveInt('--max-input-bytes', opts.maxInputBytes), maxDepth: positiveInt('--max-input-depth', opts.maxInputDepth) };
}
