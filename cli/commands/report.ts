import type { Command } from 'commander';
import * as path from 'node:path';
import { runBaseline } from '../../policies/engine';
import { loadModel } from '../../policies/model/load';
import { buildEvidenceReport, isReportView, REPORT_VIEWS } from '../../policies/report/evidence';
import { formatEvidence, isReportFormat, REPORT_FORMATS } from '../../policies/report/index';
import { isIsoDate } from '../../policies/suppression-format';
import { accountScopeOf } from '../account-scope';
import { UsageError, writeOutput, type CliContext } from '../context';
import { noteUnevaluated, parseBaselineLimits, parseInputLimits, parseSourceOptions, withBaselineLimitOption, withInputLimitOptions, withSourceOptions, type BaselineLimitCliOptions, type InputLimitCliOptions, type SourceCliOptions } from '../options';
import { currentRevision } from '../revision';
import type { CommandModule } from './types';

interface ReportCliOptions extends SourceCliOptions, InputLimitCliOptions, BaselineLimitCliOptions {
  format: string;
  framework?: string;
  output?: string;
  today?: string;
  accountScope?: string;
}

/**
 * `palisade report [PATH]`: control evidence for auditors. Exit 0 when the report is written (a failing control is
 * evidence, not an error), 2 on usage or input errors.
 */
export const reportCommand: CommandModule = {
  name: 'report',
  register(program: Command, ctx: CliContext) {
    withBaselineLimitOption(withInputLimitOptions(withSourceOptions(program
      .command('report')))
      .description('Control-evidence report: per framework control → implementing rules → resources (pass/fail/suppressed), gaps, and the security-routines view')
      .argument('[path]', 'cdktf.out directory, Terraform source directory or file (.tf, *.tf.json), or plan JSON', 'cdktf.out')
      .option('-f, --format <format>', `output format: ${REPORT_FORMATS.join('|')}`, 'markdown')
      .option('--framework <view>', `one view only: ${REPORT_VIEWS.join('|')} (default: all)`)
      .option('-o, --output <file>', 'write the report to a file instead of stdout')
      .option('--account-scope <scope>', 'complete: the input is whole accounts, so account controls missing (or declared as managed elsewhere, with the reason) are reported (default for a cdktf.out); stacks: only some stacks')
      .option('--today <date>', 'evaluate suppression expiry as of this date (YYYY-MM-DD; default: today)'))
      .action((input: string, opts: ReportCliOptions) => {
        if (!isReportFormat(opts.format)) throw new UsageError(`unknown format "${opts.format}" (expected ${REPORT_FORMATS.join(', ')})`);
        if (opts.framework !== undefined && !isReportView(opts.framework)) throw new UsageError(`unknown framework "${opts.framework}" (expected ${REPORT_VIEWS.join(', ')})`);
        if (opts.today !== undefined && !isIsoDate(opts.today)) throw new UsageError(`--today must be a YYYY-MM-DD date, got "${opts.today}"`);
        const limits = parseBaselineLimits(opts, ctx);
        const resolved = path.resolve(ctx.cwd, input);
        const accountScope = accountScopeOf([resolved], opts.accountScope);
        const model = loadModel([resolved], { baseDir: ctx.cwd, source: parseSourceOptions(opts, ctx.cwd), limits: parseInputLimits(opts) });
        noteUnevaluated(ctx, model);
        const baseline = runBaseline(model, { today: opts.today, limits, accountScope });
        const revision = currentRevision(ctx.cwd, ctx.version, ctx.env);
        const report = buildEvidenceReport(baseline, { model, inputs: [input], revision, views: opts.framework ? [opts.framework as never] : undefined });
        const content = formatEvidence(report, opts.format);
        if (opts.output) {
          writeOutput(ctx, opts.output, content);
          const fw = report.frameworks.map((f) => `${f.id}: ${f.counts.pass} pass, ${f.counts.fail} fail, ${f.counts.gap} gaps`).join('; ');
          ctx.stderr(`palisade: ${opts.format} evidence report written to ${opts.output}${fw ? ` (${fw})` : ''}\n`);
        } else {
          ctx.stdout(content);
        }
        ctx.exitCode = 0;
      });
  },
};
