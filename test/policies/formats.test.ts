import { XMLParser } from 'fast-xml-parser';
import { blockingFindings, runBaseline, type BaselineReport } from '../../policies/engine';
import { formatJunit, formatMarkdown, formatText, toJsonReport, toSarif } from '../../policies/formats/index';
import { compliantEstate, modelOf, ref } from './fixtures';
import { sarifValidator } from './sarif-schema';

function mixedReport(): BaselineReport {
  const s = compliantEstate()
    .update('aws_flow_log', 'main', (v) => (v.traffic_type = 'REJECT'))
    .add('aws_security_group_rule', 'ssh', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], description: 'ssh & <debug>' })
    .update('aws_kms_key', 'logs', (v) => (v.enable_key_rotation = false))
    .suppress('aws_kms_key', 'logs', [{ ruleId: 'PAL-KMS-001', reason: 'Imported key material; rotated manually', expires: '2026-12-31' }])
    .suppress('aws_vpc', 'main', [{ ruleId: 'PAL-SG-003', reason: 'unused on purpose' }]);
  return runBaseline(modelOf(s), { today: '2026-06-01' });
}

describe('JSON report', () => {
  test('has exactly findings, unproven, warnings and summary, with the agreed finding fields', () => {
    const json = toJsonReport(mixedReport());
    expect(Object.keys(json)).toEqual(['findings', 'unproven', 'warnings', 'summary']);
    for (const f of json.findings) {
      expect(Object.keys(f)).toEqual(['ruleId', 'verdict', 'severity', 'stack', 'resource', 'message', 'routine', 'controls', 'suppressed', 'suppression']);
      expect(Object.keys(f.controls)).toEqual(['checkov', 'fsbp', 'cis', 'ccm']);
    }
    const sup = json.findings.find((f) => f.suppressed)!;
    expect(sup).toMatchObject({ ruleId: 'PAL-KMS-001', resource: 'aws_kms_key.logs', suppression: { reason: 'Imported key material; rotated manually', expires: '2026-12-31' } });
    expect(json.findings.find((f) => !f.suppressed)!.suppression).toBeNull();
    expect(json.summary).toMatchObject({ bySeverity: { critical: 1, high: 0, medium: 1, low: 0 }, unsuppressed: 2, suppressed: 1, warnings: 1, stacks: ['prod'] });
    expect(json.warnings[0]).toMatchObject({ kind: 'unused-suppression', ruleId: 'PAL-SG-003' });
  });
});

