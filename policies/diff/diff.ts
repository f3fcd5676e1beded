import { dequal } from 'dequal/lite';
import { atOrAbove, runBaseline, type BaselineReport, type Finding } from '../engine';
import type { LoadOptions } from '../model/load';
import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import type { SourceOptions } from '../source/index';
import { isObject, type Obj } from '../model/values';
import type { BaselineLimits, Severity } from '../rules/types';
import { toIsoDay } from '../suppression-format';
import { findAcceptance, isCurrent, type Acceptance } from './acceptances';
import { iamChanges } from './iam';
import { networkChanges } from './network';
import { propertyChanges, protectiveChanges } from './properties';
import { loadSide, type DiffSide, type PlannedChange } from './sides';
import { FORCE_NEW, isStateful, STATEFUL_TYPES } from './stateful';
import { IMPACTS, type DiffReport, type FindingsDiff, type ResourceAction, type ResourceChange, type SecurityChange, type StackDiff } from './types';
import { groupBy } from '../model/group';

export interface DiffOptions {
  /** Evaluation date for suppression expiry (default: today). */
  today?: Date | string;
  /** Lowest severity of an introduced finding that counts as a regression (default `low`: every one). */
  failOn?: Severity;
  /** Allowed provider regions for the GDPR rule (default: the engine's EU list). */
  allowedRegions?: readonly string[];
  /** Directory report paths are relative to (default: cwd). */
  baseDir?: string;
  /** Variable values for Terraform source input (both sides). */
  source?: SourceOptions;
  /** Recorded acceptances of intended regressions (`palisade diff --accept FILE`). */
  acceptances?: readonly Acceptance[];
  /** Size and nesting limits per input file (default: `DEFAULT_READ_LIMITS`). */
  limits?: LoadOptions['limits'];
  /** Baseline floors and ceilings for both sides (default: `DEFAULT_LIMITS`). */
  baselineLimits?: Partial<BaselineLimits>;
}

/** Loads BASE and HEAD (each a cdktf.out, stack file/dir, or plan JSON) and diffs them. Throws `InputError` (exit 2). */
export function diffPaths(base: string, head: string, options: DiffOptions = {}): DiffReport {
  const baseDir = options.baseDir ?? process.cwd();
  return diffSides(loadSide(base, baseDir, options.source, options.limits), loadSide(head, baseDir, options.source, options.limits), options);
}

interface StackPair {
  base: string | null;
  head: string | null;
}

/** Pairs stacks by name; one unmatched stack on each side (e.g. two plan files named differently) pair up. */
function pairStacks(base: Model, head: Model): StackPair[] {
  const b = base.stacks.map((s) => s.name);
  const h = head.stacks.map((s) => s.name);
  const pairs: StackPair[] = [];
  for (const name of h) if (b.includes(name)) pairs.push({ base: name, head: name });
  const leftB = b.filter((n) => !h.includes(n));
  const leftH = h.filter((n) => !b.includes(n));
  if (leftB.length === 1 && leftH.length === 1) pairs.push({ base: leftB[0], head: leftH[0] });
  else {
    for (const n of leftH) pairs.push({ base: null, head: n });
    for (const n of leftB) pairs.push({ base: n, head: null });
  }
  return pairs.sort((x, y) => cmp(x.head ?? x.base ?? '', y.head ?? y.base ?? ''));
}

const managedByStack = new WeakMap<Model, Map<string, Map<string, Resource>>>();

/** Managed resources of one stack by address (indexed once per model: an estate has hundreds of stacks). */
function managedIn(m: Model, stack: string | null): Map<string, Resource> {
  if (stack === null) return new Map();
  let index = managedByStack.get(m);
  if (!index) {
    index = new Map();
    for (let i = 0; i < m.resources.length; i++) {
      const r = m.resources[i];
      if (r.mode !== 'managed') continue;
      let inStack = index.get(r.stack);
      if (!inStack) index.set(r.stack, (inStack = new Map()));
      inStack.set(r.address, r);
    }
    managedByStack.set(m, index);
  }
  return index.get(stack) ?? new Map();
}

const findingsByStack = new WeakMap<BaselineReport, Map<string, Finding[]>>();

