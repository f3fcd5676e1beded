import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBaseline } from '../../../policies/engine';
import { Builder, type PendingRef } from '../../../policies/model/builder';
import { loadModel, modelFromDocuments } from '../../../policies/model/load';
import type { Model } from '../../../policies/model/model';
import { findRefs, planExpressionRefs } from '../../../policies/model/refs';
import type { Resource } from '../../../policies/model/types';
import { rmrf, tempDir } from '../fixtures';

// A reference to one instance of a counted or for_each resource (`aws_s3_bucket.b[0].id`, `aws_s3_bucket.m["x"].id`,
// `aws_s3_bucket.c[count.index].id`) is an edge to that instance only: an edge to every instance credited each of them
// with the public access block, versioning or flow log only one has.

const verdicts = (model: Model, ruleId: string): string[] =>
  runBaseline(model, { today: '2026-06-01' })
    .results.filter((r) => r.ruleId === ruleId && r.status !== 'not-applicable')
    .map((r) => `${r.status} ${r.resource}`)
    .sort();

function withSource<T>(files: Record<string, string>, fn: (dir: string) => T): T {
  const dir = tempDir('palisade-indexed-');
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return fn(dir);
  } finally {
    rmrf(dir);
  }
}

const targets = (model: Model, from: string, attribute?: string): string[] => model.targets(model.get(model.stacks[0].name, from)!, attribute).map((r) => r.address);

const PROVIDER = 'provider "aws" {\n  region = "eu-west-1"\n}\n';
const BLOCK_ALL = 'block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true';

describe('references: the instance an index names', () => {
  test('a literal index names its instance, a splat or no index the resource as a whole', () => {
    expect(findRefs('${aws_s3_bucket.b[0].id}')).toEqual([{ address: 'aws_s3_bucket.b[0]', attribute: 'id' }]);
    expect(findRefs('${aws_s3_bucket.b[ 12 ].arn}')).toEqual([{ address: 'aws_s3_bucket.b[12]', attribute: 'arn' }]);
    expect(findRefs('${aws_s3_bucket.m["x"].id}')).toEqual([{ address: 'aws_s3_bucket.m["x"]', attribute: 'id' }]);
    expect(findRefs('${data.aws_iam_policy_document.d["a b"].json}')).toEqual([{ address: 'data.aws_iam_policy_document.d["a b"]', attribute: 'json' }]);
    expect(findRefs('${aws_s3_bucket.c[*].arn}')).toEqual([{ address: 'aws_s3_bucket.c', attribute: 'arn' }]);
    expect(findRefs('${aws_s3_bucket.c.*.arn}')).toEqual([{ address: 'aws_s3_bucket.c', attribute: 'arn' }]);
    expect(findRefs('${[for b in aws_s3_bucket.c : b.arn]}')).toEqual([{ address: 'aws_s3_bucket.c' }]);
  });

  test("the referrer's own count.index / each.key is kept for the loader; any other index expression is unresolved", () => {
    expect(findRefs('${aws_s3_bucket.c[count.index].id}')).toEqual([{ address: 'aws_s3_bucket.c[count.index]', attribute: 'id' }]);
    expect(findRefs('${aws_s3_bucket.m[each.key].id}')).toEqual([{ address: 'aws_s3_bucket.m[each.key]', attribute: 'id' }]);
    for (const index of ['var.i', 'local.k', 'count.index + 1', 'each.value', '"${each.key}"', 'length(var.l) - 1', '"a', '']) {
      expect([index, findRefs(`\${aws_s3_bucket.c[${index}].id}`)]).toEqual([index, [{ address: 'aws_s3_bucket.c[?]', attribute: 'id' }]]);
    }
  });

  test('a legacy splat with an index, or element() of a splat, picks that instance; an indexed call or parentheses around the resource one the reading cannot tell', () => {
    expect(findRefs('${aws_s3_bucket.c.*.id[2]}')).toEqual([{ address: 'aws_s3_bucket.c[2]', attribute: 'id' }]);
    expect(findRefs('${element(aws_s3_bucket.c[*].id, 1)}')).toEqual([{ address: 'aws_s3_bucket.c[1]', attribute: 'id' }]);
    expect(findRefs('${element(aws_s3_bucket.c.*.id, count.index)}')).toEqual([{ address: 'aws_s3_bucket.c[count.index]', attribute: 'id' }]);
    expect(findRefs('${tolist(aws_s3_bucket.c[*].id)[1]}')).toEqual([{ address: 'aws_s3_bucket.c[?]', attribute: 'id' }]);
    expect(findRefs('${values(aws_s3_bucket.m)[0].id}')).toEqual([{ address: 'aws_s3_bucket.m[?]' }]);
    expect(findRefs('${(aws_s3_bucket.c.*.id)[0]}')).toEqual([{ address: 'aws_s3_bucket.c[?]', attribute: 'id' }]);
    // Not narrowed: the resource as a whole.
    expect(findRefs('${length(aws_s3_bucket.c)}')).toEqual([{ address: 'aws_s3_bucket.c' }]);
    expect(findRefs('${jsonencode(aws_s3_bucket.c[*].arn)}')).toEqual([{ address: 'aws_s3_bucket.c', attribute: 'arn' }]);
  });

  test('two references to instances of one resource in one string are two instances', () => {
    expect(findRefs('${aws_s3_bucket.b[0].id}-${aws_s3_bucket.b[1].id}')).toEqual([
      { address: 'aws_s3_bucket.b[0]', attribute: 'id' },
      { address: 'aws_s3_bucket.b[1]', attribute: 'id' },
    ]);
  });
});

