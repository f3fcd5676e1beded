import type { EvidenceReport, EvidenceRow, RuleEvidence } from './evidence';

export const CSV_COLUMNS = [
  'view', 'control_id', 'control_title', 'control_status', 'rule_id', 'rule_title', 'severity',
  'stack', 'resource', 'file', 'json_path', 'result', 'message', 'suppression_reason', 'suppression_expires',
] as const;

/**
 * One RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes doubled). Text that a spreadsheet would run
 * as a formula (starting with = + - @ or a tab/CR) gets a leading apostrophe, the OWASP advice against CSV injection.
 */
export function csvField(value: string | null | undefined): string {
  let v = value ?? '';
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function line(fields: ReadonlyArray<string | null | undefined>): string {
  return fields.map(csvField).join(',');
}

function ruleLines(prefix: string[], rules: readonly RuleEvidence[], out: string[]): void {
  for (const r of rules) {
    const rows: Array<EvidenceRow | null> = r.rows.length > 0 ? r.rows : [null];
    for (const row of rows) {
      out.push(line([...prefix, r.ruleId, r.title, r.severity, row?.stack, row?.resource, row?.file, row?.jsonPath, row?.status ?? r.outcome, row?.message ?? (r.outcome === 'pass' ? 'No violation found.' : ''), row?.reason, row?.expires]));
    }
  }
}

/** One flat table (header + one line per control × rule × resource; gaps get one line with empty rule fields), CRLF. */
export function formatEvidenceCsv(report: EvidenceReport): string {
  const out: string[] = [line([...CSV_COLUMNS])];
  for (const fw of report.frameworks) {
    for (const c of fw.controls) {
      if (c.rules.length === 0) out.push(line([fw.id, c.id, c.title, c.status, '', '', '', '', '', '', '', 'gap', 'No Palisade rule implements this control.', '', '']));
      else ruleLines([fw.id, c.id, c.title, c.status], c.rules, out);
    }
  }
  for (const r of report.routines ?? []) {
    if (r.rules.length === 0) out.push(line(['routines', r.id, r.title, r.status, '', '', '', '', '', '', '', 'not-proven', r.how, '', '']));
    else ruleLines(['routines', r.id, r.title, r.status], r.rules, out);
  }
  return `${out.join('\r\n')}\r\n`;
}
