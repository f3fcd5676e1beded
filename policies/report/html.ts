import type { ControlEvidence, ControlStatus, EvidenceReport, EvidenceRow, RoutineStatus, RuleEvidence } from './evidence';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string | null | undefined): string {
  return (s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const e = escapeHtml;

// Inline only: the file must read offline, so no external fonts, scripts or images.
const CSS = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--pass:#1a7f37;--fail:#cf222e;--sup:#9a6700;--gap:#8250df;--na:#57606a;--bg-alt:#f6f8fa}
*{box-sizing:border-box}
body{font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--fg);margin:0 auto;max-width:1200px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:15px;margin:20px 0 6px}
.meta,.source{color:var(--muted);margin:0 0 8px}
table{border-collapse:collapse;width:100%;margin:6px 0 14px}
th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:var(--bg-alt)}
td.code,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
.s-pass,.s-proven{background:var(--pass)}.s-fail,.s-failing{background:var(--fail)}.s-suppressed,.s-unproven{background:var(--sup)}
.s-gap{background:var(--gap)}.s-not-applicable,.s-not-proven{background:var(--na)}
.counts span{margin-right:12px}
.rule{margin:8px 0 4px;font-weight:600}
.how{background:var(--bg-alt);border-left:3px solid var(--line);padding:6px 10px;margin:6px 0}
.reason{color:var(--sup)}
@media print{body{max-width:none;padding:0;font-size:11px}h2{break-before:page}h2:first-of-type{break-before:auto}
tr,.rule{break-inside:avoid}.badge{border:1px solid #000;color:#000;background:none!important}}
`;

const CONTROL_LABEL: Record<ControlStatus, string> = { pass: 'pass', fail: 'fail', unproven: 'unproven', 'not-applicable': 'not applicable', gap: 'gap' };
const ROUTINE_LABEL: Record<RoutineStatus, string> = { proven: 'proven', failing: 'failing', 'not-proven': 'not proven' };

function badge(status: string, label: string): string {
  return `<span class="badge s-${e(status)}">${e(label)}</span>`;
}

function evidenceRow(row: EvidenceRow): string {
  const result = row.status === 'suppressed'
    ? `${badge('suppressed', 'suppressed')}<div class="reason">${e(row.reason)}${row.expires ? ` (until ${e(row.expires)})` : ''}</div>`
    : badge(row.status, row.status === 'not-applicable' ? 'n/a' : row.status);
  return `<tr class="evidence" data-status="${e(row.status)}"><td>${result}</td><td>${e(row.stack)}</td><td class="code">${e(row.resource)}</td><td class="code">${e(row.file ?? '–')}${row.jsonPath ? `<br>${e(row.jsonPath)}` : ''}</td><td>${e(row.message)}</td></tr>`;
}

function ruleBlock(r: RuleEvidence): string {
  const head = `<div class="rule">${e(r.ruleId)} ${badge(r.outcome, r.outcome === 'not-applicable' ? 'n/a' : r.outcome)} <span class="meta">${e(r.severity)}</span> — ${e(r.title)}</div>`;
  if (r.rows.length === 0) return head;
  return `${head}<table><thead><tr><th>Result</th><th>Stack</th><th>Resource</th><th>Evidence (file, JSON path)</th><th>Detail</th></tr></thead><tbody>${r.rows.map(evidenceRow).join('')}</tbody></table>`;
}

function controlDetail(c: ControlEvidence): string {
  return `<h3 id="${e(`c-${c.id}`)}">${e(c.id)} ${e(c.title)} ${badge(c.status, CONTROL_LABEL[c.status])}</h3>${c.rules.map(ruleBlock).join('')}`;
}

/** ONE self-contained, printable HTML file (inline CSS, no scripts); every dynamic text is escaped. */
export function formatEvidenceHtml(report: EvidenceReport): string {
  const parts: string[] = [];
  parts.push(`<h1>${e(report.title)}</h1>`);
  parts.push(`<p class="meta">Generated ${e(report.generatedOn)} from ${e(report.inputs.join(', ') || 'the given input')} — ${report.stacks.length} stack(s): ${e(report.stacks.join(', '))}; ${report.resourcesScanned} resources; ${report.rulesEvaluated} rules.</p>`);
  parts.push('<p class="meta">pass = every implementing rule passes (suppressed findings show their written reason); fail = an unsuppressed finding; gap = no Palisade rule implements the control, so it is not proven here.</p>');
  for (const fw of report.frameworks) {
    const c = fw.counts;
    parts.push(`<section class="framework" id="${e(fw.id)}"><h2>${e(fw.title)}</h2><p class="source">Control list: ${e(fw.source)}.</p>`);
    parts.push(`<p class="counts"><span>${badge('pass', `${c.pass} pass`)}</span><span>${badge('fail', `${c.fail} fail`)}</span><span>${badge('unproven', `${c.unproven} unproven`)}</span><span>${badge('not-applicable', `${c['not-applicable']} n/a`)}</span><span>${badge('gap', `${c.gap} gaps`)}</span></p>`);
    parts.push('<table class="controls"><thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Implementing rules</th></tr></thead><tbody>');
    for (const x of fw.controls) {
      parts.push(`<tr class="control" data-framework="${e(fw.id)}" data-control="${e(x.id)}" data-status="${e(x.status)}"><td>${e(x.id)}</td><td>${e(x.title)}</td><td>${badge(x.status, CONTROL_LABEL[x.status])}</td><td>${e(x.rules.map((r) => r.ruleId).join(', ') || '–')}</td></tr>`);
    }
    parts.push('</tbody></table>');
    for (const x of fw.controls.filter((k) => k.rules.length > 0)) parts.push(controlDetail(x));
    parts.push('</section>');
  }
  if (report.routines) {
    parts.push('<section class="routines" id="routines"><h2>Security routines</h2>');
    for (const r of report.routines) {
      parts.push(`<h3 class="routine" data-routine="${e(r.id)}" data-status="${e(r.status)}">${e(r.title)} ${badge(r.status, ROUTINE_LABEL[r.status])}</h3><div class="how">${e(r.how)}</div>`);
      parts.push(r.rules.length === 0 ? '<p class="meta">No baseline rule proves this routine yet.</p>' : r.rules.map(ruleBlock).join(''));
    }
    parts.push('</section>');
  }
  if (report.access) {
    parts.push('<section class="access" id="access"><h2>Who can do what</h2><p class="meta">Every grant of a role trust or resource policy, and identity grants a rule flags, as the baseline evaluates them.</p>');
    parts.push('<table><thead><tr><th>Flagged</th><th>Stack</th><th>Policy on</th><th>Who</th><th>Can</th><th>On</th><th>Standing</th><th>Why</th></tr></thead><tbody>');
    for (const a of report.access) parts.push(`<tr class="grant" data-flagged="${a.flagged}"><td>${a.flagged ? badge('fail', 'flagged') : ''}</td><td>${e(a.stack)}</td><td class="code">${e(a.resource)}</td><td>${e(a.who)}</td><td class="code">${e(a.can)}</td><td>${e(a.on)}</td><td>${e(a.standing)}</td><td>${e(a.reason)}</td></tr>`);
    parts.push('</tbody></table></section>');
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(report.title)}</title>
<style>${CSS}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
