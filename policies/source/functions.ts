/**
 * Terraform's common pure functions over known values. A function not listed here is `Unsupported`: its call stays
 * an unknown interpolation and is reported, never guessed.
 */
import { ip2long, long2ip, Netmask } from 'netmask';
import { equal, EvalError, hasUnknown, isObjectValue, toBool, toNum, toStr, Unknown, Unsupported, type ObjectValue, type Value } from './value';

type Fn = (args: Value[]) => Value;

interface FunctionSpec {
  fn: Fn;
  /** Only the arguments themselves must be known; unknowns nested inside lists/maps pass through (concat, merge…). */
  shallow?: boolean;
}

function list(v: Value, fn: string): Value[] {
  if (Array.isArray(v)) return v;
  throw new EvalError(`${fn}: expected a list`);
}

function obj(v: Value, fn: string): ObjectValue {
  if (isObjectValue(v)) return v;
  throw new EvalError(`${fn}: expected a map or object`);
}

/**
 * A set's elements in the order Terraform gives them (`tolist(toset(x))[0]`, `for` over a set): strings lexically,
 * numbers by value. Other element types keep their order, as nothing shows Terraform's there.
 */
function setOrder(values: Value[]): Value[] {
  if (values.every((v) => typeof v === 'string')) return [...values].sort((a, b) => ((a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0));
  if (values.every((v) => typeof v === 'number')) return [...values].sort((a, b) => (a as number) - (b as number));
  return values;
}

function distinct(values: Value[]): Value[] {
  const out: Value[] = [];
  for (const v of values) if (!out.some((o) => equal(o, v))) out.push(v);
  return out;
}

/** Terraform `jsonencode`: object keys in lexical order, `<`, `>`, `&` escaped as Go does. */
function jsonencode(v: Value): string {
  const sort = (x: Value): unknown => (Array.isArray(x) ? x.map(sort) : isObjectValue(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort(x[k])])) : x);
  return JSON.stringify(sort(v)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function fromJson(x: unknown): Value {
  if (Array.isArray(x)) return x.map(fromJson);
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, fromJson(v)]));
  return x as Value;
}

