import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseDocument } from 'yaml';
import { COMMANDS } from '../../cli/commands/index';
import { DIFF_COMMENT_MARKER } from '../../policies/diff/format';
import { estateOutDir, testRunDir } from '../support/paths';
import { workflowValidator } from './workflow-schema';

/** The GitHub workflows: valid syntax, least privilege, SHA-pinned actions, and the fork-safe split of the review. */

const ROOT = path.join(__dirname, '..', '..');
const DIR = path.join(ROOT, '.github', 'workflows');
const FILES = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const text = (f: string) => fs.readFileSync(path.join(DIR, f), 'utf8');
const wf = (f: string) => parse(text(f)) as any;
const stepsOf = (w: any) => Object.values(w.jobs).flatMap((j: any) => j.steps as any[]);
const runsOf = (steps: any[]) => steps.map((s) => String(s.run ?? '')).join('\n');
const usesOf = (steps: any[], action: string) => steps.filter((s) => String(s.uses ?? '').startsWith(`${action}@`));

const review = wf('security-review.yml');
const comment = wf('security-review-comment.yml');
const ci = wf('ci.yml');

describe('every workflow', () => {
  test('the three workflows exist', () => {
    expect(FILES).toEqual(['ci.yml', 'security-review-comment.yml', 'security-review.yml']);
  });

  test.each(FILES)('%s parses as one YAML document without warnings and matches the workflow schema', (f) => {
    const doc = parseDocument(text(f), { uniqueKeys: true });
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
    const validate = workflowValidator();
    const ok = validate(doc.toJS());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('the schema is strict enough to catch mistakes that change behaviour', () => {
    const validate = workflowValidator();
    const base = wf('ci.yml');
    const typo = structuredClone(base);
    typo.jobs.test.permisions = typo.jobs.test.permissions; // misspelt key: GitHub would ignore the restriction
    expect(validate(typo)).toBe(false);
    const both = structuredClone(base);
    both.jobs.test.steps[0].run = 'echo';
    expect(validate(both)).toBe(false);
    const scope = structuredClone(base);
    scope.jobs.test.permissions = { content: 'read' };
    expect(validate(scope)).toBe(false);
    expect(validate(base)).toBe(true);
  });

  test.each(FILES)('%s grants nothing at the top and names minimal permissions on every job', (f) => {
    const w = wf(f);
    expect(w.permissions).toEqual({});
    for (const [name, job] of Object.entries<any>(w.jobs)) {
      expect([name, typeof job.permissions]).toEqual([name, 'object']);
      expect(job.permissions.contents ?? 'none').not.toBe('write');
    }
  });

  test.each(FILES)('%s pins every action to a full commit SHA with its version in a comment', (f) => {
    const lines = text(f).split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l));
    expect(lines.length).toBe(stepsOf(wf(f)).filter((s) => s.uses).length);
    for (const l of lines) expect(l).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  test('one SHA per action and version across all workflows', () => {
    const pins = new Map<string, Set<string>>();
    for (const f of FILES) {
      for (const m of text(f).matchAll(/uses: ([\w./-]+)@([0-9a-f]{40}) # (v[\d.]+)/g)) {
        pins.set(m[1], new Set([...(pins.get(m[1]) ?? []), `${m[2]} ${m[3]}`]));
      }
    }
    for (const [action, set] of pins) expect([action, set.size]).toEqual([action, 1]);
  });

  test.each(FILES)('%s never persists checkout credentials', (f) => {
    for (const s of usesOf(stepsOf(wf(f)), 'actions/checkout')) expect(s.with['persist-credentials']).toBe(false);
  });

  test.each(FILES)('%s uses Node.js 24 where it sets Node up', (f) => {
    for (const s of usesOf(stepsOf(wf(f)), 'actions/setup-node')) expect(s.with['node-version']).toBe('24');
  });
});

describe('ci.yml', () => {
  const steps = stepsOf(ci);

  test('runs on every pull request and on main', () => {
    expect(ci.on).toEqual({ pull_request: null, push: { branches: ['main'] } });
  });

  test('installs the tools the real-tool tests need, then runs npm ci and npm test', () => {
    const runs = runsOf(steps);
    expect(ci.jobs.test.container.image).toMatch(/^node:24-bookworm/); // setup-tools.sh pins Debian 12 packages
    expect(runs).toContain('bash scripts/setup-tools.sh');
    expect(fs.existsSync(path.join(ROOT, 'scripts', 'setup-tools.sh'))).toBe(true);
    expect(usesOf(steps, 'hashicorp/setup-terraform')[0].with).toMatchObject({ terraform_version: '1.11.4', terraform_wrapper: false });
    const order = ['setup-tools.sh', 'npm ci', 'npm test'].map((c) => steps.findIndex((s) => String(s.run ?? '').includes(c)));
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]))).toBe(true);
  });

  test('reads the repository and nothing else', () => {
    expect(ci.jobs.test.permissions).toEqual({ contents: 'read' });
  });
});

