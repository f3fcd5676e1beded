/** Shared by the benchmark scripts: repeated runs, min/median/max, the machine line and table printing. */
import * as os from 'os';

export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** Runs (≥ 3, `BENCH_RUNS`, default 5) for every figure: a median of fewer says little on a shared machine. */
export const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 5));

export function spread(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}; load average ${os.loadavg()[0].toFixed(1)} at the end`;
}

/** A goal column: `≤ 5 s: met` or `≤ 5 s: NOT MET`. */
export function goal(value: number, limit: number, unit: string): string {
  return `≤ ${limit}${unit}: ${value <= limit ? 'met' : 'NOT MET'}`;
}

export function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
}
