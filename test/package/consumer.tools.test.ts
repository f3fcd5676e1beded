/**
 * Palisade as a package, the way a platform team gets it: `npm pack` (which builds dist/ in `prepack`), the tarball
 * installed into a fresh cdktf app outside this repository (so nothing resolves from our node_modules by accident),
 * the app's own type-check, jest run, synth, and the installed `palisade` CLI on the synthesized output.
 *
 * The tarball's own dependencies come from npm (`--prefer-offline`: the local cache first). The peer packages
 * (cdktf, constructs, @cdktf/provider-aws) and the app's dev tools (jest, @swc/jest, typescript, @types) are linked
 * from this repository's node_modules, as an app's own copies would be installed: one copy of each, side by side.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const repo = path.resolve(__dirname, '..', '..');
const example = path.join(repo, 'examples', 'consumer-app');
const PEERS = ['cdktf', 'constructs', '@cdktf/provider-aws'];
const APP_DEV_TOOLS = ['jest', '@swc/jest', '@swc/core', '@types/jest', '@types/node', 'typescript'];
const TYPESCRIPT_RUNTIMES = ['typescript', 'ts-node', '@swc/core'];

interface PackedFile { path: string }
interface PackResult { filename: string; version: string; files: PackedFile[] }

let work: string;
let app: string;
let packed: PackResult;

function run(command: string, args: string[], cwd = app, env: NodeJS.ProcessEnv = {}): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function runOk(command: string, args: string[], cwd = app, env: NodeJS.ProcessEnv = {}): string {
  const result = run(command, args, cwd, env);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const nodeBin = (relative: string) => path.join(app, 'node_modules', relative);

// tsc, jest and synth of the app each take tens of seconds on an idle 2-core machine, minutes on a loaded one.
jest.setTimeout(10 * 60_000);

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-consumer-'));
  app = path.join(work, 'app');
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  packed = (JSON.parse(out.slice(out.indexOf('[\n'))) as PackResult[])[0];

  fs.cpSync(example, app, { recursive: true });
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({
    name: 'consumer-app', version: '1.0.0', private: true,
    dependencies: { palisade: `file:../${packed.filename}` },
  }, null, 2));
  // --legacy-peer-deps: the app provides the peers itself (linked below) instead of npm fetching a second set.
  runOk('npm', ['install', '--legacy-peer-deps', '--prefer-offline', '--no-audit', '--no-fund'], app);
  for (const name of [...PEERS, ...APP_DEV_TOOLS]) {
    const link = nodeBin(name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.join(repo, 'node_modules', name), link, 'dir');
  }
}, 30 * 60_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  test('ships compiled JavaScript, declarations, the CLI and the changelog, and no tests, sources, CI or reports', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining([
      'dist/index.js', 'dist/index.d.ts', 'dist/index.js.map', 'dist/policies/index.js', 'dist/policies/index.d.ts',
      'dist/jest/index.js', 'dist/jest/index.d.ts', 'dist/cli/index.js', 'dist/cli/palisade.js', 'dist/cli/palisade.js.LICENSES.txt', 'dist/cli/palisade.js.cache', 'dist/cli/hcl-worker.js', 'bin/palisade.js', 'bin/bundle-loader.js', 'CHANGELOG.md', 'README.md', 'package.json',
      'dist/constructs/hardened-host/scripts/palisade-av-scan.sh',
    ]));
    const unwanted = files.filter((f) => /^(test|examples|bench|scripts|stacks|config|\.ci|\.github|reports|cdktf\.out)\//.test(f) || (/\.ts$/.test(f) && !/\.d\.ts$/.test(f)));
    expect(unwanted).toEqual([]);
  });

  test('installs without its own copy of cdktf, constructs or the provider, and without a TypeScript runtime', () => {
    const installed = path.join(app, 'node_modules', 'palisade');
    const nested = [...PEERS, ...TYPESCRIPT_RUNTIMES].filter((name) => fs.existsSync(path.join(installed, 'node_modules', name)));
    expect(nested).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual([...PEERS].sort());
    expect(Object.keys(manifest.dependencies).filter((d) => [...PEERS, ...TYPESCRIPT_RUNTIMES, 'ts-node'].includes(d))).toEqual([]);
  });
});

describe('a fresh cdktf app using the package', () => {
  test('type-checks against the published declarations of palisade and palisade/jest', () => {
    runOk(process.execPath, [nodeBin('typescript/bin/tsc'), '-p', '.', '--outDir', 'build']);
    expect(fs.existsSync(path.join(app, 'build', 'web-stack.js'))).toBe(true);
  });

  test('passes its own jest tests with toPassBaseline(), including a reasoned suppression taking effect', () => {
    const report = path.join(work, 'jest-report.json');
    const result = run(process.execPath, [nodeBin('jest/bin/jest.js'), '--ci', '--json', '--outputFile', report]);
    const summary = JSON.parse(fs.readFileSync(report, 'utf8'));
    const tests = summary.testResults.flatMap((file: { assertionResults: { title: string; status: string }[] }) => file.assertionResults.map((t) => `${t.status}: ${t.title}`));
    expect(tests).toEqual([
      'passed: the web stack passes the security baseline',
      'passed: an unencrypted log group fails the baseline',
      'passed: a reasoned suppression accepts the finding and keeps it visible',
      'passed: resources get readable addresses',
    ]);
    expect(result.status).toBe(0);
  });

  test('synthesizes with readable addresses, and the installed palisade check passes its output', () => {
    runOk(process.execPath, [path.join('build', 'main.js')]);
    const stack = JSON.parse(fs.readFileSync(path.join(app, 'cdktf.out', 'stacks', 'dev-web', 'cdk.tf.json'), 'utf8'));
    expect(stack.provider.aws[0]).toEqual(expect.objectContaining({ region: 'eu-west-1', allowed_account_ids: ['123456789012'] }));
    expect(Object.keys(stack.resource.aws_wafv2_web_acl)).toEqual(['dev_waf']);
    for (const type of ['aws_vpc', 'aws_security_group', 'aws_lb', 'aws_kms_key']) expect(stack.resource[type]).toBeDefined();

    const check = run(nodeBin('.bin/palisade'), ['check', 'cdktf.out', '--account-scope', 'stacks', '--format', 'json']);
    expect(check.stderr).toBe('');
    const report = JSON.parse(check.stdout);
    expect(report.summary).toEqual(expect.objectContaining({ unsuppressed: 0, stacks: ['dev-web'] }));
    expect(report.summary.resourcesScanned).toBeGreaterThan(50);
    expect(check.status).toBe(0);
  });

  test('the installed CLI sees a suppression made in the app and reports it with its reason', () => {
    const synth = `const { App } = require('cdktf'); const { WebStack } = require('./build/web-stack');
      const app = new App({ outdir: 'cdktf-suppressed.out' });
      new WebStack(app, { environment: { name: 'dev', accountId: '123456789012', region: 'eu-west-1' }, component: 'web',
        domainName: 'www.example.com', securityContactEmail: 'security@example.com', legacyLogGroup: 'suppressed' });
      app.synth();`;
    runOk(process.execPath, ['-e', synth]);
    const check = run(nodeBin('.bin/palisade'), ['check', 'cdktf-suppressed.out', '--account-scope', 'stacks', '--format', 'json']);
    const findings = JSON.parse(check.stdout).findings as { ruleId: string; suppressed: boolean; suppression?: { reason: string } }[];
    expect(findings.map((f) => [f.ruleId, f.suppressed])).toEqual([['PAL-LOGS-001', true]]);
    expect(JSON.stringify(findings[0])).toContain('Batch tool cannot write to KMS-encrypted groups');
    expect(check.status).toBe(0);
  });

  test('the installed CLI (one bundled file) reads Terraform source through its HCL parser worker', () => {
    fs.mkdirSync(path.join(work, 'hcl'), { recursive: true });
    fs.writeFileSync(path.join(work, 'hcl', 'main.tf'), 'resource "aws_security_group" "ssh" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["::0/0"]\n  }\n}\n');
    const check = run(nodeBin('.bin/palisade'), ['check', path.join(work, 'hcl'), '--format', 'json']);
    expect(check.stderr).toBe('');
    const report = JSON.parse(check.stdout) as { findings: { ruleId: string; resource: string }[] };
    expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'PAL-SG-001', resource: 'aws_security_group.ssh' })]));
    expect(check.status).toBe(1);
  });

  test('the CLI bundle run directly with node is the palisade command, not a module that exits 0', () => {
    const weak = path.join(work, 'direct.tf.json');
    fs.writeFileSync(weak, JSON.stringify({ resource: { aws_security_group: { ssh: { ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }] } } } }));
    const check = run(process.execPath, [nodeBin('palisade/dist/cli/palisade.js'), 'check', weak, '--format', 'json']);
    expect(check.stderr).toBe('');
    const report = JSON.parse(check.stdout) as { findings: { ruleId: string; resource: string }[] };
    expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'PAL-SG-001', resource: 'aws_security_group.ssh' })]));
    expect(check.status).toBe(1);
    // Through bin/palisade.js the same bundle is loaded as a module: one report, not two.
    const viaBin = run(nodeBin('.bin/palisade'), ['check', weak, '--format', 'json']);
    expect(JSON.parse(viaBin.stdout)).toEqual(report);
    expect(run(process.execPath, [nodeBin('palisade/dist/cli/palisade.js')]).status).toBe(2);
  });

  test('npx palisade --version starts without a TypeScript runtime', () => {
    const blocker = path.join(__dirname, 'block-typescript-runtime.js');
    const version = runOk('npx', ['--no-install', 'palisade', '--version'], app, { NODE_OPTIONS: `--require ${blocker}` });
    expect(version.trim()).toBe(packed.version);
    const rules = runOk(process.execPath, ['--require', blocker, nodeBin('palisade/bin/palisade.js'), 'rules']);
    expect(rules).toContain('PAL-LOGS-001');
  });

  test('the installed CLI bundle loads with the code cache the build shipped beside it (V8 accepts it)', () => {
    const loader = nodeBin('palisade/bin/bundle-loader.js');
    const bundle = nodeBin('palisade/dist/cli/palisade.js');
    const status = runOk(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(loader)}).loadBundle(${JSON.stringify(bundle)}).cache)`]);
    expect(status).toBe('accepted');
  });
});
