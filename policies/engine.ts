import type { Model } from './model/model';
import type { Resource } from './model/types';
import { DEFAULT_ALLOWED_REGIONS, RULES } from './rules/index';
import { SEVERITIES, type AccountScope, type BaselineLimits, type ControlMapping, type Routine, type Rule, type RuleMeta, type RuleResult, type Severity } from './rules/types';
import {
  checkSuppressions,
  matchSuppression,
  MIN_REASON_LETTERS,
  SUPPRESSION_EXPIRED_RULE_ID,
  SUPPRESSION_INVALID_RULE_ID,
  toIsoDay,
  type CheckedSuppression,
  type SuppressionProblem,
} from './suppression-format';

export interface BaselineOptions {
  /** Rules to run (default: the full registry). */
  rules?: readonly Rule[];
  /** Evaluation date for suppression expiry (default: now). */
  today?: Date | string;
  /** Allowed provider regions (default: EU regions). */
  allowedRegions?: readonly string[];
  /** `complete` when the input is a whole account's estate: account controls must then be present (PAL-ACCT-003). */
  accountScope?: AccountScope;
  /** Floors and ceilings overriding `DEFAULT_LIMITS`. */
  limits?: Partial<BaselineLimits>;
  /**
   * Whether `results` lists every evaluated result (passes included), as evidence and JUnit need. Findings, unproven
   * verdicts, outcomes and the summary are the same either way; without the list a large estate keeps tens of
   * thousands fewer objects alive.
   * @default true
   */
  withResults?: boolean;
}

/**
 * How an unproven verdict counts for the exit code: `fail` (default, fail closed: what cannot be shown safe blocks
 * like a finding at its severity) or `warn` (reported, never blocking).
 */
export type UnprovenPolicy = 'fail' | 'warn';
export const UNPROVEN_POLICIES: readonly UnprovenPolicy[] = ['fail', 'warn'];

export function isUnprovenPolicy(v: unknown): v is UnprovenPolicy {
  return typeof v === 'string' && (UNPROVEN_POLICIES as readonly string[]).includes(v);
}

export interface SuppressionInfo {
  reason: string;
  expires: string | null;
}

/** A non-compliant (`verdict: 'fail'`) or unproven (`verdict: 'unproven'`) result, suppressed or not. */
export interface Finding {
  ruleId: string;
  verdict: 'fail' | 'unproven';
  title: string;
  severity: Severity;
  stack: string;
  /** Terraform address (`type.name`), `provider.aws[.alias]`, or `*`. */
  resource: string;
  message: string;
  routine: Routine;
  controls: ControlMapping;
  fixHint: string;
  suppressed: boolean;
  suppression: SuppressionInfo | null;
  file?: string;
  jsonPath?: string;
  line?: number;
  constructPath?: string;
  /** Terraform source: the module call that created the resource (`module.edge` at `main.tf:12`), innermost first. */
  moduleCall?: { address: string; file: string; line?: number };
}

export interface Warning {
  kind: 'unused-suppression';
  ruleId: string;
  stack: string;
  resource: string;
  message: string;
}

/** Every verdict of every rule (compliant and not-applicable included), for JUnit and evidence reports. */
export interface EvaluatedResult extends RuleResult {
  ruleId: string;
  severity: Severity;
  suppressed: boolean;
  suppression: SuppressionInfo | null;
}

export type RuleOutcome = 'pass' | 'fail' | 'unproven' | 'not-applicable';

export interface Summary {
  /** Unsuppressed findings per severity. */
  bySeverity: Record<Severity, number>;
  unsuppressed: number;
  suppressed: number;
  /** Unsuppressed unproven verdicts (not counted in `bySeverity`/`unsuppressed`). */
  unproven: number;
  /** Unsuppressed unproven verdicts per severity. */
  unprovenBySeverity: Record<Severity, number>;
  warnings: number;
  resourcesScanned: number;
  rulesEvaluated: number;
  stacks: string[];
  evaluatedOn: string;
}

