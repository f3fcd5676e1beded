import { FrameworkInternalsError, setTokenCreationStacks, Token } from '../../constructs/framework';
import { synthNetwork } from '../support/synth';

const creationStackOf = (value: unknown): string[] => (Token.asAny(value) as unknown as { creationStack: string[] }).creationStack;

describe('setTokenCreationStacks', () => {
  afterEach(() => setTokenCreationStacks(true));

  test('cdktf records a creation stack per token by default', () => {
    expect(creationStackOf('a').length).toBeGreaterThan(0);
  });

  test('turned off, new tokens carry an empty creation stack', () => {
    setTokenCreationStacks(false);
    expect(creationStackOf('a')).toEqual([]);
  });

  test('turned back on, tokens record their creation stack again, naming the caller', () => {
    setTokenCreationStacks(false);
    setTokenCreationStacks(true);
    expect(creationStackOf('a').join('\n')).toMatch(/token-creation-stacks\.test/);
  });

  test('the synthesized Terraform is byte-identical with and without creation stacks', () => {
    const withStacks = JSON.stringify(synthNetwork().json);
    setTokenCreationStacks(false);
    const withoutStacks = JSON.stringify(synthNetwork().json);
    expect(withoutStacks).toBe(withStacks);
    expect(withStacks.length).toBeGreaterThan(10_000);
  });

  test('a framework without the helper is a typed error naming the module, not a silent no-op', () => {
    const helper = 'cdktf/lib/tokens/private/stack-trace';
    jest.isolateModules(() => {
      jest.doMock(helper, () => ({ captureStackTrace: () => [] })); // cdktf calls it while it loads
      try {
        const framework: typeof import('../../constructs/framework') = require('../../constructs/framework');
        delete require(helper).captureStackTrace;
        expect(() => framework.setTokenCreationStacks(false)).toThrow(framework.FrameworkInternalsError);
        expect(() => framework.setTokenCreationStacks(false)).toThrow(/cdktf\/lib\/tokens\/private\/stack-trace: has no captureStackTrace function/);
      } finally {
        jest.dontMock(helper);
      }
    });
    expect(new FrameworkInternalsError(helper, 'x').modulePath).toBe(helper);
  });
});