/** A report's findings of one stack (grouped once per report). */
function findingsIn(report: BaselineReport, stack: string | null): readonly Finding[] {
  if (stack === null) return [];
  let index = findingsByStack.get(report);
  if (!index) findingsByStack.set(report, (index = groupBy(report.findings, (f) => f.stack)));
  return index.get(stack) ?? [];
}

/**
 * Equal attribute values (object member order does not matter, as in Terraform), without serialising both sides.
 * dequal/lite compares JSON values several times faster than util.isDeepStrictEqual, which also weighs prototypes
 * and property descriptors. It can only err towards "changed" (an object holding an own `constructor` member that is
 * itself an object), never hide a change.
 */
function same(a: unknown, b: unknown): boolean {
  return a === b || dequal(a, b);
}

function actionOf(actions: readonly string[]): ResourceAction | undefined {
  const a = actions.join(',');
  if (a === 'create') return 'create';
  if (a === 'update') return 'update';
  if (a === 'delete') return 'delete';
  if (a === 'delete,create' || a === 'create,delete') return 'replace';
  return undefined;
}

function changedFromPlan(c: PlannedChange): string[] {
  const before = c.before ?? {};
  const after = c.after ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(c.afterUnknown)]);
  return [...keys].filter((k) => c.afterUnknown[k] === true ? before[k] !== undefined && before[k] !== null : !same(before[k], after[k])).sort();
}

function changedValues(a: Obj, b: Obj): string[] {
  if (same(a, b)) return []; // most resources of a change: one walk, no key lists
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !same(a[k], b[k])).sort();
}

function resourceChanges(planned: Map<string, PlannedChange> | undefined, before: Map<string, Resource>, after: Map<string, Resource>): ResourceChange[] {
  const out: ResourceChange[] = [];
  if (planned) {
    for (const c of planned.values()) {
      const action = actionOf(c.actions);
      if (!action) continue;
      out.push({
        address: c.address,
        type: c.type,
        action,
        stateful: isStateful(c.type),
        changedAttributes: action === 'create' || action === 'delete' ? [] : changedFromPlan(c),
        replaceReasons: action === 'replace' ? c.replacePaths : [],
        source: 'plan',
      });
    }
  } else {
    // forEach, not for…of over entries: no pair array and step result per resource.
    after.forEach((h, address) => {
      const b = before.get(address);
      if (!b) {
        out.push({ address, type: h.type, action: 'create', stateful: isStateful(h.type), changedAttributes: [], replaceReasons: [], source: 'inferred' });
        return;
      }
      const changed = changedValues(b.values, h.values);
      if (changed.length === 0) return;
      const forced = changed.filter((k) => (FORCE_NEW[h.type] ?? []).includes(k));
      out.push({ address, type: h.type, action: forced.length > 0 ? 'replace' : 'update', stateful: isStateful(h.type), changedAttributes: changed, replaceReasons: forced, source: 'inferred' });
    });
    before.forEach((b, address) => {
      if (!after.has(address)) out.push({ address, type: b.type, action: 'delete', stateful: isStateful(b.type), changedAttributes: [], replaceReasons: [], source: 'inferred' });
    });
  }
  const order: Record<ResourceAction, number> = { delete: 0, replace: 1, update: 2, create: 3 };
  return out.sort((x, y) => order[x.action] - order[y.action] || cmp(x.address, y.address));
}

function preventDestroy(r: Resource | undefined): boolean {
  const lc = r?.values.lifecycle;
  const l = Array.isArray(lc) ? lc[0] : lc;
  return isObject(l) && (l.prevent_destroy === true || l.prevent_destroy === 'true');
}

/** Blocking changes: stateful resources destroyed or replaced. */
function dataLoss(changes: readonly ResourceChange[], before: Map<string, Resource>): SecurityChange[] {
  const out: SecurityChange[] = [];
  for (const c of changes) {
    if (!c.stateful || (c.action !== 'delete' && c.action !== 'replace')) continue;
    const lost = STATEFUL_TYPES[c.type];
    const likely = c.source === 'inferred' ? 'likely ' : '';
    const what = c.action === 'delete' ? 'is DESTROYED' : `is ${likely}REPLACED (destroyed, then re-created${c.replaceReasons.length > 0 ? `; forced by ${c.replaceReasons.join(', ')}` : ''})`;
    const guard = preventDestroy(before.get(c.address)) ? ' The base declared lifecycle.prevent_destroy on it.' : '';
    const hint = c.action === 'delete'
      ? ' If this is intended, migrate or export the data first; if the resource was only renamed, add a `moved` block.'
      : ' If the new value is intended, plan a migration; otherwise revert the argument that forces replacement.';
    out.push({ impact: 'blocking', category: 'data-loss', resource: c.address, message: `${c.address} ${what}: ${lost} will be lost.${guard}${hint}` });
  }
  return out;
}

