import * as fs from 'fs';

/**
 * Removes the run's temporary folders. The synthesized estate and plans stay until the next run's set-up clears runs
 * older than an hour, so a failing run can be inspected; set PALISADE_KEEP_TEST_RUN=1 to keep tmp/ as well.
 */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.PALISADE_TEST_RUN_DIR;
  if (!run || process.env.PALISADE_KEEP_TEST_RUN === '1') return;
  fs.rmSync(`${run}/tmp`, { recursive: true, force: true });
}
