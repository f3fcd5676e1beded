import { dequal } from 'dequal/lite';
import { InputError } from './errors';
import { refuseInvalidAddress } from './read-input';
import { pickProvider, stackNameFromFile, type Builder, type InputDocument, type PendingRef } from './builder';
import { parsePlanRef, planExpressionRefs } from './refs';
import { derivePlanAccounts } from './account';
import { derivePlanRegions } from './region';
import type { InputKind, ProviderConfig, Resource, StackInfo } from './types';
import { blocks, COMPUTED_VALUE, isObject, tagMap, UNKNOWN_VALUE, unknownThrough, type Obj } from './values';

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

/**
 * Whether a plan's provider configuration is the AWS provider: by its source (`full_name`, e.g.
 * `registry.terraform.io/hashicorp/aws`, any registry host), whatever local name `required_providers` gives it
 * (`amazon = { source = "hashicorp/aws" }`); by the local name `aws` only where the plan records no source.
 */
function isAwsProvider(p: Obj, localName: string): boolean {
  if (typeof p.full_name === 'string') return AWS_PROVIDER_SOURCE.test(p.full_name);
  return localName === 'aws';
}

/** `<host>/<namespace>/aws` (as resources' `provider_name` is matched in plan-walk.ts). */
const AWS_PROVIDER_SOURCE = /(^|\/)aws$/;