function findingKey(f: Finding, stack: string): string {
  return `${f.ruleId}|${stack}|${f.resource}`;
}

function findingsDiff(base: BaselineReport, head: BaselineReport, pair: StackPair, failOn: Severity, accept: Acceptor): FindingsDiff & { failing: number } {
  const stackName = pair.head ?? pair.base ?? '';
  const baseOpen = new Map<string, Finding>();
  const baseAny = new Set<string>();
  for (const f of findingsIn(base, pair.base)) {
    baseAny.add(findingKey(f, stackName));
    if (!f.suppressed) baseOpen.set(findingKey(f, stackName), f);
  }
  const headOpen = new Set<string>();
  const headSuppressed = new Set<string>();
  const out: FindingsDiff & { failing: number } = { introduced: [], resolved: [], open: [], introducedSuppressed: [], newlySuppressed: [], accepted: [], failing: 0 };
  for (const f of findingsIn(head, pair.head)) {
    const key = findingKey(f, stackName);
    if (f.suppressed) {
      headSuppressed.add(key);
      if (baseOpen.has(key)) out.newlySuppressed.push(f);
      else if (!baseAny.has(key)) out.introducedSuppressed.push(f);
      continue;
    }
    headOpen.add(key);
    if (baseOpen.has(key)) out.open.push(f);
    else {
      const acceptance = accept({ kind: 'rule', id: f.ruleId, resource: f.resource, stack: stackName });
      if (acceptance) out.accepted.push({ finding: f, acceptance });
      else {
        out.introduced.push(f);
        if (atOrAbove(f.severity, failOn)) out.failing++;
      }
    }
  }
  for (const [key, f] of baseOpen) if (!headOpen.has(key) && !headSuppressed.has(key)) out.resolved.push(f);
  return out;
}

const IMPACT_ORDER = new Map(IMPACTS.map((x, i) => [x, i]));

type Acceptor = (item: { kind: 'rule' | 'change'; id: string; resource: string; stack: string }) => Acceptance | undefined;

/** Current acceptances apply; expired ones that match are remembered (the item blocks again and the report says why). */
function acceptor(list: readonly Acceptance[], today: string) {
  const current = list.filter((a) => isCurrent(a, today));
  const expired = list.filter((a) => !isCurrent(a, today));
  const used = new Set<Acceptance>();
  const expiredHit = new Set<Acceptance>();
  const accept: Acceptor = (item) => {
    const old = findAcceptance(expired, item);
    if (old) expiredHit.add(old);
    const a = findAcceptance(current, item);
    if (a) used.add(a);
    return a;
  };
  return { accept, expired: () => [...expiredHit], unused: () => current.filter((a) => !used.has(a)) };
}

function acceptChanges(changes: SecurityChange[], stack: string, accept: Acceptor): SecurityChange[] {
  return changes.map((c) => {
    if (c.impact !== 'blocking' && c.impact !== 'regression') return c;
    const acceptance = accept({ kind: 'change', id: c.category, resource: c.resource, stack });
    return acceptance ? { ...c, acceptance } : c;
  });
}

