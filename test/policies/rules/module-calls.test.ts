import * as path from 'node:path';
import { loadModel, modelFromDocuments } from '../../../policies/model/load';
import { moduleResourcesInInput } from '../../../policies/rules/pal-module-001';
import { DEFAULT_ALLOWED_REGIONS } from '../../../policies/rules/pal-gdpr-001';
import { rmrf, tempDir, writeJson } from '../fixtures';
import { runPalisade } from '../../support/cli';
import { runBaseline } from '../../../policies/engine';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');
const evaluate = (model: ReturnType<typeof loadModel>) => moduleResourcesInInput.evaluate(model, { allowedRegions: DEFAULT_ALLOWED_REGIONS });
const fromJson = (json: unknown, file = '/x/main.json') => evaluate(modelFromDocuments([{ file, json, stackName: 'app' }]));
const PROVIDER = { aws: { region: 'eu-west-1', allowed_account_ids: ['111122223333'] } };

describe('PAL-MODULE-001 (module calls whose resources the input does not hold)', () => {
  test('a configuration without module blocks has nothing in scope', () => {
    expect(fromJson({ provider: PROVIDER, resource: { aws_s3_bucket: { b: { bucket: 'b' } } } }).map((r) => r.status)).toEqual(['not-applicable']);
  });

  test('each module block of a Terraform JSON configuration is unproven, named with its source', () => {
    const results = fromJson({ provider: PROVIDER, module: { vpc: { source: 'terraform-aws-modules/vpc/aws', version: '5.8.1' }, logs: { source: './modules/logs' } } });
    expect(results.map((r) => [r.status, r.stack, r.resource, r.jsonPath])).toEqual([
      ['unproven', 'app', 'module.vpc', 'module.vpc'],
      ['unproven', 'app', 'module.logs', 'module.logs'],
    ]);
    expect(results[0].message).toBe('The resources of module.vpc (source "terraform-aws-modules/vpc/aws") cannot be shown from this input, which holds the call and not the module\'s resources; check the plan, which lists them.');
  });

  test('the array form of the module section, a body written as a list and a source that is not a string are read too', () => {
    const results = fromJson({ module: [{ a: { source: './a' } }, { b: [{ source: './b' }] }, { c: { source: { not: 'a string' } } }] });
    expect(results.map((r) => `${r.resource} ${r.message.match(/\(source [^)]*\)/)?.[0]}`)).toEqual(['module.a (source "./a")', 'module.b (source "./b")', 'module.c (source not a string)']);
  });

  test('a cdktf stack calling a module (TerraformHclModule) is unproven there', () => {
    const stack = { '//': { metadata: { stackName: 'net', backend: 'local' } }, provider: PROVIDER, module: { vpc: { '//': { metadata: { path: 'net/vpc', uniqueId: 'vpc' } }, source: 'terraform-aws-modules/vpc/aws', cidr: '10.0.0.0/16' } } };
    const model = modelFromDocuments([{ file: '/x/stacks/net/cdk.tf.json', json: stack }]);
    expect(evaluate(model).map((r) => `${r.status} ${r.stack} ${r.resource}`)).toEqual(['unproven net module.vpc']);
  });

  test('Terraform source with a local module is evaluated into its resources: nothing is left unseen', () => {
    expect(evaluate(loadModel(path.join(FIXTURES, 'source', 'module', 'secure'))).map((r) => r.status)).toEqual(['not-applicable']);
    expect(evaluate(loadModel(path.join(FIXTURES, 'source', 'json', 'module', 'secure'))).map((r) => r.status)).toEqual(['not-applicable']);
  });

  test('a plan lists the module\'s resources under their module addresses: nothing is left unseen', () => {
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { child_modules: [{ address: 'module.vpc', resources: [{ address: 'module.vpc.aws_vpc.this[0]', mode: 'managed', type: 'aws_vpc', name: 'this', index: 0, values: { cidr_block: '10.0.0.0/16' } }] }] } },
      configuration: { root_module: { module_calls: { vpc: { source: 'terraform-aws-modules/vpc/aws', module: {} } } } },
    };
    const model = modelFromDocuments([{ file: '/x/plan.json', json: plan, stackName: 'p' }]);
    expect(model.resources.map((r) => r.address)).toEqual(['module.vpc.aws_vpc.this[0]']);
    expect(evaluate(model).map((r) => r.status)).toEqual(['not-applicable']);
  });

  test('palisade check blocks on it by default and names the module; --unproven warn reports it without blocking', async () => {
    const dir = tempDir();
    try {
      writeJson(path.join(dir, 'main.json'), { provider: PROVIDER, module: { vpc: { source: 'terraform-aws-modules/vpc/aws' } } });
      const blocked = await runPalisade(dir, 'check', 'main.json', '--format', 'json');
      expect(blocked.code).toBe(1);
      const report = JSON.parse(blocked.stdout) as { unproven: Array<{ ruleId: string; resource: string; severity: string }> };
      expect(report.unproven.filter((u) => u.ruleId === 'PAL-MODULE-001').map((u) => `${u.resource} ${u.severity}`)).toEqual(['module.vpc high']);
      const warned = await runPalisade(dir, 'check', 'main.json', '--format', 'json', '--unproven', 'warn');
      expect(warned.code).toBe(0);
    } finally {
      rmrf(dir);
    }
  });
});

