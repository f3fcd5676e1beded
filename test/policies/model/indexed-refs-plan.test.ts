import { runBaseline } from '../../../policies/engine';
import type { Model } from '../../../policies/model/model';
import { plan, type Planned } from './plan-in-memory';

// A plan's reference to one instance (`terraform show -json` lists `aws_s3_bucket.b[0].id`, `aws_s3_bucket.b[0]`,
// `aws_s3_bucket.b`; for `aws_s3_bucket.c[count.index].id` it lists `aws_s3_bucket.c` and `count.index`) credits that
// instance only. The reading is `planExpressionRefs` (policies/model/refs.ts, tested in indexed-refs.test.ts); these
// tests hold the plan loader (`refsAt` in from-plan.ts) to it.

const AWS = { aws: { region: { constant_value: 'eu-west-1' } } };
const refs = (...references: string[]) => ({ references });
const on = (v: unknown) => ({ constant_value: v });

const verdicts = (model: Model, ruleId: string): string[] =>
  runBaseline(model, { today: '2026-06-01' })
    .results.filter((r) => r.ruleId === ruleId && r.status !== 'not-applicable')
    .map((r) => `${r.status} ${r.resource}`)
    .sort();

const bucket = (address: string): Planned => ({ address, values: { bucket: address.replace(/\W+/g, '-') }, expressions: { bucket: on(address.replace(/\W+/g, '-')) } });
const blockAll = { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };
const blockAllExpressions = Object.fromEntries(Object.entries(blockAll).map(([k, v]) => [k, on(v)]));

describe('plan: a reference to one instance credits that instance only', () => {
  test('bucket = aws_s3_bucket.b[0].id: b[0] has the public access block, b[1] none (PAL-BUCKET-003)', () => {
    const model = plan(AWS, [
      bucket('aws_s3_bucket.b[0]'),
      bucket('aws_s3_bucket.b[1]'),
      { address: 'aws_s3_bucket_public_access_block.p', values: { ...blockAll }, expressions: { ...blockAllExpressions, bucket: refs('aws_s3_bucket.b[0].id', 'aws_s3_bucket.b[0]', 'aws_s3_bucket.b') } },
    ]);
    expect(verdicts(model, 'PAL-BUCKET-003')).toEqual(['compliant aws_s3_bucket.b[0]', 'non-compliant aws_s3_bucket.b[1]']);
  });

  test('bucket = aws_s3_bucket.m["x"].id: m["x"] is versioned, m["y"] not (PAL-BUCKET-002)', () => {
    const model = plan(AWS, [
      bucket('aws_s3_bucket.m["x"]'),
      bucket('aws_s3_bucket.m["y"]'),
      { address: 'aws_s3_bucket_versioning.v', values: { versioning_configuration: [{ status: 'Enabled' }] }, expressions: { bucket: refs('aws_s3_bucket.m["x"].id', 'aws_s3_bucket.m["x"]', 'aws_s3_bucket.m'), versioning_configuration: [{ status: on('Enabled') }] } },
    ]);
    expect(verdicts(model, 'PAL-BUCKET-002')).toEqual(['compliant aws_s3_bucket.m["x"]', 'non-compliant aws_s3_bucket.m["y"]']);
  });

  test('count = 2, bucket = aws_s3_bucket.c[count.index].id: c[0] and c[1] have ownership controls, c[2] none (PAL-BUCKET-005)', () => {
    const controls = (i: number): Planned => ({ address: `aws_s3_bucket_ownership_controls.o[${i}]`, values: { rule: [{ object_ownership: 'BucketOwnerEnforced' }] }, expressions: { bucket: refs('aws_s3_bucket.c', 'count.index'), rule: [{ object_ownership: on('BucketOwnerEnforced') }] } });
    const model = plan(AWS, [bucket('aws_s3_bucket.c[0]'), bucket('aws_s3_bucket.c[1]'), bucket('aws_s3_bucket.c[2]'), controls(0), controls(1)]);
    expect(verdicts(model, 'PAL-BUCKET-005')).toEqual(['compliant aws_s3_bucket.c[0]', 'compliant aws_s3_bucket.c[1]', 'non-compliant aws_s3_bucket.c[2]']);
  });

  test('vpc_id = aws_vpc.v[0].id: v[0] has the flow log, v[1] none (PAL-VPC-001)', () => {
    const model = plan(AWS, [
      { address: 'aws_vpc.v[0]', values: { cidr_block: '10.0.0.0/16' } },
      { address: 'aws_vpc.v[1]', values: { cidr_block: '10.1.0.0/16' } },
      {
        address: 'aws_flow_log.f',
        values: { traffic_type: 'ALL', log_destination: 'arn:aws:s3:::pal-flow', log_destination_type: 's3' },
        expressions: { vpc_id: refs('aws_vpc.v[0].id', 'aws_vpc.v[0]', 'aws_vpc.v'), traffic_type: on('ALL'), log_destination: on('arn:aws:s3:::pal-flow'), log_destination_type: on('s3') },
      },
    ]);
    expect(verdicts(model, 'PAL-VPC-001')).toEqual(['compliant aws_vpc.v[0]', 'non-compliant aws_vpc.v[1]']);
  });
});
