import type * as Sarif from 'sarif';
import type { BaselineReport, Finding } from '../engine';
import type { RuleMeta, Severity } from '../rules/types';

export interface SarifOptions {
  toolVersion?: string;
}

const LEVEL: Record<Severity, Sarif.Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning reads `security-severity` (0–10) to rank security alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

function controlsText(m: RuleMeta): string {
  const c = m.controls;
  const parts = [
    c.checkov.length ? `checkov: ${c.checkov.join(', ')}` : '',
    c.fsbp.length ? `AWS FSBP: ${c.fsbp.join(', ')}` : '',
    c.cis.length ? `CIS AWS Foundations v3.0.0: ${c.cis.join(', ')}` : '',
    c.ccm.length ? `CSA CCM v4: ${c.ccm.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'none';
}

function toUri(file: string): string {
  if (file.startsWith('/')) return `file://${encodeURI(file)}`;
  return encodeURI(file);
}

function fingerprint(f: Finding): string {
  // Stable across runs and line moves: FNV-1a over rule, stack and address.
  let h = 0x811c9dc5;
  for (const ch of `${f.ruleId}|${f.stack}|${f.resource}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Builds a SARIF 2.1.0 log with one run. */
export function toSarif(report: BaselineReport, options: SarifOptions = {}): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = report.catalogue.map((m) => ({
    id: m.id,
    shortDescription: { text: m.title },
    fullDescription: { text: m.rationale },
    help: { text: `${m.fixHint}\nControls: ${controlsText(m)}`, markdown: `**Fix:** ${m.fixHint}\n\n**Controls:** ${controlsText(m)}` },
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: {
      severity: m.severity,
      routine: m.routine,
      controls: m.controls,
      tags: ['security', m.routine],
      'security-severity': SECURITY_SEVERITY[m.severity],
    },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: Sarif.Result[] = [...report.findings, ...report.unproven].map((f) => {
    const location: Sarif.Location = {
      logicalLocations: [{ name: f.resource, fullyQualifiedName: f.resource, kind: 'resource' }],
    };
    if (f.file) {
      location.physicalLocation = { artifactLocation: { uri: toUri(f.file) } };
      if (f.line) location.physicalLocation.region = { startLine: f.line };
    }
    const result: Sarif.Result = {
      ruleId: f.ruleId,
      // SARIF 3.27.9: `review` = needs a human to decide; its level must be `none`. Unproven is never `pass`.
      ...(f.verdict === 'unproven' ? { kind: 'review' as const, level: 'none' as const } : { level: LEVEL[f.severity] }),
      message: { text: f.message },
      locations: [location],
      partialFingerprints: { 'palisade/v1': fingerprint(f) },
      properties: { severity: f.severity, verdict: f.verdict, stack: f.stack, ...(f.jsonPath ? { jsonPath: f.jsonPath } : {}), ...(f.constructPath ? { constructPath: f.constructPath } : {}) },
    };
    const ri = index.get(f.ruleId);
    if (ri !== undefined) result.ruleIndex = ri;
    if (f.suppression) {
      result.suppressions = [
        {
          kind: 'inSource',
          status: 'accepted',
          justification: f.suppression.reason,
          ...(f.suppression.expires ? { properties: { expires: f.suppression.expires } } : {}),
        },
      ];
    }
    return result;
  });
  const driver: Sarif.ToolComponent = { name: 'Palisade', rules };
  if (options.toolVersion) {
    driver.version = options.toolVersion;
    driver.semanticVersion = options.toolVersion;
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.warnings.map((w) => ({
              level: 'warning' as const,
              message: { text: w.message },
              descriptor: { id: w.kind },
            })),
          },
        ],
        results,
      },
    ],
  };
}

export function formatSarif(report: BaselineReport, options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
}
