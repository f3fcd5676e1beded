import * as path from 'node:path';
import { modelFromDocuments } from '../../../policies/model/load';
import { runBaseline } from '../../../policies/engine';
import { rmrf, tempDir, writeJson } from '../fixtures';
import { runPalisade } from '../../support/cli';

// HCL's JSON syntax lets every block level be a list of objects (the array form). A Terraform JSON file that is not
// named *.tf.json is read by the model directly (a *.tf.json file goes through the Terraform source reader): its
// array forms must hold the same blocks as the object form, never read as nothing.

const PUBLIC_BUCKET = { bucket: 'open-reviews', acl: 'public-read' };
const PROVIDER = { region: 'eu-west-1', allowed_account_ids: ['111122223333'], default_tags: [{ tags: { Owner: 'platform' } }] };
const load = (json: unknown) => modelFromDocuments([{ file: '/x/main.json', json, stackName: 'main' }]);
const failingRules = (json: unknown) => [...new Set(runBaseline(load(json), { today: '2026-12-04' }).findings.map((f) => `${f.ruleId} ${f.resource}`))].sort();

describe('Terraform JSON in the array form', () => {
  const objectForm = { provider: { aws: PROVIDER }, resource: { aws_s3_bucket: { reviews: PUBLIC_BUCKET } }, output: { name: { value: 'x' } } };

  test.each([
    ['the resource section', { provider: { aws: PROVIDER }, resource: [{ aws_s3_bucket: { reviews: PUBLIC_BUCKET } }], output: { name: { value: 'x' } } }],
    ['the type level', { provider: { aws: PROVIDER }, resource: { aws_s3_bucket: [{ reviews: PUBLIC_BUCKET }] }, output: { name: { value: 'x' } } }],
    ['one resource body', { provider: { aws: PROVIDER }, resource: { aws_s3_bucket: { reviews: [PUBLIC_BUCKET] } }, output: { name: { value: 'x' } } }],
    ['the provider and output section', { provider: [{ aws: PROVIDER }], resource: { aws_s3_bucket: { reviews: PUBLIC_BUCKET } }, output: [{ name: { value: 'x' } }] }],
  ])('%s as a list reads as the object form: resources, providers, outputs and findings', (_where, arrayForm) => {
    const expected = load(objectForm);
    const model = load(arrayForm);
    expect(model.resources.map((r) => [r.address, r.values])).toEqual(expected.resources.map((r) => [r.address, r.values]));
    expect(model.stacks[0].providers.map((p) => [p.region, p.defaultTags])).toEqual([['eu-west-1', { Owner: 'platform' }]]);
    expect(model.stacks[0].outputs).toEqual({ name: 'x' });
    expect(failingRules(arrayForm)).toEqual(failingRules(objectForm));
    expect(failingRules(arrayForm)).toContain('PAL-BUCKET-003 aws_s3_bucket.reviews');
  });

  test('resources spread over several objects of the section, and data sources in the array form, are all read', () => {
    const model = load({
      resource: [{ aws_s3_bucket: { a: { bucket: 'a' } } }, { aws_s3_bucket: { b: { bucket: 'b' } }, aws_kms_key: { k: { enable_key_rotation: true } } }],
      data: [{ aws_caller_identity: { me: {} } }],
    });
    expect(model.resources.map((r) => r.address)).toEqual(['aws_s3_bucket.a', 'aws_s3_bucket.b', 'aws_kms_key.k', 'data.aws_caller_identity.me']);
  });

  test('an address declared in two objects of the array form is an input error naming it', () => {
    expect(() => load({ resource: [{ aws_s3_bucket: { a: { bucket: 'a' } } }, { aws_s3_bucket: { a: { bucket: 'b' } } }] })).toThrow('/x/main.json: resource.aws_s3_bucket.a: declared twice');
    expect(() => load({ resource: { aws_s3_bucket: [{ a: { bucket: 'a' } }, { a: { bucket: 'b' } }] } })).toThrow('resource.aws_s3_bucket.a: declared twice');
    expect(() => load({ resource: { aws_s3_bucket: { a: [{ bucket: 'a' }, { bucket: 'b' }] } } })).toThrow('resource.aws_s3_bucket.a: declared 2 times');
  });

  test('what is neither an object nor a list of objects where blocks belong is an input error, not nothing', () => {
    expect(() => load({ resource: [{ aws_s3_bucket: { a: {} } }, 'x'] })).toThrow('/x/main.json: resource[1]: expected an object of Terraform blocks, got string');
    expect(() => load({ resource: { aws_s3_bucket: 'x' } })).toThrow('resource.aws_s3_bucket: expected an object of Terraform blocks (or a list of them), got string');
    expect(() => load({ resource: { aws_s3_bucket: { a: ['x'] } } })).toThrow('resource.aws_s3_bucket.a[0]: expected an object of Terraform blocks, got string');
    expect(() => load({ resource: {}, provider: 3 })).toThrow('provider: expected an object of Terraform blocks (or a list of them), got number');
    expect(() => load({ resource: {}, output: [[]] })).toThrow('output[0]: expected an object of Terraform blocks, got a list');
  });

  test('palisade check of a main.json in the array form reports the public bucket (it read nothing and passed before)', async () => {
    const dir = tempDir();
    try {
      writeJson(path.join(dir, 'main.json'), { provider: [{ aws: PROVIDER }], resource: [{ aws_s3_bucket: { reviews: PUBLIC_BUCKET } }] });
      const run = await runPalisade(dir, 'check', 'main.json', '--format', 'json');
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; resource: string }>; summary: { resourcesScanned: number } };
      expect(report.summary.resourcesScanned).toBe(1);
      expect(report.findings.map((f) => `${f.ruleId} ${f.resource}`)).toContain('PAL-BUCKET-003 aws_s3_bucket.reviews');
    } finally {
      rmrf(dir);
    }
  });
});
