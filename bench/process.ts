/**
 * Whole-process figures of the compiled CLI (what an installed package runs), each against its floor:
 * - check of one stack file of ~1k/10k/100k resources vs. the JSON-parse floor (node reading and parsing the same
 *   file as a whole process), with the ratio and the growth per resource from the smallest to the largest size;
 * - diff of two 10k-resource files; report (Markdown) of 10k resources.
 * Every figure is min/median/max over BENCH_RUNS (≥ 3) runs (checks of up to 10k resources: at least 11), taken in
 * turns with its floor (the ratio is the median of the per-turn ratios); peak RSS is the child's own. Goals (issue
 * #18): check of 10k ≤ 3× its floor and linear within ±20 % from 1k to 100k; diff of 2 × 10k ≤ 1 s; report of 10k ≤ 2 s.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { goal, machine, printTable, RUNS, spread } from './stats';

const root = path.resolve(__dirname, '..');
const sizes = (process.env.BENCH_CHECK_SIZES ?? '1000,10000,100000').split(',').map(Number);
/** What the installed `palisade` runs (bin/palisade.js outside a checkout): the one-file CLI bundle, with its code cache. */
const cli = path.join(root, 'dist', 'cli', 'palisade.js');

interface Sample { seconds: number; maxRssMb: number }

