import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBaseline } from '../../../policies/engine';
import { loadModel } from '../../../policies/model/load';
import { rmrf, tempDir } from '../fixtures';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'source');
const fixture = (...p: string[]) => path.join(FIXTURES, ...p);

function verdict(dir: string, ruleId: string, options: Parameters<typeof loadModel>[1] = {}): string[] {
  const model = loadModel(dir, options);
  const report = runBaseline(model, { today: '2026-06-01' });
  return report.results.filter((r) => r.ruleId === ruleId && r.status !== 'not-applicable').map((r) => `${r.status} ${r.resource}`);
}

const SSH_CASES = ['var-default', 'tfvars', 'locals', 'functions', 'dynamic', 'module', 'mixed', 'json/var-default', 'json/dynamic', 'json/dynamic-list-form', 'json/array-form', 'json/module'];

describe('Terraform source: every spelling that opens SSH to the world is a finding', () => {
  test.each(SSH_CASES)('%s: the weakened variant fails PAL-SG-001, the secure one passes', (name) => {
    const weakened = verdict(fixture(name, 'weakened'), 'PAL-SG-001');
    const secure = verdict(fixture(name, 'secure'), 'PAL-SG-001');
    expect(weakened.some((v) => v.startsWith('non-compliant'))).toBe(true);
    expect(secure.length).toBeGreaterThan(0);
    expect(secure.every((v) => v.startsWith('compliant'))).toBe(true);
  });

  test.each(['var-default', 'dynamic', 'module'])('%s: the HCL and the equivalent Terraform JSON give the same verdicts', (name) => {
    for (const variant of ['secure', 'weakened']) expect(verdict(fixture('json', name, variant), 'PAL-SG-001')).toEqual(verdict(fixture(name, variant), 'PAL-SG-001'));
  });
});

describe('Terraform source: values and locations', () => {
  test('versioning set through var.x (default true) is enabled; false is a finding; the bucket finds its settings through a shared local', () => {
    expect(verdict(fixture('versioning', 'secure'), 'PAL-BUCKET-002')).toEqual(['compliant aws_s3_bucket.data']);
    expect(verdict(fixture('versioning', 'weakened'), 'PAL-BUCKET-002')).toEqual(['non-compliant aws_s3_bucket.data']);
    const model = loadModel(fixture('versioning', 'secure'));
    const bucket = model.get(model.stacks[0].name, 'aws_s3_bucket.data')!;
    expect(model.referrers(bucket, 'aws_s3_bucket_versioning', 'bucket').map((r) => r.address)).toEqual(['aws_s3_bucket_versioning.data']);
  });

  test('a module resource nested two deep has its module address, its file and line, and the module calls that created it', () => {
    const model = loadModel(fixture('module', 'weakened'), { baseDir: FIXTURES });
    const sg = model.ofType('aws_security_group')[0];
    expect(sg.address).toBe('module.edge.module.firewall.aws_security_group.admin');
    expect(sg.displayFile).toBe('modules/edge/firewall/main.tf');
    expect(sg.line).toBe(9);
    expect(sg.moduleCall).toMatchObject({ address: 'module.edge.module.firewall', file: fixture('modules', 'edge', 'main.tf'), line: 5, caller: { address: 'module.edge', file: fixture('module', 'weakened', 'main.tf'), line: 10 } });
  });

  test('tfvars override the default, *.auto.tfvars.json apply too, and --var wins over both', () => {
    const sg = (opts = {}) => loadModel(fixture('tfvars', 'secure'), opts).ofType('aws_security_group')[0].values.ingress as Array<Record<string, unknown>>;
    expect(sg()[0]).toMatchObject({ from_port: 22, cidr_blocks: ['10.0.0.0/8'] });
    expect(sg({ source: { vars: [{ name: 'admin_cidr', value: '0.0.0.0/0' }] } })[0]).toMatchObject({ cidr_blocks: ['0.0.0.0/0'] });
  });

  test('a --var-file is read after the tfvars of the directory', () => {
    const dir = tempDir('palisade-source-');
    try {
      const file = path.join(dir, 'open.tfvars');
      fs.writeFileSync(file, 'admin_cidr = "0.0.0.0/0"\n');
      expect(verdict(fixture('tfvars', 'secure'), 'PAL-SG-001', { source: { varFiles: [file] } })).toEqual(['non-compliant aws_security_group.admin']);
    } finally {
      rmrf(dir);
    }
  });

  test('what cannot be evaluated stays the interpolation it was written as, and is noted with its reason', () => {
    const dir = tempDir('palisade-source-');
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), 'variable "cidr" {}\n\nresource "aws_security_group" "a" {\n  name = "a"\n  description = "d"\n  ingress {\n    description = "x"\n    from_port = 22\n    to_port = 22\n    protocol = "tcp"\n    cidr_blocks = [var.cidr, mystery(1)]\n    security_groups = [aws_security_group.b.id]\n  }\n}\n');
      const model = loadModel(dir);
      const ingress = (model.ofType('aws_security_group')[0].values.ingress as Array<Record<string, unknown>>)[0];
      expect(ingress.cidr_blocks).toEqual(['${var.cidr}', '${mystery(1)}']);
      expect(ingress.security_groups).toEqual(['${aws_security_group.b.id}']);
      expect(model.stacks[0].unevaluated?.map((n) => `${n.expression}: ${n.reason}`)).toEqual([
        'var.cidr: no value: no default, and not set by --var, --var-file or a tfvars file',
        '${mystery(1)}: function mystery() is not evaluated',
      ]);
    } finally {
      rmrf(dir);
    }
  });

  test('count and for_each over literals give one resource per instance, addressed as Terraform does', () => {
    const dir = tempDir('palisade-source-');
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_s3_bucket" "n" {\n  count = 2\n  bucket = "b-${count.index}"\n}\n\nresource "aws_s3_bucket" "k" {\n  for_each = toset(["x", "y"])\n  bucket = "k-${each.key}"\n}\n');
      const model = loadModel(dir);
      expect(model.ofType('aws_s3_bucket').map((r) => `${r.address}=${String(r.values.bucket)}`).sort()).toEqual(['aws_s3_bucket.k["x"]=k-x', 'aws_s3_bucket.k["y"]=k-y', 'aws_s3_bucket.n[0]=b-0', 'aws_s3_bucket.n[1]=b-1']);
    } finally {
      rmrf(dir);
    }
  });

  test('a file the parser cannot read is an error naming the path; a remote module source fails closed', () => {
    const dir = tempDir('palisade-source-');
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_vpc" "a" {\n');
      expect(() => loadModel(dir)).toThrow(`${path.join(dir, 'main.tf')}: invalid HCL`);
      fs.writeFileSync(path.join(dir, 'main.tf'), 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n');
      expect(() => loadModel(dir)).toThrow('is not a local path');
    } finally {
      rmrf(dir);
    }
  });
});

