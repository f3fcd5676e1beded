import { runBaseline } from '../../policies/engine';
import { RULES } from '../../policies/rules/index';
import { SEVERITIES } from '../../policies/rules/types';
import { compliantEstate, modelOf, StackBuilder } from './fixtures';

const ROUTINES = ['segmentation', 'encryption-in-transit', 'firewall', 'antivirus', 'backup', 'secure-storage', 'passwords', 'change-testing', 'data-erasure', 'personal-data', 'monitoring', 'access-control'];

describe('the rule catalogue', () => {
  test('every rule has a unique PAL id, a one-sentence title, rationale, fix hint, severity, routine and control lists', () => {
    const ids = new Set<string>();
    for (const r of RULES) {
      expect(r.id).toMatch(/^PAL-[A-Z][A-Z0-9]*-\d{3}$/);
      expect(ids.has(r.id)).toBe(false);
      ids.add(r.id);
      expect(r.title).toMatch(/^[A-Z].*\.$/);
      expect(r.rationale.length).toBeGreaterThan(20);
      expect(r.fixHint.length).toBeGreaterThan(10);
      expect(SEVERITIES).toContain(r.severity);
      expect(ROUTINES).toContain(r.routine);
      for (const k of ['checkov', 'fsbp', 'cis', 'ccm'] as const) expect(Array.isArray(r.controls[k])).toBe(true);
      for (const c of r.controls.ccm) expect(c).toMatch(/^[A-Z]{3}-\d{2}$/);
      for (const c of r.controls.checkov) expect(c).toMatch(/^CKV2?_AWS_\d+$/);
    }
  });

  test('every rule reports not-applicable (not an empty list) on a stack without resources of its type', () => {
    const model = modelOf(new StackBuilder('empty').setProviders([]));
    for (const r of RULES) {
      const results = r.evaluate(model, { allowedRegions: ['eu-west-1'] });
      expect(results.length).toBeGreaterThan(0);
      expect(results.every((x) => x.status === 'not-applicable')).toBe(true);
    }
  });
});

describe('the baseline over a compliant estate', () => {
  test('reports no finding and no warning; every rule passes or has nothing to judge', () => {
    const report = runBaseline(modelOf(compliantEstate()), { today: '2026-01-01' });
    expect(report.findings).toEqual([]);
    expect(report.warnings).toEqual([]);
    for (const r of RULES) expect(['pass', 'not-applicable']).toContain(report.outcomes[r.id]);
    // The fixture covers the network, key and log rules; the real estate covers the rest (test/baseline/estate-coverage).
    expect(RULES.filter((r) => report.outcomes[r.id] === 'pass').length).toBeGreaterThanOrEqual(16);
    expect(report.summary.resourcesScanned).toBeGreaterThan(20);
    expect(report.summary.rulesEvaluated).toBe(RULES.length);
  });

  test('a rule that throws becomes a high finding instead of a silent pass', () => {
    const broken = { ...RULES[0], id: 'PAL-TEST-001', evaluate: () => { throw new Error('boom'); } };
    const report = runBaseline(modelOf(compliantEstate()), { rules: [broken], today: '2026-01-01' });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: 'PAL-TEST-001', severity: 'high', suppressed: false });
    expect(report.findings[0].message).toContain('boom');
  });

  test('withResults: false leaves out the list of every result and nothing else', () => {
    // A weakened estate, so that findings, unproven verdicts and suppressions all take part.
    const estate = compliantEstate()
      .add('aws_security_group_rule', 'ssh', { type: 'ingress', from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['::/0'], security_group_id: 'sg-0123' })
      .add('aws_s3_bucket', 'unknown_logs', { bucket: '${var.bucket}' });
    const full = runBaseline(modelOf(estate), { today: '2026-01-01' });
    const lean = runBaseline(modelOf(estate), { today: '2026-01-01', withResults: false });
    expect(full.results.length).toBeGreaterThan(full.findings.length + full.unproven.length);
    expect(lean.results).toEqual([]);
    expect(full.findings.length).toBeGreaterThan(0);
    const { results: _full, ...fullRest } = full;
    const { results: _lean, ...leanRest } = lean;
    expect(leanRest).toEqual(fullRest);
  });

  test('duplicate rule ids are refused', () => {
    expect(() => runBaseline(modelOf(compliantEstate()), { rules: [RULES[0], RULES[0]] })).toThrow(/duplicate rule id/);
  });
});