describe('plan references: what `terraform show -json` lists for one expression (Terraform 1.11.4)', () => {
  test('a static index comes with its prefixes: the instance only', () => {
    expect(planExpressionRefs(['aws_s3_bucket.b[0].id', 'aws_s3_bucket.b[0]', 'aws_s3_bucket.b'])).toEqual([{ address: 'aws_s3_bucket.b[0]', attribute: 'id' }]);
    expect(planExpressionRefs(['aws_s3_bucket.m["x"].id', 'aws_s3_bucket.m["x"]', 'aws_s3_bucket.m'])).toEqual([{ address: 'aws_s3_bucket.m["x"]', attribute: 'id' }]);
    expect(planExpressionRefs(['data.aws_iam_policy_document.d[0].json', 'data.aws_iam_policy_document.d[0]', 'data.aws_iam_policy_document.d'])).toEqual([{ address: 'data.aws_iam_policy_document.d[0]', attribute: 'json' }]);
  });

  test('a dynamic index is listed as the bare resource and what the index reads', () => {
    // bucket = aws_s3_bucket.c[count.index].id
    expect(planExpressionRefs(['aws_s3_bucket.c', 'count.index'])).toEqual([{ address: 'aws_s3_bucket.c[count.index]' }]);
    // bucket = aws_s3_bucket.m[each.key].id
    expect(planExpressionRefs(['aws_s3_bucket.m', 'each.key'])).toEqual([{ address: 'aws_s3_bucket.m[each.key]' }]);
    // bucket = "${aws_s3_bucket.c[0].id}${aws_s3_bucket.c[count.index].id}": the second bare resource is its own reference
    expect(planExpressionRefs(['aws_s3_bucket.c[0].id', 'aws_s3_bucket.c[0]', 'aws_s3_bucket.c', 'aws_s3_bucket.c', 'count.index'])).toEqual([
      { address: 'aws_s3_bucket.c[0]', attribute: 'id' },
      { address: 'aws_s3_bucket.c[count.index]' },
    ]);
  });

  test('a bare resource otherwise names it as a whole (a splat, a for expression; the list cannot show c[var.i])', () => {
    expect(planExpressionRefs(['aws_s3_bucket.c'])).toEqual([{ address: 'aws_s3_bucket.c' }]);
    expect(planExpressionRefs(['aws_s3_bucket.c', 'var.i'])).toEqual([{ address: 'aws_s3_bucket.c' }]);
    expect(planExpressionRefs(['aws_vpc.main.id', 'aws_vpc.main'])).toEqual([{ address: 'aws_vpc.main', attribute: 'id' }]);
    expect(planExpressionRefs(['module.m.out', 'module.m', 'var.x', 'local.y', 'each.value.id', 'each.value', 7])).toEqual([]);
  });
});

