import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import { InputError } from './errors';

/**
 * Bounds on what one input file may cost. Reading stops with a one-line {@link InputError} instead of blocking on a
 * FIFO, reading `/dev/zero` until memory runs out, or overflowing the stack on a JSON document nested 100,000 deep.
 */
export interface ReadLimits {
  /** Largest input file read, in bytes. @default 268435456 (256 MiB; a 50,000-resource plan is ≈ 150 MiB) */
  maxBytes: number;
  /** Deepest JSON nesting accepted (arrays and objects). @default 256 (Terraform plans nest < 40 deep) */
  maxDepth: number;
}

export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = Object.freeze({ maxBytes: 256 * 1024 * 1024, maxDepth: 256 });

/** The limits with defaults filled in; rejects values that are not positive integers. */
export function readLimits(overrides: Partial<ReadLimits> = {}): ReadLimits {
  const limits = { ...DEFAULT_READ_LIMITS, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  for (const [k, v] of Object.entries(limits)) {
    if (!Number.isSafeInteger(v) || v < 1) throw new InputError('(options)', `${k} must be a positive integer, got ${String(v)}`);
  }
  return limits;
}

/** What an errno means for a path, in words (one line, no stack). */
export function ioProblem(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a parent of this path is a file, not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'EEXIST':
      return 'a parent of this path is a file, not a directory';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on device';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'path is too long';
    default:
      return `cannot read (${err.code ?? String(err.message ?? e).split('\n')[0]})`;
  }
}

function kindOf(st: fs.Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** `fs.statSync` whose failure is an {@link InputError} naming the path. */
export function statInput(p: string): fs.Stats {
  try {
    return fs.statSync(p);
  } catch (e) {
    throw new InputError(p, ioProblem(e));
  }
}

/** The sorted entries of a directory; an unlistable directory is an {@link InputError} naming it. */
export function listDirectory(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch (e) {
    throw new InputError(dir, `cannot list directory: ${ioProblem(e)}`);
  }
}

/** Whether `p` exists (any kind); a path that exists but cannot be examined is an {@link InputError}. */
export function inputExists(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new InputError(p, ioProblem(e));
  }
}

/** Reads at most `maxBytes` of a regular file. Opened non-blocking and checked on the open descriptor (no stat/open race). */
function readBounded(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new InputError(file, ioProblem(e));
  }
  try {
    const stat = fs.fstatSync(fd);
    const kind = kindOf(stat);
    if (kind) throw new InputError(file, `is ${kind}, not a regular file`);
    // Sized from fstat (one read, no copy), but the limit is enforced on what is read: the file may still be growing.
    let buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      if (total === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total))]);
      const n = fs.readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new InputError(file, `file is larger than the ${maxBytes}-byte input limit (raise it with --max-input-bytes)`);
    }
    return buffer.subarray(0, total);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, ioProblem(e));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Whether a parsed JSON value nests `[`/`{` deeper than `limit` (the outermost object is level 1). Checked on the
 * parsed value, not the text: V8's `JSON.parse` is iterative (any depth parses), and walking the parsed tree costs a
 * fraction of re-scanning the text, most of which is string content. The walk recurses (twice as fast as an explicit
 * stack) no deeper than `limit`; a limit raised beyond the call stack falls back to the iterative walk.
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  try {
    return nestsDeeper(value, limit);
  } catch (e) {
    if (e instanceof RangeError) return nestsDeeperIteratively(value, limit);
    throw e;
  }
}

/** Whether `v` (itself one level) holds more than `levels` levels. */
function nestsDeeper(v: object, levels: number): boolean {
  if (levels === 0) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x !== null && typeof x === 'object' && nestsDeeper(x, levels - 1)) return true;
    }
  } else {
    for (const k in v) {
      const x: unknown = (v as Record<string, unknown>)[k];
      if (x !== null && typeof x === 'object' && nestsDeeper(x, levels - 1)) return true;
    }
  }
  return false;
}