describe('security-review.yml (unprivileged: runs pull-request code)', () => {
  test('runs on pull_request only, never pull_request_target', () => {
    expect(Object.keys(review.on)).toEqual(['pull_request']);
  });

  test('no job may write anything; only the plan job may ask for an OIDC token', () => {
    for (const [name, job] of Object.entries<any>(review.jobs)) {
      const writes = Object.entries(job.permissions).filter(([, v]) => v === 'write').map(([k]) => k);
      expect([name, writes]).toEqual([name, name === 'plan' ? ['id-token'] : []]);
    }
  });

  test('the plan job runs only when real plans were chosen, and never checks out or installs code', () => {
    const plan = review.jobs.plan;
    expect(plan.if).toBe("needs.synth.outputs.plan == 'true'");
    expect(usesOf(plan.steps, 'actions/checkout')).toEqual([]);
    expect(runsOf(plan.steps)).not.toMatch(/\bnpm\b|\bnode\b/);
    const aws = usesOf(plan.steps, 'aws-actions/configure-aws-credentials')[0];
    expect(aws.with['role-to-assume']).toBe('${{ vars.PALISADE_PLAN_ROLE_ARN }}');
    expect(aws.with).not.toHaveProperty('aws-access-key-id'); // OIDC only, no long-lived keys
    expect(runsOf(plan.steps)).toContain('plan -input=false -lock=false');
  });

  test('chooses real plans only with the role, a same-repository pull request and remote state', () => {
    const mode = review.jobs.synth.steps.find((s: any) => s.id === 'mode');
    expect(mode.env.PLAN_ROLE).toBe('${{ vars.PALISADE_PLAN_ROLE_ARN }}');
    expect(mode.env.SAME_REPO).toBe('${{ github.event.pull_request.head.repo.full_name == github.repository }}');
    expect(mode.run).toContain('"s3"');
  });

  test('checks out base and head at the pull request SHAs and synthesizes both with the head\'s script', () => {
    const refs = usesOf(review.jobs.synth.steps, 'actions/checkout').map((s) => [s.with.path, s.with.ref]);
    expect(refs).toEqual([['base', '${{ github.event.pull_request.base.sha }}'], ['head', '${{ github.event.pull_request.head.sha }}']]);
    const runs = runsOf(review.jobs.synth.steps);
    expect(runs).toContain('node head/scripts/synth-for-review.js base');
    expect(runs).toContain('node head/scripts/synth-for-review.js head');
    expect(fs.existsSync(path.join(ROOT, 'scripts', 'synth-for-review.js'))).toBe(true);
  });

  test('references only CLI subcommands that exist', () => {
    const used = [...runsOf(stepsOf(review)).matchAll(/palisade\.js (\w+)/g)].map((m) => m[1]);
    expect(new Set(used)).toEqual(new Set(['diff']));
    for (const u of used) expect(COMMANDS.map((c) => c.name)).toContain(u);
  });

  test('every artifact it downloads is one it uploads, and the review artifact is uploaded even when the diff fails', () => {
    const uploaded = usesOf(stepsOf(review), 'actions/upload-artifact').map((s) => s.with.name);
    expect(uploaded.sort()).toEqual(['palisade-plans', 'palisade-review', 'palisade-synth']);
    for (const d of usesOf(stepsOf(review), 'actions/download-artifact')) expect(uploaded).toContain(d.with.name);
    const up = usesOf(review.jobs.diff.steps, 'actions/upload-artifact')[0];
    expect(up.if).toBe('always()');
  });
});

