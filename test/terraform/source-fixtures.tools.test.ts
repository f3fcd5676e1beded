import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readModule } from '../../policies/source/config';
import { rmrf, tempDir } from '../policies/fixtures';
import { pluginDir, requireTerraform, terraformEnv } from '../support/terraform';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'source');

/** Every root module (a secure or weakened variant) of the Terraform source fixtures. */
function roots(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    if (!e.isDirectory()) return [];
    const sub = path.join(rel, e.name);
    return e.name === 'secure' || e.name === 'weakened' ? [sub] : roots(dir, sub);
  });
}

/** A fixture that Terraform must refuse: proves a fixture's errors reach its own test through the shared run. */
const CANARY = 'palisade-canary-invalid';

interface Diagnostic { severity: string; summary: string; detail?: string; range?: { filename: string } }

/**
 * One `terraform validate` for all fixtures: a root that calls each fixture as a module (each validate loads the AWS
 * provider, seconds of CPU apiece). Variables a fixture declares without a default stay unknown, as in validating the
 * fixture itself: the root passes a variable of its own, which validate leaves unknown.
 */
function validateAll(work: string, fixtureRoots: readonly string[]): Diagnostic[] {
  const all = path.join(work, 'palisade-all-fixtures');
  fs.mkdirSync(all);
  const variable: Record<string, object> = {};
  const module: Record<string, Record<string, string>> = {};
  for (const root of fixtureRoots) {
    const call = moduleName(root);
    const args: Record<string, string> = { source: `../${root.split(path.sep).join('/')}` };
    for (const [name, v] of readModule(path.join(work, root)).variables) {
      if ('default' in v.body) continue;
      variable[`${call}_${name}`] = {};
      args[name] = `\${var.${call}_${name}}`;
    }
    module[call] = args;
  }
  fs.writeFileSync(path.join(all, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } }, ...(Object.keys(variable).length > 0 ? { variable } : {}), module }, null, 2));
  const env = terraformEnv();
  const plugins = pluginDir();
  execFileSync('terraform', ['init', '-input=false', '-no-color', '-backend=false', ...(plugins ? [`-plugin-dir=${plugins}`] : [])], { cwd: all, env, encoding: 'utf8' });
  // validate exits 1 when the configuration is invalid (the canary makes it so); the JSON is on stdout either way.
  let out: string;
  try {
    out = execFileSync('terraform', ['validate', '-json', '-no-color'], { cwd: all, env, encoding: 'utf8' });
  } catch (error) {
    out = (error as { stdout?: string }).stdout ?? '';
    if (!out) throw error;
  }
  return (JSON.parse(out) as { diagnostics: Diagnostic[] }).diagnostics;
}

const moduleName = (root: string) => root.split(path.sep).join('_');

/** Errors of one fixture: those in its files, and any that name no file (they could be anyone's). */
function errorsOf(diagnostics: readonly Diagnostic[], root: string): string[] {
  const dir = `../${root.split(path.sep).join('/')}/`;
  return diagnostics
    .filter((d) => d.severity === 'error' && (!d.range || d.range.filename.startsWith(dir)))
    .map((d) => `${d.range?.filename ?? '(no file)'}: ${d.summary}${d.detail ? ` — ${d.detail}` : ''}`);
}

describe('the Terraform source fixtures are valid Terraform', () => {
  const fixtureRoots = roots(FIXTURES);
  let work: string;
  let diagnostics: Diagnostic[];
  beforeAll(() => {
    requireTerraform();
    work = tempDir('palisade-source-tf-');
    fs.cpSync(FIXTURES, work, { recursive: true });
    fs.mkdirSync(path.join(work, CANARY));
    fs.writeFileSync(path.join(work, CANARY, 'main.tf.json'), JSON.stringify({ resource: { aws_vpc: { canary: { cidr_block: '10.0.0.0/16', not_an_argument: true } } } }));
    diagnostics = validateAll(work, [...fixtureRoots, CANARY]);
  }, 300_000);
  afterAll(() => rmrf(work));

  test('the shared run reports a broken fixture under that fixture', () => {
    expect(errorsOf(diagnostics, CANARY)).toEqual([expect.stringContaining('not_an_argument')]);
  });

  test.each(fixtureRoots)('%s passes terraform init and validate', (root) => {
    expect(errorsOf(diagnostics, root)).toEqual([]);
  });
});
