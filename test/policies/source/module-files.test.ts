import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBaseline } from '../../../policies/engine';
import { loadModel } from '../../../policies/model/load';
import { s3PublicAccessBlock } from '../../../policies/rules/pal-bucket-003';
import { s3BackendProtected } from '../../../policies/rules/pal-state-001';
import { rmrf, tempDir } from '../fixtures';

/*
 * Which files of a directory are its configuration is Terraform's rule, not ours: every *.tf and *.tf.json file,
 * except the ones its loader ignores (hidden `.x.tf`, editor leftovers `x.tf~`, `#x.tf#`), and never a directory.
 * A check that reads a file Terraform ignores can credit a protection that will never be applied.
 */
let dir: string;
beforeEach(() => (dir = tempDir('palisade-module-files-')));
afterEach(() => rmrf(dir));

const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
const BUCKET = 'provider "aws" { region = "eu-west-1" }\nresource "aws_s3_bucket" "b" { bucket = "b" }\n';
const BLOCK = 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.b.id\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n';
const blockVerdict = () => runBaseline(loadModel(dir), { rules: [s3PublicAccessBlock] }).results.find((r) => r.resource === 'aws_s3_bucket.b')?.status;

describe('the files of a Terraform module directory', () => {
  test('a public access block in main.tf protects the bucket (control)', () => {
    write('main.tf', BUCKET + BLOCK);
    expect(blockVerdict()).toBe('compliant');
  });

  test.each(['.block.tf', 'block.tf~', '#block.tf#', '.block.tf.json'])('a protection in %s, which Terraform ignores, protects nothing', (name) => {
    write('main.tf', BUCKET);
    write(name, name.endsWith('.json') ? JSON.stringify({ resource: { aws_s3_bucket_public_access_block: { b: { bucket: '${aws_s3_bucket.b.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } } } }) : BLOCK);
    expect(blockVerdict()).toBe('non-compliant');
  });

  test('a directory named like a config file is not read as one', () => {
    write('main.tf', BUCKET + BLOCK);
    fs.mkdirSync(path.join(dir, 'templates.tf'));
    expect(blockVerdict()).toBe('compliant');
  });

  test('a cdk.tf.json with other config files beside it is refused, naming the other file', () => {
    write('cdk.tf.json', JSON.stringify({ provider: { aws: [{ region: 'eu-west-1' }] }, resource: { aws_s3_bucket: { b: { bucket: 'b' } } } }));
    write('extra.tf', 'resource "aws_security_group" "open" {}\n');
    expect(() => loadModel(dir)).toThrow(/extra\.tf: shares its directory with cdk\.tf\.json/);
    fs.renameSync(path.join(dir, 'extra.tf'), path.join(dir, '.extra.tf'));
    expect(loadModel(dir).resources.map((r) => r.address)).toEqual(['aws_s3_bucket.b']);
  });
});

describe('the backend of a Terraform source root module', () => {
  const stateVerdict = () => runBaseline(loadModel(dir), { rules: [s3BackendProtected] }).results.map((r) => `${r.status} ${r.resource}`);
  const backend = (settings: string) => `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\nterraform {\n  backend "s3" {\n${settings}\n  }\n}\n`;

  test('an S3 backend without encryption or locking is non-compliant, as it is in Terraform JSON', () => {
    write('main.tf', BUCKET + backend('    bucket = "state"\n    key = "prod.tfstate"\n    region = "eu-west-1"'));
    expect(stateVerdict()).toEqual(['non-compliant terraform.backend.s3']);
    rmrf(path.join(dir, 'main.tf'));
    write('main.tf.json', JSON.stringify({ terraform: { backend: { s3: { bucket: 'state', key: 'prod.tfstate', region: 'eu-west-1' } } }, resource: { aws_s3_bucket: { b: { bucket: 'b' } } } }));
    expect(stateVerdict()).toEqual(['non-compliant terraform.backend.s3']);
  });

  test('an encrypted, KMS-keyed, locked S3 backend is compliant', () => {
    write('main.tf', BUCKET + backend('    bucket = "state"\n    key = "prod.tfstate"\n    region = "eu-west-1"\n    encrypt = true\n    kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1"\n    use_lockfile = true'));
    expect(stateVerdict()).toEqual(['compliant terraform.backend.s3']);
  });

  test('two backend blocks are refused, naming the file', () => {
    write('main.tf', BUCKET + backend('    bucket = "a"'));
    write('state.tf', backend('    bucket = "b"'));
    expect(() => loadModel(dir)).toThrow(/duplicate backend configuration/);
  });
});

describe('what makes a directory a Terraform module', () => {
  test('another tool\'s manifest.json beside the configuration does not hide it', () => {
    write('main.tf', BUCKET + BLOCK);
    write('manifest.json', JSON.stringify({ name: 'my-app', files: ['main.tf'] }));
    expect(blockVerdict()).toBe('compliant');
  });

  test('a .tf.json file holding only moved, import or removed blocks is configuration, and the module is read', () => {
    write('main.tf.json', JSON.stringify({ provider: { aws: { region: 'eu-west-1' } }, resource: { aws_s3_bucket: { b: { bucket: 'b' } } } }));
    write('moved.tf.json', JSON.stringify({ moved: [{ from: 'aws_s3_bucket.old', to: 'aws_s3_bucket.b' }] }));
    expect(blockVerdict()).toBe('non-compliant');
  });
});
