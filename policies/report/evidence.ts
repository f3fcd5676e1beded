import type { BaselineReport, EvaluatedResult, RuleOutcome } from '../engine';
import { accessOf, actionsInWords, RISKY_VERDICTS, targetInWords, type PrincipalVerdict } from '../iam';
import type { Model } from '../model/model';
import type { RuleMeta, Severity } from '../rules/types';
import { FRAMEWORKS, type FrameworkId } from './controls-catalogue';
import { ROUTINES } from './routines';

export type EvidenceStatus = 'pass' | 'fail' | 'unproven' | 'suppressed' | 'not-applicable';

/** One verdict about one resource: the evidence an auditor can open (file + JSON path). */
export interface EvidenceRow {
  stack: string;
  /** Terraform address, `provider.aws[.alias]`, or `*` when the rule had nothing in scope. */
  resource: string;
  file: string | null;
  jsonPath: string | null;
  status: EvidenceStatus;
  message: string;
  /** Suppressed rows: the written reason and expiry. */
  reason: string | null;
  expires: string | null;
}

export interface RuleEvidence {
  ruleId: string;
  title: string;
  severity: Severity;
  /** The framework controls the rule implements (for links back from its evidence). */
  controls: Record<FrameworkId, readonly string[]>;
  outcome: RuleOutcome;
  rows: EvidenceRow[];
}

/** `gap`: no rule implements the control — it is not proven by Palisade, whatever else may cover it. */
export type ControlStatus = 'pass' | 'fail' | 'unproven' | 'not-applicable' | 'gap';

export interface ControlEvidence {
  id: string;
  title: string;
  status: ControlStatus;
  /** False for a control a rule maps to that the reference catalogue does not list. */
  inCatalogue: boolean;
  rules: RuleEvidence[];
}

export interface FrameworkEvidence {
  id: FrameworkId;
  title: string;
  source: string;
  controls: ControlEvidence[];
  counts: Record<ControlStatus, number>;
}

/** `proven`: rules pass with evidence; `failing`: a rule fails; `not-proven`: no rule has evidence in this estate. */
export type RoutineStatus = 'proven' | 'failing' | 'not-proven';

export interface RoutineEvidence {
  id: string;
  title: string;
  how: string;
  status: RoutineStatus;
  rules: RuleEvidence[];
}

export type ReportView = FrameworkId | 'routines';
export const REPORT_VIEWS: readonly ReportView[] = ['fsbp', 'cis', 'ccm', 'routines'];

export function isReportView(v: unknown): v is ReportView {
  return typeof v === 'string' && (REPORT_VIEWS as readonly string[]).includes(v);
}

/** One grant of a trust or resource policy (or a risky identity grant): who can do what, the same evaluation the rules judge. */
export interface AccessEvidence {
  stack: string;
  /** The resource the policy is written on. */
  resource: string;
  file: string | null;
  jsonPath: string | null;
  who: string;
  can: string;
  on: string;
  /** `own`, `restricted`, `service-pinned`, `public`, `foreign`, … (see PrincipalVerdict); `identity` for identity grants. */
  standing: PrincipalVerdict | 'identity';
  /** True when a rule flags the grant. */
  flagged: boolean;
  reason: string;
}

/** What the evidence was produced from: stamped on every page of the report. */
export interface Revision {
  /** Git commit of the estate's code, or null when unknown (not a git checkout). */
  commit: string | null;
  /** Palisade version that produced the report. */
  version: string | null;
}

export interface EvidenceReport {
  title: string;
  generatedOn: string;
  revision: Revision;
  inputs: string[];
  stacks: string[];
  resourcesScanned: number;
  rulesEvaluated: number;
  frameworks: FrameworkEvidence[];
  routines: RoutineEvidence[] | null;
  /** Who can do what across the account boundary (every trust and resource-policy grant, risky identity grants); null without a model. */
  access: AccessEvidence[] | null;
  /** Every rule with its evidence, once (the frameworks and routines link here). */
  rules: RuleEvidence[];
}

function accessEvidence(model: Model): AccessEvidence[] {
  return accessOf(model)
    .filter((a) => a.use.kind !== 'identity' || a.risk !== undefined)
    .map((a) => ({
      stack: a.use.holder.stack,
      resource: a.use.holder.address,
      file: a.use.holder.displayFile,
      jsonPath: a.use.holder.jsonPath,
      who: a.who,
      can: actionsInWords(a.statement),
      on: targetInWords(a),
      standing: a.use.kind === 'identity' ? ('identity' as const) : a.verdict,
      flagged: a.risk !== undefined || RISKY_VERDICTS.has(a.verdict),
      reason: a.risk?.detail ?? a.reason,
    }))
    .sort((x, y) => Number(y.flagged) - Number(x.flagged) || cmp(x.stack, y.stack) || cmp(x.resource, y.resource) || cmp(x.who, y.who));
}

function rowOf(r: EvaluatedResult, model?: Model): EvidenceRow {
  const resource = model?.get(r.stack, r.resource);
  const status: EvidenceStatus = r.status === 'compliant' ? 'pass' : r.status === 'not-applicable' ? 'not-applicable' : r.suppressed ? 'suppressed' : r.status === 'unproven' ? 'unproven' : 'fail';
  return {
    stack: r.stack,
    resource: r.resource,
    file: r.file ?? resource?.displayFile ?? null,
    jsonPath: r.jsonPath ?? resource?.jsonPath ?? null,
    status,
    message: r.message,
    reason: r.suppression?.reason ?? null,
    expires: r.suppression?.expires ?? null,
  };
}

