import * as fs from 'fs';
import pLimit from 'p-limit';
import * as path from 'path';
import { exampleEstate } from '../../config/estate';
import { loadEstateConfig } from '../../config/load';
import { App } from '../../constructs/framework';
import { buildEstate } from '../../stacks/estate';
import { estateOutDir, estateRunsFile, estateTerraformDir, TEST_WORK_ROOT } from './paths';
import { runTerraform, TerraformRun } from './terraform';

/**
 * Once per test run: synthesize the example estate and put every stack through the real Terraform
 * (init, validate, offline plan, show -json). Failures are recorded, not thrown: the terraform spec asserts them.
 */
export default async function globalSetup(): Promise<void> {
  // Runs older than an hour are leftovers of earlier runs; newer ones may belong to a concurrent run.
  const runsRoot = path.join(TEST_WORK_ROOT, 'runs');
  fs.mkdirSync(runsRoot, { recursive: true });
  for (const old of fs.readdirSync(runsRoot)) {
    const dir = path.join(runsRoot, old);
    if (Date.now() - fs.statSync(dir).mtimeMs > 3600_000) fs.rmSync(dir, { recursive: true, force: true });
  }
  process.env.PALISADE_TEST_RUN_DIR = fs.mkdtempSync(path.join(runsRoot, `${process.pid}-`));
  const ESTATE_OUT_DIR = estateOutDir();
  fs.mkdirSync(ESTATE_OUT_DIR, { recursive: true });
  const app = new App({ outdir: ESTATE_OUT_DIR });
  buildEstate(app, loadEstateConfig(exampleEstate));
  app.synth();
  const manifest = JSON.parse(fs.readFileSync(path.join(ESTATE_OUT_DIR, 'manifest.json'), 'utf8'));
  const stacks = Object.values(manifest.stacks) as { name: string; synthesizedStackPath: string }[];
  let runs: (TerraformRun | { stack: string; error: string })[] = [];
  try {
    const { requireTerraform } = await import('./terraform');
    requireTerraform();
    // Each terraform run starts its own provider process: bound them to what 2 cores can feed.
    const limit = pLimit(3);
    runs = await Promise.all(stacks.map((s) => limit(() => runTerraform(path.join(ESTATE_OUT_DIR, s.synthesizedStackPath), path.join(estateTerraformDir(), s.name), { plan: true, stack: s.name }))));
  } catch (error) {
    runs = stacks.map((s) => ({ stack: s.name, error: (error as Error).message }));
  }
  fs.writeFileSync(estateRunsFile(), JSON.stringify(runs, null, 2));
}
