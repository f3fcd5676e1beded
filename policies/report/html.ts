import type { FrameworkId } from './controls-catalogue';
import type { ControlEvidence, ControlStatus, EvidenceReport, EvidenceRow, FrameworkEvidence, RoutineStatus, RuleEvidence } from './evidence';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string | null | undefined): string {
  return (s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const e = escapeHtml;

/** A CSS string literal: everything but plain characters as a hex escape, so no input can end the string or the style. */
function cssString(s: string): string {
  return `"${[...s].map((ch) => (/[A-Za-z0-9 .,:;_()/+-]/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

/** Fragment id of a control (`fsbp-EC2.6`) or a rule (`rule-PAL-VPC-001`); ids are unique across frameworks. */
export function controlAnchor(framework: FrameworkId, id: string): string {
  return `${framework}-${id.replace(/[^A-Za-z0-9._-]/g, '-')}`;
}
export function ruleAnchor(ruleId: string): string {
  return `rule-${ruleId.replace(/[^A-Za-z0-9._-]/g, '-')}`;
}

// Inline only: the file must read offline, so no external fonts, scripts or images. Tables never scroll sideways:
// fixed layout, long names wrap anywhere.
const CSS = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--pass:#1a7f37;--fail:#cf222e;--sup:#9a6700;--gap:#8250df;--na:#57606a;--bg-alt:#f6f8fa}
*{box-sizing:border-box}
body{font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--fg);margin:0 auto;max-width:1200px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:15px;margin:20px 0 6px}
a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
.meta,.source{color:var(--muted);margin:0 0 8px}
.stamp{border:1px solid var(--line);background:var(--bg-alt);padding:6px 10px;margin:8px 0;font-size:12px}
.stamp dt{display:inline;font-weight:600}.stamp dd{display:inline;margin:0 14px 0 4px;overflow-wrap:anywhere}
nav.toc ol{margin:4px 0 12px;padding-left:22px}
table{border-collapse:collapse;width:100%;margin:6px 0 14px;table-layout:fixed}
th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere;word-break:break-word}
th{background:var(--bg-alt)}
td.code,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
table.summary td,table.summary th{text-align:right}table.summary th:first-child{width:40%}table.summary td:first-child,table.summary th:first-child{text-align:left}
table.controls col.c-id{width:12%}table.controls col.c-title{width:50%}table.controls col.c-status{width:12%}
table.evidence col.e-result{width:14%}table.evidence col.e-stack{width:12%}table.evidence col.e-resource{width:24%}table.evidence col.e-file{width:26%}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
.s-pass,.s-proven{background:var(--pass)}.s-fail,.s-failing{background:var(--fail)}.s-suppressed,.s-unproven{background:var(--sup)}
.s-gap{background:var(--gap)}.s-not-applicable,.s-not-proven{background:var(--na)}
.rule{margin:14px 0 4px;font-weight:600}
.how{background:var(--bg-alt);border-left:3px solid var(--line);padding:6px 10px;margin:6px 0}
.reason{color:var(--sup)}
@media print{
body{max-width:none;padding:0;font-size:10px;line-height:1.3}
h1{font-size:18px}h2{font-size:14px;margin:14px 0 6px}h3{font-size:12px;margin:10px 0 4px}
section.framework,section.routines,section.rules{break-before:page}
td.code,code{font-size:9px}th,td{padding:2px 4px}
tr,.rule{break-inside:avoid}h2,h3,.rule{break-after:avoid}
.badge{border:1px solid #000;color:#000;background:none!important;font-size:9px}
a{color:inherit}
}
`;

/** Every printed page carries the revision in its bottom margin (CSS page margin boxes), and its page number. */
function pageCss(stamp: string): string {
  return `@page{size:A4;margin:12mm 10mm 16mm;@bottom-left{content:${cssString(stamp)};font:8px sans-serif;color:#57606a}@bottom-right{content:"page " counter(page) " of " counter(pages);font:8px sans-serif;color:#57606a}}`;
}

const CONTROL_LABEL: Record<ControlStatus, string> = { pass: 'pass', fail: 'fail', unproven: 'unproven', 'not-applicable': 'not applicable', gap: 'gap' };
const ROUTINE_LABEL: Record<RoutineStatus, string> = { proven: 'proven', failing: 'failing', 'not-proven': 'not proven' };
const FRAMEWORK_IDS: readonly FrameworkId[] = ['fsbp', 'cis', 'ccm'];

function badge(status: string, label: string): string {
  return `<span class="badge s-${e(status)}">${e(label)}</span>`;
}

function ruleLinks(rules: readonly RuleEvidence[]): string {
  return rules.map((r) => `<a href="#${e(ruleAnchor(r.ruleId))}">${e(r.ruleId)}</a>`).join(', ') || '–';
}

function evidenceRow(row: EvidenceRow): string {
  const result = row.status === 'suppressed'
    ? `${badge('suppressed', 'suppressed')}<div class="reason">${e(row.reason)}${row.expires ? ` (until ${e(row.expires)})` : ''}</div>`
    : badge(row.status, row.status === 'not-applicable' ? 'n/a' : row.status);
  return `<tr class="evidence" data-status="${e(row.status)}"><td>${result}</td><td>${e(row.stack)}</td><td class="code">${e(row.resource)}</td><td class="code">${e(row.file ?? '–')}${row.jsonPath ? `<br>${e(row.jsonPath)}` : ''}</td><td>${e(row.message)}</td></tr>`;
}

function ruleBlock(r: RuleEvidence, known: ReadonlySet<FrameworkId>): string {
  const controls = FRAMEWORK_IDS.filter((f) => known.has(f)).flatMap((f) => r.controls[f].map((c) => `<a href="#${e(controlAnchor(f, c))}">${e(f.toUpperCase())} ${e(c)}</a>`));
  const head = `<div class="rule" id="${e(ruleAnchor(r.ruleId))}">${e(r.ruleId)} ${badge(r.outcome, r.outcome === 'not-applicable' ? 'n/a' : r.outcome)} <span class="meta">${e(r.severity)}</span> — ${e(r.title)}</div>`;
  const implementsLine = controls.length > 0 ? `<p class="meta">Implements ${controls.join(', ')}.</p>` : '';
  if (r.rows.length === 0) return head + implementsLine;
  return `${head}${implementsLine}<table class="evidence"><colgroup><col class="e-result"><col class="e-stack"><col class="e-resource"><col class="e-file"><col></colgroup><thead><tr><th>Result</th><th>Stack</th><th>Resource</th><th>Evidence (file, JSON path)</th><th>Detail</th></tr></thead><tbody>${r.rows.map(evidenceRow).join('')}</tbody></table>`;
}

function controlRow(fw: FrameworkEvidence, x: ControlEvidence): string {
  const anchor = controlAnchor(fw.id, x.id);
  return `<tr class="control" data-framework="${e(fw.id)}" data-control="${e(x.id)}" data-status="${e(x.status)}" id="${e(anchor)}"><td><a href="#${e(anchor)}">${e(x.id)}</a></td><td>${e(x.title)}</td><td>${badge(x.status, CONTROL_LABEL[x.status])}</td><td>${ruleLinks(x.rules)}</td></tr>`;
}

function summary(report: EvidenceReport): string {
  const rows = report.frameworks.map((fw) => {
    const c = fw.counts;
    return `<tr class="summary" data-framework="${e(fw.id)}"><td><a href="#${e(fw.id)}">${e(fw.title)}</a></td><td>${c.pass}</td><td>${c.fail}</td><td>${c.unproven}</td><td>${c['not-applicable']}</td><td>${c.gap}</td><td>${fw.controls.length}</td></tr>`;
  });
  const failing = report.frameworks.flatMap((fw) => fw.controls.filter((x) => x.status === 'fail').map((x) => `<a href="#${e(controlAnchor(fw.id, x.id))}">${e(fw.id.toUpperCase())} ${e(x.id)}</a>`));
  const routines = report.routines ? `<p>Security routines: ${(['proven', 'failing', 'not-proven'] as const).map((s) => `${report.routines!.filter((r) => r.status === s).length} ${ROUTINE_LABEL[s]}`).join(', ')} (<a href="#routines">details</a>).</p>` : '';
  return `<section class="summary" id="summary"><h2>Summary</h2>`
    + (rows.length > 0 ? `<table class="summary"><thead><tr><th>Framework</th><th>Pass</th><th>Fail</th><th>Unproven</th><th>Not applicable</th><th>Gap</th><th>Controls</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '')
    + `<p>${failing.length === 0 ? 'No control fails.' : `Failing controls: ${failing.join(', ')}.`}</p>${routines}`
    + '<p class="meta">pass = every implementing rule passes (suppressed findings show their written reason); fail = an unsuppressed finding; unproven = the input cannot show it (known only after apply), never a pass; gap = no Palisade rule implements the control, so it is not proven here. Each rule\'s evidence is listed once, under "Evidence by rule".</p></section>';
}

function toc(report: EvidenceReport): string {
  const items = ['<li><a href="#summary">Summary</a></li>', ...report.frameworks.map((fw) => `<li><a href="#${e(fw.id)}">${e(fw.title)}</a></li>`)];
  if (report.routines) items.push('<li><a href="#routines">Security routines</a></li>');
  items.push('<li><a href="#rules">Evidence by rule</a></li>');
  return `<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>${items.join('')}</ol></nav>`;
}

function revisionText(report: EvidenceReport): string {
  const r = report.revision;
  return `Palisade ${r.version ?? 'unknown version'} · commit ${r.commit ?? 'unknown'} · evaluated ${report.generatedOn} · inputs ${report.inputs.join(', ') || '(none given)'}`;
}

/** ONE self-contained, printable HTML file (inline CSS, no scripts); every dynamic text is escaped. */
export function formatEvidenceHtml(report: EvidenceReport): string {
  const known = new Set(report.frameworks.map((f) => f.id));
  const r = report.revision;
  const parts: string[] = [];
  parts.push(`<header><h1>${e(report.title)}</h1>`);
  parts.push(`<dl class="stamp" id="revision"><dt>Commit</dt><dd class="code">${e(r.commit ?? 'unknown (not a git checkout)')}</dd><dt>Palisade</dt><dd>${e(r.version ?? 'unknown')}</dd><dt>Evaluated</dt><dd>${e(report.generatedOn)}</dd><dt>Inputs</dt><dd class="code">${e(report.inputs.join(', ') || '(none given)')}</dd></dl>`);
  parts.push(`<p class="meta">${report.stacks.length} stack(s): ${e(report.stacks.join(', '))}; ${report.resourcesScanned} resources; ${report.rulesEvaluated} rules.</p></header>`);
  parts.push(toc(report), summary(report));
  for (const fw of report.frameworks) {
    parts.push(`<section class="framework" id="${e(fw.id)}"><h2>${e(fw.title)}</h2><p class="source">Control list: ${e(fw.source)}.</p>`);
    parts.push('<table class="controls"><colgroup><col class="c-id"><col class="c-title"><col class="c-status"><col></colgroup><thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Implementing rules</th></tr></thead><tbody>');
    for (const x of fw.controls) parts.push(controlRow(fw, x));
    parts.push('</tbody></table></section>');
  }
  if (report.routines) {
    parts.push('<section class="routines" id="routines"><h2>Security routines</h2>');
    for (const rt of report.routines) {
      parts.push(`<h3 class="routine" data-routine="${e(rt.id)}" data-status="${e(rt.status)}">${e(rt.title)} ${badge(rt.status, ROUTINE_LABEL[rt.status])}</h3><div class="how">${e(rt.how)}</div>`);
      parts.push(rt.rules.length === 0 ? '<p class="meta">No baseline rule proves this routine yet.</p>' : `<p>Rules: ${ruleLinks(rt.rules)}.</p>`);
    }
    parts.push('</section>');
  }
  if (report.access) {
    parts.push('<section class="access" id="access"><h2>Who can do what</h2><p class="meta">Every grant of a role trust or resource policy, and identity grants a rule flags, as the baseline evaluates them.</p>');
    parts.push('<table><thead><tr><th>Flagged</th><th>Stack</th><th>Policy on</th><th>Who</th><th>Can</th><th>On</th><th>Standing</th><th>Why</th></tr></thead><tbody>');
    for (const a of report.access) parts.push(`<tr class="grant" data-flagged="${a.flagged}"><td>${a.flagged ? badge('fail', 'flagged') : ''}</td><td>${e(a.stack)}</td><td class="code">${e(a.resource)}</td><td>${e(a.who)}</td><td class="code">${e(a.can)}</td><td>${e(a.on)}</td><td>${e(a.standing)}</td><td>${e(a.reason)}</td></tr>`);
    parts.push('</tbody></table></section>');
  }
  parts.push('<section class="rules" id="rules"><h2>Evidence by rule</h2>');
  for (const rule of report.rules) parts.push(ruleBlock(rule, known));
  parts.push('</section>');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(report.title)}</title>
<style>${CSS}${pageCss(revisionText(report)).replace(/</g, '\\3c ')}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
