import { Command, CommanderError } from 'commander';
import { terminalText } from '../policies/formats/escape/terminal';
import { InputError } from '../policies/model/errors';
import { COMMANDS } from './commands/index';
import { defaultContext, UsageError, type CliContext } from './context';

/** Builds the commander program with every registered subcommand. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('palisade')
    .description('Palisade: prove synthesized AWS infrastructure against the security baseline')
    .version(ctx.version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) })
    .showSuggestionAfterError(true);
  for (const c of COMMANDS) c.register(program, ctx);
  return program;
}

/**
 * Runs the CLI and resolves to the exit code: 0 pass, 1 findings, 2 usage or input error.
 * `argv` is user arguments only (no node/script path).
 */
export async function main(argv: readonly string[], ctx: CliContext = defaultContext()): Promise<number> {
  const program = buildProgram(ctx);
  if (argv.length === 0) {
    ctx.stdout(program.helpInformation());
    return 2;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2; // commander already printed its one-line error
    }
    if (e instanceof InputError || e instanceof UsageError) {
      ctx.stderr(`palisade: error: ${terminalText(e.message)}\n`);
      return 2;
    }
    // One line even for a bug: the message, then where it was thrown (no multi-line trace with input-derived text).
    const where = ((e as Error).stack ?? '').split('\n').find((l) => l.trim().startsWith('at '))?.trim();
    ctx.stderr(`palisade: internal error: ${terminalText((e as Error).message ?? String(e))}${where ? ` (${terminalText(where)})` : ''}\n`);
    return 2;
  }
}

/**
 * `main` as the `palisade` process (what bin/palisade.js runs): exits with main's code as soon as stdout and stderr
 * are flushed. Left to end by itself, Node first waits for V8's background jobs (optimising compiles, concurrent GC)
 * although nothing is left to do: 10–25 ms of a 10k-resource check on 2 cores (issue #18).
 */
export function runAsProcess(argv: readonly string[]): void {
  main(argv).then(exitWhenFlushed, (err: unknown) => {
    // main reports its own errors; this is the net under it, one line like theirs.
    process.stderr.write(`palisade: internal error: ${terminalText(err instanceof Error ? err.message : String(err))}\n`);
    exitWhenFlushed(2);
  });
}

function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  // A write's callback runs once everything written before it is flushed (also when the reader has gone: EPIPE).
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

// Run directly (`node dist/cli/palisade.js check …`, the bundle a CI step may call instead of bin/palisade.js), the
// module is the program itself. Without this it would only define the CLI and exit 0: a check that never ran, read as
// a pass. Loaded by bin/palisade.js or imported, it is not the main module and runs nothing.
if (require.main === module) runAsProcess(process.argv.slice(2));
