import * as path from 'path';

/** Scratch space of test runs (git-ignored). */
export const TEST_WORK_ROOT = path.resolve(__dirname, '..', '..', '.palisade-test');
/**
 * This run's scratch directory. The global setup picks it and exports it to the workers, so concurrent
 * jest runs on one machine never share files.
 */
export function testRunDir(): string {
  const dir = process.env.PALISADE_TEST_RUN_DIR;
  if (!dir) throw new Error('PALISADE_TEST_RUN_DIR is unset: run the tests through jest (its global setup sets it)');
  return dir;
}
/** The example estate, synthesized once per test run by the global setup. */
export const estateOutDir = () => path.join(testRunDir(), 'estate', 'cdktf.out');
/** Terraform working copies and plans of the estate's stacks. */
export const estateTerraformDir = () => path.join(testRunDir(), 'estate', 'terraform');
/** Results of the global setup's terraform runs. */
export const estateRunsFile = () => path.join(testRunDir(), 'estate', 'terraform-runs.json');

/** Where the background `palisade live` defaults proof (live-defaults-proof.js) writes its result. */
export const liveDefaultsResultFile = () => path.join(testRunDir(), 'live-defaults-proof.json');
