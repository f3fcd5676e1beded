import { spawnSync } from 'node:child_process';
import type { Revision } from '../policies/report/evidence';

/**
 * The revision an evidence report is stamped with: the git commit of `cwd` (CI's GITHUB_SHA when set, else
 * `git rev-parse HEAD`; null outside a checkout) and the Palisade version.
 */
export function currentRevision(cwd: string, version: string, env: NodeJS.ProcessEnv = process.env): Revision {
  const fromCi = env.GITHUB_SHA;
  if (fromCi && /^[0-9a-f]{40}$/.test(fromCi)) return { commit: fromCi, version };
  const r = spawnSync('git', ['rev-parse', 'HEAD'], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 10_000 });
  const sha = r.status === 0 ? r.stdout.trim() : '';
  return { commit: /^[0-9a-f]{40}$/.test(sha) ? sha : null, version };
}