export interface BaselineReport {
  /** Proven non-compliant results (`verdict: 'fail'`). */
  findings: Finding[];
  /** Results the input cannot show either way (`verdict: 'unproven'`), listed apart from findings. */
  unproven: Finding[];
  warnings: Warning[];
  /** Every evaluated result, passes included; empty when run with `withResults: false`. */
  results: EvaluatedResult[];
  /** Catalogue of everything that can report: the rules run plus the engine's suppression rules. */
  catalogue: RuleMeta[];
  /** Outcome per rule id (engine rules included). */
  outcomes: Record<string, RuleOutcome>;
  summary: Summary;
}

/** Engine-level rules raised for broken suppressions. */
export const ENGINE_RULES: readonly RuleMeta[] = [
  {
    id: SUPPRESSION_INVALID_RULE_ID,
    title: 'Every suppression names a rule and gives a reason in visible words (and a valid expiry date if any).',
    rationale: 'Exceptions to the baseline must be justified and reviewable; a suppression without reason is an undocumented exception.',
    severity: 'high',
    routine: 'change-testing',
    controls: { checkov: [], fsbp: [], cis: [], ccm: ['CCC-08'] },
    fixHint: 'Add a reason (and optionally expires: YYYY-MM-DD) to the suppression, or remove it.',
  },
  {
    id: SUPPRESSION_EXPIRED_RULE_ID,
    title: 'No suppression is past its expiry date.',
    rationale: 'Time-boxed exceptions must be re-reviewed when they expire; an expired suppression no longer hides its finding.',
    severity: 'medium',
    routine: 'change-testing',
    controls: { checkov: [], fsbp: [], cis: [], ccm: ['CCC-08'] },
    fixHint: 'Fix the underlying finding, or renew the suppression with a new reason and expiry date after review.',
  },
];

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function severityRank(s: Severity): number {
  return RANK[s];
}

/** True when `s` is at or above `threshold` (critical > high > medium > low). */
export function atOrAbove(s: Severity, threshold: Severity): boolean {
  return RANK[s] <= RANK[threshold];
}

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

function meta(r: Rule | RuleMeta): RuleMeta {
  return { id: r.id, title: r.title, rationale: r.rationale, severity: r.severity, routine: r.routine, controls: r.controls, fixHint: r.fixHint };
}

const PROBLEM_TEXT: Record<SuppressionProblem, string> = {
  'not-an-object': 'is not an object',
  'missing-rule-id': 'has no ruleId',
  'missing-reason': 'has no reason',
  'invisible-reason': `has a reason with fewer than ${MIN_REASON_LETTERS} visible letters (invisible or control characters do not explain an exception)`,
  'invalid-expires': 'has an expires value that is not a YYYY-MM-DD date',
};

/** The resource each finding names, for {@link FINDING_LINE}. */
const findingResource = new WeakMap<Finding, Resource>();

/**
 * `line` of a finding, read from its resource on first read. One getter for all findings: a closure per finding gives
 * each its own hidden class (a slow dictionary object in V8).
 */
const FINDING_LINE: PropertyDescriptor = {
  get(this: Finding) {
    return findingResource.get(this)?.line;
  },
  enumerable: true,
  configurable: true,
};

/** What a baseline run gathers while it goes through the rules. */
interface Gathered {
  findings: Finding[];
  unproven: Finding[];
  results: EvaluatedResult[];
  outcomes: Record<string, RuleOutcome>;
  /** Suppressions that matched a finding, as `<holder key>#<index>` (a resource key, or `<stack>/module.<name>`). */
  used: Set<string>;
  withResults: boolean;
}

