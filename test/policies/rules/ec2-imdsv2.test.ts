import { ec2Imdsv2Required } from '../../../policies/rules/pal-ec2-001';
import { evaluate, failures, statusOf } from '../fixtures';
import { hardenedFleet } from './launch-fixtures';

describe('PAL-EC2-001 IMDSv2 required', () => {
  test('a launch template with http_tokens = required is compliant', () => {
    expect(statusOf(evaluate(ec2Imdsv2Required, hardenedFleet()), 'aws_launch_template.app')).toBe('compliant');
  });

  test('a launch template with http_tokens = optional (IMDSv1 allowed) is non-compliant', () => {
    const r = evaluate(ec2Imdsv2Required, hardenedFleet().update('aws_launch_template', 'app', (v) => ((v.metadata_options as any).http_tokens = 'optional')));
    expect(statusOf(r, 'aws_launch_template.app')).toBe('non-compliant');
    expect(failures(r)[0].message).toContain('allows IMDSv1');
  });

  test('a launch template without metadata_options is non-compliant', () => {
    const r = evaluate(ec2Imdsv2Required, hardenedFleet().update('aws_launch_template', 'app', (v) => delete v.metadata_options));
    expect(statusOf(r, 'aws_launch_template.app')).toBe('non-compliant');
  });

  test('an instance with the metadata endpoint disabled is compliant; one without metadata_options is not', () => {
    const s = hardenedFleet()
      .add('aws_instance', 'off', { ami: 'ami-1', metadata_options: { http_endpoint: 'disabled' } })
      .add('aws_instance', 'v1', { ami: 'ami-1' });
    const r = evaluate(ec2Imdsv2Required, s);
    expect(statusOf(r, 'aws_instance.off')).toBe('compliant');
    expect(statusOf(r, 'aws_instance.v1')).toBe('non-compliant');
  });

  test('http_tokens given as an expression is reported, at low severity', () => {
    const r = evaluate(ec2Imdsv2Required, hardenedFleet().update('aws_launch_template', 'app', (v) => ((v.metadata_options as any).http_tokens = '${var.tokens}')));
    expect(failures(r)).toEqual([expect.objectContaining({ resource: 'aws_launch_template.app', severity: 'low' })]);
  });
});
