import { runBaseline } from '../../policies/engine';
import {
  checkSuppression,
  matchSuppression,
  PALISADE_COMMENT_KEY,
  palisadeComment,
  readSuppressions,
  SUPPRESSION_EXPIRED_RULE_ID,
  SUPPRESSION_INVALID_RULE_ID,
  SUPPRESSIONS_KEY,
  TF_COMMENT_KEY,
} from '../../policies/suppression-format';
import { compliantEstate, modelOf } from './fixtures';

describe('the suppression format', () => {
  test('lives under resource["//"].palisade.suppressions', () => {
    expect([TF_COMMENT_KEY, PALISADE_COMMENT_KEY, SUPPRESSIONS_KEY]).toEqual(['//', 'palisade', 'suppressions']);
    const body = { [TF_COMMENT_KEY]: { metadata: {}, [PALISADE_COMMENT_KEY]: palisadeComment([{ ruleId: 'PAL-SG-001', reason: 'r' }]) }, name: 'x' };
    expect(readSuppressions(body)).toEqual([{ ruleId: 'PAL-SG-001', reason: 'r' }]);
  });

  test('an entry is active, expired, or invalid; expiry is inclusive of the expiry day', () => {
    expect(checkSuppression({ ruleId: 'PAL-X-001', reason: 'accepted' }, 0, '2026-05-01').state).toBe('active');
    expect(checkSuppression({ ruleId: 'PAL-X-001', reason: 'accepted', expires: '2026-05-01' }, 0, '2026-05-01').state).toBe('active');
    expect(checkSuppression({ ruleId: 'PAL-X-001', reason: 'accepted', expires: '2026-05-01' }, 0, '2026-05-02').state).toBe('expired');
    expect(checkSuppression({ ruleId: 'PAL-X-001', reason: ' ' }, 0, '2026-05-01')).toMatchObject({ state: 'invalid', problem: 'missing-reason' });
    expect(checkSuppression({ ruleId: 'PAL-X-001', reason: 'accepted', expires: '2026-02-30' }, 0, '2026-05-01')).toMatchObject({ state: 'invalid', problem: 'invalid-expires' });
    expect(checkSuppression({ reason: 'accepted' }, 0, '2026-05-01')).toMatchObject({ state: 'invalid', problem: 'missing-rule-id' });
    expect(checkSuppression('PAL-X-001', 0, '2026-05-01')).toMatchObject({ state: 'invalid', problem: 'not-an-object' });
  });

  test('only an active entry of the same rule id matches', () => {
    const list = [
      checkSuppression({ ruleId: 'PAL-A-001', reason: 'temporary', expires: '2020-01-01' }, 0, '2026-01-01'),
      checkSuppression({ ruleId: 'PAL-B-001', reason: 'accepted risk' }, 1, '2026-01-01'),
    ];
    expect(matchSuppression(list, 'PAL-A-001')).toBeUndefined();
    expect(matchSuppression(list, 'PAL-B-001')?.index).toBe(1);
  });
});

describe('suppressions in the baseline run', () => {
  const weakened = () => compliantEstate().update('aws_flow_log', 'main', (v) => (v.traffic_type = 'REJECT'));

  test('a valid suppression marks the finding suppressed, keeps it in the report, and does not count it as open', () => {
    const s = weakened().suppress('aws_vpc', 'main', [{ ruleId: 'PAL-VPC-001', reason: 'Reject-only logging agreed with SecOps', expires: '2026-12-31' }]);
    const report = runBaseline(modelOf(s), { today: '2026-06-01' });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: 'PAL-VPC-001', resource: 'aws_vpc.main', suppressed: true, suppression: { reason: 'Reject-only logging agreed with SecOps', expires: '2026-12-31' } });
    expect(report.summary.bySeverity.medium).toBe(0);
    expect(report.summary.suppressed).toBe(1);
    expect(report.outcomes['PAL-VPC-001']).toBe('pass');
    expect(report.warnings).toEqual([]);
  });

  test('a suppression without reason does not suppress and raises PAL-SUPPRESSION-INVALID (high)', () => {
    const s = weakened().suppress('aws_vpc', 'main', [{ ruleId: 'PAL-VPC-001' }]);
    const report = runBaseline(modelOf(s), { today: '2026-06-01' });
    const ids = report.findings.map((f) => [f.ruleId, f.severity, f.suppressed]);
    expect(ids).toEqual([
      [SUPPRESSION_INVALID_RULE_ID, 'high', false],
      ['PAL-VPC-001', 'medium', false],
    ]);
    expect(report.findings[0].message).toContain('has no reason');
  });

  test('an expired suppression does not suppress and is reported as PAL-SUPPRESSION-EXPIRED; the date is injectable', () => {
    const s = weakened().suppress('aws_vpc', 'main', [{ ruleId: 'PAL-VPC-001', reason: 'temporary', expires: '2026-03-31' }]);
    const before = runBaseline(modelOf(s), { today: '2026-03-31' });
    expect(before.findings.map((f) => [f.ruleId, f.suppressed])).toEqual([['PAL-VPC-001', true]]);
    const after = runBaseline(modelOf(s), { today: new Date('2026-04-01T08:00:00Z') });
    expect(after.findings.map((f) => [f.ruleId, f.suppressed])).toEqual([
      [SUPPRESSION_EXPIRED_RULE_ID, false],
      ['PAL-VPC-001', false],
    ]);
    expect(after.findings[0].message).toContain('expired on 2026-03-31');
    expect(after.warnings).toEqual([]);
  });

  test('an unused suppression is a warning, not a finding', () => {
    const s = compliantEstate().suppress('aws_vpc', 'main', [{ ruleId: 'PAL-VPC-001', reason: 'no longer needed' }, { ruleId: 'PAL-NOPE-001', reason: 'typo' }]);
    const report = runBaseline(modelOf(s), { today: '2026-06-01' });
    expect(report.findings).toEqual([]);
    expect(report.warnings.map((w) => [w.kind, w.ruleId, w.resource])).toEqual([
      ['unused-suppression', 'PAL-NOPE-001', 'aws_vpc.main'],
      ['unused-suppression', 'PAL-VPC-001', 'aws_vpc.main'],
    ]);
    expect(report.summary.warnings).toBe(2);
  });

  test('a suppression on one resource does not hide the same rule on another', () => {
    const s = weakened()
      .add('aws_vpc', 'second', { cidr_block: '10.1.0.0/16' })
      .suppress('aws_vpc', 'main', [{ ruleId: 'PAL-VPC-001', reason: 'agreed' }]);
    const report = runBaseline(modelOf(s), { today: '2026-06-01' });
    const vpc1 = report.findings.filter((f) => f.ruleId === 'PAL-VPC-001');
    expect(vpc1.map((f) => [f.resource, f.suppressed])).toEqual([
      ['aws_vpc.main', true],
      ['aws_vpc.second', false],
    ]);
  });
});
