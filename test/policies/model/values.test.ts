import { findRefs, interpolations } from '../../../policies/model/refs';
import { asBool, asNumber, blocks, tagMap } from '../../../policies/model/values';

describe('blocks() normalises both nested-block shapes', () => {
  test('a single object, a list of objects, nested lists and nothing', () => {
    expect(blocks({ a: 1 })).toEqual([{ a: 1 }]);
    expect(blocks([{ a: 1 }, { a: 2 }])).toEqual([{ a: 1 }, { a: 2 }]);
    expect(blocks([[{ a: 1 }]])).toEqual([{ a: 1 }]);
    expect(blocks(undefined)).toEqual([]);
    expect(blocks(null)).toEqual([]);
    expect(blocks('${var.x}')).toEqual([]);
    expect(blocks([1, 'x', { a: 3 }])).toEqual([{ a: 3 }]);
  });
});

describe('scalar readers accept string renderings', () => {
  test('booleans and numbers as strings; tokens are unknown', () => {
    expect(asBool('true')).toBe(true);
    expect(asBool(false)).toBe(false);
    expect(asBool('${var.x}')).toBeUndefined();
    expect(asNumber('22')).toBe(22);
    expect(asNumber(22)).toBe(22);
    expect(asNumber('${var.port}')).toBeUndefined();
  });

  test('tags as a map or as a block list', () => {
    expect(tagMap({ Tier: 'data' })).toEqual({ Tier: 'data' });
    expect(tagMap([{ Tier: 'data' }])).toEqual({ Tier: 'data' });
  });
});

describe('findRefs()', () => {
  test('extracts resource and data references with their attribute', () => {
    expect(findRefs('${aws_kms_key.logs.arn}')).toEqual([{ address: 'aws_kms_key.logs', attribute: 'arn' }]);
    expect(findRefs('${data.aws_iam_policy_document.x.json}')).toEqual([{ address: 'data.aws_iam_policy_document.x', attribute: 'json' }]);
    expect(findRefs('${aws_subnet.a[0].id}')).toEqual([{ address: 'aws_subnet.a[0]', attribute: 'id' }]);
    expect(findRefs('${aws_subnet.a.*.id}')).toEqual([{ address: 'aws_subnet.a', attribute: 'id' }]);
  });

  test('skips variables, locals, module outputs and plain text', () => {
    expect(findRefs('${var.region}-${local.name}-${module.m.out}')).toEqual([]);
    expect(findRefs('aws_vpc.main.id')).toEqual([]);
  });

  test('handles nested braces and quoted strings inside an interpolation', () => {
    expect(interpolations('a-${jsonencode({"k" = "}"})}-b-${aws_vpc.x.id}')).toEqual(['jsonencode({"k" = "}"})', 'aws_vpc.x.id']);
    expect(findRefs('${jsonencode({"Resource" = aws_s3_bucket.b.arn})}')).toEqual([{ address: 'aws_s3_bucket.b', attribute: 'arn' }]);
  });
});
