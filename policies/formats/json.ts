import type { BaselineReport } from '../engine';

/** The stable JSON report: `{ findings, warnings, summary }`. */
export function toJsonReport(report: BaselineReport) {
  return {
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      stack: f.stack,
      resource: f.resource,
      message: f.message,
      routine: f.routine,
      controls: { checkov: [...f.controls.checkov], fsbp: [...f.controls.fsbp], cis: [...f.controls.cis], ccm: [...f.controls.ccm] },
      suppressed: f.suppressed,
      suppression: f.suppression ? { reason: f.suppression.reason, expires: f.suppression.expires } : null,
    })),
    warnings: report.warnings.map((w) => ({ kind: w.kind, ruleId: w.ruleId, stack: w.stack, resource: w.resource, message: w.message })),
    summary: {
      bySeverity: { ...report.summary.bySeverity },
      unsuppressed: report.summary.unsuppressed,
      suppressed: report.summary.suppressed,
      warnings: report.summary.warnings,
      resourcesScanned: report.summary.resourcesScanned,
      rulesEvaluated: report.summary.rulesEvaluated,
      stacks: [...report.summary.stacks],
      evaluatedOn: report.summary.evaluatedOn,
    },
  };
}

export type JsonReport = ReturnType<typeof toJsonReport>;

export function formatJson(report: BaselineReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
