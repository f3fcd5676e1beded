/**
 * `npm run bench`: estates of ~1k, ~10k and ~50k resources synthesized through our own constructs (many
 * environments), then loaded and checked by the baseline engine. Each phase runs in its own process so its
 * peak memory (max RSS) is its own. Prints a table; figures go into the README's performance section.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);

function child(script: string, args: string[]): any {
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, 'bench', script), ...args], {
    cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TS_NODE_SWC: 'true', CHECKPOINT_DISABLE: '1' },
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-bench-'));
const probe = child('synth-estate.ts', ['1', path.join(work, 'probe')]);
const perEnvironment = probe.resources;
console.log(`One environment synthesizes ${perEnvironment} resources in ${probe.stacks} stacks.\n`);
const rows: string[][] = [['target', 'envs', 'stacks', 'resources', 'synth s', 'synth MB', 'load s', 'check s', 'resources/s', 'check MB', 'findings']];
for (const target of sizes) {
  const environments = Math.max(1, Math.round(target / perEnvironment));
  const outdir = path.join(work, `estate-${target}`);
  const synth = child('synth-estate.ts', [String(environments), outdir]);
  const check = child('check-estate.ts', [outdir]);
  const total = check.loadSeconds + check.checkSeconds;
  rows.push([String(target), String(environments), String(synth.stacks), String(synth.resources), synth.seconds.toFixed(1), synth.maxRssMb.toFixed(0),
    check.loadSeconds.toFixed(2), check.checkSeconds.toFixed(2), Math.round(check.resources / total).toLocaleString('en-US'), check.maxRssMb.toFixed(0), String(check.unsuppressed)]);
  fs.rmSync(outdir, { recursive: true, force: true });
}
fs.rmSync(work, { recursive: true, force: true });
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padStart(widths[c])).join('  '));
console.log(`\nnode ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}`);