/** Runs the baseline over a model: evaluates every rule, applies suppressions, and summarises. */
export function runBaseline(model: Model, options: BaselineOptions = {}): BaselineReport {
  const rules = options.rules ?? RULES;
  const ids = uniqueRuleIds(rules);
  const today = toIsoDay(options.today ?? new Date());
  const ctx = { allowedRegions: options.allowedRegions ?? DEFAULT_ALLOWED_REGIONS, accountScope: options.accountScope ?? 'stacks', limits: options.limits };
  const checked = checkedSuppressions(model, today);
  const gathered: Gathered = { findings: [], unproven: [], results: [], outcomes: {}, used: new Set(), withResults: options.withResults ?? true };
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    gathered.outcomes[rule.id] = gatherRuleResults(model, rule, evaluateRule(rule, model, ctx), checked, gathered);
  }
  const warnings = gatherSuppressionFindings(checked, ids, gathered);
  const { findings, unproven } = gathered;
  const order = (a: Finding, b: Finding) => RANK[a.severity] - RANK[b.severity] || cmp(a.stack, b.stack) || cmp(a.ruleId, b.ruleId) || cmp(a.resource, b.resource);
  findings.sort(order);
  unproven.sort(order);
  warnings.sort((a, b) => cmp(a.stack, b.stack) || cmp(a.resource, b.resource) || cmp(a.ruleId, b.ruleId));
  return {
    findings,
    unproven,
    warnings,
    results: gathered.results,
    catalogue: [...rules.map(meta), ...ENGINE_RULES.map(meta)],
    outcomes: gathered.outcomes,
    summary: summaryOf(model, rules, findings, unproven, warnings, today),
  };
}

/** The ids of `rules`; a repeated id is a programming error. */
function uniqueRuleIds(rules: readonly Rule[]): Set<string> {
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new Error(`duplicate rule id ${r.id}`);
    ids.add(r.id);
  }
  return ids;
}

/** Where suppressions are written: a resource, or a `module` block of a Terraform JSON configuration. */
interface SuppressionHolder {
  stack: string;
  /** `aws_s3_bucket.logs`, `module.vpc`. */
  address: string;
  list: CheckedSuppression[];
  /** The resource, when the holder is one (its line is read only if a finding needs it). */
  resource?: Resource;
  /** A module block's file and construct path. */
  displayFile?: string;
  constructPath?: string;
}

/** Every holder's suppressions, checked once, by `<stack>/<address>` (a resource's key). */
function checkedSuppressions(model: Model, today: string): Map<string, SuppressionHolder> {
  const checked = new Map<string, SuppressionHolder>();
  for (let i = 0; i < model.resources.length; i++) {
    const r = model.resources[i];
    if (r.rawSuppressions === undefined) continue;
    checked.set(r.key, { stack: r.stack, address: r.address, list: checkSuppressions(r.rawSuppressions, today), resource: r });
  }
  // Module blocks: `module` is reserved in Terraform, so `<stack>/module.<name>` is never a resource's key.
  for (const s of model.stacks) {
    for (const m of s.moduleBlocks ?? []) {
      if (m.rawSuppressions === undefined) continue;
      checked.set(`${s.name}/${m.address}`, { stack: s.name, address: m.address, list: checkSuppressions(m.rawSuppressions, today), displayFile: s.displayFile, constructPath: m.constructPath });
    }
  }
  return checked;
}

/**
 * The holder of the suppressions that may cover a result: its resource's, or the module block's a result located at
 * that block names. A suppression travels with what carries it: a result located elsewhere (a provider block, an
 * output) never matches a resource that merely shares its address.
 */
function holderOf(model: Model, res: RuleResult, checked: Map<string, SuppressionHolder>): { holder?: SuppressionHolder; resource?: Resource } {
  const found = model.get(res.stack, res.resource);
  const resource = found && (res.jsonPath === undefined || res.jsonPath === found.jsonPath) ? found : undefined;
  if (resource) return { holder: checked.get(resource.key), resource };
  if (res.jsonPath === res.resource && res.resource.startsWith('module.')) return { holder: checked.get(`${res.stack}/${res.resource}`) };
  return {};
}

/** A rule's results: a rule that throws fails closed with one finding; one that returns nothing is not applicable. */
function evaluateRule(rule: Rule, model: Model, ctx: Parameters<Rule['evaluate']>[1]): RuleResult[] {
  let rr: RuleResult[];
  try {
    rr = rule.evaluate(model, ctx);
  } catch (e) {
    rr = [{ stack: '*', resource: '*', status: 'non-compliant', severity: 'high', message: `Rule evaluation failed: ${(e as Error).message}` }];
  }
  return rr.length === 0 ? [{ stack: '*', resource: '*', status: 'not-applicable', message: 'No resource in scope.' }] : rr;
}

