import * as path from 'node:path';
import { readSuppressions, TF_COMMENT_KEY } from '../suppression-format';
import { InputError } from './errors';
import { inputExists, listDirectory, readInputJson, refuseErroredPlan, refuseInvalidAddress, statInput, type ReadLimits } from './read-input';
import { memberLines } from './locate';
import { Model } from './model';
import { findRefs, parsePlanRef } from './refs';
import type { Edge, InputKind, ProviderConfig, Resource, StackInfo } from './types';
import { blocks, isObject, tagMap, type Obj } from './values';

export interface LoadOptions {
  /** Directory that report paths are made relative to (default: `process.cwd()`). */
  baseDir?: string;
  /** Size and nesting limits per input file (default: `DEFAULT_READ_LIMITS`). */
  limits?: Partial<ReadLimits>;
}

/** An already-parsed input document (for tests and embedding). */
export interface InputDocument {
  file: string;
  json: unknown;
  /** Raw text; when given, resource line numbers are computed. */
  text?: string;
  /** Overrides the stack name (default: from metadata, manifest or file name). */
  stackName?: string;
}

type Detected = InputKind | 'cdktf-manifest' | 'unknown';

/** Recognises a parsed JSON document by its content. */
export function detectKind(json: unknown): Detected {
  if (!isObject(json)) return 'unknown';
  if (typeof json.format_version === 'string') {
    if ('planned_values' in json || 'resource_changes' in json || 'configuration' in json || 'prior_state' in json) return 'terraform-plan';
    if ('values' in json) return 'terraform-state';
  }
  if (isObject(json.stacks) && 'version' in json) return 'cdktf-manifest';
  const tfKeys = ['resource', 'data', 'provider', 'terraform', 'module', 'output', 'variable', 'locals'];
  const hasTf = tfKeys.some((k) => k in json);
  const comment = json[TF_COMMENT_KEY];
  const stackName = isObject(comment) && isObject(comment.metadata) ? comment.metadata.stackName : undefined;
  if (!hasTf && stackName === undefined) return 'unknown';
  if ('resource' in json && !isObject(json.resource)) return 'unknown';
  if ('data' in json && !isObject(json.data)) return 'unknown';
  if (stackName !== undefined) return 'cdktf-stack';
  if (isObject(json.resource)) {
    for (const byName of Object.values(json.resource)) {
      if (!isObject(byName)) continue;
      for (const body of Object.values(byName)) {
        const c = isObject(body) ? body[TF_COMMENT_KEY] : undefined;
        if (isObject(c) && isObject(c.metadata)) return 'cdktf-stack';
      }
    }
  }
  return 'terraform-json';
}

/**
 * Loads one or more inputs into a single model: a `cdktf.out` directory (manifest), a directory holding
 * `cdk.tf.json` / `*.tf.json`, a stack file, any `*.tf.json`, or a Terraform plan/state JSON
 * (`terraform show -json`). Throws {@link InputError} on anything unreadable or unrecognised.
 */
export function loadModel(paths: string | readonly string[], options: LoadOptions = {}): Model {
  const list = typeof paths === 'string' ? [paths] : paths;
  if (list.length === 0) throw new InputError('(none)', 'no input path given');
  const docs: InputDocument[] = [];
  const seen = new Set<string>();
  for (const p of list) {
    for (const d of collect(p, options.limits ?? {})) {
      const abs = path.resolve(d.file);
      if (seen.has(abs)) continue;
      seen.add(abs);
      docs.push(d);
    }
  }
  return modelFromDocuments(docs, options);
}

function collect(p: string, limits: Partial<ReadLimits>): InputDocument[] {
  const readJson = (file: string) => readInputJson(file, limits);
  const st = statInput(p);
  if (st.isDirectory()) return collectDir(p, limits);
  if (/\.tf$/.test(p)) throw new InputError(p, 'HCL (.tf) is not supported: pass synthesized JSON (cdktf.out, *.tf.json) or a plan JSON (terraform show -json)');
  const { json, text } = readJson(p);
  const kind = detectKind(json);
  if (kind === 'cdktf-manifest') return fromManifest(p, json as Obj, limits);
  if (kind === 'unknown') throw new InputError(p, 'unrecognised file kind (expected a cdktf manifest, Terraform JSON configuration, or Terraform plan/state JSON)');
  return [{ file: p, json, text }];
}

