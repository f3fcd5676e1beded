import type { SourceLocation, SourceOptions } from '../source/index';
import type { ReadLimits } from './read-input';
import * as path from 'node:path';
import { TF_COMMENT_KEY } from '../suppression-format';
import type { Edge, ProviderConfig, RegionEvidence, Resource, StackInfo } from './types';
import { OWN_COUNT_INDEX, OWN_EACH_KEY, UNRESOLVED_INDEX } from './refs';
import { isToken, type Obj } from './values';

export interface LoadOptions {
  /** Directory that report paths are made relative to (default: `process.cwd()`). */
  baseDir?: string;
  /** Variable values for Terraform source (`--var`, `--var-file`). */
  source?: SourceOptions;
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
  /** Terraform source (`policies/source/`): where each resource was written, by its JSON path in `json`. */
  sources?: ReadonlyMap<string, SourceLocation>;
  /** Terraform source: what could not be evaluated. */
  notes?: Array<{ file: string; expression: string; reason: string }>;
  /** Terraform source: how each provider's region was evaluated (by the provider's JSON path, `provider.aws[0]`). */
  providerRegions?: ReadonlyMap<string, RegionEvidence>;
}

/** A reference waiting to be resolved once every resource of its stack is known. References of one value path are pushed one after another. */
export interface PendingRef {
  from: Resource;
  /**
   * The referenced resource (`aws_vpc.main`: every instance of it) or one instance of it (`aws_vpc.v[0]`,
   * `aws_vpc.v["x"]`, the referrer's own `aws_vpc.v[count.index]` / `[each.key]`, or `aws_vpc.v[?]` when the input does
   * not say which): spelt as `RawRef.address` in `refs.ts`.
   */
  address: string;
  targetAttribute?: string;
  path: string;
}

export class Builder {
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
    for (let i = 0; i < stackResources.length; i++) {
      const r = stackResources[i];
      byAddress.set(r.address, r);
      if (!r.address.endsWith(']')) continue;
      const base = r.address.replace(/\[[^\]]*\]$/, '');
      if (base !== r.address) {
        const l = byBase.get(base);
        if (l) l.push(r);
        else byBase.set(base, [r]);
      }
    }
    // One edge per (from, to, path). The references of one value path are pushed together (one string, or one plan
    // expression), so duplicates can only sit next to each other: a window over the current path replaces a key
    // string per edge.
    let windowFrom: Resource | undefined;
    let windowPath: string | undefined;
    // Reused, with its own count: `length = 0` would drop the array's storage and make the next push allocate anew.
    const windowEdges: Edge[] = [];
    let windowSize = 0;
    const add = (from: Resource, to: Resource, p: string, targetAttribute: string | undefined, unresolved: boolean) => {
      if (from === to) return;
      if (from !== windowFrom || p !== windowPath) {
        windowFrom = from;
        windowPath = p;
        windowSize = 0;
      } else {
        for (let k = 0; k < windowSize; k++) {
          const known = windowEdges[k];
          if (known.to !== to) continue;
          // Named as this very instance by another reference of the path: no longer only a candidate.
          if (!unresolved && known.unresolvedInstance) delete known.unresolvedInstance;
          return;
        }
      }
      const attribute = topAttribute(p);
      const edge: Edge = targetAttribute ? { from, to, attribute, path: p, targetAttribute } : { from, to, attribute, path: p };
      if (unresolved) edge.unresolvedInstance = true;
      windowEdges[windowSize++] = edge;
      this.edges.push(edge);
    };
    const firstEdge = this.edges.length;
    for (let i = 0; i < pending.length; i++) {
      const ref = pending[i];
      const exact = byAddress.get(ref.address);
      if (exact) add(ref.from, exact, ref.path, ref.targetAttribute, false);
      else if (ref.address.endsWith(']')) {
        // One instance (`b[0]`, `m["x"]`, `c[count.index]`): that instance only, never its siblings. One the input
        // does not name (`c[var.i]`): every instance, each edge marked as only a candidate (see Edge.unresolvedInstance).
        const one = instanceTarget(byBase, byAddress, ref.from, ref.address);
        if (typeof one === 'string') {
          const candidates = byBase.get(one) ?? EMPTY_RESOURCES;
          for (let j = 0; j < candidates.length; j++) add(ref.from, candidates[j], ref.path, ref.targetAttribute, true);
        } else if (one) add(ref.from, one, ref.path, ref.targetAttribute, false);
      } else {
        // The resource as a whole (`c[*].id`, `[for b in c : b.id]`): every instance.
        const indexed = byBase.get(ref.address) ?? EMPTY_RESOURCES;
        for (let j = 0; j < indexed.length; j++) add(ref.from, indexed[j], ref.path, ref.targetAttribute, false);
      }
    }
    if (literalIds) this.addLiteralIdEdges(stackResources, firstEdge);
  }

  /**
   * Plans and state of existing infrastructure hold literal IDs/ARNs instead of references: a string equal to another
   * resource's `id`/`arn` is an edge, unless a reference already made it.
   */
  private addLiteralIdEdges(stackResources: Resource[], firstEdge: number): void {
    const ids = new Map<string, Resource>();
    for (const r of stackResources) {
      for (const k of ['id', 'arn']) {
        const v = r.values[k];
        // Only a literal ID names one resource: a value known after apply (`${computed}`, `${unknown…}`) names none.
        if (typeof v === 'string' && v.length > 3 && !isToken(v)) ids.set(v, r);
      }
    }
    if (ids.size === 0) return;
    const key = (from: Resource, to: Resource, p: string) => `${from.key}\u0000${to.key}\u0000${p}`;
    const known = new Set<string>();
    for (let i = firstEdge; i < this.edges.length; i++) known.add(key(this.edges[i].from, this.edges[i].to, this.edges[i].path));
    for (let i = 0; i < stackResources.length; i++) {
      const r = stackResources[i];
      walkStrings(r.values, (s, path) => {
        const t = ids.get(s);
        if (!t || t === r) return;
        const p = path();
        if (p === 'id' || p === 'arn' || known.has(key(r, t, p))) return;
        known.add(key(r, t, p));
        this.edges.push({ from: r, to: t, attribute: topAttribute(p), path: p });
      });
    }
  }
}

