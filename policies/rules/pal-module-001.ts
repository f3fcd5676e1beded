import { notApplicable, type Rule, type RuleResult } from './types';

/**
 * Source: CSA CCM CCC-02 (quality testing) and CCC-03 (change management technology). No checkov check claims it:
 * checkov reads a configuration's module calls only when it can download the module.
 */
export const moduleResourcesInInput: Rule = {
  id: 'PAL-MODULE-001',
  title: 'Every module call of a Terraform JSON configuration is checked where its resources are visible.',
  rationale: 'A Terraform JSON configuration (a cdktf stack, a hand-written file) holds a module call, not the module\'s resources; a baseline run on it alone judges none of them, and a pass would claim what it never saw.',
  severity: 'high',
  routine: 'change-testing',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['CCC-02', 'CCC-03'] },
  fixHint: 'Check this configuration\'s plan instead (terraform plan -out=plan && terraform show -json plan > plan.json; palisade check plan.json), which lists every resource of its modules; or write the module\'s resources in the configuration; or, for a module you trust, suppress the rule with the reason (Baseline.suppress(module, \'PAL-MODULE-001\', { reason }) in cdktf).',
  evaluate(model) {
    const out: RuleResult[] = [];
    for (const stack of model.stacks) {
      for (const block of stack.moduleBlocks ?? []) {
        out.push({
          stack: stack.name,
          resource: block.address,
          file: stack.displayFile,
          jsonPath: block.address,
          status: 'unproven',
          message: `The resources of ${block.address} (source ${block.source === undefined ? 'not a string' : JSON.stringify(block.source)}) cannot be shown from this input, which holds the call and not the module's resources; check the plan, which lists them.`,
        });
      }
    }
    return out.length > 0 ? out : [notApplicable('No module call in scope.')];
  },
};
