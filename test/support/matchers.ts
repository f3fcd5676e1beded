import { Baseline, describeFinding } from '../../constructs/baseline/baseline';
import { Testing, TerraformStack } from '../../constructs/framework';
import { DEFAULT_ALLOWED_REGIONS } from '../../policies/index';
import { PalisadeStack } from '../../stacks/palisade-stack';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The stack's synthesized Terraform has no unsuppressed baseline finding. */
      toPassBaseline(): R;
    }
  }
}

expect.extend({
  toPassBaseline(stack: TerraformStack) {
    // As `app.synth()` does first: every stack of the app resolves its cross-stack references into remote state + outputs,
    // so the gate sees the stacks this one reads (Baseline.check loads them beside it).
    for (const s of stack.node.root.node.findAll().filter(TerraformStack.isStack)) s.prepareStack();
    Testing.synth(stack); // runs the aspects (suppressions); its output drops the `//` comments, so check toTerraform()
    const allowedRegions = stack instanceof PalisadeStack ? stack.environment.allowedRegions : DEFAULT_ALLOWED_REGIONS;
    const open = Baseline.check(stack, { allowedRegions }).findings.filter((f) => !f.suppressed);
    return {
      pass: open.length === 0,
      message: () => open.length === 0
        ? `expected stack ${stack.node.id} to fail the baseline, but it has no unsuppressed finding`
        : `expected stack ${stack.node.id} to pass the baseline; ${open.length} unsuppressed finding(s):\n${open.map((f) => `  - ${describeFinding(f)}`).join('\n')}`,
    };
  },
});