/** Runs `node <script> ...args` as a fresh process; the child reports its own peak RSS on stderr at exit. */
function measure(script: string, args: string[]): Sample {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /PEAK_RSS_MB=(\d+)/.exec(child.stderr ?? '');
  if (child.status !== 0 && child.status !== 1) throw new Error(`${script} ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  return { seconds, maxRssMb: rss ? Number(rss[1]) : NaN };
}

function stats(samples: Sample[]): { min: number; median: number; max: number; rss: number } {
  return { ...spread(samples.map((x) => x.seconds)), rss: Math.max(...samples.map((x) => x.maxRssMb)) };
}

/**
 * A figure and its floor measured in turns (floor, figure, floor, figure, …), so both see the same state of a shared
 * host; the ratio is the median of the per-turn ratios. Measured one after the other, a host that slows down between
 * the floor's runs and the figure's moves the ratio by 10–20 %.
 */
function paired(figure: [string, string[]], floor: [string, string[]], floorTimes = 1, runs = RUNS): { figure: ReturnType<typeof stats>; floor: ReturnType<typeof stats>; ratio: number } {
  const turns = Array.from({ length: runs }, () => {
    const f = measure(...floor);
    return { floor: f, figure: measure(...figure) };
  });
  const ratios = turns.map((t) => t.figure.seconds / (floorTimes * t.floor.seconds));
  return { figure: stats(turns.map((t) => t.figure)), floor: stats(turns.map((t) => t.floor)), ratio: spread(ratios).median };
}

/**
 * Turns for the checks of up to 10k resources: they take 0.1–0.25 s, so 11 turns cost a few seconds, and their medians
 * set the 10k ratio and the first step of the linearity, which 5 ms of host noise at 10k moves by about 0.05.
 */
const SMALL_CHECK_RUNS = Math.max(RUNS, 11);

/** One stack file of about `target` resources: copies of the stacks of the synthesized environment `env0000`, renamed. */
function stackFile(estate: string, target: number, file: string): number {
  const stacks = fs.readdirSync(path.join(estate, 'stacks')).filter((s) => s.startsWith('env0000-'));
  if (stacks.length === 0) throw new Error(`no env0000 stacks in ${estate}`);
  const base: { resource: Record<string, Record<string, unknown>>; [k: string]: unknown } = { resource: {} };
  for (const stack of stacks) {
    const json = JSON.parse(fs.readFileSync(path.join(estate, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    base.provider ??= json.provider;
    base.terraform ??= json.terraform;
    for (const [type, byName] of Object.entries(json.resource ?? {})) Object.assign((base.resource[type] ??= {}), byName);
  }
  const perCopy = Object.values(base.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
  if (perCopy === 0) throw new Error(`no resources in the stacks of ${estate}`);
  const copies = Math.max(1, Math.round(target / perCopy));
  const text = JSON.stringify(base.resource);
  const resource: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < copies; i++) {
    // Addresses all start with the environment name (PalisadeStack), so renaming it renames references too.
    const copy = JSON.parse(text.replace(/env0000_/g, `e${i}_`).replace(/env0000-/g, `e${i}-`));
    for (const [type, byName] of Object.entries(copy as typeof resource)) Object.assign((resource[type] ??= {}), byName);
  }
  fs.writeFileSync(file, JSON.stringify({ ...base, resource }));
  return copies * perCopy;
}

function main(): void {
  if (!fs.existsSync(cli)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-bench-process-'));
  try {
    const estate = path.join(work, 'estate');
    execFileSync(process.execPath, ['-r', path.join(root, 'scripts', 'register-typescript.js'), path.join(root, 'bench', 'synth-estate.ts'), '1', estate], {
      cwd: root, stdio: 'ignore', env: { ...process.env, PALISADE_TS_SOURCE_MAPS: '0', CHECKPOINT_DISABLE: '1' },
    });
    const peak = 'process.on("exit", () => process.stderr.write(`PEAK_RSS_MB=${Math.round(process.resourceUsage().maxRSS / 1024)}\\n`));';
    const floor = path.join(work, 'floor.js');
    fs.writeFileSync(floor, `${peak}\nJSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));\n`);
    const palisade = path.join(work, 'palisade.js');
    // As the installed bin/palisade.js runs it: the bundle with its code cache (bin/bundle-loader.js).
    const loader = path.join(root, 'bin', 'bundle-loader.js');
    fs.writeFileSync(palisade, `${peak}\nrequire(${JSON.stringify(loader)}).loadBundle(${JSON.stringify(cli)}).exports.runAsProcess(process.argv.slice(2));\n`);

    const fmt = (x: number) => x.toFixed(3);
    const rows: string[][] = [['figure', 'resources', 'MB', 'min s', 'median s', 'max s', 'peak MB', 'floor median s', 'ratio', 'goal']];
    const checks: { resources: number; median: number }[] = [];
    const files = new Map<number, string>();
    for (const target of sizes) {
      const file = path.join(work, `stack-${target}.tf.json`);
      const resources = stackFile(estate, target, file);
      files.set(target, file);
      const { figure: c, floor: f, ratio } = paired([palisade, ['check', file, '--format', 'json']], [floor, [file]], 1, target <= 10000 ? SMALL_CHECK_RUNS : RUNS);
      checks.push({ resources, median: c.median });
      rows.push(['check', String(resources), (fs.statSync(file).size / 1e6).toFixed(1), fmt(c.min), fmt(c.median), fmt(c.max), String(c.rss), fmt(f.median), `${ratio.toFixed(2)}×`, target === 10000 ? goal(ratio, 3, '× floor') : '']);
    }
    const tenK = files.get(10000);
    if (tenK) {
      const head = path.join(work, 'head-10000.tf.json');
      fs.writeFileSync(head, fs.readFileSync(tenK, 'utf8').replace(/"enable_key_rotation":true/g, '"enable_key_rotation":false'));
      const { figure: d, floor: f, ratio: diffRatio } = paired([palisade, ['diff', tenK, head, '--format', 'json']], [floor, [tenK]], 2);
      rows.push(['diff', '2 × 10k', '', fmt(d.min), fmt(d.median), fmt(d.max), String(d.rss), fmt(2 * f.median), `${diffRatio.toFixed(2)}×`, goal(d.median, 1, ' s')]);
      const { figure: r, floor: rf, ratio: reportRatio } = paired([palisade, ['report', tenK, '--format', 'markdown']], [floor, [tenK]]);
      rows.push(['report', '10k', '', fmt(r.min), fmt(r.median), fmt(r.max), String(r.rss), fmt(rf.median), `${reportRatio.toFixed(2)}×`, goal(r.median, 2, ' s')]);
    }
    // Whether V8 takes the bundle's code cache in these children (rejected: every figure includes compiling the bundle).
    const cache = execFileSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(loader)}).loadBundle(${JSON.stringify(cli)}).cache)`], { encoding: 'utf8' });
    console.log(`\nWhole processes of the compiled CLI (${RUNS} runs each, checks of up to 10k resources ${SMALL_CHECK_RUNS}; code cache: ${cache})\n`);
    printTable(rows);
    // Linearity without start-up: seconds per extra resource between consecutive sizes, last step vs first step.
    const marginal = checks.slice(1).map((c, i) => (c.median - checks[i].median) / (c.resources - checks[i].resources));
    if (marginal.length > 0) {
      const perK = marginal.map((m) => `${(m * 1000 * 1000).toFixed(2)} ms`).join(', ');
      const linearity = marginal[marginal.length - 1] / marginal[0];
      console.log(`\ncheck: time per extra 1,000 resources between sizes: ${perK}; last/first step ${linearity.toFixed(2)} (1.00 = linear; goal 0.80–1.20: ${linearity >= 0.8 && linearity <= 1.2 ? 'met' : 'NOT MET'})`);
    }
    console.log(machine());
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
