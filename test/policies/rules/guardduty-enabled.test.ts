import { guardDutyEnabled, REQUIRED_GUARDDUTY_FEATURES } from '../../../policies/rules/pal-detect-001';
import { evaluate, failures, ref, StackBuilder, statusOf } from '../fixtures';

function detectorStack(status = (_: string) => 'ENABLED'): StackBuilder {
  const s = new StackBuilder('sec');
  s.add('aws_guardduty_detector', 'main', { enable: true, finding_publishing_frequency: 'FIFTEEN_MINUTES' });
  for (const name of REQUIRED_GUARDDUTY_FEATURES) {
    s.add('aws_guardduty_detector_feature', name.toLowerCase(), {
      detector_id: ref('aws_guardduty_detector', 'main'), name, status: status(name),
      ...(name === 'RUNTIME_MONITORING' ? { additional_configuration: [{ name: 'EC2_AGENT_MANAGEMENT', status: 'ENABLED' }] } : {}),
    });
  }
  return s;
}

describe('PAL-DETECT-001 GuardDuty enabled with every protection plan', () => {
  test('an enabled detector with all six plans on yields seven compliant results', () => {
    const r = evaluate(guardDutyEnabled, detectorStack());
    expect(r).toHaveLength(7);
    expect(failures(r)).toEqual([]);
  });

  test('a disabled detector is non-compliant', () => {
    const r = evaluate(guardDutyEnabled, detectorStack().update('aws_guardduty_detector', 'main', (v) => { v.enable = false; }));
    expect(statusOf(r, 'aws_guardduty_detector.main')).toBe('non-compliant');
  });

  test('each plan switched off is its own finding', () => {
    const r = evaluate(guardDutyEnabled, detectorStack((n) => (n === 'EKS_AUDIT_LOGS' || n === 'S3_DATA_EVENTS' ? 'DISABLED' : 'ENABLED')));
    expect(failures(r).map((f) => f.resource).sort()).toEqual(['aws_guardduty_detector_feature.eks_audit_logs', 'aws_guardduty_detector_feature.s3_data_events']);
  });

  test('a missing plan is reported on the detector', () => {
    const r = evaluate(guardDutyEnabled, detectorStack().remove('aws_guardduty_detector_feature', 'lambda_network_logs'));
    expect(failures(r)).toEqual([expect.objectContaining({ resource: 'aws_guardduty_detector.main', message: expect.stringContaining('LAMBDA_NETWORK_LOGS') })]);
  });

  test('runtime monitoring without the managed EC2 agent is non-compliant', () => {
    const r = evaluate(guardDutyEnabled, detectorStack().update('aws_guardduty_detector_feature', 'runtime_monitoring', (v) => { v.additional_configuration = [{ name: 'EC2_AGENT_MANAGEMENT', status: 'DISABLED' }]; }));
    expect(statusOf(r, 'aws_guardduty_detector_feature.runtime_monitoring')).toBe('non-compliant');
  });

  test('is not applicable without GuardDuty', () => {
    expect(evaluate(guardDutyEnabled, new StackBuilder('net'))[0].status).toBe('not-applicable');
  });
});
