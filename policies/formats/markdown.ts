import { blockingFindings, type BaselineReport, type Finding, type UnprovenPolicy } from '../engine';
import { SEVERITIES, type Severity } from '../rules/types';

export interface MarkdownOptions {
  failOn?: Severity;
  /** Whether unproven verdicts block (default `fail`). */
  unproven?: UnprovenPolicy;
}

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function controls(f: Finding): string {
  const c = f.controls;
  return [...c.fsbp.map((x) => `FSBP ${x}`), ...c.cis.map((x) => `CIS ${x}`), ...c.checkov, ...c.ccm.map((x) => `CCM ${x}`)].join(', ') || '–';
}

const TITLE: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

/** Markdown for PR comments: verdict, summary table, findings grouped by severity, suppressions, warnings. */
export function formatMarkdown(report: BaselineReport, options: MarkdownOptions = {}): string {
  const failOn = options.failOn ?? 'low';
  const policy = options.unproven ?? 'fail';
  const blocking = blockingFindings(report, failOn, policy).length;
  const s = report.summary;
  const lines: string[] = [];
  lines.push(`## Palisade security baseline: ${blocking > 0 ? `FAILED (${blocking} blocking finding${blocking === 1 ? '' : 's'})` : 'PASSED'}`);
  lines.push('');
  lines.push(`Stacks: ${s.stacks.map((x) => `\`${x}\``).join(', ') || '–'} · resources scanned: ${s.resourcesScanned} · rules evaluated: ${s.rulesEvaluated} · fail on: ${failOn} and above`);
  lines.push('');
  lines.push(`| Severity | Open | Unproven (${policy === 'fail' ? 'blocking' : 'not blocking'}) | Suppressed |`);
  lines.push('| --- | ---: | ---: | ---: |');
  for (const sev of SEVERITIES) {
    const sup = [...report.findings, ...report.unproven].filter((f) => f.suppressed && f.severity === sev).length;
    lines.push(`| ${TITLE[sev]} | ${s.bySeverity[sev]} | ${s.unprovenBySeverity[sev]} | ${sup} |`);
  }
  lines.push('');
  for (const sev of SEVERITIES) {
    const open = report.findings.filter((f) => !f.suppressed && f.severity === sev);
    if (open.length === 0) continue;
    lines.push(`### ${TITLE[sev]} (${open.length})`);
    lines.push('');
    lines.push('| Rule | Stack | Resource | Finding | Controls |');
    lines.push('| --- | --- | --- | --- | --- |');
    for (const f of open) lines.push(`| ${f.ruleId} | ${cell(f.stack)} | \`${cell(f.resource)}\` | ${cell(f.message)} _Fix: ${cell(f.fixHint)}_ | ${cell(controls(f))} |`);
    lines.push('');
  }
  const unknown = report.unproven.filter((f) => !f.suppressed);
  if (unknown.length > 0) {
    lines.push(`### Unproven (${unknown.length}): cannot be shown from the input`);
    lines.push('');
    lines.push('| Rule | Severity | Stack | Resource | Why |');
    lines.push('| --- | --- | --- | --- | --- |');
    for (const f of unknown) lines.push(`| ${f.ruleId} | ${f.severity} | ${cell(f.stack)} | \`${cell(f.resource)}\` | ${cell(f.message)} |`);
    lines.push('');
  }
  const sup = [...report.findings, ...report.unproven].filter((f) => f.suppressed);
  if (sup.length > 0) {
    lines.push(`### Suppressed (${sup.length})`);
    lines.push('');
    lines.push('| Rule | Severity | Stack | Resource | Reason | Expires |');
    lines.push('| --- | --- | --- | --- | --- | --- |');
    for (const f of sup) lines.push(`| ${f.ruleId} | ${f.severity} | ${cell(f.stack)} | \`${cell(f.resource)}\` | ${cell(f.suppression?.reason ?? '')} | ${f.suppression?.expires ?? '–'} |`);
    lines.push('');
  }
  if (report.warnings.length > 0) {
    lines.push(`### Warnings (${report.warnings.length})`);
    lines.push('');
    for (const w of report.warnings) lines.push(`- ${cell(w.message)} (stack \`${cell(w.stack)}\`)`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
