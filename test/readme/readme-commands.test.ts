import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { estateOutDir, testRunDir } from '../support/paths';

/**
 * The README's CLI examples work when copied: every `npx palisade …` line of its shell blocks runs as written (in a
 * folder holding the synthesized example estate as `cdktf.out`), exits 0, and what it writes parses as the format
 * it names. A redirect must produce a valid file: no npm banner, no warning text in the JSON.
 */
const ROOT = path.resolve(__dirname, '../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** Lines of the README's ```sh blocks that run the CLI. */
function cliExamples(): string[] {
  const blocks = [...README.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  return blocks.flatMap((b) => b.split('\n')).map((l) => l.trim()).filter((l) => l.startsWith('npx palisade '));
}

/** The file a command writes (`> file` or `--output file`), if any. */
function writtenFile(command: string): string | undefined {
  return /(?:>|--output)\s+(\S+)\s*$/.exec(command)?.[1];
}

function parseAs(file: string, text: string): void {
  if (file.endsWith('.json') || file.endsWith('.sarif')) JSON.parse(text);
  else if (file.endsWith('.csv')) expect(text.split('\n')[0]).toMatch(/^[A-Za-z_ ]+(,[A-Za-z_ ]+)+\r?$/);
  else throw new Error(`no parser for ${file}`);
}

/** Runs one line in bash as a user would, bounded to a minute. */
function shell(command: string, cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => {
      clearTimeout(killer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('the README command lines', () => {
  const examples = cliExamples();
  let workDir: string;

  beforeAll(() => {
    // Inside the repository, so `npx palisade` resolves this package's own bin as it does for a user in the repo.
    workDir = path.join(testRunDir(), 'readme');
    fs.mkdirSync(workDir, { recursive: true });
    fs.symlinkSync(estateOutDir(), path.join(workDir, 'cdktf.out'));
  });

  test('the README shows the CLI examples this test runs', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    expect(examples.filter(writtenFile).length).toBeGreaterThanOrEqual(4);
  });

  // Concurrently: each line is its own npx process, mostly start-up, and they write different files.
  test.concurrent.each(cliExamples())('`%s` runs as written and writes a valid file', async (command) => {
    const r = await shell(command, workDir);
    expect({ command, status: r.status }).toEqual({ command, status: 0 });
    // stderr may carry palisade's own status line, nothing else: no npm banner, no runtime or SDK warnings.
    for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^palisade: /);
    const file = writtenFile(command);
    if (file) {
      const text = fs.readFileSync(path.join(workDir, file), 'utf8');
      expect(text.length).toBeGreaterThan(0);
      parseAs(file, text);
    } else {
      expect(r.stdout.trim().length).toBeGreaterThan(0);
    }
  });
});
