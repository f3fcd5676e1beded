import { ec2ImdsHopLimit } from '../../../policies/rules/pal-ec2-002';
import { evaluate, failures, statusOf } from '../fixtures';
import { hardenedFleet } from './launch-fixtures';

describe('PAL-EC2-002 metadata hop limit', () => {
  test('a hop limit of 1 is compliant, also when rendered as a string', () => {
    expect(statusOf(evaluate(ec2ImdsHopLimit, hardenedFleet()), 'aws_launch_template.app')).toBe('compliant');
    const s = hardenedFleet().update('aws_launch_template', 'app', (v) => ((v.metadata_options as any).http_put_response_hop_limit = '1'));
    expect(statusOf(evaluate(ec2ImdsHopLimit, s), 'aws_launch_template.app')).toBe('compliant');
  });

  test('a hop limit of 2 is non-compliant', () => {
    const r = evaluate(ec2ImdsHopLimit, hardenedFleet().update('aws_launch_template', 'app', (v) => ((v.metadata_options as any).http_put_response_hop_limit = 2)));
    expect(statusOf(r, 'aws_launch_template.app')).toBe('non-compliant');
    expect(failures(r)[0].message).toContain('= 2');
  });

  test('an unset hop limit is non-compliant: the AMI default may be 2', () => {
    const r = evaluate(ec2ImdsHopLimit, hardenedFleet().update('aws_launch_template', 'app', (v) => delete (v.metadata_options as any).http_put_response_hop_limit));
    expect(statusOf(r, 'aws_launch_template.app')).toBe('non-compliant');
    expect(failures(r)[0].message).toContain('unset');
  });

  test('an instance whose metadata endpoint is disabled needs no hop limit', () => {
    const r = evaluate(ec2ImdsHopLimit, hardenedFleet().add('aws_instance', 'off', { metadata_options: { http_endpoint: 'disabled' } }));
    expect(statusOf(r, 'aws_instance.off')).toBe('compliant');
  });
});
