import { InputError } from './errors';
import { refuseInvalidAddress } from './read-input';
import { MODULE_SUPPRESSIONS_KEY, PALISADE_COMMENT_KEY, readSuppressions, SUPPRESSIONS_KEY, TF_COMMENT_KEY } from '../suppression-format';
import { pickProvider, stackNameFromFile, walkStrings, type Builder, type InputDocument, type PendingRef } from './builder';
import { memberLinesOnDemand } from './locate';
import { findRefs } from './refs';
import { deriveConfigurationRegions } from './region';
import type { InputKind, ModuleBlock, ProviderConfig, Resource } from './types';
import { blocks, isObject, tagMap, type Obj } from './values';

function providersFrom(json: Obj, stack: string, file: string, displayFile: string, regions?: InputDocument['providerRegions']): ProviderConfig[] {
  // Every `aws` configuration in order, from the object form and from the array form (`"provider": [{ "aws": … }]`).
  const configs: unknown[] = [];
  let indexed = Array.isArray(json.provider);
  for (const [level] of levelObjects(file, 'provider', json.provider)) {
    const value = level.aws;
    if (value === undefined) continue;
    indexed ||= Array.isArray(value);
    configs.push(...(Array.isArray(value) ? value : [value]));
  }
  const out: ProviderConfig[] = [];
  configs.forEach((p, i) => {
    if (!isObject(p)) return;
    const defaultTags: Record<string, string> = {};
    for (const dt of blocks(p.default_tags)) Object.assign(defaultTags, tagMap(dt.tags));
    const jsonPath = indexed || configs.length > 1 ? `provider.aws[${i}]` : 'provider.aws';
    const regionEvidence = regions?.get(jsonPath);
    out.push({
      name: 'aws',
      alias: typeof p.alias === 'string' ? p.alias : undefined,
      region: p.region,
      allowedAccountIds: p.allowed_account_ids,
      defaultTags,
      stack,
      file,
      displayFile,
      jsonPath,
      ...(regionEvidence ? { regionEvidence } : {}),
    });
  });
  return out;
}

/**
 * The objects of one level of Terraform JSON blocks, with their JSON paths: the object itself, or each object of the
 * array form (HCL's JSON syntax lets every block level, labels included, be a list of objects). Nothing there is no
 * level; anything else is no Terraform JSON, and an input error naming its path: read as nothing, it would hide every
 * block under it from the checks.
 */
function levelObjects(file: string, jsonPath: string, value: unknown): Array<[Obj, string]> {
  if (value === undefined || value === null) return [];
  if (isObject(value)) return [[value, jsonPath]];
  if (!Array.isArray(value)) throw new InputError(file, `${jsonPath}: expected an object of Terraform blocks (or a list of them), got ${typeof value}`);
  return value.map((v: unknown, i): [Obj, string] => {
    if (!isObject(v)) throw new InputError(file, `${jsonPath}[${i}]: expected an object of Terraform blocks, got ${Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v}`);
    return [v, `${jsonPath}[${i}]`];
  });
}

/** Adds one cdktf stack / Terraform JSON configuration document to the model. */
export function addTerraformJson(b: Builder, doc: InputDocument, kind: InputKind): void {
  const json = doc.json as Obj;
  const comment = json[TF_COMMENT_KEY];
  const metaName = isObject(comment) && isObject(comment.metadata) && typeof comment.metadata.stackName === 'string' ? comment.metadata.stackName : undefined;
  const stack = b.uniqueStackName(doc.stackName ?? metaName ?? stackNameFromFile(doc.file));
  const displayFile = b.display(doc.file);
  const providers = providersFrom(json, stack, doc.file, displayFile, doc.providerRegions);
  const outputs = outputsFrom(doc.file, json.output);
  const backend = backendFrom(json);
  const palisade = isObject(comment) && isObject(comment[PALISADE_COMMENT_KEY]) ? comment[PALISADE_COMMENT_KEY] : undefined;
  const moduleBlocks = moduleBlocksFrom(doc.file, json.module, palisade);
  b.stacks.push({ name: stack, kind, file: doc.file, displayFile, providers, ...(outputs ? { outputs } : {}), ...(backend ? { backend } : {}), ...(palisade ? { palisade } : {}), ...(doc.notes ? { unevaluated: doc.notes } : {}), ...(moduleBlocks.length > 0 ? { moduleBlocks } : {}) });
  const at: DocumentContext = {
    b,
    doc,
    stack,
    displayFile,
    providers,
    lineDescriptor: doc.text ? lazyLineDescriptor(memberLinesOnDemand(doc.text, 3)) : undefined,
    stackResources: [],
    pending: [],
  };
  const { stackResources } = at;
  for (const mode of ['resource', 'data'] as const) {
    const levels = levelObjects(doc.file, mode, json[mode]);
    // The array form can declare one address in two of its objects (Terraform refuses it); the object form cannot.
    const seen = Array.isArray(json[mode]) ? new Set<string>() : undefined;
    for (let i = 0; i < levels.length; i++) addSection(at, mode, levels[i][0], levels[i][1], seen);
  }
  deriveConfigurationRegions(json, providers, stackResources);
  b.resolve(stackResources, at.pending, false);
}

