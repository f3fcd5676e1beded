import { checkCommand } from './check';
import { diffCommand } from './diff';
import { liveCommand } from './live';
import { reportCommand } from './report';
import { rulesCommand } from './rules';
import type { CommandModule } from './types';

/** Every subcommand; add `diff`, `report`, `live` here as one line each. */
export const COMMANDS: readonly CommandModule[] = [checkCommand, rulesCommand, diffCommand, reportCommand, liveCommand];

export type { CommandModule };
