import type { Command } from 'commander';
import * as path from 'node:path';
import { blockingFindings, runBaseline } from '../../policies/engine';
import { FORMATS, formatReport, isFormat } from '../../policies/formats/index';
import { loadModel } from '../../policies/model/load';
import { DEFAULT_ALLOWED_REGIONS } from '../../policies/rules/gdpr-regions';
import { UsageError, writeOutput, type CliContext } from '../context';
import { parseBaselineOptions, parseInputLimits, withInputLimitOptions, type InputLimitCliOptions } from '../options';
import type { CommandModule } from './types';

interface CheckOptions extends InputLimitCliOptions {
  format: string;
  output?: string;
  failOn: string;
  allowedRegions?: string;
  today?: string;
}

export const checkCommand: CommandModule = {
  name: 'check',
  register(program: Command, ctx: CliContext) {
    withInputLimitOptions(program
      .command('check')
      .description('Check synthesized stacks (cdktf.out, *.tf.json) or a Terraform plan JSON against the security baseline')
      .argument('[paths...]', 'cdktf.out directory, stack directory, *.tf.json, or plan JSON', ['cdktf.out'])
      .option('-f, --format <format>', `output format: ${FORMATS.join('|')}`, 'text')
      .option('-o, --output <file>', 'write the report to a file instead of stdout')
      .option('--fail-on <severity>', 'lowest unsuppressed severity that fails the check: critical|high|medium|low', 'low')
      .option('--allowed-regions <regions>', `comma-separated allowed provider regions (default: ${DEFAULT_ALLOWED_REGIONS.join(',')})`)
      .option('--today <date>', 'evaluate suppression expiry as of this date (YYYY-MM-DD; default: today)'))
      .action((paths: string[], opts: CheckOptions) => {
        if (!isFormat(opts.format)) throw new UsageError(`unknown format "${opts.format}" (expected ${FORMATS.join(', ')})`);
        const { failOn, allowedRegions, today } = parseBaselineOptions(opts);
        const model = loadModel(paths.map((p) => path.resolve(ctx.cwd, p)), { baseDir: ctx.cwd, limits: parseInputLimits(opts) });
        const report = runBaseline(model, { allowedRegions, today });
        const color = !opts.output && ctx.isTTY && !ctx.env.NO_COLOR;
        const content = formatReport(report, opts.format, { color, failOn, toolVersion: ctx.version });
        const blocking = blockingFindings(report, failOn).length;
        if (opts.output) {
          const abs = writeOutput(ctx, opts.output, content);
          const shown = path.relative(ctx.cwd, abs);
          ctx.stderr(`palisade: ${opts.format} report written to ${shown && !shown.startsWith('..') ? shown : abs}: ${blocking} blocking finding(s) at or above ${failOn}, ${report.summary.suppressed} suppressed, ${report.summary.warnings} warning(s)\n`);
        } else {
          ctx.stdout(content);
        }
        ctx.exitCode = blocking > 0 ? 1 : 0;
      });
  },
};