/**
 * Turns one rule's results into findings (suppressions applied) and returns the rule's outcome. Its own function with
 * a single loop: nested in the loop over rules, V8 13 compiled this loop on the stack and threw the code away each time
 * it ended (23 deoptimisations in one 10k-resource check on Node 24).
 */
function gatherRuleResults(model: Model, rule: Rule, rr: RuleResult[], checked: Map<string, SuppressionHolder>, into: Gathered): RuleOutcome {
  let outcome: RuleOutcome = 'not-applicable';
  for (let j = 0; j < rr.length; j++) {
    const res = rr[j];
    const severity = res.severity ?? rule.severity;
    let suppression: SuppressionInfo | null = null;
    if (res.status === 'non-compliant' || res.status === 'unproven') {
      const { holder, resource } = holderOf(model, res, checked);
      const m = holder ? matchSuppression(holder.list, rule.id) : undefined;
      if (m && holder) {
        into.used.add(`${holder.stack}/${holder.address}#${m.index}`);
        suppression = { reason: m.spec.reason, expires: m.spec.expires ?? null };
      }
      const verdict = res.status === 'non-compliant' ? 'fail' : 'unproven';
      if (!suppression) outcome = worse(outcome, verdict);
      else if (outcome === 'not-applicable') outcome = 'pass';
      const finding: Finding = {
        ruleId: rule.id,
        verdict,
        title: rule.title,
        severity,
        stack: res.stack,
        resource: res.resource,
        message: res.message,
        routine: rule.routine,
        controls: rule.controls,
        fixHint: rule.fixHint,
        suppressed: suppression !== null,
        suppression,
        file: res.file ?? resource?.displayFile ?? model.stacks.find((s) => s.name === res.stack)?.displayFile,
        jsonPath: res.jsonPath ?? resource?.jsonPath,
      };
      // The line is read from the resource when a format asks for it (SARIF, text): finding it scans the whole input
      // file, which JSON output and most of a diff never need. Added after the literal (members keep their order):
      // turning a data property of the literal into an accessor, or spreading into it, makes every finding a slow
      // dictionary object.
      if (resource) {
        findingResource.set(finding, resource);
        Object.defineProperty(finding, 'line', FINDING_LINE);
      } else {
        finding.line = undefined;
      }
      finding.constructPath = resource?.constructPath;
      if (resource?.moduleCall) finding.moduleCall = moduleCallOf(resource);
      (verdict === 'fail' ? into.findings : into.unproven).push(finding);
    } else if (res.status === 'compliant' && outcome === 'not-applicable') {
      outcome = 'pass';
    }
    // A literal of fixed shape, not a spread: a large estate yields tens of thousands of results of many shapes.
    if (into.withResults) into.results.push({ stack: res.stack, resource: res.resource, status: res.status, message: res.message, severity, file: res.file, jsonPath: res.jsonPath, ruleId: rule.id, suppressed: suppression !== null, suppression });
  }
  return outcome;
}

