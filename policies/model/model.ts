import type { Edge, Resource, StackInfo } from './types';
import { tagMap } from './values';

const EMPTY: readonly never[] = Object.freeze([]);
/** Up to this many edges, a query deduplicates by a linear search of its (short) answer instead of building a set. */
const MAX_LINEAR_DEDUPE = 16;

/**
 * The resource model of one or more stacks with O(1) lookups by type/address and O(degree)
 * reference queries. Built by the loader; rules only read it.
 */
export class Model {
  readonly stacks: readonly StackInfo[];
  /** Every managed resource and data source, in load order. */
  readonly resources: readonly Resource[];
  private readonly byKey = new Map<string, Resource>();
  private readonly byType = new Map<string, Resource[]>();
  private readonly byDataType = new Map<string, Resource[]>();
  private readonly out = new Map<Resource, Edge[]>();
  private readonly inc = new Map<Resource, Edge[]>();
  private readonly tags = new WeakMap<Resource, Readonly<Record<string, string>>>();

  constructor(stacks: readonly StackInfo[], resources: readonly Resource[], edges: readonly Edge[]) {
    this.stacks = stacks;
    this.resources = resources;
    // Indexed loops here and in the queries below: they run over the whole estate, or once per resource, mostly in
    // code not yet optimised, where `for…of` allocates a step result per element.
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      this.byKey.set(r.key, r);
      const idx = r.mode === 'data' ? this.byDataType : this.byType;
      let l = idx.get(r.type);
      if (!l) idx.set(r.type, (l = []));
      l.push(r);
    }
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i];
      push(this.out, e.from, e);
      push(this.inc, e.to, e);
    }
  }

  /** Managed resources of a type (e.g. `aws_vpc`), across all stacks. */
  ofType(type: string): readonly Resource[] {
    return this.byType.get(type) ?? EMPTY;
  }

  /** Data sources of a type (e.g. `aws_iam_policy_document`). */
  dataOfType(type: string): readonly Resource[] {
    return this.byDataType.get(type) ?? EMPTY;
  }

  /** A resource by stack and Terraform address (`aws_vpc.main`, `data.aws_iam_policy_document.x`). */
  get(stack: string, address: string): Resource | undefined {
    return this.byKey.get(`${stack}/${address}`);
  }

  /** A resource by its {@link Resource.key} (`<stack>/<address>`). */
  byResourceKey(key: string): Resource | undefined {
    return this.byKey.get(key);
  }

  /** Number of managed resources (data sources excluded). */
  get managedCount(): number {
    let n = 0;
    for (const l of this.byType.values()) n += l.length;
    return n;
  }

  /** References made by `from`, optionally only from a top-level attribute. */
  outgoing(from: Resource, attribute?: string): readonly Edge[] {
    const l = this.out.get(from) ?? EMPTY;
    if (attribute === undefined) return l;
    const out: Edge[] = [];
    for (let i = 0; i < l.length; i++) if (l[i].attribute === attribute) out.push(l[i]);
    return out;
  }

  /** References pointing at `to`. */
  incoming(to: Resource): readonly Edge[] {
    return this.inc.get(to) ?? EMPTY;
  }

  /**
   * Resources that reference `target`, optionally of a given type (prefix `data.` for data sources)
   * and through a given top-level attribute. Example: flow logs of a VPC =
   * `referrers(vpc, 'aws_flow_log', 'vpc_id')`.
   */
  referrers(target: Resource, type?: string, attribute?: string): Resource[] {
    const edges = this.incoming(target);
    const isType = type === undefined ? undefined : typeTest(type);
    const out: Resource[] = [];
    const seen = edges.length > MAX_LINEAR_DEDUPE ? new Set<Resource>() : undefined;
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i];
      if (isType && !isType(e.from)) continue;
      if (attribute !== undefined && e.attribute !== attribute) continue;
      if (seen ? seen.has(e.from) : out.includes(e.from)) continue;
      seen?.add(e.from);
      out.push(e.from);
    }
    return out;
  }

  /**
   * {@link referrers}, split by whether each is sure to exist and to point at `target`. `uncertain` ones reach it only
   * as a candidate instance (`aws_vpc.v[var.i]`, {@link Edge.unresolvedInstance}) or may not exist (Terraform source
   * whose `count`/`for_each` the source does not show, {@link Resource.instancesUnknown}): a rule that counts a
   * referrer as a protection says unproven when only uncertain ones would protect.
   */
  referrersBySurety(target: Resource, type?: string, attribute?: string): { certain: Resource[]; uncertain: Resource[] } {
    const certain: Resource[] = [];
    const uncertain: Resource[] = [];
    for (const r of this.referrers(target, type, attribute)) {
      const named = this.incoming(target).some((e) => e.from === r && (attribute === undefined || e.attribute === attribute) && !e.unresolvedInstance);
      (named && !r.instancesUnknown ? certain : uncertain).push(r);
    }
    return { certain, uncertain };
  }

  /** Resources that `from` references, optionally through a top-level attribute and of a given type. */
  targets(from: Resource, attribute?: string, type?: string): Resource[] {
    const edges = this.outgoing(from, attribute);
    const isType = type === undefined ? undefined : typeTest(type);
    const out: Resource[] = [];
    const seen = edges.length > MAX_LINEAR_DEDUPE ? new Set<Resource>() : undefined;
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i];
      if (isType && !isType(e.to)) continue;
      if (seen ? seen.has(e.to) : out.includes(e.to)) continue;
      seen?.add(e.to);
      out.push(e.to);
    }
    return out;
  }

  /** Whether `from` references `to` (optionally through a given top-level attribute). */
  refersTo(from: Resource, to: Resource, attribute?: string): boolean {
    const edges = this.out.get(from) ?? EMPTY;
    for (let i = 0; i < edges.length; i++) if (edges[i].to === to && (attribute === undefined || edges[i].attribute === attribute)) return true;
    return false;
  }

  /** Provider `default_tags` merged under the resource's own `tags` / `tags_all` (frozen: computed once per resource). */
  effectiveTags(r: Resource): Readonly<Record<string, string>> {
    let tags = this.tags.get(r);
    if (!tags) this.tags.set(r, (tags = Object.freeze({ ...(r.provider?.defaultTags ?? {}), ...tagMap(r.values.tags_all), ...tagMap(r.values.tags) })));
    return tags;
  }
}

/** `aws_vpc` for managed resources, `data.aws_iam_policy_document` for data sources. */
export function typeKey(r: Resource): string {
  return r.mode === 'data' ? `data.${r.type}` : r.type;
}

/** `typeKey(r) === key` without building a string per resource (reference queries run per edge). */
function typeTest(key: string): (r: Resource) => boolean {
  if (key.startsWith('data.')) {
    const type = key.slice(5);
    return (r) => r.mode === 'data' && r.type === type;
  }
  return (r) => r.mode !== 'data' && r.type === key;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
