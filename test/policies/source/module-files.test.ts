import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBaseline } from '../../../policies/engine';
import { loadModel } from '../../../policies/model/load';
import { s3PublicAccessBlock } from '../../../policies/rules/pal-bucket-003';
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
