import type { ControlStatus, EvidenceReport, EvidenceRow, RoutineStatus, RuleEvidence } from './evidence';

export function cell(s: string | null | undefined): string {
  return (s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const CONTROL: Record<ControlStatus, string> = { pass: 'PASS', fail: 'FAIL', unproven: 'UNPROVEN — cannot be shown from the input', 'not-applicable': 'not applicable', gap: 'GAP — no implementing rule' };
const ROUTINE: Record<RoutineStatus, string> = { proven: 'proven', failing: 'FAILING', 'not-proven': 'not proven in this estate' };

function evidence(row: EvidenceRow): string {
  const where = row.file ? `${cell(row.file)}${row.jsonPath ? ` → \`${cell(row.jsonPath)}\`` : ''}` : '–';
  const status = row.status === 'suppressed' ? `suppressed: ${cell(row.reason)}${row.expires ? ` (until ${row.expires})` : ''}` : row.status;
  return `| ${status} | ${cell(row.stack)} | \`${cell(row.resource)}\` | ${where} | ${cell(row.message)} |`;
}

function rules(list: readonly RuleEvidence[], out: string[]): void {
  for (const r of list) {
    out.push(`- **${r.ruleId}** (${r.severity}, ${r.outcome}) ${cell(r.title)}`);
    if (r.rows.length === 0) continue;
    out.push('', '  | Result | Stack | Resource | Evidence (file → JSON path) | Detail |', '  | --- | --- | --- | --- | --- |');
    for (const row of r.rows) out.push(`  ${evidence(row)}`);
    out.push('');
  }
}

/** The evidence report as Markdown (for repositories and wikis). */
export function formatEvidenceMarkdown(report: EvidenceReport): string {
  const out: string[] = [`# ${cell(report.title)}`, ''];
  out.push(`Generated ${report.generatedOn} from ${report.inputs.map((i) => `\`${cell(i)}\``).join(', ') || 'the given input'}: ${report.stacks.length} stack(s) (${report.stacks.map(cell).join(', ')}), ${report.resourcesScanned} resources, ${report.rulesEvaluated} rules.`, '');
  out.push('Statuses: PASS = every implementing rule passes (suppressed findings carry their written reason); FAIL = a rule has an unsuppressed finding; GAP = no Palisade rule implements the control — it is not proven here.', '');
  for (const fw of report.frameworks) {
    const c = fw.counts;
    out.push(`## ${cell(fw.title)}`, '', `Source of the control list: ${cell(fw.source)}. ${c.pass} pass, ${c.fail} fail, ${c.unproven} unproven, ${c['not-applicable']} not applicable, ${c.gap} gaps.`, '');
    out.push('| Control | Title | Status | Rules |', '| --- | --- | --- | --- |');
    for (const x of fw.controls) out.push(`| ${cell(x.id)} | ${cell(x.title)} | ${CONTROL[x.status]} | ${x.rules.map((r) => r.ruleId).join(', ') || '–'} |`);
    out.push('');
    for (const x of fw.controls.filter((k) => k.rules.length > 0)) {
      out.push(`### ${cell(x.id)} ${cell(x.title)} — ${CONTROL[x.status]}`, '');
      rules(x.rules, out);
      out.push('');
    }
  }
  if (report.routines) {
    out.push('## Security routines', '');
    for (const r of report.routines) {
      out.push(`### ${cell(r.title)} — ${ROUTINE[r.status]}`, '', cell(r.how), '');
      if (r.rules.length === 0) out.push('_No baseline rule proves this routine yet._', '');
      else rules(r.rules, out);
      out.push('');
    }
  }
  if (report.access) {
    out.push('## Who can do what', '', 'Every grant of a role trust or resource policy, and identity grants a rule flags, as the baseline evaluates them.', '');
    out.push('| Flagged | Stack | Policy on | Who | Can | On | Standing | Why |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const a of report.access) out.push(`| ${a.flagged ? 'YES' : ''} | ${cell(a.stack)} | \`${cell(a.resource)}\` | ${cell(a.who)} | ${cell(a.can)} | ${cell(a.on)} | ${cell(a.standing)} | ${cell(a.reason)} |`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
