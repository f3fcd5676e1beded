import { antivirusAgent } from '../../../policies/rules/pal-av-001';
import { evaluate, failures, ref, statusOf } from '../fixtures';
import { hardenedFleet } from './launch-fixtures';

describe('PAL-AV-001 antivirus agent on app and data hosts', () => {
  test('an app-tier launch template targeted by the self-check association through its fleet tag is compliant', () => {
    const r = evaluate(antivirusAgent, hardenedFleet());
    expect(statusOf(r, 'aws_launch_template.app')).toBe('compliant');
    expect(r[0].message).toContain('aws_ssm_association.av_daily');
  });

  test('without the association it is non-compliant, and the message notes the ClamAV user data nothing verifies', () => {
    const r = evaluate(antivirusAgent, hardenedFleet().remove('aws_ssm_association', 'av_daily'));
    expect(statusOf(r, 'aws_launch_template.app')).toBe('non-compliant');
    expect(failures(r)[0].message).toMatch(/no aws_ssm_association runs the antivirus self-check document.*installs ClamAV/);
  });

  test('an association targeting another fleet tag value does not count', () => {
    const r = evaluate(antivirusAgent, hardenedFleet().update('aws_ssm_association', 'av_daily', (v) => (v.targets = [{ key: 'tag:PalisadeFleet', values: ['batch'] }])));
    expect(statusOf(r, 'aws_launch_template.app')).toBe('non-compliant');
    expect(failures(r)[0].message).toContain('PalisadeFleet=app');
  });

  test('an association running some other document does not count', () => {
    const s = hardenedFleet()
      .add('aws_ssm_document', 'patch', { name: 'patch', document_type: 'Command', content: '{"mainSteps":[]}' })
      .update('aws_ssm_association', 'av_daily', (v) => (v.name = ref('aws_ssm_document', 'patch', 'name')));
    expect(statusOf(evaluate(antivirusAgent, s), 'aws_launch_template.app')).toBe('non-compliant');
  });

  test('the fleet tag propagated by the Auto Scaling group alone is enough', () => {
    const s = hardenedFleet().update('aws_launch_template', 'app', (v) => delete v.tag_specifications);
    expect(statusOf(evaluate(antivirusAgent, s), 'aws_launch_template.app')).toBe('compliant');
  });

  test('a data-tier instance (tier from its subnet) without coverage fails; a public-tier one is not applicable', () => {
    const s = hardenedFleet()
      .add('aws_subnet', 'data_a', { cidr_block: '10.0.2.0/24', tags: { Tier: 'data' } })
      .add('aws_instance', 'db_helper', { subnet_id: ref('aws_subnet', 'data_a') })
      .add('aws_instance', 'bastion', { tags: { Tier: 'public' } });
    const r = evaluate(antivirusAgent, s);
    expect(statusOf(r, 'aws_instance.db_helper')).toBe('non-compliant');
    expect(statusOf(r, 'aws_instance.bastion')).toBe('not-applicable');
  });
});
