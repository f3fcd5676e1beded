import type { BaselineReport, EvaluatedResult } from '../engine';

function esc(s: string): string {
  // XML 1.0 forbids most control characters even escaped; drop them.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function caseName(r: EvaluatedResult): string {
  return r.resource === '*' ? '(rule)' : `${r.stack}/${r.resource}`;
}

/** JUnit XML: one testsuite per rule, one testcase per rule × resource verdict. */
export function formatJunit(report: BaselineReport): string {
  const byRule = new Map<string, EvaluatedResult[]>();
  for (const m of report.catalogue) byRule.set(m.id, []);
  for (const r of report.results) {
    if (!byRule.has(r.ruleId)) byRule.set(r.ruleId, []);
    byRule.get(r.ruleId)!.push(r);
  }
  const titles = new Map(report.catalogue.map((m) => [m.id, m.title]));
  const fixes = new Map(report.catalogue.map((m) => [m.id, m.fixHint]));
  let total = 0;
  let failures = 0;
  let skipped = 0;
  let errors = 0;
  const suites: string[] = [];
  for (const [ruleId, results] of byRule) {
    if (results.length === 0) continue; // engine rules with nothing to report
    let sf = 0;
    let ss = 0;
    let se = 0;
    const cases: string[] = [];
    for (const r of results) {
      const open = `    <testcase classname="palisade.${esc(ruleId)}" name="${esc(caseName(r))}"${r.file ? ` file="${esc(r.file)}"` : ''}`;
      if (r.status === 'non-compliant' && !r.suppressed) {
        sf++;
        cases.push(`${open}>\n      <failure message="${esc(r.message)}" type="${r.severity}">${esc(`${r.severity.toUpperCase()} ${ruleId}: ${r.message}\nFix: ${fixes.get(ruleId) ?? ''}`)}</failure>\n    </testcase>`);
      } else if (r.status === 'unproven' && !r.suppressed) {
        // JUnit's <error>: the test could not decide; distinct from a <failure> that proved the weakness.
        se++;
        cases.push(`${open}>\n      <error message="${esc(`unproven: ${r.message}`)}" type="unproven">${esc(`${r.severity.toUpperCase()} ${ruleId} UNPROVEN: ${r.message}`)}</error>\n    </testcase>`);
      } else if (r.suppression) {
        ss++;
        const exp = r.suppression.expires ? ` (expires ${r.suppression.expires})` : '';
        cases.push(`${open}>\n      <skipped message="${esc(`suppressed: ${r.suppression.reason}${exp}`)}"/>\n    </testcase>`);
      } else if (r.status === 'not-applicable') {
        ss++;
        cases.push(`${open}>\n      <skipped message="${esc(`not applicable: ${r.message}`)}"/>\n    </testcase>`);
      } else {
        cases.push(`${open}/>`);
      }
    }
    total += results.length;
    failures += sf;
    skipped += ss;
    errors += se;
    suites.push(`  <testsuite name="${esc(`${ruleId} ${titles.get(ruleId) ?? ''}`.trim())}" tests="${results.length}" failures="${sf}" errors="${se}" skipped="${ss}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="palisade" tests="${total}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}