/** Diffs two loaded sides. */
export function diffSides(base: DiffSide, head: DiffSide, options: DiffOptions = {}): DiffReport {
  const failOn = options.failOn ?? 'low';
  const today = toIsoDay(options.today ?? new Date());
  // The diff compares findings, never the list of every result.
  const engine = { today, allowedRegions: options.allowedRegions, limits: options.baselineLimits, withResults: false };
  const baseReport = runBaseline(base.model, engine);
  const headReport = runBaseline(head.model, engine);
  const stacks: StackDiff[] = [];
  let failingFindings = 0;
  const kinds = new Set<string>();
  const acceptances = acceptor(options.acceptances ?? [], today);
  const pairs = pairStacks(base.model, head.model);
  // Rule-wide findings (e.g. a rule that failed to evaluate) are not tied to a stack; they are diffed on their own.
  if ([...baseReport.findings, ...headReport.findings].some((f) => f.stack === '*')) pairs.push({ base: '*', head: '*' });
  for (const pair of pairs) {
    const before = managedIn(base.model, pair.base);
    const after = managedIn(head.model, pair.head);
    const findings = findingsDiff(baseReport, headReport, pair, failOn, acceptances.accept);
    failingFindings += findings.failing;
    const { failing: _ignored, ...fd } = findings;
    if (pair.head === null) {
      stacks.push({
        stack: pair.base!,
        baseStack: pair.base,
        status: 'removed',
        findings: fd,
        changes: [{ impact: 'review', category: 'unmanaged', resource: pair.base!, message: `Stack ${pair.base} is no longer synthesized: its ${before.size} resource(s) stay deployed but unmanaged (cdktf does not destroy a stack that disappears; \`cdktf destroy ${pair.base}\` would — review that separately).` }],
        resources: [],
      });
      continue;
    }
    const planned = head.changes.get(pair.head);
    kinds.add(planned ? 'plan' : 'inferred');
    const resources = resourceChanges(planned, before, after);
    const both: { base: Resource; head: Resource }[] = [];
    const removed: Resource[] = [];
    const added: Resource[] = [];
    after.forEach((h, address) => {
      const b = before.get(address);
      if (b) both.push({ base: b, head: h });
      else added.push(h);
    });
    before.forEach((b, address) => {
      if (!after.has(address)) removed.push(b);
    });
    const sp = { base: pair.base, head: pair.head };
    const changes = acceptChanges([
      ...dataLoss(resources, before),
      ...networkChanges(base.model, head.model, sp),
      ...propertyChanges(both),
      ...protectiveChanges(base.model, head.model, removed, added, pair.head),
      ...iamChanges(base.model, head.model, sp),
    ], pair.head, acceptances.accept).sort((x, y) => IMPACT_ORDER.get(x.impact)! - IMPACT_ORDER.get(y.impact)! || cmp(x.resource, y.resource));
    const status = pair.base === null ? 'added' : resources.length > 0 || changes.length > 0 || fd.introduced.length + fd.resolved.length + fd.newlySuppressed.length + fd.accepted.length > 0 ? 'changed' : 'unchanged';
    stacks.push({ stack: pair.head, baseStack: pair.base === pair.head ? null : pair.base, status, findings: fd, changes, resources });
  }
  const count = (f: (s: StackDiff) => number) => stacks.reduce((n, s) => n + f(s), 0);
  const impact = (i: string) => count((s) => s.changes.filter((c) => c.impact === i && !c.acceptance).length);
  const action = (a: ResourceAction) => count((s) => s.resources.filter((r) => r.action === a).length);
  const blocking = impact('blocking');
  const regressions = impact('regression');
  return {
    base: { inputs: base.inputs, stacks: base.model.stacks.map((s) => s.name) },
    head: { inputs: head.inputs, stacks: head.model.stacks.map((s) => s.name) },
    actions: kinds.size === 1 ? ([...kinds][0] as 'plan' | 'inferred') : kinds.size === 0 ? 'inferred' : 'mixed',
    evaluatedOn: today,
    failOn,
    stacks,
    acceptances: { expired: acceptances.expired(), unused: acceptances.unused() },
    summary: {
      regression: blocking > 0 || regressions > 0 || failingFindings > 0,
      accepted: count((s) => s.changes.filter((c) => c.acceptance).length + s.findings.accepted.length),
      blocking,
      regressions,
      review: impact('review'),
      improvements: impact('improvement'),
      findingsIntroduced: count((s) => s.findings.introduced.length),
      findingsResolved: count((s) => s.findings.resolved.length),
      findingsNewlySuppressed: count((s) => s.findings.newlySuppressed.length),
      findingsOpen: count((s) => s.findings.open.length),
      created: action('create'),
      updated: action('update'),
      replaced: action('replace'),
      destroyed: action('delete'),
    },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