/** The resources (or data sources) of one object of a `resource`/`data` section: `{ type: { name: body } }`. */
function addSection(at: DocumentContext, mode: 'resource' | 'data', section: Obj, sectionPath: string, seen: Set<string> | undefined): void {
  // for…in, not Object.entries: a section of thousands of resources is a dictionary object, and entries() of one
  // builds and sorts a pair per member. The work per resource is a function of its own: inlined here, each new
  // type of the outer loop threw away the optimised loop (a deoptimisation per resource type).
  for (const type in section) {
    const byName = section[type];
    if (isObject(byName) && seen === undefined) {
      for (const name in byName) addResource(at, mode, type, name, byName[name]);
      continue;
    }
    const named = seen ?? new Set<string>();
    for (const [level] of levelObjects(at.doc.file, `${sectionPath}.${type}`, byName)) {
      for (const name in level) {
        const address = `${mode}.${type}.${name}`;
        if (named.has(address)) throw new InputError(at.doc.file, `${address}: declared twice (Terraform refuses a duplicate ${mode === 'data' ? 'data source' : 'resource'})`);
        named.add(address);
        addResource(at, mode, type, name, level[name]);
      }
    }
  }
}

/** The `module` blocks of a configuration (object or array form), each with the suppressions written for it. */
function moduleBlocksFrom(file: string, section: unknown, stackPalisade: Obj | undefined): ModuleBlock[] {
  const out: ModuleBlock[] = [];
  const atStack = stackPalisade && isObject(stackPalisade[MODULE_SUPPRESSIONS_KEY]) ? stackPalisade[MODULE_SUPPRESSIONS_KEY] : undefined;
  for (const [level] of levelObjects(file, 'module', section)) {
    for (const name in level) {
      const raw = level[name];
      const body = Array.isArray(raw) ? onlyBlock(file, `module.${name}`, raw) : isObject(raw) ? raw : undefined;
      const comment = body?.[TF_COMMENT_KEY];
      const path = isObject(comment) && isObject(comment.metadata) && typeof comment.metadata.path === 'string' ? comment.metadata.path : undefined;
      const stackEntry = atStack?.[name];
      out.push({
        name,
        ...(typeof body?.source === 'string' ? { source: body.source } : {}),
        address: `module.${name}`,
        rawSuppressions: readSuppressions(body) ?? (isObject(stackEntry) ? stackEntry[SUPPRESSIONS_KEY] : undefined),
        ...(path !== undefined ? { constructPath: path } : {}),
      });
    }
  }
  return out;
}

/** `output` values by name, from the object form or the array form. */
function outputsFrom(file: string, section: unknown): Record<string, unknown> | undefined {
  if (section === undefined || section === null) return undefined;
  const out: Record<string, unknown> = {};
  for (const [level] of levelObjects(file, 'output', section)) {
    for (const [k, v] of Object.entries(level)) out[k] = isObject(v) ? v.value : v;
  }
  return out;
}

/** What every resource of one document shares while it is read. */
interface DocumentContext {
  b: Builder;
  doc: InputDocument;
  stack: string;
  displayFile: string;
  providers: ProviderConfig[];
  lineDescriptor: PropertyDescriptor | undefined;
  stackResources: Resource[];
  pending: PendingRef[];
}

