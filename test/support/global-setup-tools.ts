import * as fs from 'fs';
import pLimit from 'p-limit';
import * as path from 'path';
import globalSetup from './global-setup';
import { estateOutDir, estateRunsFile, estateTerraformDir } from './paths';
import { requireTerraform, runTerraform, TerraformRun } from './terraform';

/**
 * The real-tool project's set-up: after the shared set-up has synthesized the estate, put every stack through the
 * real Terraform (init, offline plan — which validates the configuration first — and show -json), printing progress. Failures are recorded, not thrown:
 * the terraform spec asserts them, so a broken stack is a failing test with Terraform's message, not a crashed run.
 */
export default async function globalSetupTools(): Promise<void> {
  await globalSetup();
  const outdir = estateOutDir();
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const stacks = Object.values(manifest.stacks) as { name: string; synthesizedStackPath: string }[];
  const started = Date.now();
  let runs: (TerraformRun | { stack: string; error: string })[] = [];
  try {
    requireTerraform();
    process.stderr.write(`\npalisade tests: terraform init/plan of ${stacks.length} estate stacks …\n`);
    // Each terraform run starts its own provider process: bound them to what 2 cores can feed.
    const limit = pLimit(3);
    let done = 0;
    runs = await Promise.all(stacks.map((s) => limit(async () => {
      const run = await runTerraform(path.join(outdir, s.synthesizedStackPath), path.join(estateTerraformDir(), s.name), { plan: true, stack: s.name });
      done += 1;
      const verdict = run.planJsonPath ? 'planned' : 'FAILED';
      process.stderr.write(`palisade tests:   [${done}/${stacks.length}] ${s.name} ${verdict} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
      return run;
    })));
  } catch (error) {
    runs = stacks.map((s) => ({ stack: s.name, error: (error as Error).message }));
  }
  fs.writeFileSync(estateRunsFile(), JSON.stringify(runs, null, 2));
}
