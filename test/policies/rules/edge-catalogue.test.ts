import { SEVERITIES } from '../../../policies/rules/types';
import { EDGE_AND_STORAGE_RULES } from '../../support/edge-rules';
import { compliantEstate, evaluate, modelOf, StackBuilder } from '../fixtures';
import { compliantEdge } from './edge-fixtures';

describe('the edge and storage rules (PAL-ALB, PAL-WAF, PAL-BUCKET)', () => {
  test.each(EDGE_AND_STORAGE_RULES.map((r) => [r.id, r] as const))('%s follows the catalogue conventions', (_id, r) => {
    expect(r.id).toMatch(/^PAL-(ALB|WAF|BUCKET)-\d{3}$/);
    expect(r.title).toMatch(/^[A-Z].*\.$/);
    expect(r.rationale.length).toBeGreaterThan(20);
    expect(r.fixHint.length).toBeGreaterThan(10);
    expect(SEVERITIES).toContain(r.severity);
    expect(['encryption-in-transit', 'firewall', 'secure-storage', 'monitoring']).toContain(r.routine);
    for (const c of r.controls.ccm) expect(c).toMatch(/^[A-Z]{3}-\d{2}$/);
    for (const c of r.controls.checkov) expect(c).toMatch(/^CKV2?_AWS_\d+$/);
    // Every rule names a standard (a checkov check, FSBP, CIS or CSA CCM control).
    expect([...r.controls.checkov, ...r.controls.fsbp, ...r.controls.cis, ...r.controls.ccm].length).toBeGreaterThan(0);
  });

  test('ids are unique', () => {
    expect(new Set(EDGE_AND_STORAGE_RULES.map((r) => r.id)).size).toBe(EDGE_AND_STORAGE_RULES.length);
  });

  test.each(EDGE_AND_STORAGE_RULES.map((r) => [r.id, r] as const))('%s is not applicable (not silent) on a stack without its resources', (_id, r) => {
    const results = r.evaluate(modelOf(new StackBuilder('empty').setProviders([])), { allowedRegions: ['eu-west-1'] });
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((x) => x.status === 'not-applicable')).toBe(true);
  });

  test.each(EDGE_AND_STORAGE_RULES.map((r) => [r.id, r] as const))('%s finds nothing wrong with the compliant edge', (_id, r) => {
    expect(evaluate(r, compliantEdge()).filter((x) => x.status === 'non-compliant')).toEqual([]);
  });

  test('the network-only compliant estate is out of their scope', () => {
    for (const r of EDGE_AND_STORAGE_RULES) expect(evaluate(r, compliantEstate()).every((x) => x.status === 'not-applicable')).toBe(true);
  });
});
