import type { Finding } from '../engine';
import { describeAcceptance, type Acceptance } from './acceptances';
import { markdownCell, markdownInline, mdCode, mdText } from '../formats/escape/markdown';
import type { DiffReport, Impact, ResourceChange, SecurityChange, StackDiff } from './types';

/** Hidden marker that identifies the Palisade diff comment on a pull request (the workflow updates that one comment). */
export const DIFF_COMMENT_MARKER = '<!-- palisade-diff -->';

/** GitHub refuses comments over 65,536 characters; stay below with room for the truncation note. */
const MAX_MARKDOWN = 60_000;

export const DIFF_FORMATS = ['markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export function isDiffFormat(v: unknown): v is DiffFormat {
  return typeof v === 'string' && (DIFF_FORMATS as readonly string[]).includes(v);
}

/** Input-derived text in a table cell (escaped by the Markdown serialiser: HTML, pipes, mentions, links). */
function cell(s: string): string {
  return markdownCell(...mdText(s));
}

/** Input-derived text outside tables. */
function text(s: string): string {
  return markdownInline(...mdText(s));
}

/** A code span safe for any backtick run, inside a table cell or not. */
function code(s: string): string {
  return markdownCell(mdCode(s));
}

const HEADINGS: Record<Impact, string> = {
  blocking: ':no_entry: Blocking — data loss',
  regression: ':warning: Security regressions',
  review: ':mag: Needs a reviewer\'s look',
  improvement: ':white_check_mark: Improvements',
};

function changeList(changes: readonly SecurityChange[]): string[] {
  return changes.map((c) => `- **${c.category}** — ${text(c.message)}${c.acceptance ? ` — ${text(describeAcceptance(c.acceptance))}` : ''}`);
}

function acceptanceItem(a: Acceptance): string {
  const what = a.rule ? `finding ${a.rule}` : `${a.change} change`;
  return `${what} on \`${cell(a.resource)}\`${a.stack ? ` in \`${cell(a.stack)}\`` : ''}, approved by ${text(a.approver)} (${text(a.reason)}), until ${a.expires}`;
}

function findingRow(mark: string, f: Finding): string {
  return `| ${mark} | ${f.ruleId} | ${f.severity} | ${code(f.resource)} | ${cell(f.message)} |`;
}

function resourceRow(r: ResourceChange): string {
  const detail = r.action === 'replace'
    ? `forced by ${r.replaceReasons.join(', ') || '(not reported)'}`
    : r.changedAttributes.slice(0, 10).join(', ') + (r.changedAttributes.length > 10 ? ` … (+${r.changedAttributes.length - 10})` : '');
  const blocking = r.stateful && (r.action === 'delete' || r.action === 'replace');
  return `| ${r.action}${r.source === 'inferred' && r.action === 'replace' ? ' (likely)' : ''} | ${code(r.address)} | ${r.stateful ? (blocking ? '**stateful — BLOCKING**' : 'stateful') : ''} | ${cell(detail)} |`;
}

function stackSection(s: StackDiff): string[] {
  const lines: string[] = [];
  const label = s.baseStack && s.baseStack !== s.stack ? `${code(s.stack)} (base: ${code(s.baseStack)})` : code(s.stack);
  const st = s.status === 'added' ? ' — new stack' : s.status === 'removed' ? ' — removed from the synth' : '';
  lines.push(`### Stack ${label}${st}`, '');
  for (const impact of ['blocking', 'regression', 'review', 'improvement'] as const) {
    const list = s.changes.filter((c) => c.impact === impact && !c.acceptance);
    if (list.length === 0) continue;
    lines.push(`#### ${HEADINGS[impact]} (${list.length})`, '', ...changeList(list), '');
  }
  const accepted = s.changes.filter((c) => c.acceptance);
  if (accepted.length + s.findings.accepted.length > 0) {
    lines.push(`#### :memo: Accepted regressions (${accepted.length + s.findings.accepted.length}) — recorded decisions, not failing the diff`, '', ...changeList(accepted));
    for (const x of s.findings.accepted) lines.push(`- **finding ${x.finding.ruleId}** — \`${cell(x.finding.resource)}\`: ${text(x.finding.message)} — ${text(describeAcceptance(x.acceptance))}`);
    lines.push('');
  }
  const f = s.findings;
  if (f.introduced.length + f.resolved.length + f.open.length + f.introducedSuppressed.length + f.newlySuppressed.length > 0) {
    lines.push(`#### Baseline findings: ${f.introduced.length} introduced, ${f.resolved.length} resolved, ${f.newlySuppressed.length} newly suppressed, ${f.open.length} still open`, '');
    if (f.introduced.length + f.resolved.length + f.introducedSuppressed.length + f.newlySuppressed.length > 0) {
      lines.push('| | Rule | Severity | Resource | Finding |', '| --- | --- | --- | --- | --- |');
      for (const x of f.introduced) lines.push(findingRow('new', x));
      for (const x of f.newlySuppressed) lines.push(findingRow(`suppression added (not fixed): ${cell(text(x.suppression?.reason ?? ''))}${x.suppression?.expires ? ` (expires ${x.suppression.expires})` : ' (no expiry)'}`, x));
      for (const x of f.introducedSuppressed) lines.push(findingRow(`new, suppressed: ${cell(text(x.suppression?.reason ?? ''))}`, x));
      for (const x of f.resolved) lines.push(findingRow('resolved', x));
      lines.push('');
    }
    if (f.open.length > 0) {
      lines.push(`<details><summary>Still open (${f.open.length})</summary>`, '', '| | Rule | Severity | Resource | Finding |', '| --- | --- | --- | --- | --- |');
      for (const x of f.open) lines.push(findingRow('open', x));
      lines.push('', '</details>', '');
    }
  }
  if (s.resources.length > 0) {
    const n = (a: string) => s.resources.filter((r) => r.action === a).length;
    lines.push(`<details><summary>Resources: ${n('create')} to create, ${n('update')} to update, ${n('replace')} to replace, ${n('delete')} to destroy</summary>`, '');
    lines.push('| Action | Resource | Data | Changed / forced by |', '| --- | --- | --- | --- |');
    for (const r of s.resources) lines.push(resourceRow(r));
    lines.push('', '</details>', '');
  }
  if (s.changes.length === 0 && s.resources.length === 0 && f.introduced.length + f.resolved.length + f.newlySuppressed.length === 0) lines.push('No security-relevant change.', '');
  return lines;
}

