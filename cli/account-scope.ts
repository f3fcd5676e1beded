import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AccountScope } from '../policies/rules/types';
import { UsageError } from './context';

/**
 * Whether the inputs are whole accounts: a `cdktf.out` (its manifest lists every stack of the estate) is, single stack
 * files are not — unless `--account-scope complete` says the given stacks are all of their accounts.
 */
export function accountScopeOf(paths: readonly string[], option: string | undefined): AccountScope {
  if (option !== undefined) {
    if (option !== 'complete' && option !== 'stacks') throw new UsageError(`--account-scope must be complete or stacks, not "${option}"`);
    return option;
  }
  const isManifest = (p: string) => fs.existsSync(p) && (fs.statSync(p).isDirectory() ? fs.existsSync(path.join(p, 'manifest.json')) : path.basename(p) === 'manifest.json');
  return paths.length > 0 && paths.every(isManifest) ? 'complete' : 'stacks';
}