const EMPTY_RESOURCES: readonly Resource[] = Object.freeze([]);
const OWN_NUMBER_KEY = /\[[0-9]+\]$/;

/**
 * The resource a reference to one instance names (`address` ends with its index, spelt as `RawRef.address` in `refs.ts`)
 * when there is no resource of that exact address: the referrer's own instance for `[count.index]` / `[each.key]`, or
 * the resource itself when its instances are not expanded (a Terraform JSON or cdktf configuration, a `count` the
 * source does not show: one model resource stands for every instance). When the resource has instances but the
 * reference does not say which (an index the reading could not resolve, `[?]`, or `[count.index]` / `[each.key]` from
 * a referrer without an instance key of that kind): the resource's address, every instance of it a candidate.
 * `undefined` when none is in the stack (another stack's resource, a literal key no instance has).
 */
function instanceTarget(byBase: ReadonlyMap<string, readonly Resource[]>, byAddress: ReadonlyMap<string, Resource>, from: Resource, address: string): Resource | string | undefined {
  let open: number;
  let own: string | undefined;
  if (address.endsWith(OWN_COUNT_INDEX)) {
    open = address.length - OWN_COUNT_INDEX.length;
    const m = from.address.endsWith(']') ? OWN_NUMBER_KEY.exec(from.address) : null;
    own = m ? m[0] : undefined;
  } else if (address.endsWith(OWN_EACH_KEY)) {
    open = address.length - OWN_EACH_KEY.length;
    const at = from.address.endsWith('"]') ? from.address.lastIndexOf('["') : -1;
    own = at === -1 ? undefined : from.address.slice(at);
  } else {
    open = address.endsWith('"]') ? address.lastIndexOf('["') : address.lastIndexOf('[');
    own = address.endsWith(UNRESOLVED_INDEX) ? undefined : address.slice(open);
  }
  if (open <= 0) return undefined;
  const base = address.slice(0, open);
  const found = (own === undefined ? undefined : byAddress.get(base + own)) ?? byAddress.get(base);
  if (found) return found;
  // A literal key no instance has names none of them (Terraform refuses it); an unknown key might be any of them.
  return own === undefined && byBase.has(base) ? base : undefined;
}

/** The top-level attribute of a value path (`ingress[0].cidr_blocks` → `ingress`), without a regex per edge. */
function topAttribute(path: string): string {
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 0x2e || c === 0x5b) return path.slice(0, i);
  }
  return path;
}

/**
 * Calls `fn` for every string leaf. Its path (`a.b[0].c`) is built only when `fn` asks for it, during the call: most
 * leaves never need one, and joining a path for each of them was a large share of loading a big estate. With
 * `'templates'`, only strings holding a `${…}` template are passed.
 */
export function walkStrings(value: unknown, fn: (s: string, path: () => string) => void, only?: 'templates'): void {
  const templatesOnly = only === 'templates';
  const keys: Array<string | number> = [];
  const path = () => {
    let out = '';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      out = typeof k === 'number' ? `${out}[${k}]` : out === '' ? k : `${out}.${k}`;
    }
    return out;
  };
  // A leaf `fn` will not see (a number, boolean or null; a string without `${` when only templates are asked for) needs
  // no key pushed: most leaves are such, and pushing one per leaf was a large share of the walk.
  const skipped = (x: unknown): boolean => (typeof x === 'string' ? templatesOnly && !x.includes('${') : x === null || typeof x !== 'object');
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      // Checked here, not in `fn`: most leaves hold no `${`, and a call per leaf was a large share of loading.
      if (!templatesOnly || v.includes('${')) fn(v, path);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (skipped(v[i])) continue;
        keys.push(i);
        visit(v[i]);
        keys.pop();
      }
    } else if (v !== null && typeof v === 'object') {
      for (const k in v as Obj) {
        if (k === TF_COMMENT_KEY) continue;
        const x = (v as Obj)[k];
        if (skipped(x)) continue;
        keys.push(k);
        visit(x);
        keys.pop();
      }
    }
  };
  visit(value);
}

export function stackNameFromFile(file: string): string {
  const base = path.basename(file).replace(/\.json$/, '').replace(/\.tf$/, '');
  const generic = ['cdk', 'cdk.tf', 'plan', 'tfplan', 'state', 'main', 'terraform'];
  if (generic.includes(base.toLowerCase())) {
    const parent = path.basename(path.dirname(path.resolve(file)));
    return parent || base;
  }
  return base;
}

export function pickProvider(providers: ProviderConfig[], ref: unknown): ProviderConfig | undefined {
  if (typeof ref === 'string') {
    const m = /^(?:\$\{)?([a-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?\}?$/.exec(ref.trim());
    if (m) {
      const found = providers.find((p) => p.name === m[1] && (p.alias ?? undefined) === (m[2] ?? undefined));
      if (found) return found;
    }
  }
  return providers.find((p) => p.alias === undefined) ?? providers[0];
}

