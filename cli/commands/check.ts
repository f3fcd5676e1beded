import type { Command } from 'commander';
import * as path from 'node:path';
import { blockingFindings, runBaseline } from '../../policies/engine';
import { FORMATS, formatListsResults, formatReport, isFormat } from '../../policies/formats/index';
import { loadModel } from '../../policies/model/load';
import { DEFAULT_ALLOWED_REGIONS } from '../../policies/rules/pal-gdpr-001';
import { accountScopeOf } from '../account-scope';
import { UsageError, writeOutput, type CliContext } from '../context';
import { noteUnevaluated, parseBaselineLimits, parseBaselineOptions, parseInputLimits, parseSourceOptions, UNPROVEN_OPTION, withBaselineLimitOption, withInputLimitOptions, withSourceOptions, type BaselineLimitCliOptions, type InputLimitCliOptions, type SourceCliOptions } from '../options';
import type { CommandModule } from './types';

interface CheckOptions extends SourceCliOptions, InputLimitCliOptions, BaselineLimitCliOptions {
  format: string;
  output?: string;
  failOn: string;
  allowedRegions?: string;
  accountScope?: string;
  today?: string;
  unproven?: string;
}

export const checkCommand: CommandModule = {
  name: 'check',
  register(program: Command, ctx: CliContext) {
    withBaselineLimitOption(withInputLimitOptions(withSourceOptions(program
      .command('check')))
      .description('Check synthesized stacks (cdktf.out), Terraform source (.tf, *.tf.json) or a Terraform plan JSON against the security baseline')
      .argument('[paths...]', 'cdktf.out directory, Terraform source directory or file (.tf, *.tf.json), or plan JSON', ['cdktf.out'])
      .option('-f, --format <format>', `output format: ${FORMATS.join('|')}`, 'text')
      .option('-o, --output <file>', 'write the report to a file instead of stdout')
      .option('--fail-on <severity>', 'lowest unsuppressed severity that fails the check: critical|high|medium|low', 'low')
      .option(UNPROVEN_OPTION.flags, UNPROVEN_OPTION.description, 'fail')
      .option('--allowed-regions <regions>', `comma-separated allowed provider regions (default: ${DEFAULT_ALLOWED_REGIONS.join(',')})`)
      .option('--account-scope <scope>', 'complete: the inputs are whole accounts, so missing account controls are findings (default for a cdktf.out); stacks: only some stacks')
      .option('--today <date>', 'evaluate suppression expiry as of this date (YYYY-MM-DD; default: today)'))
      .action((paths: string[], opts: CheckOptions) => {
        if (!isFormat(opts.format)) throw new UsageError(`unknown format "${opts.format}" (expected ${FORMATS.join(', ')})`);
        const { failOn, unproven, allowedRegions, today } = parseBaselineOptions(opts);
        const limits = parseBaselineLimits(opts, ctx);
        const resolved = paths.map((p) => path.resolve(ctx.cwd, p));
        const model = loadModel(resolved, { baseDir: ctx.cwd, source: parseSourceOptions(opts, ctx.cwd), limits: parseInputLimits(opts) });
        noteUnevaluated(ctx, model);
        const report = runBaseline(model, { allowedRegions, today, accountScope: accountScopeOf(resolved, opts.accountScope), limits, withResults: formatListsResults(opts.format) });
        const color = !opts.output && ctx.isTTY && !ctx.env.NO_COLOR;
        const content = formatReport(report, opts.format, { color, failOn, unproven, toolVersion: ctx.version });
        const blocking = blockingFindings(report, failOn, unproven).length;
        if (opts.output) {
          const abs = writeOutput(ctx, opts.output, content);
          const shown = path.relative(ctx.cwd, abs);
          ctx.stderr(`palisade: ${opts.format} report written to ${shown && !shown.startsWith('..') ? shown : abs}: ${blocking} blocking at or above ${failOn}, ${report.summary.unproven} unproven (${unproven === 'fail' ? 'blocking' : 'not blocking'}), ${report.summary.suppressed} suppressed, ${report.summary.warnings} warning(s)\n`);
        } else {
          ctx.stdout(content);
        }
        ctx.exitCode = blocking > 0 ? 1 : 0;
      });
  },
};
