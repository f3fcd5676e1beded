import type { Command } from 'commander';
import { ENGINE_RULES } from '../../policies/engine';
import { RULES } from '../../policies/rules/index';
import type { RuleMeta } from '../../policies/rules/types';
import { UsageError, type CliContext } from '../context';
import type { CommandModule } from './types';

function catalogue(): RuleMeta[] {
  return [...RULES, ...ENGINE_RULES].map((r) => ({ id: r.id, title: r.title, rationale: r.rationale, severity: r.severity, routine: r.routine, controls: r.controls, fixHint: r.fixHint }));
}

function textCatalogue(rules: RuleMeta[]): string {
  const out: string[] = [];
  for (const r of rules) {
    out.push(`${r.id.padEnd(24)} ${r.severity.padEnd(8)} ${r.routine.padEnd(14)} ${r.title}`);
    const c = r.controls;
    const parts = [
      c.checkov.length ? `checkov ${c.checkov.join(', ')}` : '',
      c.fsbp.length ? `FSBP ${c.fsbp.join(', ')}` : '',
      c.cis.length ? `CIS v3.0.0 ${c.cis.join(', ')}` : '',
      c.ccm.length ? `CCM ${c.ccm.join(', ')}` : '',
    ].filter(Boolean);
    out.push(`${''.padEnd(25)}controls: ${parts.join(' | ') || 'none'}`);
  }
  out.push('');
  out.push(`${rules.length} rules`);
  return `${out.join('\n')}\n`;
}

export const rulesCommand: CommandModule = {
  name: 'rules',
  register(program: Command, ctx: CliContext) {
    program
      .command('rules')
      .description('List the baseline rule catalogue with mapped controls')
      .option('-f, --format <format>', 'output format: text|json', 'text')
      .action((opts: { format: string }) => {
        const rules = catalogue();
        if (opts.format === 'json') ctx.stdout(`${JSON.stringify(rules, null, 2)}\n`);
        else if (opts.format === 'text') ctx.stdout(textCatalogue(rules));
        else throw new UsageError(`unknown format "${opts.format}" (expected text, json)`);
        ctx.exitCode = 0;
      });
  },
};
