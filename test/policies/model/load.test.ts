import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../../../policies/model/errors';
import { detectKind, loadModel, modelFromDocuments } from '../../../policies/model/load';
import { runBaseline } from '../../../policies/engine';
import { compliantEstate, ref, rmrf, StackBuilder, tempDir, writeCdktfOut, writeJson } from '../fixtures';

const PLAN = path.join(__dirname, '..', '..', 'fixtures', 'plans', 'network-plan.json');

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => rmrf(dir));

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('loading a cdktf.out directory', () => {
  test('reads every stack listed in manifest.json, with stack names, providers and evidence locations', () => {
    const out = writeCdktfOut(dir, compliantEstate('network'), new StackBuilder('edge', 'eu-central-1').add('aws_vpc', 'edge', { cidr_block: '10.9.0.0/16' }));
    const model = loadModel(out, { baseDir: dir });
    expect(model.stacks.map((s) => [s.name, s.kind, s.displayFile])).toEqual([
      ['network', 'cdktf-stack', 'cdktf.out/stacks/network/cdk.tf.json'],
      ['edge', 'cdktf-stack', 'cdktf.out/stacks/edge/cdk.tf.json'],
    ]);
    const vpc = model.get('network', 'aws_vpc.main')!;
    expect(vpc).toMatchObject({ stack: 'network', type: 'aws_vpc', name: 'main', address: 'aws_vpc.main', jsonPath: 'resource.aws_vpc.main', constructPath: 'network/main' });
    expect(vpc.values['//']).toBeUndefined();
    expect(vpc.provider).toMatchObject({ region: 'eu-west-1', defaultTags: { ManagedBy: 'palisade' } });
    const text = fs.readFileSync(path.join(out, 'stacks/network/cdk.tf.json'), 'utf8').split('\n');
    expect(text[vpc.line! - 1]).toContain('"main": {');
    expect(model.get('edge', 'aws_vpc.edge')?.provider?.region).toBe('eu-central-1');
  });

  test('a manifest entry whose stack file is missing is an input error naming the file', () => {
    const out = writeCdktfOut(dir, compliantEstate('network'));
    fs.rmSync(path.join(out, 'stacks/network/cdk.tf.json'));
    const e = inputError(() => loadModel(out));
    expect(e.message).toContain(path.join(out, 'stacks/network/cdk.tf.json'));
    expect(e.message).not.toContain('\n');
  });

  test('a stacks/ directory without manifest is still found', () => {
    const out = writeCdktfOut(dir, compliantEstate('network'));
    fs.rmSync(path.join(out, 'manifest.json'));
    expect(loadModel(out).stacks.map((s) => s.name)).toEqual(['network']);
  });
});

