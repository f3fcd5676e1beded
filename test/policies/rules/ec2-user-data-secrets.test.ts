import { ec2UserDataNoSecrets } from '../../../policies/rules/pal-ec2-005';
import { unescapeHclString } from '../../../policies/rules/lib/ec2';
import { evaluate, failures, statusOf } from '../fixtures';
import { base64gzipCall, CLOUD_CONFIG, gzipBase64, hardenedFleet } from './launch-fixtures';

const AWS_KEY = ['AKIA', 'ZZ3EXAMPLE7KEY4T'].join('');
const withSecret = `${CLOUD_CONFIG}write_files:\n  - path: /etc/app.env\n    content: "password=Sup3rS3cretValue \\\\ done"\n`;

describe('PAL-EC2-005 no secrets in decoded user data', () => {
  test('gzip+base64 user data without secrets is compliant and says how it was decoded', () => {
    const r = evaluate(ec2UserDataNoSecrets, hardenedFleet());
    expect(statusOf(r, 'aws_launch_template.app')).toBe('compliant');
    expect(r[0].message).toContain('base64+gzip');
  });

  test('a password inside gzip+base64 user data is found', () => {
    const r = evaluate(ec2UserDataNoSecrets, hardenedFleet().update('aws_launch_template', 'app', (v) => (v.user_data = gzipBase64(withSecret))));
    expect(statusOf(r, 'aws_launch_template.app')).toBe('non-compliant');
    expect(failures(r)[0].message).toContain('password');
  });

  test('a ${base64gzip("…")} call is inspected through its literal (escapes undone)', () => {
    const clean = evaluate(ec2UserDataNoSecrets, hardenedFleet().update('aws_launch_template', 'app', (v) => (v.user_data = base64gzipCall(CLOUD_CONFIG))));
    expect(clean[0]).toMatchObject({ status: 'compliant', message: expect.stringContaining('base64gzip() literal') });
    const leaky = evaluate(ec2UserDataNoSecrets, hardenedFleet().update('aws_launch_template', 'app', (v) => (v.user_data = base64gzipCall(`${CLOUD_CONFIG}# ${AWS_KEY}\n`))));
    expect(failures(leaky)[0].message).toContain('access key');
  });

  test('HCL escapes of the literal are undone exactly; an interpolation makes it non-constant', () => {
    expect(unescapeHclString('a \\"q\\" \\\\ $${X} %%{y} \\n\\t\\u00e9')).toBe('a "q" \\ ${X} %{y} \n\té');
    expect(unescapeHclString('prefix ${var.secret}')).toBeUndefined();
  });

  test('plain user_data of an instance with an access key is non-compliant', () => {
    const r = evaluate(ec2UserDataNoSecrets, hardenedFleet().add('aws_instance', 'x', { user_data: `#!/bin/sh\nexport AWS_ACCESS_KEY_ID=${AWS_KEY}\n` }));
    expect(statusOf(r, 'aws_instance.x')).toBe('non-compliant');
  });
});