describe('PAL-MODULE-001 suppressed with a reason', () => {
  const run = (json: unknown) => runBaseline(modelFromDocuments([{ file: '/x/main.json', json, stackName: 'app' }]), { today: '2026-12-04' });
  const reason = { ruleId: 'PAL-MODULE-001', reason: 'Pinned release of our reviewed network module, planned and checked in its own pipeline' };

  test('in the module block\'s own // comment (hand-written Terraform JSON): the verdict is suppressed, with its reason', () => {
    const report = run({ provider: PROVIDER, module: { vpc: { '//': { palisade: { suppressions: [reason] } }, source: 'git::https://example.com/net.git?ref=v1.4.0' }, logs: { source: './logs' } } });
    expect(report.unproven.map((u) => `${u.resource} ${u.suppressed} ${u.suppression?.reason ?? '-'}`)).toEqual(['module.logs false -', `module.vpc true ${reason.reason}`]);
    expect(report.warnings).toEqual([]);
  });

  test('in the stack\'s // comment under modules.<name> (where cdktf writes it): the verdict is suppressed', () => {
    const report = run({ '//': { metadata: { stackName: 'app' }, palisade: { modules: { vpc: { suppressions: [reason] } } } }, provider: PROVIDER, module: { vpc: { source: 'terraform-aws-modules/vpc/aws' } } });
    expect(report.unproven.map((u) => `${u.resource} ${u.suppressed}`)).toEqual(['module.vpc true']);
  });

  test('a suppression of a module block without a reason is a finding naming the module; one that matches nothing is a warning', () => {
    const report = run({ provider: PROVIDER, module: { vpc: { '//': { palisade: { suppressions: [{ ruleId: 'PAL-MODULE-001' }, { ruleId: 'PAL-SG-001', reason: 'No security groups come from this module at all' }] } }, source: './vpc' } } });
    expect(report.findings.map((f) => `${f.ruleId} ${f.resource} ${f.jsonPath}`)).toEqual(['PAL-SUPPRESSION-INVALID module.vpc module.vpc["//"].palisade.suppressions']);
    expect(report.unproven.map((u) => `${u.resource} ${u.suppressed}`)).toEqual(['module.vpc false']);
    expect(report.warnings.map((w) => `${w.ruleId} ${w.resource}`)).toEqual(['PAL-SG-001 module.vpc']);
  });

  test('a module block\'s suppression never covers a resource, and a resource\'s never covers the module block', () => {
    const report = run({ provider: PROVIDER, resource: { aws_s3_bucket: { b: { '//': { palisade: { suppressions: [reason] } }, bucket: 'b' } } }, module: { vpc: { source: './vpc' } } });
    expect(report.unproven.filter((u) => u.ruleId === 'PAL-MODULE-001').map((u) => `${u.resource} ${u.suppressed}`)).toEqual(['module.vpc false']);
    expect(report.warnings.map((w) => `${w.ruleId} ${w.resource}`)).toEqual(['PAL-MODULE-001 aws_s3_bucket.b']);
  });
});