describe('SARIF report', () => {
  const validate = sarifValidator();

  test('validates against the official SARIF 2.1.0 schema', () => {
    const log = toSarif(mixedReport(), { toolVersion: '0.1.0' });
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('the validator really rejects broken logs', () => {
    const log = toSarif(mixedReport()) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  test('lists the catalogue as rules and locates results physically and logically', () => {
    const report = mixedReport();
    const log = toSarif(report);
    const run = log.runs[0];
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual(report.catalogue.map((m) => m.id));
    const ssh = run.results!.find((r) => r.ruleId === 'PAL-SG-001')!;
    expect(ssh.level).toBe('error');
    expect(ssh.locations![0].physicalLocation!.artifactLocation!.uri).toBe('stacks/prod/cdk.tf.json');
    expect(ssh.locations![0].logicalLocations![0].fullyQualifiedName).toBe('aws_security_group_rule.ssh');
    expect(run.tool.driver.rules![ssh.ruleIndex!].id).toBe('PAL-SG-001');
    const kms = run.results!.find((r) => r.ruleId === 'PAL-KMS-001')!;
    expect(kms.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'Imported key material; rotated manually', properties: { expires: '2026-12-31' } }]);
    expect(run.invocations![0].toolExecutionNotifications![0].message.text).toContain('PAL-SG-003');
  });
});

describe('JUnit report', () => {
  test('has one testcase per rule × resource: failures for open findings, skipped for suppressed and not-applicable', () => {
    const report = mixedReport();
    const xml = formatJunit(report);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);
    const suites = doc.testsuites.testsuite as Array<{ name: string; tests: string; failures: string; testcase: Array<Record<string, unknown>> }>;
    const cases = suites.flatMap((s) => s.testcase);
    expect(Number(doc.testsuites.tests)).toBe(cases.length);
    expect(cases.length).toBe(report.results.length);
    const failed = cases.filter((c) => c.failure);
    expect(failed.map((c) => `${c.classname} ${c.name}`).sort()).toEqual(['palisade.PAL-SG-001 prod/aws_security_group_rule.ssh', 'palisade.PAL-VPC-001 prod/aws_vpc.main']);
    const kms = cases.find((c) => c.classname === 'palisade.PAL-KMS-001')!;
    expect((kms.skipped as { message: string }).message).toBe('suppressed: Imported key material; rotated manually (expires 2026-12-31)');
    expect(Number(doc.testsuites.failures)).toBe(2);
    expect(xml).toContain('name="prod/aws_security_group_rule.ssh"');
  });
});

describe('Markdown report', () => {
  test('states the verdict, a severity table and findings grouped by severity', () => {
    const md = formatMarkdown(mixedReport(), { failOn: 'low' });
    expect(md).toMatch(/^## Palisade security baseline: FAILED \(2 blocking findings\)/);
    expect(md).toContain('| Critical | 1 | 0 | 0 |');
    expect(md).toContain('| Medium | 1 | 0 | 1 |');
    expect(md.indexOf('### Critical (1)')).toBeLessThan(md.indexOf('### Medium (1)'));
    expect(md).toContain('### Suppressed (1)');
    expect(md).toContain('### Warnings (1)');
  });

  test('passes when only findings below the threshold remain', () => {
    const md = formatMarkdown(runBaseline(modelOf(compliantEstate().update('aws_flow_log', 'main', (v) => (v.traffic_type = 'REJECT'))), { today: '2026-06-01' }), { failOn: 'high' });
    expect(md).toMatch(/^## Palisade security baseline: PASSED/);
  });
});

describe('text report', () => {
  test('groups by stack and severity, without colour unless asked', () => {
    const plain = formatText(mixedReport(), { color: false });
    expect(plain).not.toMatch(/\u001b\[/);
    expect(plain).toContain('Stack prod');
    expect(plain.indexOf('CRITICAL')).toBeLessThan(plain.indexOf('MEDIUM'));
    expect(plain).toContain('[suppressed: Imported key material; rotated manually, expires 2026-12-31]');
    expect(plain).toMatch(/FAIL: 2 blocking at or above low/);
    expect(formatText(mixedReport(), { color: true })).toMatch(/\u001b\[/);
  });
});

describe('unproven verdicts in every format', () => {
  // A world-open rule whose CIDR is known only after apply: the plan cannot show whether SSH faces the internet.
  function unprovenReport(): BaselineReport {
    const s = compliantEstate().add('aws_security_group_rule', 'ssh_from_var', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['${var.admin_cidr}'], description: 'admin' });
    return runBaseline(modelOf(s), { today: '2026-06-01' });
  }

  test('the engine lists it apart from findings, counts it separately and blocks on it unless told to warn', () => {
    const report = unprovenReport();
    expect(report.findings.filter((f) => !f.suppressed)).toEqual([]);
    expect(report.unproven.map((u) => [u.ruleId, u.resource, u.verdict])).toEqual([['PAL-SG-001', 'aws_security_group_rule.ssh_from_var', 'unproven']]);
    expect(report.unproven[0].message).toMatch(/cannot be shown at plan time because the CIDR of aws_security_group_rule.ssh_from_var .* is known only after apply/);
    expect(report.summary).toMatchObject({ unsuppressed: 0, unproven: 1, unprovenBySeverity: { critical: 1, high: 0, medium: 0, low: 0 } });
    expect(report.outcomes['PAL-SG-001']).toBe('unproven');
    expect(blockingFindings(report, 'low')).toHaveLength(1);
    expect(blockingFindings(report, 'low', 'warn')).toHaveLength(0);
  });

  test('text, markdown, JSON, SARIF and JUnit each show it as unproven, not as a failure', () => {
    const report = unprovenReport();
    const text = formatText(report);
    expect(text).toMatch(/UNPROVEN \(1\)/);
    expect(text).toMatch(/FAIL: 1 blocking at or above low .* 1 unproven \(blocking\)/);
    expect(formatText(report, { unproven: 'warn' })).toMatch(/PASS — .* 1 unproven \(not blocking\)/);
    const md = formatMarkdown(report);
    expect(md).toContain('### Unproven (1): cannot be shown from the input');
    expect(md).toContain('| Critical | 0 | 1 | 0 |');
    expect(md).not.toContain('### Critical (');
    const json = toJsonReport(report);
    expect(json.findings.filter((f) => !f.suppressed)).toEqual([]);
    expect(json.unproven[0]).toMatchObject({ ruleId: 'PAL-SG-001', verdict: 'unproven' });
    expect(json.summary.unproven).toBe(1);
    const sarif = toSarif(report);
    const result = sarif.runs[0].results!.find((r) => r.ruleId === 'PAL-SG-001')!;
    expect(result).toMatchObject({ kind: 'review', level: 'none', properties: { verdict: 'unproven' } });
    expect(sarifValidator()(sarif)).toBe(true);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(formatJunit(report));
    expect(junit.testsuites['@_errors']).toBe('1');
    expect(junit.testsuites['@_failures']).toBe('0');
  });
});
