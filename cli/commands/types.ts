import type { Command } from 'commander';
import type { CliContext } from '../context';

/** A subcommand in its own file: `register` adds it to the program. List it in `commands/index.ts`. */
export interface CommandModule {
  name: string;
  register(program: Command, ctx: CliContext): void;
}
