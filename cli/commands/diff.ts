import type { Command } from 'commander';
import * as path from 'node:path';
import { diffPaths } from '../../policies/diff/diff';
import { DIFF_FORMATS, formatDiff, isDiffFormat } from '../../policies/diff/format';
import { UsageError, writeOutput, type CliContext } from '../context';
import { parseBaselineOptions, parseInputLimits, withInputLimitOptions, type InputLimitCliOptions } from '../options';
import type { CommandModule } from './types';

interface DiffCliOptions extends InputLimitCliOptions {
  format: string;
  output?: string;
  failOn: string;
  allowedRegions?: string;
  today?: string;
}

/**
 * `palisade diff BASE HEAD`: what a change does to security. Exit 0 = no security regression, 1 = regression (new
 * unsuppressed finding, a weakening, or a stateful resource destroyed/replaced), 2 = usage or input error.
 */
export const diffCommand: CommandModule = {
  name: 'diff',
  register(program: Command, ctx: CliContext) {
    withInputLimitOptions(program
      .command('diff')
      .description('Security-aware diff of two synths (cdktf.out, stack files) or Terraform plan JSON files: findings introduced/resolved, exposure and protection changes, data-loss risks')
      .argument('<base>', 'base: cdktf.out directory, stack file/dir, or plan JSON')
      .argument('<head>', 'head: same kinds; a plan JSON of HEAD against the base state gives real update/replace/delete actions')
      .option('-f, --format <format>', `output format: ${DIFF_FORMATS.join('|')}`, 'markdown')
      .option('-o, --output <file>', 'write the report to a file instead of stdout')
      .option('--fail-on <severity>', 'lowest severity of an introduced finding that fails the diff: critical|high|medium|low', 'low')
      .option('--allowed-regions <regions>', 'comma-separated allowed provider regions (default: EU regions)')
      .option('--today <date>', 'evaluate suppression expiry as of this date (YYYY-MM-DD; default: today)'))
      .action((base: string, head: string, opts: DiffCliOptions) => {
        if (!isDiffFormat(opts.format)) throw new UsageError(`unknown format "${opts.format}" (expected ${DIFF_FORMATS.join(', ')})`);
        const { failOn, allowedRegions, today } = parseBaselineOptions(opts);
        const report = diffPaths(path.resolve(ctx.cwd, base), path.resolve(ctx.cwd, head), { baseDir: ctx.cwd, failOn, today, allowedRegions, limits: parseInputLimits(opts) });
        report.base.inputs = [base];
        report.head.inputs = [head];
        const content = formatDiff(report, opts.format);
        const s = report.summary;
        if (opts.output) {
          writeOutput(ctx, opts.output, content);
          ctx.stderr(`palisade: diff written to ${opts.output}: ${s.regression ? 'SECURITY REGRESSION' : 'no security regression'} (${s.blocking} blocking, ${s.regressions} regression(s), ${s.findingsIntroduced} finding(s) introduced, ${s.findingsNewlySuppressed} newly suppressed, ${s.findingsResolved} resolved)\n`);
        } else {
          ctx.stdout(content);
        }
        ctx.exitCode = s.regression ? 1 : 0;
      });
  },
};
