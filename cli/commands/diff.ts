import type { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Acceptance } from '../../policies/diff/acceptances';
import { diffPaths } from '../../policies/diff/diff';
import { DIFF_FORMATS, formatDiff, isDiffFormat } from '../../policies/diff/format';
import { InputError } from '../../policies/model/errors';
import { UsageError, writeOutput, type CliContext } from '../context';
import { parseBaselineLimits, parseBaselineOptions, parseInputLimits, parseSourceOptions, withBaselineLimitOption, withInputLimitOptions, withSourceOptions, type BaselineLimitCliOptions, type InputLimitCliOptions, type SourceCliOptions } from '../options';
import type { CommandModule } from './types';

interface DiffCliOptions extends SourceCliOptions, InputLimitCliOptions, BaselineLimitCliOptions {
  format: string;
  output?: string;
  failOn: string;
  allowedRegions?: string;
  today?: string;
  accept?: string;
}

// The YAML parser and the acceptances schema (zod) are a third of the CLI's start-up: loaded only with --accept.
/* eslint-disable @typescript-eslint/no-require-imports */
const yamlParser = () => require('yaml') as typeof import('yaml');
const acceptancesReader = () => require('../../policies/diff/acceptances-file') as typeof import('../../policies/diff/acceptances-file');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Reads an acceptances file (YAML or JSON). Unreadable or invalid: `InputError` naming the file (exit 2). */
function readAcceptances(file: string): Acceptance[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, `cannot read acceptances file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = yamlParser().parse(text, { uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    throw new InputError(file, `malformed YAML/JSON (${(e as Error).message.split('\n')[0]})`);
  }
  return acceptancesReader().parseAcceptances(doc, file);
}

/**
 * `palisade diff BASE HEAD`: what a change does to security. Exit 0 = no security regression, 1 = regression (new
 * unsuppressed finding, a weakening, or a stateful resource destroyed/replaced), 2 = usage or input error.
 */
export const diffCommand: CommandModule = {
  name: 'diff',
  register(program: Command, ctx: CliContext) {
    withBaselineLimitOption(withInputLimitOptions(withSourceOptions(program
      .command('diff')))
      .description('Security-aware diff of two synths (cdktf.out, stack files) or Terraform plan JSON files: findings introduced/resolved, exposure and protection changes, data-loss risks')
      .argument('<base>', 'base: cdktf.out directory, stack file/dir, or plan JSON')
      .argument('<head>', 'head: same kinds; a plan JSON of HEAD against the base state gives real update/replace/delete actions')
      .option('-f, --format <format>', `output format: ${DIFF_FORMATS.join('|')}`, 'markdown')
      .option('-o, --output <file>', 'write the report to a file instead of stdout')
      .option('--fail-on <severity>', 'lowest severity of an introduced finding that fails the diff: critical|high|medium|low', 'low')
      .option('--allowed-regions <regions>', 'comma-separated allowed provider regions (default: EU regions)')
      .option('--today <date>', 'evaluate suppression expiry as of this date (YYYY-MM-DD; default: today)')
      .option('--accept <file>', 'acceptances of intended regressions (YAML/JSON: rule or change, resource, reason, approver, expires)'))
      .action((base: string, head: string, opts: DiffCliOptions) => {
        if (!isDiffFormat(opts.format)) throw new UsageError(`unknown format "${opts.format}" (expected ${DIFF_FORMATS.join(', ')})`);
        const { failOn, allowedRegions, today } = parseBaselineOptions(opts);
        const baselineLimits = parseBaselineLimits(opts, ctx);
        const acceptances = opts.accept === undefined ? [] : readAcceptances(path.resolve(ctx.cwd, opts.accept));
        const report = diffPaths(path.resolve(ctx.cwd, base), path.resolve(ctx.cwd, head), { baseDir: ctx.cwd, failOn, today, allowedRegions, acceptances, source: parseSourceOptions(opts, ctx.cwd), limits: parseInputLimits(opts), baselineLimits });
        report.base.inputs = [base];
        report.head.inputs = [head];
        const content = formatDiff(report, opts.format);
        const s = report.summary;
        if (opts.output) {
          writeOutput(ctx, opts.output, content);
          ctx.stderr(`palisade: diff written to ${opts.output}: ${s.regression ? 'SECURITY REGRESSION' : 'no security regression'} (${s.blocking} blocking, ${s.regressions} regression(s), ${s.findingsIntroduced} finding(s) introduced, ${s.findingsNewlySuppressed} newly suppressed, ${s.findingsResolved} resolved, ${s.accepted} accepted)\n`);
        } else {
          ctx.stdout(content);
        }
        ctx.exitCode = s.regression ? 1 : 0;
      });
  },
};