function collectDir(dir: string, limits: Partial<ReadLimits>): InputDocument[] {
  const readJson = (file: string) => readInputJson(file, limits);
  const manifest = path.join(dir, 'manifest.json');
  const entries = listDirectory(dir);
  if (entries.includes('manifest.json')) {
    const { json } = readJson(manifest);
    if (detectKind(json) !== 'cdktf-manifest') throw new InputError(manifest, 'not a cdktf manifest (expected "version" and "stacks")');
    return fromManifest(manifest, json as Obj, limits);
  }
  if (entries.includes('cdk.tf.json')) return collect(path.join(dir, 'cdk.tf.json'), limits);
  const tfJson = entries.filter((e) => e.endsWith('.tf.json'));
  if (tfJson.length > 0) return tfJson.flatMap((e) => collect(path.join(dir, e), limits));
  const stacksDir = path.join(dir, 'stacks');
  if (entries.includes('stacks') && statInput(stacksDir).isDirectory()) {
    // Without a manifest every stacks/<name>/ folder is a stack that must load: a folder without its cdk.tf.json is a
    // partial synth, never a smaller estate.
    const folders = listDirectory(stacksDir).filter((s) => statInput(path.join(stacksDir, s)).isDirectory());
    const missing = folders.find((s) => !inputExists(path.join(stacksDir, s, 'cdk.tf.json')));
    if (missing !== undefined) throw new InputError(path.join(stacksDir, missing, 'cdk.tf.json'), `stack folder "${missing}" has no cdk.tf.json (a partial or interrupted synth); re-run cdktf synth`);
    if (folders.length > 0) return folders.flatMap((s) => collect(path.join(stacksDir, s, 'cdk.tf.json'), limits));
  }
  // Any other JSON that is recognisably Terraform (e.g. plan.json).
  const out: InputDocument[] = [];
  for (const e of entries.filter((x) => x.endsWith('.json'))) {
    const f = path.join(dir, e);
    if (statInput(f).isDirectory()) continue;
    const { json, text } = readJson(f);
    const kind = detectKind(json);
    if (kind !== 'unknown' && kind !== 'cdktf-manifest') out.push({ file: f, json, text });
  }
  if (out.length === 0) throw new InputError(dir, 'no Terraform JSON found (expected manifest.json, cdk.tf.json, *.tf.json or a plan JSON)');
  return out;
}

