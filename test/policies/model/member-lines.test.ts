import fc from 'fast-check';
import { memberLines } from '../../../policies/model/locate';

/** Lines `JSON.stringify(v, null, 2)` gives a value: one for scalars and empty containers, else open + members + close. */
function linesOf(v: unknown): number {
  const children = Array.isArray(v) ? v : v !== null && typeof v === 'object' ? Object.values(v) : [];
  return children.length === 0 ? 1 : 2 + children.reduce((n: number, c) => n + linesOf(c), 0);
}

/** The expected map, from the layout of pretty-printed JSON alone (an oracle independent of the scanner). */
function expectedLines(root: Record<string, unknown>, maxDepth: number): Map<string, number> {
  const out = new Map<string, number>();
  const visit = (obj: Record<string, unknown>, prefix: string[], firstLine: number) => {
    let line = firstLine;
    for (const [key, value] of Object.entries(obj)) {
      const path = [...prefix, key];
      const joined = path.join('.');
      if (!out.has(joined)) out.set(joined, line);
      if (path.length < maxDepth && value !== null && typeof value === 'object' && !Array.isArray(value)) visit(value as Record<string, unknown>, path, line + 1);
      line += linesOf(value);
    }
  };
  visit(root, [], 2);
  return out;
}

// Keys with dots, quotes, backslashes, braces and the empty key: what a scanner of the text could trip over.
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', 'a.b', '"', '\\', '{', '}', ':', ',', '[', ']'));
const tree = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), tie('object'), fc.array(tie('value'), { maxLength: 3 })),
  object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
})).object as fc.Arbitrary<Record<string, unknown>>;

describe('memberLines', () => {
  test('maps every object member up to the depth limit to its line in pretty-printed JSON', () => {
    fc.assert(
      fc.property(tree, fc.integer({ min: 1, max: 4 }), (root, maxDepth) => {
        expect(memberLines(JSON.stringify(root, null, 2), maxDepth)).toEqual(expectedLines(root, maxDepth));
      }),
      { numRuns: 1500 },
    );
  });

  test('records members inside arrays not at all, and everything of single-line JSON on line 1', () => {
    const lines = memberLines(JSON.stringify({ resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16' } } }, list: [{ hidden: 1 }] }), 3);
    expect([...lines.keys()]).toEqual(['resource', 'resource.aws_vpc', 'resource.aws_vpc.main', 'list']);
    expect(new Set(lines.values())).toEqual(new Set([1]));
  });
});
