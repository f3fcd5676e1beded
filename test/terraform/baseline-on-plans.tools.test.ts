import { loadModel, runBaseline } from '../../policies/index';
import { estateTerraformRuns } from '../support/estate';

describe('the baseline on real Terraform plans of the estate', () => {
  const runs = estateTerraformRuns().filter((r) => r.stack.endsWith('-network'));

  test.each(runs.map((r) => [r.stack, r] as const))('%s: the plan loads with every planned resource and passes', (_stack, run) => {
    expect(run.planJsonPath).toBeDefined();
    const model = loadModel(run.planJsonPath!);
    const report = runBaseline(model);
    const planned = JSON.parse(require('fs').readFileSync(run.planJsonPath!, 'utf8')).resource_changes.filter((c: any) => c.mode === 'managed').length;
    expect(report.summary.resourcesScanned).toBe(planned);
    expect(report.findings.filter((f) => !f.suppressed)).toEqual([]);
  });
});
