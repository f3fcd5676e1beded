import { runBaseline, type BaselineReport } from '../policies/engine';
import type { Model } from '../policies/model/model';
import { RULES } from '../policies/rules/index';
import type { Rule } from '../policies/rules/types';
import { computeDrift, type DriftResult } from './drift';
import { driftRules } from './drift-rules';
import { readRegions, type ReadOptions } from './reader';
import type { RegionSnapshot } from './snapshot';
import { isLiveStack, liveModel, toTerraformDocument, type LiveDocument } from './to-terraform';

/**
 * Rules whose evidence is outside what the EC2 reader reads: they would report every host as non-compliant.
 * The live audit leaves them out (and says so in `LIVE_UNEVALUATED_RULES`) instead of guessing.
 */
export const LIVE_UNEVALUATED_RULES: Readonly<Record<string, string>> = {
  'PAL-AV-001': 'needs SSM State Manager associations (ssm:ListAssociations), which the EC2-only reader does not read',
};

/** The registry minus the rules the live source cannot evaluate. */
export const LIVE_RULES: readonly Rule[] = RULES.filter((r) => !(r.id in LIVE_UNEVALUATED_RULES));

/** Options of {@link runLiveAudit}. */
export interface LiveAuditOptions extends ReadOptions {
  /** Synthesized intent to compare with (e.g. `loadModel('cdktf.out')`). @default no drift check */
  against?: Model;
  /** Baseline rules to run on the live model. @default {@link LIVE_RULES} */
  rules?: readonly Rule[];
  /** @default the engine's EU default */
  allowedRegions?: readonly string[];
  /** Evaluation date (YYYY-MM-DD). @default today */
  today?: string;
}

export interface LiveAuditResult {
  report: BaselineReport;
  snapshots: RegionSnapshot[];
  documents: LiveDocument[];
  model: Model;
  drift?: DriftResult;
}

/**
 * Reads the account, maps it into the baseline's resource model (one stack per region), runs the same
 * rules as `palisade check`, and — with `against` — adds drift findings. Throws `LiveError` on any
 * failed call: there is no partial report.
 */
export async function runLiveAudit(options: LiveAuditOptions): Promise<LiveAuditResult> {
  const snapshots = await readRegions(options);
  const documents = snapshots.map(toTerraformDocument);
  const model = liveModel(documents);
  const drift = options.against ? computeDrift(documents, model, options.against) : undefined;
  const rules = [...(options.rules ?? LIVE_RULES), ...(drift ? driftRules(drift) : [])];
  const report = runBaseline(model, { rules, allowedRegions: options.allowedRegions, today: options.today });
  withoutFileLocations(report);
  return { report, snapshots, documents, model, ...(drift ? { drift } : {}) };
}

/**
 * Live resources have no source file: drop the synthetic document locations so SARIF/JUnit point at
 * the logical resource only (drift about code keeps its cdktf.out location).
 */
function withoutFileLocations(report: BaselineReport): void {
  for (const f of report.findings) {
    if (!isLiveStack(f.stack)) continue;
    delete f.file;
    delete f.jsonPath;
    delete f.line;
  }
  for (const r of report.results) {
    if (!isLiveStack(r.stack)) continue;
    delete r.file;
    delete r.jsonPath;
  }
}
