import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { COMMANDS } from '../../cli/commands/index';
import { DIFF_COMMENT_MARKER } from '../../policies/diff/format';

/** The pull-request security review workflow: parses, least privilege, pinned actions, real CLI commands. */

const ROOT = path.join(__dirname, '..', '..');
const FILE = path.join(ROOT, '.github', 'workflows', 'security-review.yml');
const text = fs.readFileSync(FILE, 'utf8');
const workflow = parse(text) as any;
const steps: any[] = workflow.jobs['security-diff'].steps;
const runs = steps.map((s) => String(s.run ?? '')).join('\n');

describe('.github/workflows/security-review.yml', () => {
  test('is valid YAML that runs on pull requests', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.jobs['security-diff']['runs-on']).toBe('ubuntu-24.04');
  });

  test('asks for least privilege: read contents, write the PR comment, upload SARIF — nothing else', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', 'security-events': 'write' });
    expect(workflow.jobs['security-diff'].permissions).toBeUndefined();
  });

  test('pins every action to an exact version and never persists checkout credentials', () => {
    const uses = steps.filter((s) => s.uses).map((s) => s.uses as string);
    expect(uses.length).toBeGreaterThanOrEqual(5);
    for (const u of uses) expect(u).toMatch(/^[\w./-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
    for (const s of steps.filter((x) => String(x.uses).startsWith('actions/checkout@'))) expect(s.with['persist-credentials']).toBe(false);
  });

  test('checks out base and head at the pull request SHAs and installs with npm ci', () => {
    const refs = steps.filter((s) => String(s.uses).startsWith('actions/checkout@')).map((s) => [s.with.path, s.with.ref]);
    expect(refs).toEqual([
      ['base', '${{ github.event.pull_request.base.sha }}'],
      ['head', '${{ github.event.pull_request.head.sha }}'],
    ]);
    expect(runs).toContain('npm ci --prefix base');
    expect(runs).toContain('npm ci --prefix head');
  });

  test('synthesizes both sides with the real synth script, which exists', () => {
    expect(runs).toContain('node head/scripts/synth-for-review.js base');
    expect(runs).toContain('node head/scripts/synth-for-review.js head');
    expect(fs.existsSync(path.join(ROOT, 'scripts', 'synth-for-review.js'))).toBe(true);
  });

  test('uploads the head check as SARIF even when the check fails', () => {
    const check = steps.find((s) => s.id === 'check');
    expect(check.run).toContain('palisade.js check cdktf.out --format sarif --output ../palisade.sarif');
    expect(check['continue-on-error']).toBe(true);
    const upload = steps.find((s) => String(s.uses).startsWith('github/codeql-action/upload-sarif@'));
    expect(upload.if).toMatch(/^always\(\)/);
    expect(upload.with.sarif_file).toBe('palisade.sarif');
  });

  test('runs palisade diff on the two cdktf.out directories into diff.md', () => {
    expect(steps.find((s) => s.id === 'diff').run).toContain('node head/bin/palisade.js diff base/cdktf.out head/cdktf.out --format markdown --output diff.md');
  });

  test('references only CLI subcommands that exist', () => {
    const used = [...runs.matchAll(/palisade\.js (\w+)/g)].map((m) => m[1]);
    const known = COMMANDS.map((c) => c.name);
    expect(new Set(used)).toEqual(new Set(['check', 'diff']));
    for (const u of used) expect(known).toContain(u);
  });

  test('posts or updates ONE comment found by the hidden marker the diff writes', () => {
    const comment = steps.find((s) => String(s.uses).startsWith('actions/github-script@'));
    expect(comment.with.script).toContain(`const marker = '${DIFF_COMMENT_MARKER}'`);
    expect(comment.with.script).toContain('updateComment');
    expect(comment.with.script).toContain('createComment');
  });

  test('fails the job when the diff exits non-zero', () => {
    const last = steps[steps.length - 1];
    expect(last.if).toBe('always()');
    expect(last.run).toContain("steps.diff.outputs.exit-code");
    expect(last.run).toContain('exit 1');
  });
});
