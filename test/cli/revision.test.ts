import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { currentRevision } from '../../cli/revision';

/** The revision an evidence report is stamped with. */
describe('currentRevision', () => {
  test('takes the commit CI checked out (GITHUB_SHA) when it is a full SHA', () => {
    expect(currentRevision('/', '1.2.3', { GITHUB_SHA: 'ab'.repeat(20) })).toEqual({ commit: 'ab'.repeat(20), version: '1.2.3' });
  });

  test('reads HEAD of the git checkout otherwise', () => {
    const r = currentRevision(path.join(__dirname, '..', '..'), '0.1.0', { GITHUB_SHA: 'not-a-sha' });
    expect(r.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  test('is null outside a git checkout, never a made-up value', () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? os.tmpdir(), 'no-git-'));
    try {
      expect(currentRevision(dir, '0.1.0', { GIT_CEILING_DIRECTORIES: path.dirname(dir) }).commit).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
