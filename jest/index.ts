/**
 * `palisade/jest`: the `toPassBaseline()` matcher. Importing this module (e.g. from jest's `setupFilesAfterEnv`)
 * registers it on jest's global `expect` and adds its type to `jest.Matchers`.
 * @packageDocumentation
 */
import type { TerraformStack } from '../constructs/framework';

/**
 * The baseline, cdktf and the engine load on the matcher's first call, not on registration: a setup file that
 * registers it then costs nothing in the test files that never use it.
 */
function gate() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    ...(require('../constructs/baseline/baseline') as typeof import('../constructs/baseline/baseline')),
    ...(require('../constructs/framework') as typeof import('../constructs/framework')),
    ...(require('../constructs/stack/palisade-stack') as typeof import('../constructs/stack/palisade-stack')),
    ...(require('../policies/rules/pal-gdpr-001') as typeof import('../policies/rules/pal-gdpr-001')),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The stack's synthesized Terraform has no unsuppressed baseline finding and no unproven verdict. */
      toPassBaseline(): R;
    }
  }
}

/** Result shape jest expects from a custom matcher. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/**
 * Passes when the stack's synthesized Terraform has no unsuppressed baseline finding; the failure message lists
 * rule, severity, resource and fix hint of each. Allowed regions come from a `PalisadeStack`, else the EU regions.
 */
export function toPassBaseline(stack: TerraformStack): MatcherResult {
  const { Baseline, describeFinding, DEFAULT_ALLOWED_REGIONS, PalisadeStack, TerraformStack, Testing } = gate();
  // As `app.synth()` does first: every stack of the app resolves its cross-stack references into remote state + outputs,
  // so the gate sees the stacks this one reads (Baseline.check loads them beside it).
  for (const s of stack.node.root.node.findAll().filter(TerraformStack.isStack)) s.prepareStack();
  Testing.synth(stack); // runs the aspects (suppressions); its output drops the `//` comments, so check toTerraform()
  const allowedRegions = stack instanceof PalisadeStack ? stack.allowedRegions : DEFAULT_ALLOWED_REGIONS;
  const report = Baseline.check(stack, { allowedRegions });
  // An unproven verdict is no pass: the matcher fails on it as on a finding.
  const open = [...report.findings, ...report.unproven].filter((f) => !f.suppressed);
  return {
    pass: open.length === 0,
    message: () => open.length === 0
      ? `expected stack ${stack.node.id} to fail the baseline, but it has no unsuppressed finding`
      : `expected stack ${stack.node.id} to pass the baseline; ${open.length} unsuppressed finding(s) or unproven verdict(s):\n${open.map((f) => `  - ${describeFinding(f)}`).join('\n')}`,
  };
}

/** The matchers, for `expect.extend(palisadeMatchers)` where jest's `expect` is not global. */
export const palisadeMatchers = { toPassBaseline };

declare const expect: { extend(matchers: Record<string, unknown>): void } | undefined;
if (typeof expect !== 'undefined') expect.extend(palisadeMatchers);
