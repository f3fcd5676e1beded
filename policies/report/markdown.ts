import type { ListItem, PhrasingContent, RootContent } from 'mdast';
import { mdCode, mdHeading, mdParagraph, mdStrong, mdTable, mdText, renderMarkdown } from '../formats/escape/markdown';
import type { ControlStatus, EvidenceReport, EvidenceRow, RoutineStatus, RuleEvidence } from './evidence';

/**
 * The evidence report as Markdown (for repositories and wikis), built as an mdast tree: every stack and resource name,
 * message, suppression reason and path comes from the input, and the serialiser (`policies/formats/escape/markdown.ts`)
 * is the one place that makes such text safe (HTML, emphasis, links, pipes, mentions, backtick runs in code spans).
 */
export function formatEvidenceMarkdown(report: EvidenceReport): string {
  const out: RootContent[] = [mdHeading(1, ...mdText(report.title))];
  const inputs = report.inputs.length > 0 ? join(report.inputs.map((i) => [mdCode(i)]), ', ') : mdText('the given input');
  out.push(mdParagraph(
    ...mdText(`Generated ${report.generatedOn} from `), ...inputs,
    ...mdText(`: ${report.stacks.length} stack(s) (${report.stacks.join(', ')}), ${report.resourcesScanned} resources, ${report.rulesEvaluated} rules.`),
  ));
  out.push(mdParagraph(...mdText('Statuses: PASS = every implementing rule passes (suppressed findings carry their written reason); FAIL = a rule has an unsuppressed finding; GAP = no Palisade rule implements the control — it is not proven here.')));
  for (const fw of report.frameworks) out.push(...framework(fw));
  if (report.routines) {
    out.push(mdHeading(2, ...mdText('Security routines')));
    for (const r of report.routines) {
      out.push(mdHeading(3, ...mdText(`${r.title} — ${ROUTINE[r.status]}`)), mdParagraph(...mdText(r.how)));
      if (r.rules.length === 0) out.push(mdParagraph({ type: 'emphasis', children: mdText('No baseline rule proves this routine yet.') }));
      else out.push(ruleList(r.rules));
    }
  }
  if (report.access) {
    out.push(mdHeading(2, ...mdText('Who can do what')), mdParagraph(...mdText('Every grant of a role trust or resource policy, and identity grants a rule flags, as the baseline evaluates them.')));
    out.push(mdTable(['Flagged', 'Stack', 'Policy on', 'Who', 'Can', 'On', 'Standing', 'Why'],
      report.access.map((a) => [a.flagged ? 'YES' : '', a.stack, [mdCode(a.resource)], a.who, a.can, a.on, a.standing, a.reason])));
  }
  return renderMarkdown(out);
}

const CONTROL: Record<ControlStatus, string> = { pass: 'PASS', fail: 'FAIL', unproven: 'UNPROVEN — cannot be shown from the input', 'not-applicable': 'not applicable', gap: 'GAP — no implementing rule' };
const ROUTINE: Record<RoutineStatus, string> = { proven: 'proven', failing: 'FAILING', 'not-proven': 'not proven in this estate' };

function framework(fw: EvidenceReport['frameworks'][number]): RootContent[] {
  const c = fw.counts;
  const out: RootContent[] = [
    mdHeading(2, ...mdText(fw.title)),
    mdParagraph(...mdText(`Source of the control list: ${fw.source}. ${c.pass} pass, ${c.fail} fail, ${c.unproven} unproven, ${c['not-applicable']} not applicable, ${c.gap} gaps.`)),
    mdTable(['Control', 'Title', 'Status', 'Rules'], fw.controls.map((x) => [x.id, x.title, CONTROL[x.status], x.rules.map((r) => r.ruleId).join(', ') || '–'])),
  ];
  for (const x of fw.controls.filter((k) => k.rules.length > 0)) out.push(mdHeading(3, ...mdText(`${x.id} ${x.title} — ${CONTROL[x.status]}`)), ruleList(x.rules));
  return out;
}

/**
 * Passing rows listed per rule in Markdown; every failing, unproven and suppressed row is always listed. A large estate
 * has a passing row per resource and rule (14 MB of Markdown for 10,000 resources, more than a wiki or GitHub renders);
 * the rest are counted, and the CSV and HTML reports list them all.
 */
export const MARKDOWN_PASSING_ROWS_PER_RULE = 10;

/** One item per rule: its verdict line, then a table of its evidence rows (passing rows bounded, the rest counted). */
function ruleList(list: readonly RuleEvidence[]): RootContent {
  const items = list.map((r): ListItem => {
    let passingShown = 0;
    const rows = r.rows.filter((row) => (row.status !== 'pass' && row.status !== 'not-applicable') || passingShown++ < MARKDOWN_PASSING_ROWS_PER_RULE);
    const omitted = r.rows.length - rows.length;
    return {
      type: 'listItem',
      spread: false,
      children: [
        mdParagraph(mdStrong(...mdText(r.ruleId)), ...mdText(` (${r.severity}, ${r.outcome}) ${r.title}`)),
        ...(rows.length > 0 ? [mdTable(['Result', 'Stack', 'Resource', 'Evidence (file → JSON path)', 'Detail'], rows.map(evidenceCells))] : []),
        ...(omitted > 0 ? [mdParagraph(...mdText(`… and ${omitted} more passing or not-applicable rows, listed in full in the CSV and HTML reports.`))] : []),
      ],
    };
  });
  return { type: 'list', ordered: false, spread: false, children: items };
}

function evidenceCells(row: EvidenceRow): (PhrasingContent[] | string)[] {
  const where: PhrasingContent[] = row.file ? [...mdText(row.file), ...(row.jsonPath ? [...mdText(' → '), mdCode(row.jsonPath)] : [])] : mdText('–');
  const status = row.status === 'suppressed' ? `suppressed: ${row.reason ?? ''}${row.expires ? ` (until ${row.expires})` : ''}` : row.status;
  return [status, row.stack, [mdCode(row.resource)], where, row.message];
}

function join(parts: readonly PhrasingContent[][], separator: string): PhrasingContent[] {
  return parts.flatMap((p, i) => (i === 0 ? p : [...mdText(separator), ...p]));
}