/** One resource or data source of a document: its model resource and the references it makes. */
function addResource(at: DocumentContext, mode: 'resource' | 'data', type: string, name: string, rawBody: unknown): void {
  const { b, doc, stack, providers } = at;
  const body = Array.isArray(rawBody) ? onlyBlock(doc.file, `${mode}.${type}.${name}`, rawBody) : rawBody;
  if (!isObject(body)) return;
  const values = withoutComment(body);
  const c = body[TF_COMMENT_KEY];
  const meta = isObject(c) && isObject(c.metadata) ? c.metadata : undefined;
  const written = `${mode}.${type}.${name}`;
  const src = doc.sources?.get(written);
  // Source documents key resources by their evaluated address (module prefix, index); the evaluator read the names.
  if (!src) refuseInvalidAddress(doc.file, written, type, name);
  const address = src?.address ?? (mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`);
  const r: Resource = {
    mode: mode === 'data' ? 'data' : 'managed',
    stack,
    type,
    name: src?.name ?? name,
    address,
    key: `${stack}/${address}`,
    values,
    file: src?.file ?? doc.file,
    displayFile: src ? b.display(src.file) : at.displayFile,
    jsonPath: src?.jsonPath ?? written,
    constructPath: meta && typeof meta.path === 'string' ? meta.path : undefined,
    uniqueId: meta && typeof meta.uniqueId === 'string' ? meta.uniqueId : undefined,
    providers,
    provider: pickProvider(providers, values.provider),
    rawSuppressions: readSuppressions(body),
  };
  // Added after the literal, not spread into it: a spread in a literal is a runtime copy per resource.
  if (src) {
    r.line = src.line;
    if (src.moduleCall) r.moduleCall = src.moduleCall;
    if (src.instancesUnknown) r.instancesUnknown = true;
  } else if (at.lineDescriptor) {
    Object.defineProperty(r, 'line', at.lineDescriptor);
  }
  at.stackResources.push(r);
  b.resources.push(r);
  const modulePrefix = src?.modulePrefix ?? '';
  const pending = at.pending;
  walkStrings(values, (s, path) => {
    const refs = findRefs(s);
    if (refs.length === 0) return;
    const p = path();
    for (let j = 0; j < refs.length; j++) {
      const ref = refs[j];
      pending.push({ from: r, address: modulePrefix + ref.address, targetAttribute: ref.attribute, path: p });
    }
  }, 'templates');
}

/** The one body of a resource written in the array form (`"name": [{ … }]`); two bodies are two blocks of one address. */
function onlyBlock(file: string, address: string, list: unknown[]): Obj | undefined {
  const bodies = levelObjects(file, address, list);
  if (bodies.length > 1) throw new InputError(file, `${address}: declared ${bodies.length} times (Terraform refuses duplicate blocks of one address)`);
  return bodies[0]?.[0];
}

/**
 * `line` of the resources of one document: found on first read, since line numbers matter only for the few resources
 * a finding names. One getter shared by the document's resources (it reads `this.jsonPath`): a closure per resource
 * gives each object its own hidden class, and V8 turns them into slow dictionaries that every rule then reads.
 */
function lazyLineDescriptor(lines: () => Map<string, number>): PropertyDescriptor {
  return {
    get(this: Resource) {
      return lines().get(this.jsonPath);
    },
    enumerable: true,
    configurable: true,
  };
}

/**
 * A resource body without its cdktf `//` comment. Object rest, not spread-then-`delete` (a delete turns the object into
 * a slow dictionary, and every rule reads these objects); rest also keeps a member named `__proto__` as an own member.
 */
function withoutComment(body: Obj): Obj {
  const { [TF_COMMENT_KEY]: _comment, ...values } = body;
  return values;
}

/** The `terraform.backend` block of Terraform JSON (`{ s3: {...} }`, possibly as a list), as type + settings. */
function backendFrom(json: Obj): { type: string; config: Obj } | undefined {
  const terraform = blocks(json.terraform)[0];
  const backend = terraform ? blocks(terraform.backend)[0] : undefined;
  const type = backend ? Object.keys(backend)[0] : undefined;
  return type ? { type, config: blocks(backend![type])[0] ?? {} } : undefined;
}
