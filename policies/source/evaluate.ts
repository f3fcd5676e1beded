/**
 * Evaluates a module configuration the way Terraform would before apply: variables (default < tfvars <
 * `*.auto.tfvars` < `--var-file`/`--var` in order), locals, functions, `count`/`for_each` over known collections,
 * `dynamic` blocks and local module calls (loaded recursively, resources addressed `module.<name>.<type>.<name>`).
 * Whatever stays unknown is kept as the interpolation it was written as — never dropped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../model/errors';
import type { ModuleCall } from '../model/types';
import { bodies, readModule, type Located, type ModuleConfig, type Raw, type ResourceConfig } from './config';
import { evaluateTemplate, withNames, type Scope } from './expr';
import { hasUnknown, isObjectValue, Unknown, type ObjectValue, type Value } from './value';

/** The module call that created a resource, innermost first (`caller` is the call around it). */
export type ModuleCallSite = ModuleCall;

export interface EvaluatedResource {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Full address: `module.a.aws_s3_bucket.logs["x"]`. */
  address: string;
  /** `module.a.` for resources inside a module call (references inside it are relative to it). */
  modulePrefix: string;
  values: Record<string, unknown>;
  file: string;
  line?: number;
  jsonPath?: string;
  moduleCall?: ModuleCallSite;
  /** Its `count`/`for_each` (or its module call's) is not known from the source: there may be no such instance. */
  instancesUnknown?: true;
}

/** Something the source alone could not decide, shown to the user. */
export interface SourceNote {
  file: string;
  expression: string;
  reason: string;
  /** What the check did with it, when not the usual "checked as unknown" (e.g. "not checked"). */
  outcome?: string;
}

export interface EvaluatedModule {
  resources: EvaluatedResource[];
  /** Root providers; `regionOrigin` says how a region not written as a literal was evaluated. */
  providers: Array<{ name: string; values: Record<string, unknown>; regionOrigin?: string }>;
  outputs: Record<string, unknown>;
  notes: SourceNote[];
  /** The root module's `terraform { backend … }` settings, as written (`{ backend: { s3: {…} } }`). */
  backend?: Record<string, unknown>;
}

const META_ARGUMENTS = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']);
const MAX_MODULE_DEPTH = 16;

interface Instance {
  cfg: ModuleConfig;
  /** Variable values set by the caller (root: tfvars and CLI). */
  inputs: Map<string, Value>;
  prefix: string;
  call?: ModuleCallSite;
  rootDir: string;
  notes: SourceNote[];
  chain: string[];
  /** Root module: where each variable set from outside got its value (`terraform.tfvars`, `--var`). */
  inputOrigins?: ReadonlyMap<string, string>;
  /** A module instance whose call's `count`/`for_each` is not known: its resources may not exist. */
  instancesUnknown?: boolean;
}

class ModuleInstance {
  private readonly locals = new Map<string, Value | 'evaluating'>();
  private readonly modules = new Map<string, EvaluatedModule & { value: Value }>();
  readonly scope: Scope;

  constructor(private readonly at: Instance) {
    const notes = at.notes;
    const noted = new Set<string>();
    this.scope = {
      variable: (name) => this.variable(name),
      local: (name) => this.local(name),
      module: (name) => this.module(name).value,
      path: { module: path.relative(at.rootDir, at.cfg.dir) || '.', root: '.', cwd: '.' },
      workspace: workspaceOf(at.rootDir),
      names: new Map(),
      note: (expression, reason) => {
        const key = `${expression}\u0000${reason}`;
        if (noted.has(key)) return;
        noted.add(key);
        notes.push({ file: this.fileOf(expression), expression, reason });
      },
    };
  }

  private currentFile = '';
  private fileOf(_expression: string): string {
    return this.currentFile || this.at.cfg.dir;
  }

  /** Evaluates a raw Terraform-JSON value (templates inside strings), in `scope` and while reading `file`. */
  value(raw: Raw, scope: Scope, file: string): Value {
    const before = this.currentFile;
    this.currentFile = file;
    try {
      return this.eval(raw, scope);
    } finally {
      this.currentFile = before;
    }
  }

  private eval(raw: Raw, scope: Scope): Value {
    if (typeof raw === 'string') {
      if (!raw.includes('${') && !raw.includes('%{')) return raw;
      const parsed = this.at.cfg.expressions[raw];
      return evaluateTemplate(raw, parsed?.ast, parsed?.error, scope);
    }
    if (Array.isArray(raw)) return raw.map((x) => this.eval(x, scope));
    if (raw !== null && typeof raw === 'object') return this.body(raw as Record<string, Raw>, scope);
    return raw as Value;
  }

