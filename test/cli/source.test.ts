import * as fs from 'node:fs';
import * as path from 'node:path';
import { rmrf, tempDir } from '../policies/fixtures';
import { runPalisade as palisade } from '../support/cli';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'source');

const CASES = ['var-default', 'tfvars', 'locals', 'functions', 'dynamic', 'module', 'mixed', 'json/array-form', 'json/module'];

describe('palisade check on Terraform source directories', () => {
  test.each(CASES)('%s: exits 1 on the weakened variant and 0 on the secure one', async (name) => {
    const weakened = await palisade(FIXTURES, 'check', `${name}/weakened`);
    expect(weakened.stderr).toBe('');
    expect(weakened.code).toBe(1);
    expect(weakened.stdout).toMatch(/PAL-SG-001 \S*aws_(security_group\.admin|vpc_security_group_ingress_rule\.ssh)/);
    const secure = await palisade(FIXTURES, 'check', `${name}/secure`);
    expect(secure.code).toBe(0);
  });

  test('SARIF points at the .tf file and line a user edits', async () => {
    const r = await palisade(FIXTURES, 'check', 'module/weakened', '--format', 'sarif');
    const location = JSON.parse(r.stdout).runs[0].results[0].locations[0].physicalLocation;
    expect(location).toEqual({ artifactLocation: { uri: 'modules/edge/firewall/main.tf' }, region: { startLine: 9 } });
  });

  test('the text report names the file and line of a module resource and the module call that created it', async () => {
    const r = await palisade(FIXTURES, 'check', 'module/weakened');
    expect(r.stdout).toMatch(/PAL-SG-001 module\.edge\.module\.firewall\.aws_security_group\.admin:.*\n\s+in: modules\/edge\/firewall\/main\.tf:9, created by module\.edge\.module\.firewall \(modules\/edge\/main\.tf:\d+\)/);
  });

  test('--var and --var-file set root variables; a bad --var is a usage error (exit 2)', async () => {
    expect((await palisade(FIXTURES, 'check', 'var-default/secure', '--var', 'admin_cidr=0.0.0.0/0')).code).toBe(1);
    const dir = tempDir('palisade-cli-source-');
    try {
      fs.writeFileSync(path.join(dir, 'world.tfvars.json'), '{ "admin_cidr": "0.0.0.0/0" }');
      expect((await palisade(FIXTURES, 'check', 'var-default/secure', '--var-file', path.join(dir, 'world.tfvars.json'))).code).toBe(1);
      const bad = await palisade(FIXTURES, 'check', 'var-default/secure', '--var', 'nope');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--var expects name=value');
    } finally {
      rmrf(dir);
    }
  });

  test('unevaluable values are reported, not skipped', async () => {
    const dir = tempDir('palisade-cli-source-');
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), 'variable "cidr" {}\n\nresource "aws_security_group" "a" {\n  name        = "a"\n  description = "d"\n  ingress {\n    description = "x"\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = [var.cidr]\n  }\n}\n');
      const r = await palisade(dir, 'check', '.');
      expect(r.stderr).toContain('palisade: note: main.tf: var.cidr: no value: no default, and not set by --var, --var-file or a tfvars file (checked as unknown)');
      expect((await palisade(dir, 'check', '.', '--var', 'cidr=0.0.0.0/0')).code).toBe(1);
    } finally {
      rmrf(dir);
    }
  });

  test('palisade diff of two source trees shows the opened SSH as a regression; report reads source too', async () => {
    const diff = await palisade(FIXTURES, 'diff', 'var-default/secure', 'var-default/weakened', '--format', 'json');
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('PAL-SG-001');
    const report = await palisade(FIXTURES, 'report', 'module/weakened', '--format', 'csv');
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('module.edge.module.firewall.aws_security_group.admin');
  });
});
