/**
 * Child process of the benchmark: the raw-cdktf floor for synthesizing RESOURCES provider resources, without any
 * construct of ours: stacks of 20 buckets, each with a versioning resource referencing it (one token per resource,
 * as our constructs' references are), synthesized into OUTDIR. Prints one JSON line of figures.
 */
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';

const [resources, outdir] = [Number(process.argv[2]), process.argv[3]];
const started = process.hrtime.bigint();
const app = new App({ outdir, skipValidation: true });
for (let s = 0; s * 40 < resources; s++) {
  const stack = new TerraformStack(app, `floor${s}`);
  new AwsProvider(stack, 'aws', { region: 'eu-west-1', allowedAccountIds: ['111122223333'] });
  for (let i = 0; i < 20; i++) {
    const bucket = new S3Bucket(stack, `bucket${i}`, { bucket: `floor-${s}-${i}`, tags: { Environment: 'bench' } });
    new S3BucketVersioningA(stack, `versioning${i}`, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
  }
}
app.synth();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(`${JSON.stringify({ seconds, resources: Math.ceil(resources / 40) * 40, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