  /** A block body or object: `dynamic` blocks expand into the blocks they generate. */
  private body(raw: Record<string, Raw>, scope: Scope): ObjectValue {
    const out: ObjectValue = {};
    for (const [k, v] of Object.entries(raw)) if (k !== 'dynamic') out[k] = k === '//' ? (v as Value) : this.eval(v, scope);
    if ('dynamic' in raw) {
      // JSON syntax allows the `dynamic` level as an object or a list of objects, like every block level.
      const labelled = bodies(raw.dynamic).flatMap((level) => Object.entries(level).flatMap(([l, s]) => bodies(s).map((b) => [l, b] as const)));
      for (const [label, spec] of labelled) {
        const generated = this.dynamic(label, spec, scope);
        const existing = out[label];
        out[label] = [...(Array.isArray(existing) ? existing : existing === undefined ? [] : [existing]), ...generated];
      }
    }
    return out;
  }

  private dynamic(label: string, spec: Record<string, Raw>, scope: Scope): Value[] {
    const iterator = typeof spec.iterator === 'string' ? spec.iterator.replace(/^\$\{\s*|\s*\}$/g, '') : label;
    const content = bodies(spec.content)[0] ?? {};
    const collection = this.eval(spec.for_each, scope);
    const each = expansion(collection);
    if (!each) {
      scope.note(`dynamic "${label}"`, 'for_each is not known from the source: one block is checked with unknown values');
      return [this.body(content, withNames(scope, { [iterator]: new Unknown(iterator) }))];
    }
    return each.map(([key, value]) => this.body(content, withNames(scope, { [iterator]: { key, value } })));
  }

  private variable(name: string): Value | undefined {
    const decl = this.at.cfg.variables.get(name);
    if (!decl) return undefined;
    const given = this.at.inputs.get(name);
    // `nullable = false`: a null from the caller means "use the default", as Terraform reads it.
    const nullMeansDefault = given === null && rawLiteral(decl.body.nullable) === false;
    if (this.at.inputs.has(name) && !nullMeansDefault) return convertToDeclaredType(given!, decl.body.type);
    if ('default' in decl.body) return convertToDeclaredType(this.value(decl.body.default, this.scope, decl.file), decl.body.type);
    this.scope.note(`var.${name}`, this.at.prefix ? `no value: the module call ${this.at.call?.address} does not set it` : 'no value: no default, and not set by --var, --var-file or a tfvars file');
    return new Unknown(`var.${name}`);
  }

  private local(name: string): Value | undefined {
    const decl = this.at.cfg.locals.get(name);
    if (!decl) return undefined;
    const known = this.locals.get(name);
    if (known === 'evaluating') throw new InputError(decl.file, `local.${name} refers to itself`);
    if (known !== undefined) return known;
    this.locals.set(name, 'evaluating');
    const v = this.value(decl.value, this.scope, decl.file);
    this.locals.set(name, v);
    return v;
  }

  private module(name: string): EvaluatedModule & { value: Value } {
    const done = this.modules.get(name);
    if (done) return done;
    const call = this.at.cfg.modules.get(name);
    if (!call) return { resources: [], providers: [], outputs: {}, notes: [], value: undefined as unknown as Value };
    const result = this.call(name, call);
    this.modules.set(name, result);
    return result;
  }

  /** Loads a local module call (every instance of its count/for_each) and evaluates it. */
  private call(name: string, call: Located & { body: Record<string, Raw> }): EvaluatedModule & { value: Value } {
    const source = call.body.source;
    if (typeof source !== 'string' || !/^\.\.?(\/|$)/.test(source)) {
      throw new InputError(call.file, `module "${name}": source ${JSON.stringify(source)} is not a local path; only local modules are read from source (check a plan JSON for the others)`);
    }
    const dir = path.resolve(this.at.cfg.dir, source);
    if (this.at.chain.includes(dir) || this.at.chain.length >= MAX_MODULE_DEPTH) throw new InputError(call.file, `module "${name}": module calls nest too deep or call themselves (${source})`);
    const cfg = readModule(dir);
    const instances = this.instances(call.body, this.scope, `module "${name}"`);
    const out: EvaluatedModule & { value: Value } = { resources: [], providers: [], outputs: {}, notes: [], value: {} };
    const values: Record<string, Value> = {};
    for (const { key, names, unknown } of instances) {
      const address = `${this.at.prefix}module.${name}${key === undefined ? '' : `[${JSON.stringify(key)}]`}`;
      const scope = withNames(this.scope, names);
      const inputs = new Map<string, Value>();
      for (const [arg, raw] of Object.entries(call.body)) {
        if (arg === 'source' || arg === 'version' || arg === 'providers' || META_ARGUMENTS.has(arg)) continue;
        const v = this.value(raw, scope, call.file);
        // Unknown values keep the name they have inside the module: a reference to a caller's resource is not a
        // reference to the module's own resource of that name.
        inputs.set(arg, hasUnknown(v) ? new Unknown(`var.${arg}`) : v);
      }
      const site: ModuleCallSite = { address, file: call.file, line: call.line, ...(this.at.call ? { caller: this.at.call } : {}) };
      const child = evaluateModule({ cfg, inputs, prefix: `${address}.`, call: site, rootDir: this.at.rootDir, notes: this.at.notes, chain: [...this.at.chain, dir], instancesUnknown: unknown === true || this.at.instancesUnknown === true });
      out.resources.push(...child.resources);
      values[key === undefined ? '' : String(key)] = child.outputs as Value;
    }
    out.value = instances.length === 1 && instances[0].key === undefined ? values[''] : values;
    return out;
  }

