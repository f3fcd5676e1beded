/**
 * Whole-process figures of the compiled CLI (what an installed package runs), each against its floor:
 * - check of one stack file of ~1k/10k/100k resources vs. the JSON-parse floor (node reading and parsing the same
 *   file as a whole process), with the ratio and the growth per resource from the smallest to the largest size;
 * - diff of two 10k-resource files; report (Markdown) of 10k resources.
 * Every figure is min/median/max over BENCH_RUNS (≥ 3) runs; peak RSS is the child's own.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const runs = Math.max(3, Number(process.env.BENCH_RUNS ?? 5));
const sizes = (process.env.BENCH_CHECK_SIZES ?? '1000,10000,100000').split(',').map(Number);
const cli = path.join(root, 'dist', 'cli', 'index.js');

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
  const s = samples.map((x) => x.seconds).sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1], rss: Math.max(...samples.map((x) => x.maxRssMb)) };
}

const repeat = (script: string, args: string[]) => stats(Array.from({ length: runs }, () => measure(script, args)));

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
    execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, 'bench', 'synth-estate.ts'), '1', estate], {
      cwd: root, stdio: 'ignore', env: { ...process.env, TS_NODE_SWC: 'true', CHECKPOINT_DISABLE: '1' },
    });
    const peak = 'process.on("exit", () => process.stderr.write(`PEAK_RSS_MB=${Math.round(process.resourceUsage().maxRSS / 1024)}\\n`));';
    const floor = path.join(work, 'floor.js');
    fs.writeFileSync(floor, `${peak}\nJSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));\n`);
    const palisade = path.join(work, 'palisade.js');
    fs.writeFileSync(palisade, `${peak}\nrequire(${JSON.stringify(cli)}).main(process.argv.slice(2)).then((c) => { process.exitCode = c; });\n`);

    const fmt = (x: number) => x.toFixed(3);
    const rows: string[][] = [['figure', 'resources', 'MB', 'min s', 'median s', 'max s', 'peak MB', 'floor median s', 'ratio']];
    const checks: { resources: number; median: number }[] = [];
    const files = new Map<number, string>();
    for (const target of sizes) {
      const file = path.join(work, `stack-${target}.tf.json`);
      const resources = stackFile(estate, target, file);
      files.set(target, file);
      const f = repeat(floor, [file]);
      const c = repeat(palisade, ['check', file, '--format', 'json']);
      checks.push({ resources, median: c.median });
      rows.push(['check', String(resources), (fs.statSync(file).size / 1e6).toFixed(1), fmt(c.min), fmt(c.median), fmt(c.max), String(c.rss), fmt(f.median), `${(c.median / f.median).toFixed(2)}×`]);
    }
    const tenK = files.get(10000);
    if (tenK) {
      const head = path.join(work, 'head-10000.tf.json');
      fs.writeFileSync(head, fs.readFileSync(tenK, 'utf8').replace(/"enable_key_rotation":true/g, '"enable_key_rotation":false'));
      const f = repeat(floor, [tenK]);
      const d = repeat(palisade, ['diff', tenK, head, '--format', 'json']);
      rows.push(['diff', '2 × 10k', '', fmt(d.min), fmt(d.median), fmt(d.max), String(d.rss), fmt(2 * f.median), `${(d.median / (2 * f.median)).toFixed(2)}×`]);
      const r = repeat(palisade, ['report', tenK, '--format', 'markdown']);
      rows.push(['report', '10k', '', fmt(r.min), fmt(r.median), fmt(r.max), String(r.rss), fmt(f.median), `${(r.median / f.median).toFixed(2)}×`]);
    }
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const row of rows) console.log(row.map((cell, c) => cell.padStart(widths[c])).join('  '));
    // Linearity without start-up: seconds per extra resource between consecutive sizes, last step vs first step.
    const marginal = checks.slice(1).map((c, i) => (c.median - checks[i].median) / (c.resources - checks[i].resources));
    if (marginal.length > 0) {
      const perK = marginal.map((m) => `${(m * 1000 * 1000).toFixed(2)} ms`).join(', ');
      console.log(`\ncheck: time per extra 1,000 resources between sizes: ${perK}; last/first step ${(marginal[marginal.length - 1] / marginal[0]).toFixed(2)} (1.00 = linear)`);
    }
    console.log(`${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}; load average ${os.loadavg()[0].toFixed(1)}; ${runs} runs each`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
