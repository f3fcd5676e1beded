import type { BaselineReport, Finding } from '../engine';

function findingJson(f: Finding) {
  return {
    ruleId: f.ruleId,
    verdict: f.verdict,
    severity: f.severity,
    stack: f.stack,
    resource: f.resource,
    message: f.message,
    routine: f.routine,
    controls: { checkov: [...f.controls.checkov], fsbp: [...f.controls.fsbp], cis: [...f.controls.cis], ccm: [...f.controls.ccm] },
    suppressed: f.suppressed,
    suppression: f.suppression ? { reason: f.suppression.reason, expires: f.suppression.expires } : null,
  };
}

/** The stable JSON report: `{ findings, unproven, warnings, summary }`. */
export function toJsonReport(report: BaselineReport) {
  return {
    findings: report.findings.map(findingJson),
    unproven: report.unproven.map(findingJson),
    warnings: report.warnings.map((w) => ({ kind: w.kind, ruleId: w.ruleId, stack: w.stack, resource: w.resource, message: w.message })),
    summary: {
      bySeverity: { ...report.summary.bySeverity },
      unsuppressed: report.summary.unsuppressed,
      suppressed: report.summary.suppressed,
      unproven: report.summary.unproven,
      unprovenBySeverity: { ...report.summary.unprovenBySeverity },
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