describe('security-review-comment.yml (privileged: never runs pull-request code)', () => {
  const steps = stepsOf(comment);

  test('runs only after security-review completes', () => {
    expect(comment.on).toEqual({ workflow_run: { workflows: [review.name], types: ['completed'] } });
  });

  test('may write the pull-request comment and read the run\'s artifacts, nothing more', () => {
    expect(comment.jobs.comment.permissions).toEqual({ actions: 'read', 'pull-requests': 'write' });
  });

  test('checks out nothing, runs no shell step, sets up no Node.js and installs nothing', () => {
    expect(steps.filter((s) => s.run)).toEqual([]);
    expect(steps.map((s) => String(s.uses).split('@')[0])).toEqual(['actions/download-artifact', 'actions/github-script']);
    const script = steps[1].with.script as string;
    expect(script).not.toMatch(/child_process|exec|spawn|eval|new Function|require\((?!'node:(fs|path)'\))/);
  });

  test('downloads the review artifact of exactly the run that triggered it into the runner temp dir', () => {
    expect(steps[0].with).toEqual({
      name: 'palisade-review',
      path: '${{ runner.temp }}/palisade-review',
      'run-id': '${{ github.event.workflow_run.id }}',
      'github-token': '${{ github.token }}',
    });
  });
});

/** The comment step's script, run as github-script runs it (an async function body) against a fake GitHub API. */
describe('the comment script', () => {
  const script = stepsOf(comment)[1].with.script as string;
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
  let dir: string;

  function api(headSha: string, existing: { id: number; user: { login: string }; body: string }[]) {
    return {
      paginate: jest.fn(async () => existing),
      rest: {
        pulls: { get: jest.fn(async () => ({ data: { head: { sha: headSha } } })) },
        issues: { listComments: {}, updateComment: jest.fn(async () => ({})), createComment: jest.fn(async () => ({})) },
      },
    };
  }

  async function runScript(github: ReturnType<typeof api>, review: object, body: string) {
    fs.writeFileSync(path.join(dir, 'review.json'), JSON.stringify(review));
    fs.writeFileSync(path.join(dir, 'diff.md'), body);
    const context = { repo: { owner: 'o', repo: 'r' }, payload: { workflow_run: { head_sha: 'abc', html_url: 'https://example.invalid/run/1' } } };
    const core = { notice: jest.fn() };
    await new AsyncFunction('require', 'context', 'github', 'core', 'process', script)(require, context, github, core, { env: { REVIEW_DIR: dir } });
    return core;
  }

  beforeAll(() => {
    dir = path.join(testRunDir(), 'comment-script');
    fs.mkdirSync(dir, { recursive: true });
  });

  test('creates the comment when there is none, with a link to the run and its artifact', async () => {
    const gh = api('abc', [{ id: 1, user: { login: 'someone' }, body: `${DIFF_COMMENT_MARKER} forged` }]);
    await runScript(gh, { pr: 7 }, `${DIFF_COMMENT_MARKER}\n## diff`);
    expect(gh.rest.issues.updateComment).not.toHaveBeenCalled();
    const call = (gh.rest.issues.createComment.mock.calls[0] as any[])[0];
    expect(call).toMatchObject({ owner: 'o', repo: 'r', issue_number: 7 });
    expect(call.body).toContain('artifact `palisade-review`');
  });

  test('updates its own earlier comment instead of adding a second one', async () => {
    const gh = api('abc', [{ id: 42, user: { login: 'github-actions[bot]' }, body: `${DIFF_COMMENT_MARKER}\nold` }]);
    await runScript(gh, { pr: 7 }, `${DIFF_COMMENT_MARKER}\nnew`);
    expect(gh.rest.issues.createComment).not.toHaveBeenCalled();
    expect((gh.rest.issues.updateComment.mock.calls[0] as any[])[0]).toMatchObject({ comment_id: 42 });
  });

  test('posts nothing when the pull request has moved on to another commit', async () => {
    const gh = api('def', []);
    const core = await runScript(gh, { pr: 7 }, `${DIFF_COMMENT_MARKER}\nx`);
    expect(gh.rest.issues.createComment).not.toHaveBeenCalled();
    expect(core.notice).toHaveBeenCalled();
  });

  test('refuses a forged pull request number or a body without the marker', async () => {
    await expect(runScript(api('abc', []), { pr: '7; drop' }, `${DIFF_COMMENT_MARKER}\nx`)).rejects.toThrow('bad pull request number');
    await expect(runScript(api('abc', []), { pr: 7 }, 'hello')).rejects.toThrow('marker');
  });

  test('keeps the comment under GitHub\'s 65,536-character limit', async () => {
    const gh = api('abc', []);
    await runScript(gh, { pr: 7 }, `${DIFF_COMMENT_MARKER}\n${'x'.repeat(70_000)}`);
    expect((gh.rest.issues.createComment.mock.calls[0] as any[])[0].body.length).toBeLessThan(65_536);
  });
});

