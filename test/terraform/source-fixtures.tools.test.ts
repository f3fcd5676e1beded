import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rmrf, tempDir } from '../policies/fixtures';
import { pluginDir, requireTerraform } from '../support/terraform';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'source');

/** Every root module (a secure or weakened variant) of the Terraform source fixtures. */
function roots(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    if (!e.isDirectory()) return [];
    const sub = path.join(rel, e.name);
    return e.name === 'secure' || e.name === 'weakened' ? [sub] : roots(dir, sub);
  });
}

describe('the Terraform source fixtures are valid Terraform', () => {
  let work: string;
  beforeAll(() => {
    requireTerraform();
    work = tempDir('palisade-source-tf-');
    fs.cpSync(FIXTURES, work, { recursive: true });
  });
  afterAll(() => rmrf(work));

  test.each(roots(FIXTURES))('%s passes terraform init and validate', (root) => {
    const cwd = path.join(work, root);
    const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' };
    const plugins = pluginDir();
    execFileSync('terraform', ['init', '-input=false', '-no-color', '-backend=false', ...(plugins ? [`-plugin-dir=${plugins}`] : [])], { cwd, env, encoding: 'utf8' });
    const out = execFileSync('terraform', ['validate', '-json', '-no-color'], { cwd, env, encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ valid: true, error_count: 0 });
  });
});