function fromManifest(manifestFile: string, manifest: Obj, limits: Partial<ReadLimits>): InputDocument[] {
  const dir = path.dirname(manifestFile);
  const stacks = manifest.stacks as Obj;
  const out: InputDocument[] = [];
  for (const [key, entry] of Object.entries(stacks)) {
    if (!isObject(entry) || typeof entry.synthesizedStackPath !== 'string') {
      throw new InputError(manifestFile, `stack "${key}" has no synthesizedStackPath`);
    }
    const file = path.join(dir, entry.synthesizedStackPath);
    if (!inputExists(file)) throw new InputError(file, `stack "${key}" listed in ${manifestFile} is missing`);
    const { json, text } = readInputJson(file, limits);
    const kind = detectKind(json);
    if (kind === 'unknown' || kind === 'cdktf-manifest') throw new InputError(file, 'unrecognised stack file (expected Terraform JSON)');
    out.push({ file, json, text, stackName: typeof entry.name === 'string' ? entry.name : key });
  }
  if (out.length === 0) throw new InputError(manifestFile, 'manifest lists no stacks');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Model building

interface PendingRef {
  from: Resource;
  address: string;
  targetAttribute?: string;
  path: string;
}

class Builder {
  readonly stacks: StackInfo[] = [];
  readonly resources: Resource[] = [];
  readonly edges: Edge[] = [];
  private readonly baseDir: string;

  constructor(baseDir: string) {
    this.baseDir = baseDir;
  }

  display(file: string): string {
    const rel = path.relative(this.baseDir, path.resolve(file));
    return (rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(file) : rel).split(path.sep).join('/');
  }

  uniqueStackName(name: string): string {
    if (!this.stacks.some((s) => s.name === name)) return name;
    let i = 2;
    while (this.stacks.some((s) => s.name === `${name}-${i}`)) i++;
    return `${name}-${i}`;
  }

  /** Resolves pending references of one stack into edges. */
  resolve(stackResources: Resource[], pending: PendingRef[], literalIds: boolean): void {
    const byAddress = new Map<string, Resource>();
    const byBase = new Map<string, Resource[]>();
    for (const r of stackResources) {
      byAddress.set(r.address, r);
      const base = r.address.replace(/\[[^\]]*\]$/, '');
      if (base !== r.address) {
        const l = byBase.get(base);
        if (l) l.push(r);
        else byBase.set(base, [r]);
      }
    }
    const dedupe = new Set<string>();
    const add = (from: Resource, to: Resource, p: string, targetAttribute?: string) => {
      if (from === to) return;
      const k = `${from.key}\u0000${to.key}\u0000${p}`;
      if (dedupe.has(k)) return;
      dedupe.add(k);
      const attribute = p.split(/[.[]/, 1)[0];
      this.edges.push(targetAttribute ? { from, to, attribute, path: p, targetAttribute } : { from, to, attribute, path: p });
    };
    for (const ref of pending) {
      const exact = byAddress.get(ref.address);
      if (exact) add(ref.from, exact, ref.path, ref.targetAttribute);
      else for (const r of byBase.get(ref.address) ?? []) add(ref.from, r, ref.path, ref.targetAttribute);
    }
    if (literalIds) {
      // Plans/state of existing infrastructure hold literal IDs/ARNs instead of references.
      const ids = new Map<string, Resource>();
      for (const r of stackResources) {
        for (const k of ['id', 'arn']) {
          const v = r.values[k];
          if (typeof v === 'string' && v.length > 3) ids.set(v, r);
        }
      }
      if (ids.size > 0) {
        for (const r of stackResources) {
          walkStrings(r.values, (s, p) => {
            if (p === 'id' || p === 'arn') return;
            const t = ids.get(s);
            if (t) add(r, t, p);
          });
        }
      }
    }
  }
}

/** Calls `fn` for every string leaf with its path (`a.b[0].c`). */
function walkStrings(value: unknown, fn: (s: string, path: string) => void, prefix = ''): void {
  if (typeof value === 'string') {
    fn(value, prefix);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walkStrings(value[i], fn, `${prefix}[${i}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const k in value as Obj) {
      if (k === TF_COMMENT_KEY) continue;
      walkStrings((value as Obj)[k], fn, prefix === '' ? k : `${prefix}.${k}`);
    }
  }
}

/** Builds a model from already-parsed documents (each one stack). */
export function modelFromDocuments(docs: readonly InputDocument[], options: LoadOptions = {}): Model {
  const b = new Builder(options.baseDir ?? process.cwd());
  for (const doc of docs) {
    const kind = detectKind(doc.json);
    if (kind === 'terraform-plan') refuseErroredPlan(doc.file, doc.json);
    if (kind === 'terraform-plan' || kind === 'terraform-state') addPlan(b, doc, kind);
    else if (kind === 'cdktf-stack' || kind === 'terraform-json') addTerraformJson(b, doc, kind);
    else throw new InputError(doc.file, 'unrecognised document kind');
  }
  return new Model(b.stacks, b.resources, b.edges);
}

function stackNameFromFile(file: string): string {
  const base = path.basename(file).replace(/\.json$/, '').replace(/\.tf$/, '');
  const generic = ['cdk', 'cdk.tf', 'plan', 'tfplan', 'state', 'main', 'terraform'];
  if (generic.includes(base.toLowerCase())) {
    const parent = path.basename(path.dirname(path.resolve(file)));
    return parent || base;
  }
  return base;
}

function providersFrom(json: Obj, stack: string, file: string, displayFile: string): ProviderConfig[] {
  const out: ProviderConfig[] = [];
  if (!isObject(json.provider)) return out;
  for (const [name, value] of Object.entries(json.provider)) {
    if (name !== 'aws') continue;
    const list = Array.isArray(value) ? value : [value];
    list.forEach((p, i) => {
      if (!isObject(p)) return;
      const defaultTags: Record<string, string> = {};
      for (const dt of blocks(p.default_tags)) Object.assign(defaultTags, tagMap(dt.tags));
      out.push({
        name,
        alias: typeof p.alias === 'string' ? p.alias : undefined,
        region: p.region,
        allowedAccountIds: p.allowed_account_ids,
        defaultTags,
        stack,
        file,
        displayFile,
        jsonPath: Array.isArray(value) ? `provider.${name}[${i}]` : `provider.${name}`,
      });
    });
  }
  return out;
}

function pickProvider(providers: ProviderConfig[], ref: unknown): ProviderConfig | undefined {
  if (typeof ref === 'string') {
    const m = /^(?:\$\{)?([a-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?\}?$/.exec(ref.trim());
    if (m) {
      const found = providers.find((p) => p.name === m[1] && (p.alias ?? undefined) === (m[2] ?? undefined));
      if (found) return found;
    }
  }
  return providers.find((p) => p.alias === undefined) ?? providers[0];
}

function addTerraformJson(b: Builder, doc: InputDocument, kind: InputKind): void {
  const json = doc.json as Obj;
  const comment = json[TF_COMMENT_KEY];
  const metaName = isObject(comment) && isObject(comment.metadata) && typeof comment.metadata.stackName === 'string' ? comment.metadata.stackName : undefined;
  const stack = b.uniqueStackName(doc.stackName ?? metaName ?? stackNameFromFile(doc.file));
  const displayFile = b.display(doc.file);
  const providers = providersFrom(json, stack, doc.file, displayFile);
  const outputs = isObject(json.output) ? Object.fromEntries(Object.entries(json.output).map(([k, v]) => [k, isObject(v) ? v.value : v])) : undefined;
  b.stacks.push({ name: stack, kind, file: doc.file, displayFile, providers, ...(outputs ? { outputs } : {}) });
  const lines = doc.text ? memberLines(doc.text, 3) : undefined;
  const stackResources: Resource[] = [];
  const pending: PendingRef[] = [];
  for (const mode of ['resource', 'data'] as const) {
    const section = json[mode];
    if (!isObject(section)) continue;
    for (const [type, byName] of Object.entries(section)) {
      if (!isObject(byName)) continue;
      for (const [name, rawBody] of Object.entries(byName)) {
        refuseInvalidAddress(doc.file, `${mode}.${type}.${name}`, type, name);
        const body = Array.isArray(rawBody) ? rawBody.find(isObject) : rawBody;
        if (!isObject(body)) continue;
        const values: Obj = { ...body };
        delete values[TF_COMMENT_KEY];
        const c = body[TF_COMMENT_KEY];
        const meta = isObject(c) && isObject(c.metadata) ? c.metadata : undefined;
        const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
        const jsonPath = `${mode}.${type}.${name}`;
        const r: Resource = {
          mode: mode === 'data' ? 'data' : 'managed',
          stack,
          type,
          name,
          address,
          key: `${stack}/${address}`,
          values,
          file: doc.file,
          displayFile,
          jsonPath,
          line: lines?.get(jsonPath),
          constructPath: meta && typeof meta.path === 'string' ? meta.path : undefined,
          uniqueId: meta && typeof meta.uniqueId === 'string' ? meta.uniqueId : undefined,
          providers,
          provider: pickProvider(providers, values.provider),
          rawSuppressions: readSuppressions(body),
        };
        stackResources.push(r);
        b.resources.push(r);
        walkStrings(values, (s, p) => {
          if (!s.includes('${')) return;
          for (const ref of findRefs(s)) pending.push({ from: r, address: ref.address, targetAttribute: ref.attribute, path: p });
        });
      }
    }
  }
  b.resolve(stackResources, pending, false);
}

// ---------------------------------------------------------------------------------------------
// Plan / state JSON (`terraform show -json`)

interface ModuleConfig {
  resources: Map<string, Obj>;
  calls: Map<string, ModuleConfig>;
}

function moduleConfig(mod: unknown): ModuleConfig {
  const out: ModuleConfig = { resources: new Map(), calls: new Map() };
  if (!isObject(mod)) return out;
  for (const r of blocks(mod.resources)) if (typeof r.address === 'string') out.resources.set(r.address, r);
  if (isObject(mod.module_calls)) {
    for (const [name, call] of Object.entries(mod.module_calls)) if (isObject(call)) out.calls.set(name, moduleConfig(call.module));
  }
  return out;
}

function planProviders(json: Obj, stack: string, file: string, displayFile: string): ProviderConfig[] {
  const out: ProviderConfig[] = [];
  const cfg = isObject(json.configuration) ? json.configuration : undefined;
  if (!cfg || !isObject(cfg.provider_config)) return out;
  for (const [key, p] of Object.entries(cfg.provider_config)) {
    if (!isObject(p) || (p.name ?? key.split('.')[0]) !== 'aws') continue;
    if (typeof p.module_address === 'string') continue;
    const ex = isObject(p.expressions) ? p.expressions : {};
    const exprValue = (e: unknown): unknown => {
      if (!isObject(e)) return undefined;
      if ('constant_value' in e) return e.constant_value;
      if (Array.isArray(e.references) && e.references.length > 0) return `\${${e.references[0]}}`;
      return undefined;
    };
    const defaultTags: Record<string, string> = {};
    for (const dt of blocks(ex.default_tags)) {
      const t = exprValue(dt.tags);
      Object.assign(defaultTags, tagMap(t));
    }
    out.push({
      name: 'aws',
      alias: typeof p.alias === 'string' ? p.alias : undefined,
      region: exprValue(ex.region),
      allowedAccountIds: exprValue(ex.allowed_account_ids),
      defaultTags,
      stack,
      file,
      displayFile,
      jsonPath: `configuration.provider_config["${key}"]`,
    });
  }
  return out;
}

const UNKNOWN_VALUE = '${unknown}';

function addPlan(b: Builder, doc: InputDocument, kind: InputKind): void {
  const json = doc.json as Obj;
  const stack = b.uniqueStackName(doc.stackName ?? stackNameFromFile(doc.file));
  const displayFile = b.display(doc.file);
  const providers = planProviders(json, stack, doc.file, displayFile);
  b.stacks.push({ name: stack, kind, file: doc.file, displayFile, providers });
  const rootConfig = moduleConfig(isObject(json.configuration) ? json.configuration.root_module : undefined);
  const changes = new Map<string, Obj>();
  for (const rc of blocks(json.resource_changes)) if (typeof rc.address === 'string') changes.set(rc.address, rc);

  const stackResources: Resource[] = [];
  const pending: PendingRef[] = [];

  const addOne = (pr: Obj, jsonPath: string, moduleAddress = '') => {
    if (typeof pr.address !== 'string' || typeof pr.type !== 'string') return;
    refuseInvalidAddress(doc.file, jsonPath, pr.type, typeof pr.name === 'string' ? pr.name : undefined);
    const mode = pr.mode === 'data' ? 'data' : 'managed';
    const address = pr.address;
    const modulePrefix = typeof pr.module_address === 'string' ? pr.module_address : moduleAddress;
    const values: Obj = isObject(pr.values) ? { ...pr.values } : {};
    const change = changes.get(address);
    const ch = change && isObject(change.change) ? change.change : undefined;
    const unknown = ch && isObject(ch.after_unknown) ? ch.after_unknown : {};
    // Module config lookup: module.a.module.b → calls a → b.
    let cfg: ModuleConfig | undefined = rootConfig;
    if (modulePrefix) {
      const names = modulePrefix.split(/\.?module\./).filter((s) => s !== '').map((s) => s.replace(/\[[^\]]*\]$/, ''));
      for (const n of names) cfg = cfg?.calls.get(n);
    }
    const cfgAddress = (mode === 'data' ? `data.${pr.type}.${pr.name}` : `${pr.type}.${pr.name}`);
    const cfgRes = cfg?.resources.get(cfgAddress);
    const r: Resource = {
      mode,
      stack,
      type: pr.type,
      name: typeof pr.name === 'string' ? pr.name : address,
      address,
      key: `${stack}/${address}`,
      values,
      file: doc.file,
      displayFile,
      jsonPath,
      providers,
      provider: pickProvider(providers, cfgRes?.provider_config_key),
      rawSuppressions: undefined,
      actions: ch && Array.isArray(ch.actions) ? (ch.actions as string[]) : undefined,
    };
    // Unknown-after-apply values: fill from configuration references, else mark as unknown.
    const refsAt = (expr: Obj): Array<{ address: string; attribute?: string }> => {
      const out: Array<{ address: string; attribute?: string }> = [];
      for (const ref of Array.isArray(expr.references) ? expr.references : []) {
        if (typeof ref !== 'string') continue;
        const parsed = parsePlanRef(ref);
        if (!parsed) continue;
        const address = modulePrefix ? `${modulePrefix}.${parsed.address}` : parsed.address;
        const existing = out.find((o) => o.address === address);
        if (existing) existing.attribute ??= parsed.attribute;
        else out.push(parsed.attribute ? { address, attribute: parsed.attribute } : { address });
      }
      return out;
    };
    const visitExpr = (expr: unknown, target: Obj | unknown[], key: string | number, unk: unknown, p: string) => {
      if (Array.isArray(expr)) {
        // list of nested blocks
        const cur = (target as Obj)[key as string];
        const arr = Array.isArray(cur) ? cur : [];
        expr.forEach((be, i) => {
          if (!isObject(be)) return;
          const vb = isObject(arr[i]) ? (arr[i] as Obj) : undefined;
          const ub = Array.isArray(unk) ? unk[i] : undefined;
          if (vb) for (const [k, e] of Object.entries(be)) visitExpr(e, vb, k, isObject(ub) ? ub[k] : undefined, `${p}[${i}].${k}`);
        });
        return;
      }
      if (!isObject(expr)) return;
      if (!('references' in expr) && !('constant_value' in expr)) {
        // single nested block
        const vb = (target as Obj)[key as string];
        const inner = Array.isArray(vb) ? vb[0] : vb;
        if (isObject(inner)) for (const [k, e] of Object.entries(expr)) visitExpr(e, inner, k, isObject(unk) ? unk[k] : undefined, `${p}.${k}`);
        return;
      }
      const refs = refsAt(expr);
      for (const ref of refs) pending.push({ from: r, address: ref.address, targetAttribute: ref.attribute, path: p });
      const current = (target as Obj)[key as string];
      const isUnknown = unk === true || current === undefined || current === null;
      if (isUnknown && refs.length > 0) {
        const tokens = refs.map((x) => `\${${x.attribute ? `${x.address}.${x.attribute}` : x.address}}`);
        (target as Obj)[key as string] = tokens.length === 1 ? tokens[0] : tokens;
      }
    };
    if (cfgRes && isObject(cfgRes.expressions)) {
      for (const [k, e] of Object.entries(cfgRes.expressions)) visitExpr(e, values, k, isObject(unknown) ? unknown[k] : undefined, k);
    }
    if (isObject(unknown)) {
      for (const [k, u] of Object.entries(unknown)) if (u === true && (values[k] === undefined || values[k] === null)) values[k] = UNKNOWN_VALUE;
    }
    stackResources.push(r);
    b.resources.push(r);
  };

  const walkModule = (mod: unknown, jsonPath: string) => {
    if (!isObject(mod)) return;
    const moduleAddress = typeof mod.address === 'string' ? mod.address : '';
    if (Array.isArray(mod.resources)) mod.resources.forEach((res, i) => isObject(res) && addOne(res, `${jsonPath}.resources[${i}]`, moduleAddress));
    if (Array.isArray(mod.child_modules)) mod.child_modules.forEach((cm, i) => walkModule(cm, `${jsonPath}.child_modules[${i}]`));
  };

  if (kind === 'terraform-state') {
    walkModule(isObject(json.values) ? json.values.root_module : undefined, 'values.root_module');
  } else if (isObject(json.planned_values)) {
    walkModule(json.planned_values.root_module, 'planned_values.root_module');
  } else {
    blocks(json.resource_changes).forEach((rc, i) => {
      const ch = isObject(rc.change) ? rc.change : {};
      const actions = Array.isArray(ch.actions) ? ch.actions : [];
      if (actions.length === 1 && actions[0] === 'delete') return;
      addOne({ ...rc, values: isObject(ch.after) ? ch.after : {} }, `resource_changes[${i}]`);
    });
  }
  b.resolve(stackResources, pending, true);
}