/** The diff step's shell script, run for real on the synthesized example estate. */
describe('the security diff step', () => {
  const step = review.jobs.diff.steps.find((s: any) => s.id === 'diff');

  function runStep(env: Record<string, string>) {
    const work = fs.mkdtempSync(path.join(testRunDir(), 'diff-step-'));
    fs.mkdirSync(path.join(work, 'synth', 'base'), { recursive: true });
    fs.mkdirSync(path.join(work, 'synth', 'head'), { recursive: true });
    fs.symlinkSync(estateOutDir(), path.join(work, 'synth', 'base', 'cdktf.out'));
    fs.symlinkSync(estateOutDir(), path.join(work, 'synth', 'head', 'cdktf.out'));
    fs.symlinkSync(ROOT, path.join(work, 'head'));
    const output = path.join(work, 'github-output');
    const r = spawnSync('bash', ['-e', '-c', step.run], { cwd: work, encoding: 'utf8', env: { ...process.env, GITHUB_OUTPUT: output, PR_NUMBER: '7', HEAD_SHA: 'abc', ...env } });
    return { r, work, output: fs.readFileSync(output, 'utf8') };
  }

  test('writes diff.md, diff.json and review.json for an unchanged estate, exit code 0, comparing synth outputs', () => {
    const { r, work, output } = runStep({ PLAN_RESULT: 'skipped' });
    expect(r.status).toBe(0);
    expect(output).toBe('exit-code=0\n');
    const md = fs.readFileSync(path.join(work, 'review', 'diff.md'), 'utf8');
    expect(md.startsWith(DIFF_COMMENT_MARKER)).toBe(true);
    expect(md).toContain('no security regression');
    expect(md).toMatch(/synth outputs/);
    expect(JSON.parse(fs.readFileSync(path.join(work, 'review', 'diff.json'), 'utf8')).summary.regression).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(work, 'review', 'review.json'), 'utf8'))).toEqual({ pr: 7, headSha: 'abc', exitCode: 0 });
  });

  test('says so in the comment when real plans were configured but planning failed', () => {
    const { work } = runStep({ PLAN_RESULT: 'failure' });
    expect(fs.readFileSync(path.join(work, 'review', 'diff.md'), 'utf8')).toContain('planning failed');
  });
});
