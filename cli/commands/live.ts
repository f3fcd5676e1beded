import type { Command } from 'commander';
import * as path from 'node:path';
import type { RetryStrategyV2 } from '@smithy/types';
import { blockingFindings, type BaselineReport } from '../../policies/engine';
import { FORMATS, formatReport, isFormat, toJsonReport, type Format } from '../../policies/formats/index';
import { loadModel } from '../../policies/model/load';
import type { Model } from '../../policies/model/model';
import { knownRegion } from '../../policies/model/region';
import type { Severity } from '../../policies/rules/types';
import type { LiveAuditResult } from '../../live/audit';
import { auditorPolicyJson } from '../../live/auditor-policy';
import { terminalText } from '../../policies/formats/escape/terminal';
import type { Ec2ClientFactory } from '../../live/ec2-client';
import { takeOverNodeSupportWarning } from '../../live/node-support';
import { UsageError, writeOutput, type CliContext } from '../context';
import { parseBaselineOptions, parseInputLimits, withInputLimitOptions, type InputLimitCliOptions } from '../options';
import type { CommandModule } from './types';

/** Seams for in-process tests: the EC2 client factory, retry strategy and whether stderr is a terminal. */
export interface LiveCommandDeps {
  clientFactory?: Ec2ClientFactory;
  retryStrategy?: RetryStrategyV2;
  stderrIsTTY?: boolean;
}

/** A CLI context that may carry {@link LiveCommandDeps} (tests pass one to `main`). */
export interface LiveCliContext extends CliContext {
  live?: LiveCommandDeps;
}

interface LiveOptions extends InputLimitCliOptions {
  region: string[];
  profile?: string;
  against?: string;
  format: string;
  output?: string;
  failOn: string;
  allowedRegions?: string;
  maxAttempts: string;
  concurrency: string;
  requestTimeout: string;
  deadline: string;
  maxPages: string;
  today?: string;
  printPolicy?: boolean;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function collectRegions(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((r) => r.trim()).filter(Boolean)];
}

