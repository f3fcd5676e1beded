/**
 * `npm run bench`, first half: synthesis through our own constructs and stacks (copies of the example's production
 * environment) at ~1k and ~10k resources (`BENCH_SIZES`), each `BENCH_RUNS` times, against the raw-cdktf floor of as
 * many provider resources (bench/synth-floor.ts); then the synthesized estate loaded and checked in-process. Each
 * size is synthesized twice: with cdktf's default of a stack trace recorded per token, and with those creation stacks
 * off (`setTokenCreationStacks(false)`, what main.ts and so `cdktf synth` run); the Terraform is the same, so it is
 * checked once.
 *
 * Every phase is its own process, so its peak memory (max RSS) is its own. The TypeScript sources run through SWC
 * with Node's source-mapped stack traces off (PALISADE_TS_SOURCE_MAPS=0), as compiled JavaScript would run: cdktf
 * records a stack trace for every token it creates, and source-mapping each one (ts-node, jest) is loader cost that
 * would otherwise dominate the figure. The second half is bench/process.ts (whole CLI processes).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { goal, machine, printTable, RUNS, spread } from './stats';

const root = path.resolve(__dirname, '..');
const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const SYNTH_GOAL = { resources: 10_000, seconds: 5, rssMb: 1024 };
/** cdktf's default (a stack trace per token), and creation stacks off as main.ts runs (setTokenCreationStacks). */
const SYNTH_MODES = [{ arg: 'token-stacks', label: 'on (cdktf default)' }, { arg: 'no-token-stacks', label: 'off (main.ts)' }];

function child(script: string, args: string[]): any {
  const out = execFileSync(process.execPath, ['-r', path.join(root, 'scripts', 'register-typescript.js'), path.join(root, 'bench', script), ...args], {
    cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PALISADE_TS_SOURCE_MAPS: '0', CHECKPOINT_DISABLE: '1' },
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function main(): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-bench-'));
  try {
    const probe = child('synth-estate.ts', ['1', path.join(work, 'probe')]);
    const perEnvironment: number = probe.resources;
    console.log(`Synthesis (${RUNS} runs each; one environment is ${perEnvironment} resources in ${probe.stacks} stacks)\n`);
    const rows: string[][] = [['resources', 'stacks', 'token stacks', 'synth min s', 'median s', 'max s', 'peak MB', 'raw cdktf median s', 'ratio', 'load s', 'check s', 'check MB', 'findings', 'goal (10k)']];
    for (const target of sizes) {
      const environments = Math.max(1, Math.round(target / perEnvironment));
      const outdir = path.join(work, `estate-${target}`);
      const floors = Array.from({ length: RUNS }, () => child('synth-floor.ts', [String(environments * perEnvironment), path.join(work, `floor-${target}`)]));
      const f = spread(floors.map((x) => x.seconds));
      for (const mode of SYNTH_MODES) {
        const synths = Array.from({ length: RUNS }, () => child('synth-estate.ts', [String(environments), outdir, mode.arg]));
        // Both modes synthesize the same Terraform (test/foundation/token-creation-stacks.test.ts): checked once.
        const check = mode === SYNTH_MODES[0] ? child('check-estate.ts', [outdir]) : undefined;
        const s = spread(synths.map((x) => x.seconds));
        const rss = Math.max(...synths.map((x) => x.maxRssMb));
        const met = target === SYNTH_GOAL.resources ? `${goal(s.median, SYNTH_GOAL.seconds, ' s')}, ${goal(rss, SYNTH_GOAL.rssMb, ' MB')}` : '';
        rows.push([String(synths[0].resources), String(synths[0].stacks), mode.label, s.min.toFixed(2), s.median.toFixed(2), s.max.toFixed(2), rss.toFixed(0), f.median.toFixed(2),
          `${(s.median / f.median).toFixed(2)}×`, ...(check ? [check.loadSeconds.toFixed(2), check.checkSeconds.toFixed(2), check.maxRssMb.toFixed(0), String(check.unsuppressed)] : ['same', 'same', 'same', 'same']), met]);
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    }
    printTable(rows);
    console.log(`\n${machine()}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
