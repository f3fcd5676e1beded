import * as fs from 'node:fs';
import * as path from 'node:path';
import { ioProblem } from '../policies/model/read-input';

/** Where a command writes and what it knows about its environment (injectable for tests). */
export interface CliContext {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stdout is a terminal (enables colour in text output). */
  isTTY: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  version: string;
  /** Set by commands; `main` returns it. */
  exitCode: number;
}

/** A usage problem (bad option value, unknown format): exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Version of the nearest enclosing package.json: `cli/` runs from the sources (`<root>/cli`) or compiled (`<root>/dist/cli`). */
export function packageVersion(): string {
  for (const dir of [path.join(__dirname, '..'), path.join(__dirname, '..', '..')]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'palisade') return pkg.version ?? '0.0.0';
    } catch {
      // not this directory
    }
  }
  return '0.0.0';
}

export function defaultContext(): CliContext {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    env: process.env,
    version: packageVersion(),
    exitCode: 0,
  };
}

/**
 * Writes `content` to `file` (creating parent directories), relative to the context's cwd. A directory, an unwritable
 * path or a path under a file is a one-line {@link UsageError} naming the path (exit 2), never a stack trace.
 */
export function writeOutput(ctx: CliContext, file: string, content: string): string {
  const abs = path.resolve(ctx.cwd, file);
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  } catch (e) {
    throw new UsageError(`${file}: cannot write --output: ${ioProblem(e)}`);
  }
  return abs;
}
