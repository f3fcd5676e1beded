import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { exampleEstate } from '../../config/estate';
import { loadEstateConfig } from '../../config/load';
import { App } from '../../constructs/framework';
import { buildEstate } from '../../stacks/estate';
import { estateOutDir, liveDefaultsResultFile, TEST_WORK_ROOT } from './paths';

/**
 * Once per jest run (unit and real-tool projects alike): pick this run's scratch directory and synthesize the example
 * estate into it. Real Terraform runs only in the real-tool project's own set-up (`global-setup-tools.ts`).
 *
 * Temporary folders the tests make (cdktf's `Testing` writes `cdktf.outdir.*` into the OS temp dir) go to the run's
 * own `tmp/`, which the teardown removes: a run leaves nothing in the machine's temp dir.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.PALISADE_TEST_RUN_DIR && fs.existsSync(process.env.PALISADE_TEST_RUN_DIR)) return; // the other project's set-up ran first
  removeStaleRuns();
  const runsRoot = path.join(TEST_WORK_ROOT, 'runs');
  process.env.PALISADE_TEST_RUN_DIR = fs.mkdtempSync(path.join(runsRoot, `${process.pid}-`));
  const tmp = path.join(process.env.PALISADE_TEST_RUN_DIR, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;
  // The in-process live tests load the AWS SDK, whose Node < 22 warning is 8 lines per worker (tested on its own).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  startLiveDefaultsProof();
  const outdir = estateOutDir();
  fs.mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  buildEstate(app, loadEstateConfig(exampleEstate));
  app.synth();
}

/**
 * The defaults' timeout proof of `palisade live` waits ~25 s of real time: started here, in the background, it
 * overlaps the synth and the other tests instead of holding a jest worker (fake-endpoint.test.ts reads its result).
 */
function startLiveDefaultsProof(): void {
  const child = spawn(process.execPath, [path.join(__dirname, 'live-defaults-proof.js'), liveDefaultsResultFile()], { stdio: 'ignore', detached: true });
  child.unref();
}

/** Runs older than an hour are leftovers of killed runs; newer ones may belong to a concurrent run. */
function removeStaleRuns(): void {
  const runsRoot = path.join(TEST_WORK_ROOT, 'runs');
  fs.mkdirSync(runsRoot, { recursive: true });
  for (const old of fs.readdirSync(runsRoot)) {
    const dir = path.join(runsRoot, old);
    if (Date.now() - fs.statSync(dir).mtimeMs > 3600_000) fs.rmSync(dir, { recursive: true, force: true });
  }
}
