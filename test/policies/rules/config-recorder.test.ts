import { configRecorderEnabled } from '../../../policies/rules/pal-detect-003';
import { evaluate, ref, StackBuilder } from '../fixtures';

const config = () => new StackBuilder('sec')
  .add('aws_config_configuration_recorder', 'main', { name: 'r', role_arn: 'arn:aws:iam::111122223333:role/x', recording_group: { all_supported: true, include_global_resource_types: true } })
  .add('aws_config_delivery_channel', 'main', { name: 'c', s3_bucket_name: 'b' })
  .add('aws_config_configuration_recorder_status', 'main', { name: ref('aws_config_configuration_recorder', 'main', 'name'), is_enabled: true });

describe('PAL-DETECT-003 AWS Config recording', () => {
  test('all supported, enabled, delivering is compliant', () => {
    expect(evaluate(configRecorderEnabled, config())[0].status).toBe('compliant');
  });
  test('a recorder limited to some resource types is non-compliant', () => {
    const r = evaluate(configRecorderEnabled, config().update('aws_config_configuration_recorder', 'main', (v) => { v.recording_group = { all_supported: false, resource_types: ['AWS::EC2::Instance'] }; }));
    expect(r[0].status).toBe('non-compliant');
  });
  test('a recorder that is not started is non-compliant', () => {
    const r = evaluate(configRecorderEnabled, config().update('aws_config_configuration_recorder_status', 'main', (v) => { v.is_enabled = false; }));
    expect(r[0]).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('recording is off') });
  });
  test('a recorder without delivery channel is non-compliant', () => {
    expect(evaluate(configRecorderEnabled, config().remove('aws_config_delivery_channel', 'main'))[0].status).toBe('non-compliant');
  });
});
