import { ec2NoPublicIp } from '../../../policies/rules/pal-ec2-004';
import { evaluate, failures, statusOf } from '../fixtures';
import { hardenedFleet } from './launch-fixtures';

describe('PAL-EC2-004 no public IP on launch', () => {
  test('network_interfaces.associate_public_ip_address = false is compliant', () => {
    const r = evaluate(ec2NoPublicIp, hardenedFleet());
    expect(statusOf(r, 'aws_launch_template.app')).toBe('compliant');
    expect(r[0].message).toContain('assigns no public IP');
  });

  test('associate_public_ip_address = true on a launch template interface is non-compliant', () => {
    const r = evaluate(ec2NoPublicIp, hardenedFleet().update('aws_launch_template', 'app', (v) => ((v.network_interfaces as any)[0].associate_public_ip_address = 'true')));
    expect(statusOf(r, 'aws_launch_template.app')).toBe('non-compliant');
    expect(failures(r)[0].message).toContain('network_interfaces[0]');
  });

  test('an instance with associate_public_ip_address = true is non-compliant; unset defers to the subnet', () => {
    const s = hardenedFleet().add('aws_instance', 'pub', { associate_public_ip_address: true }).add('aws_instance', 'plain', {});
    const r = evaluate(ec2NoPublicIp, s);
    expect(statusOf(r, 'aws_instance.pub')).toBe('non-compliant');
    expect(statusOf(r, 'aws_instance.plain')).toBe('compliant');
    expect(r.find((x) => x.resource === 'aws_instance.plain')?.message).toContain('PAL-VPC-003');
  });
});
