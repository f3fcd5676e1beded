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
    // The offline override sets allowed_account_ids = null (no account can be looked up offline), so the plan's provider
    // really does not pin an account: PAL-PROVIDER-001 may fire there, on the provider only. The synthesized stacks pin
    // it (the estate-coverage unit test proves PAL-PROVIDER-001 passes on them).
    const offlineOnly = (f: { ruleId: string; resource: string }) => f.ruleId === 'PAL-PROVIDER-001' && f.resource.startsWith('provider.aws');
    expect(report.findings.filter((f) => !f.suppressed && !offlineOnly(f))).toEqual([]);
  });
});
