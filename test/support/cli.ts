import { packageVersion, type CliContext } from '../../cli/context';
import { main } from '../../cli/index';

/** Runs `palisade ARGS` in-process in `cwd` (no terminal, empty environment) and captures its output. */
export async function runPalisade(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, cwd, env: {}, version: packageVersion(), exitCode: 0 };
  const code = await main(args, ctx);
  return { code, stdout, stderr };
}
