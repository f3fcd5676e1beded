import { ec2EbsEncrypted } from '../../../policies/rules/pal-ec2-003';
import { evaluate, failures, statusOf } from '../fixtures';
import { hardenedFleet } from './launch-fixtures';

describe('PAL-EC2-003 EBS volumes of launch templates and instances encrypted', () => {
  test('a launch template whose ebs block is encrypted is compliant', () => {
    expect(statusOf(evaluate(ec2EbsEncrypted, hardenedFleet()), 'aws_launch_template.app')).toBe('compliant');
  });

  test('a launch template with an unencrypted ebs block is non-compliant (FSBP EC2.181, which checkov misses)', () => {
    const r = evaluate(ec2EbsEncrypted, hardenedFleet().update('aws_launch_template', 'app', (v) => ((v.block_device_mappings as any)[0].ebs.encrypted = 'false')));
    expect(statusOf(r, 'aws_launch_template.app')).toBe('non-compliant');
    expect(failures(r)[0].message).toContain('block_device_mappings[0] (/dev/sda1) encrypted = "false"');
  });

  test('an ebs block that leaves encrypted unset is non-compliant', () => {
    const r = evaluate(ec2EbsEncrypted, hardenedFleet().update('aws_launch_template', 'app', (v) => delete (v.block_device_mappings as any)[0].ebs.encrypted));
    expect(statusOf(r, 'aws_launch_template.app')).toBe('non-compliant');
  });

  test('a launch template declaring no volume is reported at low severity', () => {
    const r = evaluate(ec2EbsEncrypted, hardenedFleet().update('aws_launch_template', 'app', (v) => delete v.block_device_mappings));
    expect(failures(r)).toEqual([expect.objectContaining({ resource: 'aws_launch_template.app', severity: 'low' })]);
  });

  test('instances: encrypted root and data volumes pass, an unencrypted data volume fails', () => {
    const s = hardenedFleet()
      .add('aws_instance', 'good', { root_block_device: { encrypted: true }, ebs_block_device: [{ device_name: '/dev/sdf', encrypted: true }] })
      .add('aws_instance', 'bad', { root_block_device: { encrypted: true }, ebs_block_device: [{ device_name: '/dev/sdf', encrypted: false }] });
    const r = evaluate(ec2EbsEncrypted, s);
    expect(statusOf(r, 'aws_instance.good')).toBe('compliant');
    expect(statusOf(r, 'aws_instance.bad')).toBe('non-compliant');
  });
});