describe('Terraform source: property — any equivalent spelling of the world CIDR on SSH is a finding', () => {
  const spellings: Array<(cidr: string) => { decl: string; expr: string }> = [
    (c) => ({ decl: '', expr: `"${c}"` }),
    (c) => ({ decl: `variable "w" {\n  default = "${c}"\n}\n`, expr: 'var.w' }),
    (c) => ({ decl: `locals {\n  w = "${c}"\n}\n`, expr: 'local.w' }),
    (c) => ({ decl: `locals {\n  parts = split("/", "${c}")\n}\n`, expr: 'format("%s/%s", local.parts[0], local.parts[1])' }),
    (c) => ({ decl: `locals {\n  m = { world = "${c}" }\n}\n`, expr: 'lookup(local.m, "world", "10.0.0.0/8")' }),
    (c) => ({ decl: '', expr: `lower(trimspace(" ${c} "))` }),
    (c) => ({ decl: `variable "l" {\n  default = ["${c}"]\n}\n`, expr: 'element(var.l, 0)' }),
  ];
  const ports: Array<(p: number) => string> = [(p) => String(p), (p) => `"${p}"`, (p) => `tonumber("${p}")`, (p) => `${p - 1} + 1`, (p) => `max(${p}, 1)`];

  test('random spellings of cidr and port, in HCL', () => {
    const dir = tempDir('palisade-source-prop-');
    try {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: spellings.length - 1 }), fc.integer({ min: 0, max: ports.length - 1 }), fc.constantFrom('0.0.0.0/0', '10.0.0.0/8'), fc.constantFrom(22, 443), (s, p, cidr, port) => {
          const { decl, expr } = spellings[s](cidr);
          fs.writeFileSync(path.join(dir, 'main.tf'), `${decl}\nresource "aws_security_group" "a" {\n  name        = "a"\n  description = "d"\n  ingress {\n    description = "x"\n    from_port   = ${ports[p](port)}\n    to_port     = ${ports[p](port)}\n    protocol    = "tcp"\n    cidr_blocks = [${expr}]\n  }\n}\n`);
          const open = cidr === '0.0.0.0/0' && port === 22;
          expect(verdict(dir, 'PAL-SG-001')).toEqual([`${open ? 'non-compliant' : 'compliant'} aws_security_group.a`]);
        }),
        { numRuns: 25 },
      );
    } finally {
      rmrf(dir);
    }
  });
});