describe('edges: a plan expression read by planExpressionRefs reaches the instance it names', () => {
  const resource = (address: string): Resource => ({ mode: 'managed', stack: 's', type: address.split('.')[0], name: address.split('.')[1].replace(/\[.*$/, ''), address, key: `s/${address}`, values: {}, file: 'f', displayFile: 'f', jsonPath: address, providers: [], rawSuppressions: undefined });
  const edges = (addresses: string[], refs: Record<string, unknown[]>): string[] => {
    const rs = addresses.map(resource);
    const pending: PendingRef[] = [];
    for (const [from, list] of Object.entries(refs)) {
      for (const ref of planExpressionRefs(list)) pending.push({ from: rs.find((r) => r.address === from)!, address: ref.address, targetAttribute: ref.attribute, path: 'bucket' });
    }
    const b = new Builder('/');
    b.resolve(rs, pending, false);
    return b.edges.map((e) => `${e.from.address} -> ${e.to.address}${e.unresolvedInstance ? ' (candidate)' : ''}`);
  };

  test('[0] and ["x"]: that instance; [count.index] / [each.key]: the instance of the same key; a bare resource: all', () => {
    const buckets = ['aws_s3_bucket.b[0]', 'aws_s3_bucket.b[1]', 'aws_s3_bucket.m["x"]', 'aws_s3_bucket.m["y"]'];
    expect(
      edges([...buckets, 'aws_s3_bucket_public_access_block.p', 'aws_s3_bucket_versioning.v', 'aws_s3_bucket_ownership_controls.o[1]', 'aws_s3_bucket_ownership_controls.e["y"]', 'aws_iam_policy.all'], {
        'aws_s3_bucket_public_access_block.p': ['aws_s3_bucket.b[0].id', 'aws_s3_bucket.b[0]', 'aws_s3_bucket.b'],
        'aws_s3_bucket_versioning.v': ['aws_s3_bucket.m["x"].id', 'aws_s3_bucket.m["x"]', 'aws_s3_bucket.m'],
        'aws_s3_bucket_ownership_controls.o[1]': ['aws_s3_bucket.b', 'count.index'],
        'aws_s3_bucket_ownership_controls.e["y"]': ['aws_s3_bucket.m', 'each.key'],
        'aws_iam_policy.all': ['aws_s3_bucket.b'],
      }),
    ).toEqual([
      'aws_s3_bucket_public_access_block.p -> aws_s3_bucket.b[0]',
      'aws_s3_bucket_versioning.v -> aws_s3_bucket.m["x"]',
      'aws_s3_bucket_ownership_controls.o[1] -> aws_s3_bucket.b[1]',
      'aws_s3_bucket_ownership_controls.e["y"] -> aws_s3_bucket.m["y"]',
      'aws_iam_policy.all -> aws_s3_bucket.b[0]',
      'aws_iam_policy.all -> aws_s3_bucket.b[1]',
    ]);
  });

  test('[count.index] from a referrer with no instance key of that kind: every instance, each only a candidate; a key the target lacks: none', () => {
    expect(edges(['aws_s3_bucket.b[0]', 'aws_s3_bucket.b[1]', 'aws_flow_log.one', 'aws_flow_log.keyed["x"]', 'aws_flow_log.n[5]'], {
      'aws_flow_log.one': ['aws_s3_bucket.b', 'count.index'],
      'aws_flow_log.keyed["x"]': ['aws_s3_bucket.b', 'count.index'],
      'aws_flow_log.n[5]': ['aws_s3_bucket.b', 'count.index'],
    })).toEqual([
      'aws_flow_log.one -> aws_s3_bucket.b[0] (candidate)',
      'aws_flow_log.one -> aws_s3_bucket.b[1] (candidate)',
      'aws_flow_log.keyed["x"] -> aws_s3_bucket.b[0] (candidate)',
      'aws_flow_log.keyed["x"] -> aws_s3_bucket.b[1] (candidate)',
    ]);
  });

  test('an instance key written for a resource of another stack, or one no instance has, is no edge', () => {
    const from = resource('aws_flow_log.f');
    const b = new Builder('/');
    b.resolve([from, resource('aws_vpc.v[0]')], [{ from, address: 'aws_vpc.other[0]', path: 'vpc_id' }, { from, address: 'aws_vpc.v[3]', path: 'vpc_id' }], false);
    expect(b.edges).toEqual([]);
  });

  test('an instance one reference of a path names and another only may be is named, not a candidate', () => {
    const from = resource('aws_iam_policy.p');
    const rs = [from, resource('aws_s3_bucket.b[0]'), resource('aws_s3_bucket.b[1]')];
    for (const order of [['aws_s3_bucket.b[?]', 'aws_s3_bucket.b[1]'], ['aws_s3_bucket.b[1]', 'aws_s3_bucket.b[?]']]) {
      const b = new Builder('/');
      b.resolve(rs, order.map((address) => ({ from, address, path: 'policy' })), false);
      expect(b.edges.map((e) => `${e.to.address}${e.unresolvedInstance ? ' (candidate)' : ''}`).sort()).toEqual(['aws_s3_bucket.b[0] (candidate)', 'aws_s3_bucket.b[1]']);
    }
  });
});

describe('Terraform source (HCL): a reference to one instance credits that instance only', () => {
  test('b[0] has a public access block, b[1] none; m["x"] versioning, m["y"] none (PAL-BUCKET-003, PAL-BUCKET-002)', () => {
    const tf = `${PROVIDER}
resource "aws_s3_bucket" "b" {
  count  = 2
  bucket = "pal-b-\${count.index}"
}
resource "aws_s3_bucket_public_access_block" "p" {
  bucket = aws_s3_bucket.b[0].id
  ${BLOCK_ALL}
}
resource "aws_s3_bucket" "m" {
  for_each = toset(["x", "y"])
  bucket   = "pal-m-\${each.key}"
}
resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.m["x"].id
  versioning_configuration {
    status = "Enabled"
  }
}
`;
    withSource({ 'main.tf': tf }, (dir) => {
      const model = loadModel(dir);
      expect(targets(model, 'aws_s3_bucket_public_access_block.p', 'bucket')).toEqual(['aws_s3_bucket.b[0]']);
      expect(targets(model, 'aws_s3_bucket_versioning.v', 'bucket')).toEqual(['aws_s3_bucket.m["x"]']);
      expect(verdicts(model, 'PAL-BUCKET-003').filter((v) => v.includes('.b['))).toEqual(['compliant aws_s3_bucket.b[0]', 'non-compliant aws_s3_bucket.b[1]']);
      expect(verdicts(model, 'PAL-BUCKET-002').filter((v) => v.includes('.m['))).toEqual(['compliant aws_s3_bucket.m["x"]', 'non-compliant aws_s3_bucket.m["y"]']);
    });
  });

  test('c[count.index] from a counted referrer and m[each.key] from a for_each referrer name the instance of the same key (PAL-BUCKET-005)', () => {
    const tf = `${PROVIDER}
resource "aws_s3_bucket" "c" {
  count  = 3
  bucket = "pal-c-\${count.index}"
}
resource "aws_s3_bucket_ownership_controls" "o" {
  count  = 2
  bucket = aws_s3_bucket.c[count.index].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}
resource "aws_s3_bucket" "m" {
  for_each = toset(["x", "y", "z"])
  bucket   = "pal-m-\${each.key}"
}
resource "aws_s3_bucket_ownership_controls" "e" {
  for_each = toset(["x", "z"])
  bucket   = aws_s3_bucket.m[each.key].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}
`;
    withSource({ 'main.tf': tf }, (dir) => {
      const model = loadModel(dir);
      expect(targets(model, 'aws_s3_bucket_ownership_controls.o[1]', 'bucket')).toEqual(['aws_s3_bucket.c[1]']);
      expect(targets(model, 'aws_s3_bucket_ownership_controls.e["z"]', 'bucket')).toEqual(['aws_s3_bucket.m["z"]']);
      expect(verdicts(model, 'PAL-BUCKET-005')).toEqual([
        'compliant aws_s3_bucket.c[0]',
        'compliant aws_s3_bucket.c[1]',
        'compliant aws_s3_bucket.m["x"]',
        'compliant aws_s3_bucket.m["z"]',
        'non-compliant aws_s3_bucket.c[2]',
        'non-compliant aws_s3_bucket.m["y"]',
      ]);
    });
  });

  test('v[0] has the flow log and the adopted default security group, v[1] neither (PAL-VPC-001, PAL-VPC-002)', () => {
    const tf = `${PROVIDER}
resource "aws_vpc" "v" {
  count      = 2
  cidr_block = "10.\${count.index}.0.0/16"
}
resource "aws_flow_log" "f" {
  vpc_id               = aws_vpc.v[0].id
  traffic_type         = "ALL"
  log_destination      = "arn:aws:s3:::pal-flow"
  log_destination_type = "s3"
}
resource "aws_default_security_group" "d" {
  vpc_id = aws_vpc.v[0].id
}
`;
    withSource({ 'main.tf': tf }, (dir) => {
      const model = loadModel(dir);
      expect(verdicts(model, 'PAL-VPC-001')).toEqual(['compliant aws_vpc.v[0]', 'non-compliant aws_vpc.v[1]']);
      expect(verdicts(model, 'PAL-VPC-002')).toEqual(['compliant aws_vpc.v[0]', 'non-compliant aws_vpc.v[1]']);
    });
  });

  test('an index the source does not resolve (var.i) links every instance as a candidate; a splat in a list names every instance', () => {
    const tf = `${PROVIDER}
variable "i" {
  default = 1
}
resource "aws_s3_bucket" "b" {
  count  = 2
  bucket = "pal-b-\${count.index}"
}
resource "aws_s3_bucket_public_access_block" "p" {
  bucket = aws_s3_bucket.b[var.i].id
  ${BLOCK_ALL}
}
resource "aws_iam_policy" "all" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = aws_s3_bucket.b[*].arn }] })
}
`;
    withSource({ 'main.tf': tf }, (dir) => {
      const model = loadModel(dir);
      const out = (from: string) => model.outgoing(model.get(model.stacks[0].name, from)!).map((e) => `${e.to.address}${e.unresolvedInstance ? ' (candidate)' : ''}`);
      expect(out('aws_s3_bucket_public_access_block.p')).toEqual(['aws_s3_bucket.b[0] (candidate)', 'aws_s3_bucket.b[1] (candidate)']);
      expect(out('aws_iam_policy.all')).toEqual(['aws_s3_bucket.b[0]', 'aws_s3_bucket.b[1]']);
    });
  });

  test('a route table association whose table index the source does not resolve still exposes the data subnets to its internet route (PAL-VPC-004)', () => {
    // The single-NAT idiom of VPC modules: an edge to no table would read as the main route table, and pass.
    const tf = `${PROVIDER}
variable "single" {
  default = true
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.v.id
}
resource "aws_subnet" "data" {
  count      = 2
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.\${count.index}.0/24"
  tags = {
    Tier = "data"
  }
}
resource "aws_route_table" "rt" {
  count  = 1
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "a" {
  count          = 2
  subnet_id      = aws_subnet.data[count.index].id
  route_table_id = aws_route_table.rt[var.single ? 0 : count.index].id
}
`;
    withSource({ 'main.tf': tf }, (dir) => {
      const model = loadModel(dir);
      expect(targets(model, 'aws_route_table_association.a[1]', 'subnet_id')).toEqual(['aws_subnet.data[1]']);
      expect(verdicts(model, 'PAL-VPC-004')).toEqual(['non-compliant aws_subnet.data[0]', 'non-compliant aws_subnet.data[1]']);
    });
  });
});

describe('Terraform source: a function or splat that picks one instance', () => {
  test('aws_s3_bucket.c.*.id[2] and element(aws_s3_bucket.c[*].id, 1) name c[2] and c[1]; c[0] has no ownership controls (PAL-BUCKET-005)', () => {
    const controls = (name: string, bucket: string) => `resource "aws_s3_bucket_ownership_controls" "${name}" {\n  bucket = ${bucket}\n  rule {\n    object_ownership = "BucketOwnerEnforced"\n  }\n}\n`;
    const tf = `${PROVIDER}resource "aws_s3_bucket" "c" {\n  count  = 3\n  bucket = "pal-c-\${count.index}"\n}\n${controls('legacy', 'aws_s3_bucket.c.*.id[2]')}${controls('element', 'element(aws_s3_bucket.c[*].id, 1)')}`;
    withSource({ 'main.tf': tf }, (dir) => {
      const model = loadModel(dir);
      expect(targets(model, 'aws_s3_bucket_ownership_controls.legacy')).toEqual(['aws_s3_bucket.c[2]']);
      expect(targets(model, 'aws_s3_bucket_ownership_controls.element')).toEqual(['aws_s3_bucket.c[1]']);
      expect(verdicts(model, 'PAL-BUCKET-005')).toEqual(['compliant aws_s3_bucket.c[1]', 'compliant aws_s3_bucket.c[2]', 'non-compliant aws_s3_bucket.c[0]']);
    });
  });
});

describe('Terraform JSON', () => {
  const bucketsJson = {
    provider: { aws: { region: 'eu-west-1' } },
    resource: {
      aws_s3_bucket: { c: { count: 3, bucket: 'pal-c-${count.index}' }, m: { for_each: '${toset(["x", "y"])}', bucket: 'pal-m-${each.key}' } },
      aws_s3_bucket_public_access_block: {
        p: { count: 2, bucket: '${aws_s3_bucket.c[count.index].id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
      },
      aws_s3_bucket_versioning: { v: { for_each: '${toset(["y"])}', bucket: '${aws_s3_bucket.m[each.key].id}', versioning_configuration: { status: 'Enabled' } } },
    },
  };

  test('*.tf.json, evaluated: a count / for_each referrer credits the instance of its own key (PAL-BUCKET-003, PAL-BUCKET-002)', () => {
    withSource({ 'main.tf.json': JSON.stringify(bucketsJson) }, (dir) => {
      const model = loadModel(dir);
      expect(targets(model, 'aws_s3_bucket_public_access_block.p[1]', 'bucket')).toEqual(['aws_s3_bucket.c[1]']);
      expect(verdicts(model, 'PAL-BUCKET-003').filter((v) => v.includes('.c['))).toEqual(['compliant aws_s3_bucket.c[0]', 'compliant aws_s3_bucket.c[1]', 'non-compliant aws_s3_bucket.c[2]']);
      expect(verdicts(model, 'PAL-BUCKET-002')).toEqual(['compliant aws_s3_bucket.m["y"]', 'non-compliant aws_s3_bucket.c[0]', 'non-compliant aws_s3_bucket.c[1]', 'non-compliant aws_s3_bucket.c[2]', 'non-compliant aws_s3_bucket.m["x"]']);
    });
  });

  test('a configuration whose instances are not expanded keeps the edge to the one resource that stands for them', () => {
    const model = modelFromDocuments([{ file: '/virtual/cdk.tf.json', json: bucketsJson, stackName: 'cdk' }], { baseDir: '/virtual' });
    expect(targets(model, 'aws_s3_bucket_public_access_block.p', 'bucket')).toEqual(['aws_s3_bucket.c']);
    expect(targets(model, 'aws_s3_bucket_versioning.v', 'bucket')).toEqual(['aws_s3_bucket.m']);
  });
});
