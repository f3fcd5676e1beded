import { checkCommand } from './check';
import { rulesCommand } from './rules';
import type { CommandModule } from './types';

/** Every subcommand; add `diff`, `report`, `live` here as one line each. */
export const COMMANDS: readonly CommandModule[] = [checkCommand, rulesCommand];

export type { CommandModule };