  /** Instances of a resource or module: count → index keys, for_each → map/set keys, neither → one. */
  instances(body: Record<string, Raw>, scope: Scope, what: string): Array<{ key?: string | number; names: Record<string, Value>; unknown?: true }> {
    if ('count' in body) {
      const n = this.value(body.count, scope, this.currentFile);
      if (typeof n === 'number' || (typeof n === 'string' && /^\d+$/.test(n))) return Array.from({ length: Number(n) }, (_, i) => ({ key: i, names: { count: { index: i } } }));
      scope.note(`${what} count`, 'count is not known from the source: checked as one instance');
      return [{ names: { count: { index: new Unknown('count.index') } }, unknown: true }];
    }
    if ('for_each' in body) {
      const each = expansion(this.value(body.for_each, scope, this.currentFile));
      if (each) return each.map(([key, value]) => ({ key: String(key), names: { each: { key: String(key), value } } }));
      scope.note(`${what} for_each`, 'for_each is not known from the source: checked as one instance');
      return [{ names: { each: { key: new Unknown('each.key'), value: new Unknown('each.value') } }, unknown: true }];
    }
    return [{ names: {} }];
  }

  resources(): EvaluatedResource[] {
    const out: EvaluatedResource[] = [];
    for (const r of this.at.cfg.resources) out.push(...this.resource(r));
    for (const name of this.at.cfg.modules.keys()) out.push(...this.module(name).resources);
    return out;
  }

  private resource(r: ResourceConfig): EvaluatedResource[] {
    this.currentFile = r.file;
    const what = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
    const instances = this.instances(r.body, this.scope, this.at.prefix + what);
    const expanded = instances.length !== 1 || instances[0].key !== undefined;
    return instances.map(({ key, names, unknown }) => {
      const scope = withNames(this.scope, names);
      const body: Record<string, Raw> = { ...r.body };
      if (expanded) {
        delete body.count;
        delete body.for_each;
      }
      const values = this.value(body, scope, r.file) as ObjectValue;
      const suffix = key === undefined ? '' : `[${JSON.stringify(key)}]`;
      return {
        mode: r.mode,
        type: r.type,
        name: r.name,
        address: `${this.at.prefix}${what}${suffix}`,
        modulePrefix: this.at.prefix,
        values: toJsonObject(values),
        file: r.file,
        ...(r.line !== undefined ? { line: r.line } : {}),
        ...(r.jsonPath ? { jsonPath: r.jsonPath } : {}),
        ...(this.at.call ? { moduleCall: this.at.call } : {}),
        ...(unknown || this.at.instancesUnknown ? { instancesUnknown: true as const } : {}),
      };
    });
  }

  outputs(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, o] of this.at.cfg.outputs) out[name] = this.value(o.value, this.scope, o.file);
    return out;
  }

  providers(): EvaluatedModule['providers'] {
    return this.at.cfg.providers.map((p) => {
      const regionOrigin = this.origin(p.body.region);
      return { name: p.name, values: toJsonObject(this.value(p.body, this.scope, p.file) as ObjectValue), ...(regionOrigin ? { regionOrigin } : {}) };
    });
  }

  /** How a written value comes to be what it evaluates to: `the default of var.region`, `local.region, from …`. */
  private origin(raw: Raw, depth = 0): string | undefined {
    if (typeof raw !== 'string' || !raw.includes('${')) return undefined;
    const ref = /^\$\{\s*(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}$/.exec(raw.trim());
    if (!ref || depth > 8) return `the expression ${raw}`;
    const [, kind, name] = ref;
    if (kind === 'local') {
      const inner = this.at.cfg.locals.has(name) ? this.origin(this.at.cfg.locals.get(name)!.value, depth + 1) : undefined;
      return inner ? `local.${name}, from ${inner}` : `local.${name}`;
    }
    if (this.at.inputs.has(name)) return this.at.inputOrigins?.get(name) ?? `var.${name}`;
    return this.at.cfg.variables.get(name)?.body.default !== undefined ? `the default of var.${name}` : `var.${name}, which has no value`;
  }
}