/** `format`/`formatlist` verbs: %s %d %f %t %v %q %% with optional flags, width and precision. */
function format(spec: string, args: Value[]): string {
  let i = 0;
  return spec.replace(/%([-+ #0]*)(\d*)(?:\.(\d+))?([sdftvqbxXeo%])/g, (_m, _flags: string, width: string, prec: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) throw new EvalError('format: not enough arguments');
    const a = args[i++];
    let s: string;
    if (verb === 'd') s = String(Math.trunc(toNum(a)));
    else if (verb === 'f') s = toNum(a).toFixed(prec === undefined ? 6 : Number(prec));
    else if (verb === 't') s = String(toBool(a));
    else if (verb === 'q') s = JSON.stringify(toStr(a));
    else if (verb === 'v') s = typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean' ? String(a) : jsonencode(a);
    else if (verb === 's') s = toStr(a);
    else throw new Unsupported(`format: verb %${verb}`);
    return width ? s.padStart(Number(width)) : s;
  });
}

/** IPv4 `cidrsubnet`/`cidrhost` on the netmask library; IPv6 prefixes are not modelled (unsupported → unknown). */
function ipv4Block(prefix: Value, fn: string): Netmask {
  const p = toStr(prefix);
  if (p.includes(':')) throw new Unsupported(`${fn}: IPv6 prefixes`);
  try {
    return new Netmask(p);
  } catch {
    throw new EvalError(`${fn}: invalid CIDR "${p}"`);
  }
}

function cidrsubnet(prefix: Value, newbits: Value, netnum: Value): string {
  const block = ipv4Block(prefix, 'cidrsubnet');
  const bits = block.bitmask + toNum(newbits);
  const n = toNum(netnum);
  if (bits > 32 || n < 0 || n >= 2 ** toNum(newbits)) throw new EvalError('cidrsubnet: the subnet does not fit the prefix');
  return `${long2ip(ip2long(block.base) + n * 2 ** (32 - bits))}/${bits}`;
}

function cidrhost(prefix: Value, hostnum: Value): string {
  const block = ipv4Block(prefix, 'cidrhost');
  const n = toNum(hostnum);
  const size = 2 ** (32 - block.bitmask);
  const index = n < 0 ? size + n : n;
  if (index < 0 || index >= size) throw new EvalError('cidrhost: host number out of range');
  return long2ip(ip2long(block.base) + index);
}

function numbers(args: Value[]): number[] {
  return args.map(toNum);
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  // strings
  format: { fn: ([f, ...rest]) => format(toStr(f), rest) },
  formatlist: { fn: ([f, ...rest]) => {
    const n = Math.max(1, ...rest.map((r) => (Array.isArray(r) ? r.length : 1)));
    return Array.from({ length: n }, (_, i) => format(toStr(f), rest.map((r) => (Array.isArray(r) ? r[i] : r))));
  } },
  join: { fn: ([sep, ...lists]) => lists.flatMap((l) => list(l, 'join')).map(toStr).join(toStr(sep)) },
  split: { fn: ([sep, s]) => toStr(s).split(toStr(sep)) },
  lower: { fn: ([s]) => toStr(s).toLowerCase() },
  upper: { fn: ([s]) => toStr(s).toUpperCase() },
  title: { fn: ([s]) => toStr(s).replace(/\b\w/g, (c) => c.toUpperCase()) },
  trimspace: { fn: ([s]) => toStr(s).trim() },
  trimprefix: { fn: ([s, p]) => (toStr(s).startsWith(toStr(p)) ? toStr(s).slice(toStr(p).length) : toStr(s)) },
  trimsuffix: { fn: ([s, p]) => (toStr(s).endsWith(toStr(p)) && toStr(p) !== '' ? toStr(s).slice(0, -toStr(p).length) : toStr(s)) },
  replace: { fn: ([s, from, to]) => {
    const f = toStr(from);
    if (f.length > 1 && f.startsWith('/') && f.endsWith('/')) throw new Unsupported('replace: regular expressions');
    return toStr(s).split(f).join(toStr(to));
  } },
  substr: { fn: ([s, off, len]) => {
    const str = toStr(s);
    const o = toNum(off) < 0 ? str.length + toNum(off) : toNum(off);
    return toNum(len) < 0 ? str.slice(o) : str.slice(o, o + toNum(len));
  } },
  startswith: { fn: ([s, p]) => toStr(s).startsWith(toStr(p)) },
  endswith: { fn: ([s, p]) => toStr(s).endsWith(toStr(p)) },
  strcontains: { fn: ([s, p]) => toStr(s).includes(toStr(p)) },
  // conversion
  tostring: { fn: ([v]) => (v === null ? null : toStr(v)) },
  tonumber: { fn: ([v]) => (v === null ? null : toNum(v)) },
  tobool: { fn: ([v]) => (v === null ? null : toBool(v)) },
  tolist: { fn: ([v]) => [...list(v, 'tolist')], shallow: true },
  toset: { fn: ([v]) => setOrder(distinct(list(v, 'toset'))), shallow: true },
  tomap: { fn: ([v]) => ({ ...obj(v, 'tomap') }), shallow: true },
  jsonencode: { fn: ([v]) => jsonencode(v) },
  jsondecode: { fn: ([s]) => {
    try {
      return fromJson(JSON.parse(toStr(s)));
    } catch {
      throw new EvalError('jsondecode: invalid JSON');
    }
  } },
  // collections
  concat: { fn: (args) => args.flatMap((l) => list(l, 'concat')), shallow: true },
  merge: { fn: (args) => Object.assign({}, ...args.filter((a) => a !== null).map((a) => obj(a, 'merge'))), shallow: true },
  length: { fn: ([v]) => (typeof v === 'string' ? [...v].length : Array.isArray(v) ? v.length : Object.keys(obj(v, 'length')).length), shallow: true },
  element: { fn: ([l, i]) => {
    const xs = list(l, 'element');
    if (xs.length === 0) throw new EvalError('element: empty list');
    return xs[((Math.trunc(toNum(i)) % xs.length) + xs.length) % xs.length];
  }, shallow: true },
  lookup: { fn: ([m, k, d]) => {
    const map = obj(m, 'lookup');
    const key = toStr(k);
    if (key in map) return map[key];
    if (d === undefined) throw new EvalError(`lookup: no key "${key}"`);
    return d;
  }, shallow: true },
  contains: { fn: ([l, v]) => list(l, 'contains').some((x) => equal(x, v)) },
  keys: { fn: ([m]) => Object.keys(obj(m, 'keys')).sort(), shallow: true },
  values: { fn: ([m]) => Object.keys(obj(m, 'values')).sort().map((k) => (m as ObjectValue)[k]), shallow: true },
  flatten: { fn: ([l]) => {
    const flat = (xs: Value[]): Value[] => xs.flatMap((x) => (Array.isArray(x) ? flat(x) : [x]));
    return flat(list(l, 'flatten'));
  }, shallow: true },
  distinct: { fn: ([l]) => distinct(list(l, 'distinct')) },
  compact: { fn: ([l]) => list(l, 'compact').filter((x) => x !== null && x !== '') },
  coalesce: { fn: (args) => {
    for (const a of args) {
      if (a instanceof Unknown) return a;
      if (a !== null && a !== '') return a;
    }
    throw new EvalError('coalesce: no non-null argument');
  }, shallow: true },
  coalescelist: { fn: (args) => args.find((a) => Array.isArray(a) && a.length > 0) ?? [], shallow: true },
  zipmap: { fn: ([k, v]) => Object.fromEntries(list(k, 'zipmap').map((key, i) => [toStr(key), list(v, 'zipmap')[i] ?? null])), shallow: true },
  one: { fn: ([l]) => {
    const xs = list(l, 'one');
    if (xs.length > 1) throw new EvalError('one: more than one element');
    return xs.length === 0 ? null : xs[0];
  }, shallow: true },
  range: { fn: (args) => {
    const [start, end, step] = args.length === 1 ? [0, toNum(args[0]), 1] : [toNum(args[0]), toNum(args[1]), args[2] === undefined ? 1 : toNum(args[2])];
    if (step === 0 || Math.abs((end - start) / step) > 1024) throw new EvalError('range: invalid or too long');
    const out: number[] = [];
    for (let x = start; step > 0 ? x < end : x > end; x += step) out.push(x);
    return out;
  } },
  // numbers
  min: { fn: (args) => Math.min(...numbers(args)) },
  max: { fn: (args) => Math.max(...numbers(args)) },
  abs: { fn: ([n]) => Math.abs(toNum(n)) },
  floor: { fn: ([n]) => Math.floor(toNum(n)) },
  ceil: { fn: ([n]) => Math.ceil(toNum(n)) },
  // network
  cidrsubnet: { fn: ([p, b, n]) => cidrsubnet(p, b, n) },
  cidrhost: { fn: ([p, n]) => cidrhost(p, n) },
};

/** Calls a Terraform function; a call with unknown arguments is unknown (`text` is the call as written). */
export function callFunction(name: string, args: Value[], text: string): Value {
  const spec = FUNCTIONS[name.replace(/^provider::[^:]+::/, '')];
  if (!spec) throw new Unsupported(`function ${name}() is not evaluated`);
  if (args.some((a) => (spec.shallow ? a instanceof Unknown : hasUnknown(a)))) return new Unknown(text);
  return spec.fn(args);
}

/** Names of the functions evaluated (for documentation and tests). */
export const EVALUATED_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS).sort();
