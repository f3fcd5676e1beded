import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { SDK_WARNING_ENV, takeOverNodeSupportWarning } from '../../live/node-support';

const BIN = path.resolve(__dirname, '../../bin/palisade.js');

describe('the Node.js support notice of palisade live', () => {
  test('on Node 20 it is one line, and the AWS SDK is told not to print its own warning', () => {
    const env: NodeJS.ProcessEnv = {};
    const notice = takeOverNodeSupportWarning('v20.20.2', env);
    expect(notice?.split('\n')).toHaveLength(1);
    expect(notice).toMatch(/Node\.js v20\.20\.2 is past end of life.*need Node\.js 22\+/);
    expect(env[SDK_WARNING_ENV]).toBe('true');
  });

  test('on Node 22 and later nothing is printed', () => {
    expect(takeOverNodeSupportWarning('v22.11.0', {})).toBeUndefined();
    expect(takeOverNodeSupportWarning('v24.1.0', {})).toBeUndefined();
  });

  test('a user who silenced the SDK warning sees no notice either', () => {
    expect(takeOverNodeSupportWarning('v20.20.2', { [SDK_WARNING_ENV]: 'true' })).toBeUndefined();
  });

  test('a real `palisade live` run prints at most the one notice line before its error, never the SDK warning', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', NO_COLOR: '1' };
    for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', SDK_WARNING_ENV]) delete env[key];
    const r = spawnSync(process.execPath, [BIN, 'live', '--region', 'eu-west-1'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/NodeVersionSupportWarning/);
    const lines = r.stderr.trim().split('\n');
    const major = Number(process.versions.node.split('.')[0]);
    expect(lines).toHaveLength(major < 22 ? 2 : 1);
    expect(lines[lines.length - 1]).toMatch(/^palisade: error: no usable AWS credentials/);
  });
});
