import fc from 'fast-check';
import { jsonDepthExceeds } from '../../../policies/model/read-input';

/** Nesting depth of a JSON value, recursively (the outermost array/object is level 1): the oracle. */
function depthOf(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  const children = Array.isArray(v) ? v : Object.values(v);
  return 1 + children.reduce((d: number, c) => Math.max(d, depthOf(c)), 0);
}

describe('jsonDepthExceeds (checked on the parsed value)', () => {
  test('agrees with the recursive depth for every limit around it', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (v) => {
        const d = depthOf(v);
        for (const limit of [Math.max(1, d - 1), d, d + 1]) expect(jsonDepthExceeds(v, limit)).toBe(d > limit);
      }),
    );
  });

  test('a key named __proto__ is read like any other member', () => {
    const v = JSON.parse('{"__proto__":{"a":[[1]]}}');
    expect(jsonDepthExceeds(v, 3)).toBe(true);
    expect(jsonDepthExceeds(v, 4)).toBe(false);
  });

  test('a 100,000-level value under a raised limit is measured (beyond the call stack, iteratively), not a stack overflow', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(jsonDepthExceeds(deep, 99_999)).toBe(true);
    expect(jsonDepthExceeds(deep, 100_000)).toBe(false);
  });

  test('scalars have no depth', () => {
    for (const v of [null, 1, 'x', true]) expect(jsonDepthExceeds(v, 1)).toBe(false);
  });
});