const STATUS_ORDER: Record<EvidenceStatus, number> = { fail: 0, unproven: 1, suppressed: 2, pass: 3, 'not-applicable': 4 };

function ruleEvidence(report: BaselineReport, model?: Model): Map<string, RuleEvidence> {
  const rows = new Map<string, EvidenceRow[]>();
  for (const r of report.results) {
    const l = rows.get(r.ruleId) ?? [];
    l.push(rowOf(r, model));
    rows.set(r.ruleId, l);
  }
  const out = new Map<string, RuleEvidence>();
  for (const m of report.catalogue) {
    const list = (rows.get(m.id) ?? []).sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || cmp(a.stack, b.stack) || cmp(a.resource, b.resource));
    out.set(m.id, { ruleId: m.id, title: m.title, severity: m.severity, controls: { fsbp: m.controls.fsbp, cis: m.controls.cis, ccm: m.controls.ccm }, outcome: report.outcomes[m.id] ?? 'not-applicable', rows: list });
  }
  return out;
}

function controlStatus(rules: readonly RuleEvidence[]): ControlStatus {
  if (rules.length === 0) return 'gap';
  if (rules.some((r) => r.outcome === 'fail')) return 'fail';
  if (rules.some((r) => r.outcome === 'unproven')) return 'unproven';
  if (rules.some((r) => r.outcome === 'pass')) return 'pass';
  return 'not-applicable';
}

/** Natural order for control IDs: EC2.2 < EC2.10, 1.8 < 1.9 < 2.1.1. */
function controlOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function framework(id: FrameworkId, catalogue: readonly RuleMeta[], evidence: Map<string, RuleEvidence>): FrameworkEvidence {
  const fw = FRAMEWORKS.find((f) => f.id === id)!;
  const byControl = new Map<string, RuleEvidence[]>();
  for (const m of catalogue) {
    for (const c of m.controls[id]) {
      const l = byControl.get(c) ?? [];
      l.push(evidence.get(m.id)!);
      byControl.set(c, l);
    }
  }
  const controls: ControlEvidence[] = fw.controls.map((c) => {
    const rules = byControl.get(c.id) ?? [];
    return { id: c.id, title: c.title, status: controlStatus(rules), inCatalogue: true, rules };
  });
  for (const [cid, rules] of byControl) {
    if (fw.controls.some((c) => c.id === cid)) continue;
    controls.push({ id: cid, title: '(mapped by a rule; not in the reference catalogue)', status: controlStatus(rules), inCatalogue: false, rules });
  }
  controls.sort((a, b) => controlOrder(a.id, b.id));
  const counts: Record<ControlStatus, number> = { pass: 0, fail: 0, unproven: 0, 'not-applicable': 0, gap: 0 };
  for (const c of controls) counts[c.status]++;
  return { id, title: fw.title, source: fw.source, controls, counts };
}

function routines(catalogue: readonly RuleMeta[], evidence: Map<string, RuleEvidence>): RoutineEvidence[] {
  return ROUTINES.map((r) => {
    const rules = catalogue.filter((m) => r.ruleRoutines.includes(m.routine)).map((m) => evidence.get(m.id)!);
    const status: RoutineStatus = rules.some((x) => x.outcome === 'fail')
      ? 'failing'
      : rules.some((x) => x.outcome === 'pass' && x.rows.some((row) => row.status === 'pass' || row.status === 'suppressed'))
        ? 'proven'
        : 'not-proven';
    return { id: r.id, title: r.title, how: r.how, status, rules };
  });
}

export interface EvidenceOptions {
  /** Which view(s): one framework, the routines, or everything (default). */
  views?: readonly ReportView[];
  /** The model the report was run on: fills file/JSON path of results that lack them. */
  model?: Model;
  /** Input paths, printed in the header. */
  inputs?: readonly string[];
  title?: string;
  /** Commit and Palisade version (default: unknown). */
  revision?: Revision;
}

/** Turns a baseline run into control evidence: per framework, control → rules → resources, and the routines view. */
export function buildEvidenceReport(report: BaselineReport, options: EvidenceOptions = {}): EvidenceReport {
  const views = options.views ?? REPORT_VIEWS;
  const evidence = ruleEvidence(report, options.model);
  return {
    title: options.title ?? 'Palisade control evidence',
    generatedOn: report.summary.evaluatedOn,
    revision: options.revision ?? { commit: null, version: null },
    inputs: [...(options.inputs ?? [])],
    stacks: report.summary.stacks,
    resourcesScanned: report.summary.resourcesScanned,
    rulesEvaluated: report.summary.rulesEvaluated,
    frameworks: (['fsbp', 'cis', 'ccm'] as const).filter((f) => views.includes(f)).map((f) => framework(f, report.catalogue, evidence)),
    routines: views.includes('routines') ? routines(report.catalogue, evidence) : null,
    access: options.model ? accessEvidence(options.model) : null,
    rules: report.catalogue.map((m) => evidence.get(m.id)!),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