describe('loading single files and plain Terraform JSON', () => {
  test('a directory containing cdk.tf.json and the file itself load the same stack', () => {
    const f = writeJson(path.join(dir, 'stacks/app/cdk.tf.json'), compliantEstate('app').toJSON());
    expect(loadModel(path.dirname(f)).stacks[0].name).toBe('app');
    expect(loadModel(f).resources.length).toBe(loadModel(path.dirname(f)).resources.length);
  });

  test('a directory of hand-written *.tf.json is one Terraform root module named after the directory; a single file is named after the file', () => {
    writeJson(path.join(dir, 'network.tf.json'), { provider: { aws: { region: 'eu-west-1' } }, resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16' } } } });
    writeJson(path.join(dir, 'logs.tf.json'), { resource: { aws_cloudwatch_log_group: { app: { name: 'app' } } } });
    const model = loadModel(dir);
    const stack = path.basename(dir);
    expect(model.stacks.map((s) => [s.name, s.kind])).toEqual([[stack, 'terraform-json']]);
    expect(model.get(stack, 'aws_vpc.main')?.provider?.region).toBe('eu-west-1');
    expect(model.get(stack, 'aws_cloudwatch_log_group.app')?.displayFile).toMatch(/logs\.tf\.json$/);
    expect(loadModel(path.join(dir, 'network.tf.json')).stacks.map((s) => s.name)).toEqual(['network']);
  });

  test('the kind is detected by content, not by file name', () => {
    const f = writeJson(path.join(dir, 'whatever.json'), compliantEstate('named-in-metadata').toJSON());
    expect(loadModel(f).stacks[0]).toMatchObject({ name: 'named-in-metadata', kind: 'cdktf-stack' });
    const p = path.join(dir, 'plan-output.txt');
    fs.copyFileSync(PLAN, p);
    expect(loadModel(p).stacks[0].kind).toBe('terraform-plan');
    expect(detectKind({ name: 'pkg', version: '1.0.0' })).toBe('unknown');
  });
});

describe('loading a Terraform plan JSON', () => {
  const model = () => loadModel(PLAN);

  test('reads planned resources of the root and child modules with their plan addresses', () => {
    const m = model();
    expect(m.stacks[0]).toMatchObject({ name: 'network-plan', kind: 'terraform-plan' });
    expect(m.resources.map((r) => r.address)).toEqual([
      'aws_vpc.main',
      'aws_flow_log.main',
      'aws_subnet.data[0]',
      'aws_subnet.data[1]',
      'aws_security_group.web',
      'module.logging.aws_kms_key.this',
      'module.logging.aws_cloudwatch_log_group.this',
    ]);
    expect(m.get('network-plan', 'aws_vpc.main')).toMatchObject({ jsonPath: 'planned_values.root_module.resources[0]', actions: ['create'] });
    expect(m.stacks[0].providers[0]).toMatchObject({ region: 'eu-west-1', allowedAccountIds: ['111122223333'] });
  });

  test('resolves edges from configuration references when values are unknown until apply', () => {
    const m = model();
    const vpc = m.get('network-plan', 'aws_vpc.main')!;
    expect(m.referrers(vpc, 'aws_flow_log', 'vpc_id').map((r) => r.address)).toEqual(['aws_flow_log.main']);
    expect(m.referrers(vpc, 'aws_subnet', 'vpc_id').map((r) => r.address)).toEqual(['aws_subnet.data[0]', 'aws_subnet.data[1]']);
    const lg = m.get('network-plan', 'module.logging.aws_cloudwatch_log_group.this')!;
    expect(m.targets(lg, 'kms_key_id').map((r) => r.address)).toEqual(['module.logging.aws_kms_key.this']);
    expect(lg.values.kms_key_id).toBe('${module.logging.aws_kms_key.this.arn}');
  });

  test('rules judge plan resources like synthesized ones', () => {
    const report = runBaseline(model(), { today: '2026-01-15' });
    const failed = report.findings.map((f) => `${f.ruleId} ${f.resource}`);
    expect(failed).toEqual(
      expect.arrayContaining([
        'PAL-SG-001 aws_security_group.web',
        'PAL-VPC-003 aws_subnet.data[1]',
        'PAL-LOGS-002 module.logging.aws_cloudwatch_log_group.this',
        'PAL-VPC-002 aws_vpc.main',
      ]),
    );
    expect(failed).not.toContain('PAL-VPC-001 aws_vpc.main');
    expect(failed).not.toContain('PAL-LOGS-001 module.logging.aws_cloudwatch_log_group.this');
    expect(failed).not.toContain('PAL-VPC-003 aws_subnet.data[0]');
    expect(report.outcomes['PAL-GDPR-001']).toBe('pass');
  });

  test('literal IDs in a plan of existing infrastructure become edges', () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            { address: 'aws_vpc.main', mode: 'managed', type: 'aws_vpc', name: 'main', values: { id: 'vpc-0abc', cidr_block: '10.0.0.0/16' } },
            { address: 'aws_flow_log.main', mode: 'managed', type: 'aws_flow_log', name: 'main', values: { id: 'fl-1', vpc_id: 'vpc-0abc', traffic_type: 'ALL' } },
          ],
        },
      },
    };
    const m = modelFromDocuments([{ file: '/x/plan.json', json: plan, stackName: 'live' }]);
    expect(m.referrers(m.get('live', 'aws_vpc.main')!, 'aws_flow_log', 'vpc_id')).toHaveLength(1);
  });
});