function nestsDeeperIteratively(value: object, limit: number): boolean {
  const pending: object[] = [value];
  const depths: number[] = [1];
  while (pending.length > 0) {
    const v = pending.pop() as Record<string, unknown>;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (let i = 0; i < children.length; i++) {
      const x: unknown = children[i];
      if (x !== null && typeof x === 'object') {
        pending.push(x);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/** Decodes UTF-8 (a leading BOM is dropped); UTF-16/32 and invalid bytes are named, not parsed as garbage. */
function decode(file: string, bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError(file, 'file is UTF-16 encoded; save it as UTF-8 (e.g. `terraform show -json plan > plan.json` in a UTF-8 shell)');
  }
  // isUtf8 is a native validation pass, several times faster than a fatal TextDecoder on large inputs.
  if (!isUtf8(bytes)) throw new InputError(file, 'file is not valid UTF-8');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The text of an input file: a regular file within the size limit, valid UTF-8, BOM removed. */
export function readInputText(file: string, limits: Partial<ReadLimits> = {}): string {
  return decode(file, readBounded(file, readLimits(limits).maxBytes));
}

/**
 * Reads and parses one JSON input file, failing closed with one line naming the path: not a regular file, larger
 * than `maxBytes`, not UTF-8, empty, nested deeper than `maxDepth`, or malformed JSON. Returns the text without BOM.
 */
export function readInputJson(file: string, limits: Partial<ReadLimits> = {}): { json: unknown; text: string } {
  const { maxBytes, maxDepth } = readLimits(limits);
  const text = decode(file, readBounded(file, maxBytes));
  if (text.trim() === '') throw new InputError(file, 'file is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(file, `malformed JSON (${(e as Error).message.split('\n')[0]})`);
  }
  if (jsonDepthExceeds(json, maxDepth)) throw new InputError(file, `JSON is nested deeper than ${maxDepth} levels (raise the limit with --max-input-depth)`);
  return { json, text };
}

/**
 * A Terraform plan that `terraform show -json` marks `"errored": true` is partial: Terraform stopped planning, so
 * resources are missing. No command may judge it.
 */
export function refuseErroredPlan(file: string, json: unknown): void {
  if (json !== null && typeof json === 'object' && (json as Record<string, unknown>).errored === true) {
    throw new InputError(file, 'the plan errored (terraform show -json reports "errored": true), so it is incomplete; fix the plan first');
  }
}

/**
 * A plan with `"complete": false` (Terraform >= 1.8) leaves changes out on purpose: planned with `-target`, or with
 * changes deferred. Judged as if whole, every resource outside the target would go unchecked.
 */
export function refuseIncompletePlan(file: string, json: unknown): void {
  if (json === null || typeof json !== 'object' || !('complete' in json)) return;
  const complete = (json as Record<string, unknown>).complete;
  if (complete === true) return;
  if (complete === false) throw new InputError(file, 'the plan is incomplete (complete: false, e.g. planned with -target): check a full plan');
  throw new InputError(file, `the plan's "complete" is ${JSON.stringify(complete)}, not true or false`);
}

/**
 * A `-refresh-only` plan plans no change to the configuration: `planned_values` is empty and `resource_changes` left
 * out (Terraform omits an empty list) while `prior_state` holds what exists. Every other plan gives each managed
 * resource of the prior state a change (`no-op`, `update`, `delete`, `forget`…), so managed resources in `prior_state`
 * and no `resource_changes` mark it. Read as a plan it would judge nothing. (A `-destroy` plan gives each of them a
 * `delete`: it is not one.)
 */
export function refuseRefreshOnlyPlan(file: string, json: unknown): void {
  if (json === null || typeof json !== 'object') return;
  const plan = json as Record<string, unknown>;
  if (plan.resource_changes !== undefined && plan.resource_changes !== null) return;
  const prior = plan.prior_state as Record<string, unknown> | undefined;
  const values = prior !== null && typeof prior === 'object' ? (prior.values as Record<string, unknown> | undefined) : undefined;
  if (values !== null && typeof values === 'object' && holdsManagedResource(values.root_module)) {
    throw new InputError(file, 'a refresh-only plan changes no configuration (resources in prior_state, no resource_changes); check a normal plan or the state');
  }
}

/** Whether a state module tree (`root_module`, child modules included) holds a managed resource. */
function holdsManagedResource(mod: unknown): boolean {
  if (mod === null || typeof mod !== 'object') return false;
  const { resources, child_modules: children } = mod as Record<string, unknown>;
  if (Array.isArray(resources) && resources.some((r) => r !== null && typeof r === 'object' && (r as Record<string, unknown>).mode === 'managed')) return true;
  return Array.isArray(children) && children.some(holdsManagedResource);
}

/** The `terraform show -json` format major version read here: its fields are only ever added to within a major. */
const SUPPORTED_FORMAT = /^1\.\d+$/;

/**
 * Refuses a plan or state whose `format_version` is not 1.x: another major version may move or rename the fields
 * this loader reads, and what it cannot find it would take as absent (a resource unchecked, a setting unset).
 */
export function refuseUnsupportedFormat(file: string, json: unknown, kind: 'plan' | 'state'): void {
  const version = json !== null && typeof json === 'object' ? (json as Record<string, unknown>).format_version : undefined;
  if (typeof version === 'string' && SUPPORTED_FORMAT.test(version)) return;
  throw new InputError(file, `unsupported ${kind} JSON format_version ${JSON.stringify(version)} (Palisade reads format 1.x, written by terraform show -json of Terraform >= 1.1)`);
}

/** Terraform identifiers (HCL `ValidIdentifier`): a letter or underscore, then letters, digits, `_` and `-`. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Words that start a non-resource address (`provider.aws`, `output.k`, `data.x`, `var.x`…). A resource type spelled
 * like one would share its address with the provider block or output — and could carry a suppression that silences
 * the finding on the real one. Terraform refuses such configurations, so the loader does too.
 */
const RESERVED_TYPES = new Set(['provider', 'output', 'data', 'module', 'var', 'variable', 'local', 'locals', 'terraform', 'resource', 'path', 'count', 'each', 'self', 'ephemeral', 'moved', 'import', 'check', 'removed']);

/** Types already found valid: an estate has thousands of resources of a few hundred types. */
const validTypes = new Set<string>();
const VALID_TYPES_LIMIT = 10_000;

/** Refuses a resource whose type or name Terraform would reject (an input error naming file and JSON path). */
export function refuseInvalidAddress(file: string, jsonPath: string, type: string, name: string | undefined): void {
  if (!validTypes.has(type)) {
    if (!IDENTIFIER.test(type)) throw new InputError(file, `${jsonPath}: resource type ${JSON.stringify(type)} is not a valid Terraform identifier`);
    if (RESERVED_TYPES.has(type)) throw new InputError(file, `${jsonPath}: "${type}" is reserved in Terraform and cannot be a resource type`);
    if (validTypes.size >= VALID_TYPES_LIMIT) validTypes.clear();
    validTypes.add(type);
  }
  if (name !== undefined && !IDENTIFIER.test(name)) throw new InputError(file, `${jsonPath}: resource name ${JSON.stringify(name)} is not a valid Terraform identifier`);
}