/** The PR comment: verdict, counts, and per stack what the change does to security. */
export function formatDiffMarkdown(report: DiffReport): string {
  const s = report.summary;
  const lines: string[] = [DIFF_COMMENT_MARKER];
  lines.push(`## Palisade security diff: ${s.regression ? ':x: security regression' : ':white_check_mark: no security regression'}`, '');
  const source = report.actions === 'plan'
    ? 'Compared: **real Terraform plans** of the head against the deployed state (Terraform\'s own create/update/replace/destroy decisions).'
    : report.actions === 'mixed'
      ? 'Compared: **real Terraform plans** for some stacks and **synth outputs** for the others (their actions are inferred by comparing configurations).'
      : 'Compared: **synth outputs** (no plan against the deployed state): actions are inferred by comparing configurations, and replacements are estimated from arguments that force a new resource.';
  lines.push(`Base: ${report.base.inputs.map((i) => code(i)).join(', ')} → head: ${report.head.inputs.map((i) => code(i)).join(', ')}. ${source}`, '');
  lines.push('| Blocking (data loss) | Regressions | Accepted | Needs review | Improvements | Findings introduced | Newly suppressed | Findings resolved | Still open |');
  lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  lines.push(`| ${s.blocking} | ${s.regressions} | ${s.accepted} | ${s.review} | ${s.improvements} | ${s.findingsIntroduced} | ${s.findingsNewlySuppressed} | ${s.findingsResolved} | ${s.findingsOpen} |`, '');
  for (const a of report.acceptances.expired) lines.push(`> :warning: **Expired acceptance** — ${acceptanceItem(a)}: it no longer applies, so the item blocks again.`, '');
  for (const a of report.acceptances.unused) lines.push(`> Unused acceptance — ${acceptanceItem(a)}: it matched nothing in this change and can be removed.`, '');
  lines.push(`Resources: ${s.created} to create, ${s.updated} to update, ${s.replaced} to replace, ${s.destroyed} to destroy. Findings fail the diff at ${report.failOn} and above (evaluated on ${report.evaluatedOn}).`, '');
  const body: string[] = [];
  for (const st of report.stacks) if (st.status !== 'unchanged') body.push(...stackSection(st));
  const unchanged = report.stacks.filter((st) => st.status === 'unchanged').map((st) => `\`${cell(st.stack)}\``);
  if (unchanged.length > 0) body.push(`Unchanged (${unchanged.length} stack${unchanged.length === 1 ? '' : 's'}, no security-relevant change): ${unchanged.join(', ')}.`, '');
  let out = `${[...lines, ...body].join('\n')}\n`;
  if (out.length > MAX_MARKDOWN) {
    const cut = out.slice(0, MAX_MARKDOWN);
    const unclosed = (cut.match(/<details>/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
    out = `${cut}\n${'\n</details>'.repeat(Math.max(0, unclosed))}\n\n… truncated: the full report is the workflow run's artifact \`palisade-review\` (\`diff.json\`).\n`;
  }
  return out;
}

export function formatDiffJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function formatDiff(report: DiffReport, format: DiffFormat): string {
  return format === 'json' ? formatDiffJson(report) : formatDiffMarkdown(report);
}
