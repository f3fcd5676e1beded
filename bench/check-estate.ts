/** Child process of the benchmark: loads OUTDIR (a cdktf.out) into the model and runs the baseline; prints figures. */
import { loadModel, runBaseline } from '../policies/index';

const outdir = process.argv[2];
const t0 = process.hrtime.bigint();
const model = loadModel(outdir);
const t1 = process.hrtime.bigint();
const report = runBaseline(model);
const t2 = process.hrtime.bigint();
process.stdout.write(`${JSON.stringify({
  loadSeconds: Number(t1 - t0) / 1e9,
  checkSeconds: Number(t2 - t1) / 1e9,
  resources: report.summary.resourcesScanned,
  unsuppressed: report.summary.unsuppressed,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
})}\n`);