function planProviders(json: Obj, stack: string, file: string, displayFile: string): ProviderConfig[] {
  const out: ProviderConfig[] = [];
  const cfg = isObject(json.configuration) ? json.configuration : undefined;
  if (!cfg || !isObject(cfg.provider_config)) return out;
  for (const [key, p] of Object.entries(cfg.provider_config)) {
    if (!isObject(p) || typeof p.module_address === 'string') continue;
    const localName = typeof p.name === 'string' ? p.name : key.split('.')[0];
    if (!isAwsProvider(p, localName)) continue;
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
      // The local name: resources name their provider by it (`provider_config_key` "amazon", "amazon.use1").
      name: localName,
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

/**
 * The root module's outputs by name, as the `output` values of a Terraform JSON configuration are read. State: every
 * value, known (sensitive ones included: the JSON shows them). Plan: what `output_changes` plans — its known parts
 * (`after`), and where `after_unknown` marks a part unknown, the references of the output's expression (`${ref}`,
 * a variable or module output named as unknown), so a secret attribute written into an output is seen before apply.
 * An output being removed is no output.
 */
function planOutputs(json: Obj, kind: InputKind): Record<string, unknown> | undefined {
  if (kind === 'terraform-state') {
    const outputs = isObject(json.values) && isObject(json.values.outputs) ? json.values.outputs : undefined;
    if (!outputs) return undefined;
    return Object.fromEntries(Object.entries(outputs).map(([name, o]) => [name, isObject(o) ? o.value : undefined]));
  }
  const planned = isObject(json.planned_values) && isObject(json.planned_values.outputs) ? json.planned_values.outputs : {};
  const changes = isObject(json.output_changes) ? json.output_changes : {};
  const cfg = isObject(json.configuration) && isObject(json.configuration.root_module) && isObject(json.configuration.root_module.outputs) ? json.configuration.root_module.outputs : {};
  const out: Record<string, unknown> = {};
  for (const name of new Set([...Object.keys(planned), ...Object.keys(changes)])) {
    const change = isObject(changes[name]) ? changes[name] : undefined;
    const actions = change && Array.isArray(change.actions) ? change.actions : [];
    if (actions.length === 1 && actions[0] === 'delete') continue;
    const p = isObject(planned[name]) ? planned[name] : undefined;
    const unknown = change ? change.after_unknown : p && !('value' in p) ? true : false;
    const known = change && 'after' in change ? change.after : p?.value;
    const config = isObject(cfg[name]) ? cfg[name] : undefined;
    out[name] = withUnknown(known, unknown, () => outputReferenceTokens(config?.expression));
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `value` with each part `unknown` marks (`true`) replaced by `fill()`: a plan leaves unknown parts out of `after`. */
function withUnknown(value: unknown, unknown: unknown, fill: () => unknown): unknown {
  if (unknown === true) return fill();
  if (Array.isArray(unknown)) {
    const arr = Array.isArray(value) ? [...value] : [];
    unknown.forEach((u, i) => (arr[i] = withUnknown(arr[i], u, fill)));
    return arr;
  }
  if (isObject(unknown)) {
    const obj: Obj = isObject(value) ? { ...value } : {};
    for (const [k, u] of Object.entries(unknown)) obj[k] = withUnknown(obj[k], u, fill);
    return obj;
  }
  return value;
}

/** What an output expression known only after apply reads: `${type.name.attribute}` per resource, and each variable, local or module output it reads named as unknown. */
function outputReferenceTokens(expr: unknown): unknown {
  const refs = isObject(expr) && Array.isArray(expr.references) ? expr.references.filter((x): x is string => typeof x === 'string') : [];
  const resources: Array<{ address: string; attribute?: string }> = [];
  for (const ref of refs) {
    const parsed = parsePlanRef(ref);
    if (!parsed) continue;
    const existing = resources.find((o) => o.address === parsed.address);
    if (existing) existing.attribute ??= parsed.attribute;
    else resources.push({ ...parsed });
  }
  const tokens = resources.map((x) => `\${${x.attribute ? `${x.address}.${x.attribute}` : x.address}}`);
  // Terraform lists `module.db` after `module.db.password`: the longer traversal names it.
  const others = refs.filter((ref) => !parsePlanRef(ref));
  const through = others.filter((ref) => !others.some((o) => o.startsWith(`${ref}.`) || o.startsWith(`${ref}[`))).map((ref) => unknownThrough(ref));
  const all = [...tokens, ...through];
  return all.length === 0 ? UNKNOWN_VALUE : all.length === 1 ? all[0] : all;
}

/**
 * The index of the planned block a written block became: the one at its own position when its known values agree with
 * the block's constants, else the only block that agrees. Undefined when none, or more than one, agrees: the written
 * constants then fill nothing in, and what the plan leaves unknown stays unknown.
 */
function plannedBlockOf(written: Obj, planned: readonly unknown[], unknown: readonly unknown[], position: number): number | undefined {
  const agrees = (i: number): boolean => {
    const block = planned[i];
    if (!isObject(block)) return false;
    const unk = unknown[i];
    for (const [k, e] of Object.entries(written)) {
      if (!isObject(e) || !('constant_value' in e)) continue;
      const v = block[k];
      if (v === undefined || v === null || (isObject(unk) && unk[k] === true)) continue;
      if (!dequal(v, e.constant_value)) return false;
    }
    return true;
  };
  if (agrees(position)) return position;
  const matching = planned.map((_, i) => i).filter(agrees);
  return matching.length === 1 ? matching[0] : undefined;
}

const CALL_NAME = /[A-Za-z_][A-Za-z0-9_-]*/y;
const NUMERIC_KEY = /\d+\]/y;

/**
 * The module call names of a module instance address, outermost first: `module.a["x"].module.b[0]` → a, b. Read
 * token by token: an instance key is a number or a quoted string, which may hold anything (`"app-module.v1"`, `"x]y"`,
 * an escaped quote). Undefined when the text is no module address.
 */
export function moduleCallNames(address: string): string[] | undefined {
  const names: string[] = [];
  let at = 0;
  while (at < address.length) {
    if (names.length > 0) {
      if (address[at] !== '.') return undefined;
      at++;
    }
    if (!address.startsWith('module.', at)) return undefined;
    CALL_NAME.lastIndex = at + 'module.'.length;
    const name = CALL_NAME.exec(address);
    if (!name) return undefined;
    names.push(name[0]);
    at = CALL_NAME.lastIndex;
    if (address[at] !== '[') continue;
    at++;
    if (address[at] === '"') {
      // A quoted key ends at the first quote not escaped by a backslash.
      at++;
      while (at < address.length && address[at] !== '"') at += address[at] === '\\' ? 2 : 1;
      if (address[at] !== '"' || address[at + 1] !== ']') return undefined;
      at += 2;
    } else {
      NUMERIC_KEY.lastIndex = at;
      if (!NUMERIC_KEY.test(address)) return undefined;
      at = NUMERIC_KEY.lastIndex;
    }
  }
  return names;
}

/**
 * The configuration block of a planned resource: module.a.module.b → calls a → b, then the resource by type and name.
 * Undefined when the configuration does not show it (or the module address is unreadable).
 */
function configResource(root: ModuleConfig, pr: Obj, moduleAddress: string): Obj | undefined {
  let cfg: ModuleConfig | undefined = root;
  if (moduleAddress) {
    const names = moduleCallNames(moduleAddress);
    if (!names) return undefined;
    for (const n of names) cfg = cfg?.calls.get(n);
  }
  return cfg?.resources.get(pr.mode === 'data' ? `data.${pr.type}.${pr.name}` : `${pr.type}.${pr.name}`);
}

/** A part of a planned value that `after_unknown` marks unknown: its path, and the object holding it. */
interface UnknownPart {
  path: string;
  holder: Obj;
  key: string;
}

/**
 * The parts `unk` marks unknown that sit inside an object of `value` (`route[0].gateway_id`, `tags.Name`), with
 * their paths under `p`. Elements of a list of scalars are not parts: `[true, false]` names no attribute.
 */
function unknownObjectParts(value: unknown, unk: unknown, p: string): UnknownPart[] {
  const out: UnknownPart[] = [];
  const visit = (v: unknown, u: unknown, at: string) => {
    if (Array.isArray(u)) {
      if (Array.isArray(v)) u.forEach((x, i) => x !== true && visit(v[i], x, `${at}[${i}]`));
      return;
    }
    if (!isObject(u) || !isObject(v)) return;
    for (const [k, x] of Object.entries(u)) {
      if (x === true) {
        if (v[k] === undefined || v[k] === null) out.push({ path: `${at}.${k}`, holder: v, key: k });
      } else visit(v[k], x, `${at}.${k}`);
    }
  };
  visit(value, unk, p);
  return out;
}

/** Marks the attributes `after_unknown` names inside nested blocks of `vals`: computed when the block's configuration omits them, else unknown. */
function markNestedUnknown(vals: unknown, unk: unknown, exprs: unknown): void {
  if (Array.isArray(unk)) {
    if (Array.isArray(vals)) unk.forEach((u, i) => markNestedUnknown(vals[i], u, Array.isArray(exprs) ? exprs[i] : exprs));
    return;
  }
  if (!isObject(unk) || !isObject(vals)) return;
  const block = isObject(exprs) && !('references' in exprs) && !('constant_value' in exprs) ? exprs : undefined;
  for (const [k, u] of Object.entries(unk)) {
    if (u !== true) markNestedUnknown(vals[k], u, block?.[k]);
    else if (vals[k] === undefined || vals[k] === null) vals[k] = block && !(k in block) ? COMPUTED_VALUE : UNKNOWN_VALUE;
  }
}

/** Adds one `terraform show -json` plan or state document to the model. */
export function addPlan(b: Builder, doc: InputDocument, kind: InputKind): void {
  const json = doc.json as Obj;
  const stack = b.uniqueStackName(doc.stackName ?? stackNameFromFile(doc.file));
  const displayFile = b.display(doc.file);
  const providers = planProviders(json, stack, doc.file, displayFile);
  const outputs = planOutputs(json, kind);
  const stackInfo: StackInfo = { name: stack, kind, file: doc.file, displayFile, providers, ...(outputs ? { outputs } : {}) };
  b.stacks.push(stackInfo);
  const notes: NonNullable<StackInfo['unevaluated']> = [];
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
    // Unreadable, it would hide the resource's configuration (its references, what it writes) from every rule.
    if (modulePrefix && !moduleCallNames(modulePrefix)) throw new InputError(doc.file, `${jsonPath}: module address ${JSON.stringify(modulePrefix)} is not a Terraform module address`);
    const values: Obj = isObject(pr.values) ? { ...pr.values } : {};
    const change = changes.get(address);
    const ch = change && isObject(change.change) ? change.change : undefined;
    if (ch && Array.isArray(ch.actions) && ch.actions.length === 1 && ch.actions[0] === 'forget') {
      // A `removed` block with `destroy = false`: the object stays in AWS but leaves Terraform's management, and the
      // plan shows no values for it. Judged, it would be an empty resource; it is named instead.
      notes.push({ file: doc.file, expression: address, reason: 'planned to be forgotten (removed with lifecycle destroy = false): the object stays in AWS but leaves Terraform\'s management', outcome: 'not checked' });
      return;
    }
    const unknown = ch && isObject(ch.after_unknown) ? ch.after_unknown : {};
    const cfgRes = configResource(rootConfig, pr, modulePrefix);
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
      // Each names the instance it indexes (`aws_s3_bucket.b[0]`, `aws_s3_bucket.c[count.index]`), not every instance.
      for (const parsed of planExpressionRefs(expr.references)) {
        const address = modulePrefix ? `${modulePrefix}.${parsed.address}` : parsed.address;
        out.push(parsed.attribute ? { address, attribute: parsed.attribute } : { address });
      }
      return out;
    };
    const visitExpr = (expr: unknown, target: Obj | unknown[], key: string | number, unk: unknown, p: string) => {
      if (Array.isArray(expr)) {
        // list of nested blocks
        let cur = (target as Obj)[key as string];
        if (!Array.isArray(cur) && unk === true) {
          // The whole block is unknown (a set holding one unknown value is unknown as a whole): rebuild it from the
          // configuration, each attribute its constant, its reference, or unknown.
          cur = expr.filter(isObject).map(() => ({}));
          (target as Obj)[key as string] = cur;
          unk = (cur as unknown[]).map(() => true);
        }
        const arr = Array.isArray(cur) ? cur : [];
        const unks = Array.isArray(unk) ? unk : [];
        expr.forEach((be, written) => {
          if (!isObject(be)) return;
          // Set-typed blocks (ebs_block_device, ingress…) come back in Terraform's order, not the configuration's: the
          // planned block is the one whose known values agree with the written constants, never one by position only.
          const i = plannedBlockOf(be, arr, unks, written);
          if (i === undefined) return;
          const vb = arr[i] as Obj;
          const ub = unks[i];
          for (const [k, e] of Object.entries(be)) visitExpr(e, vb, k, isObject(ub) ? ub[k] : undefined, `${p}[${i}].${k}`);
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
      if (refs.length > 0 && typeof unk === 'object' && unk !== null) {
        // One expression for a list of objects (an attribute written as blocks: `route { gateway_id = … }` of
        // aws_route_table) or an object: the plan shows which parts are unknown, not which reference each holds. Each
        // unknown part inside an object may hold any of them: an edge from each part to each reference, so a rule that
        // looks at `route[0].gateway_id` sees the gateway. One part and one reference: that part is that reference.
        const parts = unknownObjectParts((target as Obj)[key as string], unk, p);
        for (const part of parts) for (const ref of refs) pending.push({ from: r, address: ref.address, targetAttribute: ref.attribute, path: part.path });
        if (parts.length === 1 && refs.length === 1) parts[0].holder[parts[0].key] = `\${${refs[0].attribute ? `${refs[0].address}.${refs[0].attribute}` : refs[0].address}}`;
      }
      let current = (target as Obj)[key as string];
      if (unk === true && (current === undefined || current === null) && 'constant_value' in expr) current = (target as Obj)[key as string] = expr.constant_value;
      const isUnknown = unk === true || current === undefined || current === null;
      if (isUnknown && refs.length > 0) {
        const tokens = refs.map((x) => `\${${x.attribute ? `${x.address}.${x.attribute}` : x.address}}`);
        (target as Obj)[key as string] = tokens.length === 1 ? tokens[0] : tokens;
      } else if (unk === true && (current === undefined || current === null)) {
        // Through a variable, local or module output (a plan exports none of them): still unknown, but named as
        // written (inside its module call: `module.vpc.local.vpc_id`, so two modules' locals never look alike), and a
        // finding says `vpc_id (${unknown: module.vpc.local.vpc_id})` rather than an anonymous marker.
        const named = Array.isArray(expr.references) ? expr.references.find((x): x is string => typeof x === 'string') : undefined;
        (target as Obj)[key as string] = named ? unknownThrough(`${modulePrefix ? `${modulePrefix}.` : ''}${named}`) : UNKNOWN_VALUE;
      }
    };
    if (cfgRes && isObject(cfgRes.expressions)) {
      for (const [k, e] of Object.entries(cfgRes.expressions)) visitExpr(e, values, k, isObject(unknown) ? unknown[k] : undefined, k);
    }
    if (isObject(unknown)) {
      // Unknown with an expression in the configuration: truly unknown; with none: the provider computes it.
      const written = cfgRes && isObject(cfgRes.expressions) ? cfgRes.expressions : {};
      for (const [k, u] of Object.entries(unknown)) if (u === true && (values[k] === undefined || values[k] === null)) values[k] = k in written ? UNKNOWN_VALUE : COMPUTED_VALUE;
      // The same inside nested blocks (a plan omits an unknown nested attribute from `after`). A block the configuration
      // does not show (a dynamic block, a module variable) cannot tell written from computed: unknown.
      for (const [k, u] of Object.entries(unknown)) if (u !== true) markNestedUnknown(values[k], u, written[k]);
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
  if (notes.length > 0) stackInfo.unevaluated = notes;
  const configOf = (pr: Obj, moduleAddress: string) => configResource(rootConfig, pr, typeof pr.module_address === 'string' ? pr.module_address : moduleAddress);
  derivePlanRegions(json, providers, configOf);
  derivePlanAccounts(json, providers, configOf);
  b.resolve(stackResources, pending, true);
}