function toJsonObject(v: ObjectValue): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x instanceof Unknown ? (x.written ?? `\${${x.text}}`) : x))) as Record<string, unknown>;
}

/** Key/value pairs of a known `for_each` collection (a set/list of strings or a map), else undefined. */
function expansion(collection: Value): Array<[string | number, Value]> | undefined {
  if (collection instanceof Unknown || hasUnknownKeys(collection)) return undefined;
  if (Array.isArray(collection)) return collection.map((v, i) => [typeof v === 'string' ? v : i, v]);
  if (isObjectValue(collection)) return Object.keys(collection).sort().map((k) => [k, collection[k]]);
  return undefined;
}

function hasUnknownKeys(v: Value): boolean {
  return Array.isArray(v) && v.some((x) => x instanceof Unknown);
}

function evaluateModule(at: Instance): EvaluatedModule {
  const m = new ModuleInstance(at);
  return { resources: m.resources(), providers: at.prefix ? [] : m.providers(), outputs: m.outputs(), notes: at.notes };
}

export interface SourceOptions {
  /** `--var name=value`, in the order given (HCL values such as `["a"]` are parsed; anything else is a string). */
  vars?: ReadonlyArray<{ name: string; value: Value }>;
  /** `--var-file` paths (`.tfvars` HCL or `.tfvars.json`), in the order given. */
  varFiles?: readonly string[];
}

/** Reads and evaluates a root module: the directory of `.tf`/`.tf.json` files (or only `files` of it). */
/** A literal of a declaration argument as written (`false`, `"${false}"` from HCL), else undefined. */
function rawLiteral(raw: Raw | undefined): unknown {
  if (typeof raw !== 'string') return raw;
  const m = /^\$\{\s*(true|false|string|number|bool)\s*\}$/.exec(raw);
  return m ? (m[1] === 'true' ? true : m[1] === 'false' ? false : m[1]) : raw;
}

/**
 * A variable's value converted to its declared primitive type, as Terraform converts it before use (`true` given for
 * `type = string` is `"true"`; `"22"` for `number` is 22). Other types, and values that do not convert, are kept.
 */
function convertToDeclaredType(value: Value, type: Raw | undefined): Value {
  const declared = rawLiteral(type);
  if (value === null || value instanceof Unknown) return value;
  if (declared === 'string' && (typeof value === 'boolean' || typeof value === 'number')) return String(value);
  if (declared === 'number' && typeof value === 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value.trim())) return Number(value);
  if (declared === 'bool' && typeof value === 'string' && ['true', 'false', '1', '0'].includes(value)) return value === 'true' || value === '1';
  return value;
}

/**
 * The workspace `terraform plan` would use in `rootDir`, as Terraform selects it: `TF_WORKSPACE`, else the one
 * `terraform workspace select` recorded in `.terraform/environment`, else `default`.
 */
export function workspaceOf(rootDir: string): string {
  const fromEnv = process.env.TF_WORKSPACE;
  if (fromEnv) return fromEnv;
  try {
    return fs.readFileSync(path.join(rootDir, '.terraform', 'environment'), 'utf8').trim() || 'default';
  } catch {
    return 'default';
  }
}

export function evaluateRoot(dir: string, files: readonly string[] | undefined, options: SourceOptions = {}): EvaluatedModule {
  const cfg = readModule(dir, files, (options.varFiles ?? []).map((f) => path.resolve(f)));
  const inputs = new Map<string, Value>();
  const inputOrigins = new Map<string, string>();
  const notes: SourceNote[] = [];
  const literal = new ModuleInstance({ cfg, inputs: new Map(), prefix: '', rootDir: dir, notes, chain: [dir] });
  for (const { file, values } of cfg.tfvars) {
    for (const [name, raw] of Object.entries(values)) {
      if (!cfg.variables.has(name)) continue; // Terraform warns about undeclared tfvars values and ignores them
      inputs.set(name, literal.value(raw, literal.scope, file));
      inputOrigins.set(name, `var.${name} set in ${path.basename(file)}`);
    }
  }
  for (const { name, value } of options.vars ?? []) {
    if (!cfg.variables.has(name)) throw new InputError(dir, `--var ${name}: no variable "${name}" is declared in the root module`);
    inputs.set(name, value);
    inputOrigins.set(name, `--var ${name}`);
  }
  const evaluated = evaluateModule({ cfg, inputs, prefix: '', rootDir: dir, notes, chain: [dir], inputOrigins });
  // Only the root module's backend stores state; a backend block in a called module is ignored by Terraform too.
  return cfg.backend ? { ...evaluated, backend: literal.value(cfg.backend.body, literal.scope, cfg.backend.file) as Record<string, unknown> } : evaluated;
}