describe('input errors are typed, one line, and name the path', () => {
  test('a missing path', () => {
    const e = inputError(() => loadModel(path.join(dir, 'nope')));
    expect(e.message).toBe(`${path.join(dir, 'nope')}: no such file or directory`);
  });

  test('malformed JSON', () => {
    const f = path.join(dir, 'cdk.tf.json');
    fs.writeFileSync(f, '{ "resource": { ');
    const e = inputError(() => loadModel(f));
    expect(e.message).toMatch(/^.*cdk\.tf\.json: malformed JSON/);
    expect(e.message).not.toContain('\n');
  });

  test('an unknown kind of JSON', () => {
    const f = writeJson(path.join(dir, 'package.json'), { name: 'x', version: '1.0.0' });
    expect(inputError(() => loadModel(f)).message).toContain('unrecognised file kind');
  });

  test('an empty directory and an empty file', () => {
    expect(inputError(() => loadModel(dir)).message).toContain('no Terraform JSON found');
    const f = path.join(dir, 'empty.tf.json');
    fs.writeFileSync(f, '');
    expect(inputError(() => loadModel(f)).message).toContain('file is empty');
  });

  test('an HCL file is read as Terraform source; invalid HCL is refused naming the file', () => {
    const f = path.join(dir, 'main.tf');
    fs.writeFileSync(f, 'resource "aws_vpc" "x" {}');
    expect(loadModel(f).resources.map((r) => `${r.address} ${r.displayFile}:${r.line}`)).toEqual([`aws_vpc.x ${path.relative(process.cwd(), f)}:1`]);
    fs.writeFileSync(f, 'resource "aws_vpc" "x" {');
    expect(inputError(() => loadModel(f)).message).toMatch(/^.*main\.tf: invalid HCL/);
  });
});

describe('reference resolution', () => {
  const s = new StackBuilder('refs')
    .add('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' })
    .add('aws_subnet', 'a', { vpc_id: ref('aws_vpc', 'main') })
    .add('aws_subnet', 'b', { vpc_id: '${aws_vpc.main.id}' })
    .add('aws_security_group', 'sg', { vpc_id: ref('aws_vpc', 'main'), ingress: [{ security_groups: ['sg-1', ref('aws_security_group', 'other')] }] })
    .add('aws_security_group', 'other', { vpc_id: '${var.vpc_id}' })
    .add('aws_instance', 'x', { subnet_id: '${element([aws_subnet.a.id, aws_subnet.b.id], 0)}', tags: { Name: 'web-${aws_vpc.main.id}' } })
    .add('aws_kms_key', 'k', { policy: '${data.aws_iam_policy_document.p.json}' })
    .add('aws_flow_log', 'f', { vpc_id: '${aws_vpc.missing.id}' })
    .addData('aws_iam_policy_document', 'p', { statement: [] });
  const m = modelFromDocuments([{ file: 'refs.json', json: s.toJSON() }]);
  const get = (a: string) => m.get('refs', a)!;

  test('records the attribute, JSON path and target attribute of each reference', () => {
    const e = m.outgoing(get('aws_security_group.sg')).map((x) => [x.to.address, x.attribute, x.path, x.targetAttribute]);
    expect(e).toEqual([
      ['aws_vpc.main', 'vpc_id', 'vpc_id', 'id'],
      ['aws_security_group.other', 'ingress', 'ingress[0].security_groups[1]', 'id'],
    ]);
  });

  test('finds several references inside one expression and inside string templates', () => {
    expect(m.targets(get('aws_instance.x'), 'subnet_id').map((r) => r.address)).toEqual(['aws_subnet.a', 'aws_subnet.b']);
    expect(m.targets(get('aws_instance.x'), 'tags').map((r) => r.address)).toEqual(['aws_vpc.main']);
  });

  test('resolves references into data sources and indexes incoming edges', () => {
    expect(m.targets(get('aws_kms_key.k'), 'policy', 'data.aws_iam_policy_document').map((r) => r.address)).toEqual(['data.aws_iam_policy_document.p']);
    expect(m.referrers(get('aws_vpc.main'), 'aws_subnet').map((r) => r.address)).toEqual(['aws_subnet.a', 'aws_subnet.b']);
    expect(m.dataOfType('aws_iam_policy_document')).toHaveLength(1);
    expect(m.ofType('aws_iam_policy_document')).toHaveLength(0);
  });

  test('ignores variables and references to resources that are not in the stack', () => {
    expect(m.outgoing(get('aws_security_group.other'))).toHaveLength(0);
    expect(m.outgoing(get('aws_flow_log.f'))).toHaveLength(0);
  });
});