/** The engine's own findings on suppressions (invalid, expired) and a warning for each one that matched nothing. */
function gatherSuppressionFindings(checked: Map<string, SuppressionHolder>, ids: Set<string>, into: Gathered): Warning[] {
  const warnings: Warning[] = [];
  const [invalidMeta, expiredMeta] = ENGINE_RULES;
  into.outcomes[invalidMeta.id] = 'pass';
  into.outcomes[expiredMeta.id] = 'pass';
  const engineFinding = (m: RuleMeta, h: SuppressionHolder, message: string): Finding => {
    const r = h.resource;
    return {
      ruleId: m.id,
      verdict: 'fail',
      title: m.title,
      severity: m.severity,
      stack: h.stack,
      resource: h.address,
      message,
      routine: m.routine,
      controls: m.controls,
      fixHint: m.fixHint,
      suppressed: false,
      suppression: null,
      file: r ? r.displayFile : h.displayFile,
      jsonPath: `${r ? r.jsonPath : h.address}["//"].palisade.suppressions`,
      line: r?.line,
      constructPath: r ? r.constructPath : h.constructPath,
    };
  };
  const record = (m: RuleMeta, f: Finding) => {
    into.findings.push(f);
    into.outcomes[m.id] = 'fail';
    if (into.withResults) into.results.push({ stack: f.stack, resource: f.resource, status: 'non-compliant', message: f.message, ruleId: f.ruleId, severity: f.severity, suppressed: false, suppression: null, file: f.file, jsonPath: f.jsonPath });
  };
  for (const [key, h] of checked) {
    for (const c of h.list) {
      if (c.state === 'invalid') {
        record(invalidMeta, engineFinding(invalidMeta, h, `Suppression #${c.index}${c.ruleId ? ` of ${c.ruleId}` : ''} on ${h.address} ${PROBLEM_TEXT[c.problem]}; it is ignored.`));
      } else if (c.state === 'expired') {
        record(expiredMeta, engineFinding(expiredMeta, h, `Suppression of ${c.spec.ruleId} on ${h.address} expired on ${c.spec.expires} (reason was: ${c.spec.reason}); it no longer applies.`));
      } else if (!into.used.has(`${key}#${c.index}`)) {
        warnings.push({
          kind: 'unused-suppression',
          ruleId: c.spec.ruleId,
          stack: h.stack,
          resource: h.address,
          message: ids.has(c.spec.ruleId)
            ? `Suppression of ${c.spec.ruleId} on ${h.address} matched no finding; remove it.`
            : `Suppression of ${c.spec.ruleId} on ${h.address} names a rule that was not evaluated; remove or fix it.`,
        });
      }
    }
  }
  return warnings;
}

/** The counts of a run: findings by severity (suppressed apart), unproven verdicts, warnings, scope. */
function summaryOf(model: Model, rules: readonly Rule[], findings: readonly Finding[], unproven: readonly Finding[], warnings: readonly Warning[], today: string): BaselineReport['summary'] {
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  let suppressed = 0;
  for (const f of findings) {
    if (f.suppressed) suppressed++;
    else bySeverity[f.severity]++;
  }
  const unprovenBySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const u of unproven) if (!u.suppressed) unprovenBySeverity[u.severity]++;
  return {
    bySeverity,
    unsuppressed: findings.length - suppressed,
    suppressed,
    unproven: unproven.filter((u) => !u.suppressed).length,
    unprovenBySeverity,
    warnings: warnings.length,
    resourcesScanned: model.managedCount,
    rulesEvaluated: rules.length,
    stacks: model.stacks.map((s) => s.name),
    evaluatedOn: today,
  };
}

/**
 * Unsuppressed findings at or above `failOn`; with the default `unproven: 'fail'` also the unsuppressed unproven
 * verdicts at or above it (what cannot be shown safe blocks), with `'warn'` only the proven findings.
 */
export function blockingFindings(report: BaselineReport, failOn: Severity, unproven: UnprovenPolicy = 'fail'): Finding[] {
  const blocks = (f: Finding) => !f.suppressed && atOrAbove(f.severity, failOn);
  return [...report.findings.filter(blocks), ...(unproven === 'fail' ? report.unproven.filter(blocks) : [])];
}

const OUTCOME_RANK: Record<RuleOutcome, number> = { fail: 0, unproven: 1, pass: 2, 'not-applicable': 3 };

/** The worse of two rule outcomes: fail > unproven > pass > not-applicable. */
function worse(a: RuleOutcome, b: RuleOutcome): RuleOutcome {
  return OUTCOME_RANK[a] <= OUTCOME_RANK[b] ? a : b;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}


/** The module call that created a resource, its file shown relative to the same base as the resource's own file. */
function moduleCallOf(r: { file: string; displayFile: string; moduleCall?: { address: string; file: string; line?: number } }): { address: string; file: string; line?: number } {
  const call = r.moduleCall!;
  const base = r.file.endsWith(r.displayFile) ? r.file.slice(0, r.file.length - r.displayFile.length) : '';
  const file = base && call.file.startsWith(base) ? call.file.slice(base.length) : call.file;
  return { address: call.address, file, ...(call.line !== undefined ? { line: call.line } : {}) };
}
