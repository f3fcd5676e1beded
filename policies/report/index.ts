/** Control-evidence report for auditors (JSON only, like the rest of `policies/`). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBaseline, type BaselineOptions, type BaselineReport } from '../engine';
import { loadModel } from '../model/load';
import type { Model } from '../model/model';
import { formatEvidenceCsv } from './csv';
import { buildEvidenceReport, type EvidenceReport, type Revision } from './evidence';
import { formatEvidenceHtml } from './html';
import { formatEvidenceMarkdown } from './markdown';

export const REPORT_FORMATS = ['markdown', 'html', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(v: unknown): v is ReportFormat {
  return typeof v === 'string' && (REPORT_FORMATS as readonly string[]).includes(v);
}

export function formatEvidence(report: EvidenceReport, format: ReportFormat): string {
  if (format === 'html') return formatEvidenceHtml(report);
  if (format === 'csv') return formatEvidenceCsv(report);
  return formatEvidenceMarkdown(report);
}

/**
 * Writes the evidence report of a synthesized estate into `outDir`: `control-evidence.html` (for people, printable),
 * `control-evidence.md` and `control-evidence.csv` (for spreadsheets), every framework plus the routines view.
 * Returns the written paths. Throws `InputError` when `cdktfOutDir` is missing or unreadable.
 */
export function writeEstateReports(outDir: string, cdktfOutDir: string, options: Omit<BaselineOptions, 'rules'> = {}): string[] {
  const baseDir = path.dirname(path.resolve(cdktfOutDir));
  const model = loadModel([path.resolve(cdktfOutDir)], { baseDir });
  return writeEvidenceReports(outDir, runBaseline(model, options), model, [path.relative(baseDir, path.resolve(cdktfOutDir)) || cdktfOutDir]);
}

/** Writes control-evidence.{html,md,csv} for a baseline already run (the main job checks once, reports from that). */
export function writeEvidenceReports(outDir: string, baseline: BaselineReport, model: Model, inputs: string[], revision?: Revision): string[] {
  const report = buildEvidenceReport(baseline, { model, inputs, revision });
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const [format, ext] of [['html', 'html'], ['markdown', 'md'], ['csv', 'csv']] as const) {
    const file = path.join(outDir, `control-evidence.${ext}`);
    fs.writeFileSync(file, formatEvidence(report, format));
    written.push(file);
  }
  return written;
}

export { CSV_COLUMNS, csvField, formatEvidenceCsv } from './csv';
export { FRAMEWORKS } from './controls-catalogue';
export type { CatalogueControl, Framework, FrameworkId } from './controls-catalogue';
export { buildEvidenceReport, isReportView, REPORT_VIEWS } from './evidence';
export type { ControlEvidence, ControlStatus, EvidenceOptions, EvidenceReport, EvidenceRow, EvidenceStatus, FrameworkEvidence, ReportView, Revision, RoutineEvidence, RuleEvidence } from './evidence';
export { controlAnchor, escapeHtml, formatEvidenceHtml, ruleAnchor } from './html';
export { formatEvidenceMarkdown } from './markdown';
export { ROUTINES } from './routines';
