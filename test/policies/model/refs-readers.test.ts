import fc from 'fast-check';
import { findRefs, interpolations, planExpressionRefs } from '../../../policies/model/refs';

// The loader reads references in two ways: a plain traversal (`${aws_vpc.main.id}`, most of an estate) part by part,
// everything else with the brace walk and the general pattern. These tests hold both to one answer.

/** The interpolation bodies of a string, read one character at a time: the specification `interpolations` follows. */
function bodiesByCharacter(s: string): string[] {
  const out: string[] = [];
  let i = s.indexOf('${');
  while (i !== -1) {
    let depth = 0;
    let inString = false;
    let j = i + 1;
    for (; j < s.length; j++) {
      const c = s[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    out.push(s.slice(i + 2, j));
    i = s.indexOf('${', j + 1);
  }
  return out;
}

/** Strings dense in what changes how an interpolation is read: `${`, braces, quotes and backslashes. */
const templateText = fc.array(fc.constantFrom('${', '${"', '$', '{', '}', '"', '"}', '\\', '\\"', 'a', '.', ' ', 'aws_vpc.main.id'), { maxLength: 24 }).map((parts) => parts.join(''));

/** Parts of a dotted traversal, valid and not: types, names, roots Terraform reserves, digits first, hyphens, empty. */
const part = fc.constantFrom('data', 'aws_vpc', 'aws_s3_bucket', 'random_id', 'aws_', 'a__b', 'main', 'Main', '_x', 'x-y', 'foo-bar', '1abc', '9', '', 'var', 'local', 'module', 'each', 'self', 'id', 'arn', 'json', 'A_b', 'aws_vpc2', 'ab_c-d', 'terraform_remote_state');
const traversal = fc.oneof(fc.array(part, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.')), fc.stringMatching(/^[A-Za-z0-9_.-]{1,24}$/));

describe('interpolations', () => {
  test('returns the bodies a character-by-character reading finds, on any mix of braces, quotes and escapes', () => {
    fc.assert(fc.property(templateText, (s) => expect(interpolations(s)).toEqual(bodiesByCharacter(s))), { numRuns: 2000 });
  });

  test('an escaped quote inside a quoted string does not end it; an unclosed interpolation runs to the end', () => {
    expect(interpolations('${f("a\\"}", aws_vpc.x.id)}-${aws_subnet.a.id')).toEqual(['f("a\\"}", aws_vpc.x.id)', 'aws_subnet.a.id']);
  });
});

describe('references of a plain traversal', () => {
  test('are those the general reading finds in the same traversal written with text around it', () => {
    // `${t} ` is no plain traversal (the text after it), so it is read by the brace walk and the general pattern.
    fc.assert(fc.property(traversal, (t) => expect(findRefs(`\${${t}}`)).toEqual(findRefs(`\${${t}} `))), { numRuns: 3000 });
  });

  test('name the resource or data source and the attribute, and nothing for a root that is not a resource', () => {
    expect(findRefs('${data.terraform_remote_state.net.outputs.vpc_id}')).toEqual([{ address: 'data.terraform_remote_state.net', attribute: 'outputs' }]);
    expect(findRefs('${aws_vpc.main}')).toEqual([{ address: 'aws_vpc.main' }]);
    expect(findRefs('${aws_vpc.main.foo-bar}')).toEqual([{ address: 'aws_vpc.main', attribute: 'foo' }]);
    expect(findRefs('${aws_vpc.main.1st}')).toEqual([{ address: 'aws_vpc.main' }]);
    expect(findRefs('${aws_vpc.my-vpc.id}')).toEqual([{ address: 'aws_vpc.my-vpc', attribute: 'id' }]);
    for (const none of ['${data.aws_vpc}', '${data.aws_vpc.1x.id}', '${var.region}', '${local.tags}', '${aws_vpc}', '${Aws_vpc.main.id}', '${aws_.x.id}', '${aws_vpc.9.id}']) {
      expect([none, findRefs(none)]).toEqual([none, []]);
    }
  });

  test('`data` followed by what is no data source address is read as a type named data, which is none', () => {
    expect(findRefs('${data.x.y}')).toEqual([]);
    expect(findRefs('${data.aws_vpc.main}')).toEqual([{ address: 'data.aws_vpc.main' }]);
  });
});

// An index names one instance (`aws_s3_bucket.b[0]`), the referrer's own (`[count.index]`, `[each.key]`), or one the
// reading cannot tell (`[?]`); a splat or no index names the resource as a whole. Both readings follow that rule.

/** What an index written between brackets names, by the rule the loader follows (the specification `instanceSuffix` implements). */
function namedInstance(index: string): string {
  const k = index.trim();
  if (k === '*') return '';
  if (/^[0-9]+$/.test(k)) return `[${Number(k)}]`;
  if (k === 'count.index' || k === 'each.key') return `[${k}]`;
  if (/^"[A-Za-z0-9 ._/-]*"$/.test(k)) return `[${k}]`;
  return '[?]';
}

const index = fc.constantFrom('0', '1', ' 2 ', '10', '007', '*', ' * ', '"x"', '"eu-west-1a"', '"a b"', 'count.index', ' each.key ', 'var.i', 'local.k', 'count.index + 1', 'each.value', '"${each.key}"', 'length(var.l) - 1', '', '-1', '1.5');
const resourceTraversal = fc.tuple(fc.constantFrom('', 'data.'), fc.constantFrom('aws_vpc', 'aws_s3_bucket', 'random_id'), fc.constantFrom('main', 'b', 'x-y', '_c'), fc.constantFrom('', '.id', '.arn', '.tags.Name'));

describe('references to one instance', () => {
  test('an index adds the instance it names to the address and leaves the attribute as it was', () => {
    fc.assert(
      fc.property(resourceTraversal, index, fc.constantFrom('', ' x', '-${var.y}'), ([data, type, name, attr], i, after) => {
        const whole = findRefs(`\${${data}${type}.${name}${attr}}${after}`);
        const one = findRefs(`\${${data}${type}.${name}[${i}]${attr}}${after}`);
        expect(one).toEqual(whole.map((r) => ({ ...r, address: `${r.address}${namedInstance(i)}` })));
      }),
      { numRuns: 2000 },
    );
  });

  test('a legacy splat followed by an index, and element() of a splat, pick one instance', () => {
    fc.assert(
      fc.property(resourceTraversal, index, ([data, type, name], i) => {
        if (i.trim() === '*' || i.includes('(') || i.includes(',')) return;
        const address = `${data}${type}.${name}${namedInstance(i)}`;
        expect(findRefs(`\${${data}${type}.${name}.*.id[${i}]}`)).toEqual([{ address, attribute: 'id' }]);
        expect(findRefs(`\${element(${data}${type}.${name}[*].id, ${i})}`)).toEqual([{ address, attribute: 'id' }]);
        expect(findRefs(`\${element(${data}${type}.${name}.*.id,${i})}`)).toEqual([{ address, attribute: 'id' }]);
      }),
      { numRuns: 1000 },
    );
  });

  test('a plain traversal never names an instance (it has no index), and its reading is unchanged', () => {
    fc.assert(fc.property(traversal, (t) => findRefs(`\${${t}}`).every((r) => !r.address.endsWith(']'))), { numRuns: 2000 });
  });
});

describe('plan references to one instance', () => {
  type Written = { kind: 'static'; i: string; attr?: string } | { kind: 'whole'; attr?: string } | { kind: 'own' };
  const written: fc.Arbitrary<Written> = fc.oneof(
    fc.record({ kind: fc.constant('static' as const), i: fc.constantFrom('0', '3', '"x"', '"a.b"'), attr: fc.constantFrom(undefined, 'id', 'arn') }),
    fc.record({ kind: fc.constant('whole' as const), attr: fc.constantFrom(undefined, 'id') }),
    fc.constant({ kind: 'own' as const }),
  );
  /** What Terraform lists for one traversal of `aws_s3_bucket.b` (a static index: itself and its prefixes; a dynamic one: the bare resource). */
  const listed = (w: Written): string[] => (w.kind === 'static' ? [...(w.attr ? [`aws_s3_bucket.b[${w.i}].${w.attr}`] : []), `aws_s3_bucket.b[${w.i}]`, 'aws_s3_bucket.b'] : ['aws_s3_bucket.b']);

  test('name each static instance once, and the bare resource only when one is written without a static index', () => {
    fc.assert(
      fc.property(fc.array(written, { minLength: 1, maxLength: 4 }), fc.boolean(), (ws, counted) => {
        const refs = [...ws.flatMap(listed), ...(counted || ws.some((w) => w.kind === 'own') ? ['count.index'] : [])];
        const own = refs.includes('count.index') ? '[count.index]' : '';
        const expected = new Set(ws.map((w) => (w.kind === 'static' ? `aws_s3_bucket.b[${w.i}]` : `aws_s3_bucket.b${own}`)));
        expect(new Set(planExpressionRefs(refs).map((r) => r.address))).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