function intInRange(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

/** Provider regions of the synthesized stacks, where the input shows them (the default regions with --against). */
function intendedRegions(model: Model): string[] {
  const out = new Set<string>();
  for (const s of model.stacks) for (const region of s.providers.map(knownRegion)) if (region) out.add(region);
  return [...out].sort();
}

function header(result: LiveAuditResult, against: string | undefined): string {
  const accounts = [...new Set(result.documents.map((d) => d.accountId).filter(Boolean))];
  const regions = result.documents.map((d) => d.region).join(', ');
  const lines = [`Live audit of ${accounts.length > 0 ? `account ${accounts.join(', ')}` : 'the account'} — regions ${regions}`];
  if (result.drift && against) {
    for (const s of result.drift.scopes) lines.push(`  ${s.region}: compared with ${s.stacks.length > 0 ? s.stacks.join(', ') : `no stack of ${against}`}`);
    lines.push(`  ${result.drift.matches.length} resource(s) matched to code, ${result.drift.items.length} drift item(s)`);
  }
  return `${lines.join('\n')}\n\n`;
}

function render(result: LiveAuditResult, format: Format, opts: { color: boolean; failOn: Severity; version: string; against?: string }): string {
  const report: BaselineReport = result.report;
  if (format === 'json') {
    const live = {
      regions: result.documents.map((d) => ({ region: d.region, stack: d.stack, accountId: d.accountId ?? null })),
      against: opts.against ?? null,
      drift: result.drift
        ? {
            scopes: result.drift.scopes,
            matches: result.drift.matches.map((m) => ({ region: m.region, live: m.live.address, liveId: m.live.values.id ?? null, intended: `${m.intended.stack}/${m.intended.address}`, reason: m.reason })),
            items: result.drift.items.map((d) => ({ kind: d.kind, region: d.region, stack: d.stack, resource: d.address, message: d.message })),
          }
        : null,
    };
    return `${JSON.stringify({ ...toJsonReport(report), live }, null, 2)}\n`;
  }
  const body = formatReport(report, format, { color: opts.color, failOn: opts.failOn, toolVersion: opts.version });
  if (format === 'text') return header(result, opts.against) + body;
  if (format === 'markdown') return `${header(result, opts.against).trimEnd().split('\n').map((l) => `> ${l}`).join('\n')}\n\n${body}`;
  return body;
}

export const liveCommand: CommandModule = {
  name: 'live',
  register(program: Command, ctx: CliContext) {
    withInputLimitOptions(program
      .command('live')
      .description('Audit a deployed account read-only with the EC2 API: the same baseline rules as `check`, plus drift against cdktf.out')
      .option('-r, --region <region>', 'region to read (repeatable or comma-separated; default: provider regions of --against, else AWS_REGION)', collectRegions, [])
      .option('-p, --profile <profile>', 'AWS shared-config profile (default: the SDK credential chain, e.g. AWS_PROFILE)')
      .option('-a, --against <path>', 'synthesized intent to compare with (cdktf.out, *.tf.json) — reports drift')
      .option('-f, --format <format>', `output format: ${FORMATS.join('|')}`, 'text')
      .option('-o, --output <file>', 'write the report to a file instead of stdout')
      .option('--fail-on <severity>', 'lowest unsuppressed severity that fails the run: critical|high|medium|low', 'low')
      .option('--allowed-regions <regions>', 'comma-separated allowed regions for the GDPR region rule')
      .option('--max-attempts <n>', 'attempts per API call, with adaptive retry on throttling', '5')
      .option('--concurrency <n>', 'regions read in parallel', '4')
      .option('--request-timeout <seconds>', 'longest wait for a connection or the next chunk of an answer, per request', '5')
      .option('--deadline <seconds>', 'the whole read must finish within this, or the run fails with exit 2', '300')
      .option('--max-pages <n>', 'most pages one paginated call may return (stops NextToken loops)', '1000')
      .option('--today <date>', 'evaluation date for suppression expiry (YYYY-MM-DD)')
      .option('--print-policy', 'print the least-privilege IAM policy the auditor role needs, and exit'))
      .action(async (opts: LiveOptions) => {
        if (opts.printPolicy) {
          ctx.stdout(auditorPolicyJson());
          ctx.exitCode = 0;
          return;
        }
        if (!isFormat(opts.format)) throw new UsageError(`unknown format "${opts.format}" (expected ${FORMATS.join(', ')})`);
        const { failOn, allowedRegions, today } = parseBaselineOptions(opts);
        const maxAttempts = intInRange('--max-attempts', opts.maxAttempts, 1, 20);
        const concurrency = intInRange('--concurrency', opts.concurrency, 1, 32);
        const requestTimeoutMs = intInRange('--request-timeout', opts.requestTimeout, 1, 300) * 1000;
        const deadlineMs = intInRange('--deadline', opts.deadline, 1, 86_400) * 1000;
        const maxPages = intInRange('--max-pages', opts.maxPages, 1, 1_000_000);
        const against = opts.against ? loadModel([path.resolve(ctx.cwd, opts.against)], { baseDir: ctx.cwd, limits: parseInputLimits(opts) }) : undefined;
        let regions = [...new Set(opts.region)];
        if (regions.length === 0 && against) regions = intendedRegions(against);
        if (regions.length === 0) {
          const envRegion = ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION;
          if (envRegion) regions = [envRegion];
        }
        if (regions.length === 0) throw new UsageError('no region to read: pass --region (repeatable), set AWS_REGION, or use --against with a synthesized cdktf.out');
        const bad = regions.find((r) => !REGION.test(r));
        if (bad) throw new UsageError(`"${bad}" is not an AWS region name (e.g. eu-west-1)`);

        const deps = (ctx as LiveCliContext).live ?? {};
        const nodeNotice = takeOverNodeSupportWarning();
        if (nodeNotice) ctx.stderr(`${nodeNotice}\n`);
        // Loaded on use: the AWS SDK costs ~0.25 s, which `check`, `rules`, `diff` and `report` should not pay.
        const { runLiveAudit } = await import('../../live/audit');
        const { LiveError } = await import('../../live/live-error');
        const { ProgressLine } = await import('../../live/progress');
        const { LIVE_API_CALLS } = await import('../../live/api-calls');
        const progress = new ProgressLine(ctx.stderr, LIVE_API_CALLS.length, deps.stderrIsTTY ?? Boolean(process.stderr.isTTY));
        let result: LiveAuditResult;
        try {
          result = await runLiveAudit({
            regions,
            profile: opts.profile,
            maxAttempts,
            concurrency,
            requestTimeoutMs,
            deadlineMs,
            maxPages,
            clientFactory: deps.clientFactory,
            retryStrategy: deps.retryStrategy,
            onCall: (region, done) => progress.update(region, done),
            against,
            allowedRegions,
            today,
          });
        } catch (e) {
          progress.finish();
          if (e instanceof LiveError) {
            ctx.stderr(`palisade: error: ${terminalText(e.message)}\n`);
            ctx.exitCode = 2;
            return;
          }
          throw e;
        }
        progress.finish();
        const color = !opts.output && ctx.isTTY && !ctx.env.NO_COLOR;
        const content = render(result, opts.format, { color, failOn, version: ctx.version, against: opts.against });
        const blocking = blockingFindings(result.report, failOn).length;
        if (opts.output) {
          const abs = writeOutput(ctx, opts.output, content);
          const shown = path.relative(ctx.cwd, abs);
          ctx.stderr(`palisade: ${opts.format} live report written to ${shown && !shown.startsWith('..') ? shown : abs}: ${blocking} blocking finding(s) at or above ${failOn}${result.drift ? `, ${result.drift.items.length} drift item(s)` : ''}\n`);
        } else {
          ctx.stdout(content);
        }
        ctx.exitCode = blocking > 0 ? 1 : 0;
      });
  },
};
