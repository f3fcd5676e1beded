import type { PhrasingContent, RootContent } from 'mdast';
import { blockingFindings, type BaselineReport, type Finding, type UnprovenPolicy } from '../engine';
import { SEVERITIES, type Severity } from '../rules/types';
import { mdCode, mdHeading, mdList, mdParagraph, mdTable, mdText, renderMarkdown } from './escape/markdown';

export interface MarkdownOptions {
  failOn?: Severity;
  /** Whether unproven verdicts block (default `fail`). */
  unproven?: UnprovenPolicy;
}

function controls(f: Finding): string {
  const c = f.controls;
  return [...c.fsbp.map((x) => `FSBP ${x}`), ...c.cis.map((x) => `CIS ${x}`), ...c.checkov, ...c.ccm.map((x) => `CCM ${x}`)].join(', ') || '–';
}

const TITLE: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

/** Comma-separated code spans (stack names), or a dash. */
function codeList(values: readonly string[]): PhrasingContent[] {
  if (values.length === 0) return mdText('–');
  return values.flatMap((v, i) => (i === 0 ? [mdCode(v)] : [...mdText(', '), mdCode(v)]));
}

/** Markdown for PR comments: verdict, summary table, findings grouped by severity, suppressions, warnings. */
export function formatMarkdown(report: BaselineReport, options: MarkdownOptions = {}): string {
  const failOn = options.failOn ?? 'low';
  const policy = options.unproven ?? 'fail';
  const blocking = blockingFindings(report, failOn, policy).length;
  const s = report.summary;
  const doc: RootContent[] = [
    mdHeading(2, ...mdText(`Palisade security baseline: ${blocking > 0 ? `FAILED (${blocking} blocking finding${blocking === 1 ? '' : 's'})` : 'PASSED'}`)),
    mdParagraph(...mdText('Stacks: '), ...codeList(s.stacks), ...mdText(` · resources scanned: ${s.resourcesScanned} · rules evaluated: ${s.rulesEvaluated} · fail on: ${failOn} and above`)),
    mdTable(
      ['Severity', 'Open', `Unproven (${policy === 'fail' ? 'blocking' : 'not blocking'})`, 'Suppressed'],
      SEVERITIES.map((sev) => [TITLE[sev], String(s.bySeverity[sev]), String(s.unprovenBySeverity[sev]), String([...report.findings, ...report.unproven].filter((f) => f.suppressed && f.severity === sev).length)]),
      [null, 'right', 'right', 'right'],
    ),
  ];
  for (const sev of SEVERITIES) {
    const open = report.findings.filter((f) => !f.suppressed && f.severity === sev);
    if (open.length === 0) continue;
    doc.push(
      mdHeading(3, ...mdText(`${TITLE[sev]} (${open.length})`)),
      mdTable(
        ['Rule', 'Stack', 'Resource', 'Finding', 'Controls'],
        open.map((f) => [f.ruleId, f.stack, [mdCode(f.resource)], [...mdText(`${f.message} `), { type: 'emphasis', children: mdText(`Fix: ${f.fixHint}`) }], controls(f)]),
      ),
    );
  }
  const unknown = report.unproven.filter((f) => !f.suppressed);
  if (unknown.length > 0) {
    doc.push(
      mdHeading(3, ...mdText(`Unproven (${unknown.length}): cannot be shown from the input`)),
      mdTable(['Rule', 'Severity', 'Stack', 'Resource', 'Why'], unknown.map((f) => [f.ruleId, f.severity, f.stack, [mdCode(f.resource)], f.message])),
    );
  }
  const sup = [...report.findings, ...report.unproven].filter((f) => f.suppressed);
  if (sup.length > 0) {
    doc.push(
      mdHeading(3, ...mdText(`Suppressed (${sup.length})`)),
      mdTable(
        ['Rule', 'Severity', 'Stack', 'Resource', 'Reason', 'Expires'],
        sup.map((f) => [f.ruleId, f.severity, f.stack, [mdCode(f.resource)], f.suppression?.reason ?? '', f.suppression?.expires ?? '–']),
      ),
    );
  }
  if (report.warnings.length > 0) {
    doc.push(
      mdHeading(3, ...mdText(`Warnings (${report.warnings.length})`)),
      mdList(report.warnings.map((w) => [...mdText(`${w.message} (stack `), mdCode(w.stack), ...mdText(')')])),
    );
  }
  return renderMarkdown(doc);
}
