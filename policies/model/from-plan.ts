import { refuseInvalidAddress } from './read-input';
import { pickProvider, stackNameFromFile, type Builder, type InputDocument, type PendingRef } from './builder';
import { parsePlanRef } from './refs';
import { derivePlanAccounts } from './account';
import { derivePlanRegions } from './region';
import type { InputKind, ProviderConfig, Resource } from './types';
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

/** The configuration block of a planned resource: module.a.module.b → calls a → b, then the resource by type and name. */
function configResource(root: ModuleConfig, pr: Obj, moduleAddress: string): Obj | undefined {
  let cfg: ModuleConfig | undefined = root;
  if (moduleAddress) {
    const names = moduleAddress.split(/\.?module\./).filter((s) => s !== '').map((s) => s.replace(/\[[^\]]*\]$/, ''));
    for (const n of names) cfg = cfg?.calls.get(n);
  }
  return cfg?.resources.get(pr.mode === 'data' ? `data.${pr.type}.${pr.name}` : `${pr.type}.${pr.name}`);
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
        let cur = (target as Obj)[key as string];
        if (!Array.isArray(cur) && unk === true) {
          // The whole block is unknown (a set holding one unknown value is unknown as a whole): rebuild it from the
          // configuration, each attribute its constant, its reference, or unknown.
          cur = expr.filter(isObject).map(() => ({}));
          (target as Obj)[key as string] = cur;
          unk = (cur as unknown[]).map(() => true);
        }
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
  const configOf = (pr: Obj, moduleAddress: string) => configResource(rootConfig, pr, typeof pr.module_address === 'string' ? pr.module_address : moduleAddress);
  derivePlanRegions(json, providers, configOf);
  derivePlanAccounts(json, providers, configOf);
  b.resolve(stackResources, pending, true);
}
