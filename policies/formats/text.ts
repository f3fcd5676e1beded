import pc from 'picocolors';
import { blockingFindings, type BaselineReport, type UnprovenPolicy } from '../engine';
import { SEVERITIES, type Severity } from '../rules/types';
import { terminalText as t } from './escape/terminal';

export interface TextOptions {
  color?: boolean;
  failOn?: Severity;
  /** Whether unproven verdicts block (default `fail`). */
  unproven?: UnprovenPolicy;
}

/** Human-readable report grouped by stack, then severity. Colour only when asked (CLI: stdout is a TTY). */
export function formatText(report: BaselineReport, options: TextOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const sevColor: Record<Severity, (s: string) => string> = { critical: (s) => c.bold(c.red(s)), high: c.red, medium: c.yellow, low: c.cyan };
  const failOn = options.failOn ?? 'low';
  const s = report.summary;
  const out: string[] = [];
  out.push(c.bold(`Palisade baseline — ${s.stacks.length} stack(s), ${s.resourcesScanned} resources, ${s.rulesEvaluated} rules, evaluated on ${s.evaluatedOn}`));
  const stacks = [...new Set([...report.findings, ...report.unproven].map((f) => f.stack))];
  for (const stack of stacks) {
    out.push('');
    out.push(c.bold(`Stack ${t(stack)}`));
    const inStack = report.findings.filter((f) => f.stack === stack);
    for (const sev of SEVERITIES) {
      const group = inStack.filter((f) => f.severity === sev);
      if (group.length === 0) continue;
      out.push(`  ${sevColor[sev](sev.toUpperCase())} (${group.length})`);
      for (const f of group) {
        if (f.suppressed) {
          const exp = f.suppression?.expires ? `, expires ${t(f.suppression.expires)}` : '';
          out.push(c.dim(`    - ${t(f.ruleId)} ${t(f.resource)}: ${t(f.message)} [suppressed: ${t(f.suppression?.reason)}${exp}]`));
        } else {
          out.push(`    ${sevColor[sev]('x')} ${c.bold(t(f.ruleId))} ${t(f.resource)}: ${t(f.message)}`);
          if (f.moduleCall) out.push(c.dim(`      in: ${t(f.file)}${f.line ? `:${f.line}` : ''}, created by ${t(f.moduleCall.address)} (${t(f.moduleCall.file)}${f.moduleCall.line ? `:${f.moduleCall.line}` : ''})`));
          out.push(c.dim(`      fix: ${t(f.fixHint)}`));
        }
      }
    }
    const unknown = report.unproven.filter((f) => f.stack === stack);
    if (unknown.length > 0) out.push(`  ${c.magenta('UNPROVEN')} (${unknown.length}) — cannot be shown from the input`);
    for (const f of unknown) {
      const sup = f.suppressed ? ` [suppressed: ${f.suppression?.reason}${f.suppression?.expires ? `, expires ${f.suppression.expires}` : ''}]` : '';
      out.push(`    ${c.magenta('?')} ${c.bold(f.ruleId)} ${f.severity} ${f.resource}: ${f.message}${sup}`);
    }
  }
  if (report.warnings.length > 0) {
    out.push('');
    out.push(c.yellow(`Warnings (${report.warnings.length})`));
    for (const w of report.warnings) out.push(c.yellow(`  ! ${t(w.stack)}/${t(w.resource)}: ${t(w.message)}`));
  }
  out.push('');
  const counts = SEVERITIES.map((sev) => `${s.bySeverity[sev]} ${sev}`).join(', ');
  const policy = options.unproven ?? 'fail';
  const blocking = blockingFindings(report, failOn, policy).length;
  const verdict = blocking > 0 ? c.red(c.bold(`FAIL: ${blocking} blocking at or above ${failOn}`)) : c.green(c.bold('PASS'));
  out.push(`${verdict} — ${counts}; ${s.unproven} unproven (${policy === 'fail' ? 'blocking' : 'not blocking'}); ${s.suppressed} suppressed; ${s.warnings} warning(s)`);
  return `${out.join('\n')}\n`;
}
