/**
 * Property tests (fast-check): malformed and adversarial documents thrown at `check`, `diff` and `report` through the
 * CLI. Whatever arrives, the answer is exit 2 with one line, or a verdict that matches the baseline — never a crash
 * (an internal error), never a multi-line trace, and never a pass for a document that holds a weakness.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runPalisade } from '../support/cli';
import { compliantEstate, rmrf, tempDir } from './fixtures';

let dir: string;
beforeAll(() => (dir = tempDir('palisade-adversarial-')));
afterAll(() => rmrf(dir));

const palisade = (...args: string[]) => runPalisade(dir, ...args);

let n = 0;
function write(content: string | Buffer): string {
  const file = path.join(dir, `doc-${n++}.json`);
  fs.writeFileSync(file, content);
  return file;
}

/** Exit 2 with exactly one line and no report, or a real verdict (0/1) — never an internal error. */
function expectFailClosed(r: { code: number; stdout: string; stderr: string }): void {
  expect(r.stderr).not.toMatch(/internal error/);
  if (r.code === 2) {
    expect(r.stderr).toMatch(/^palisade: error: [^\n]+\n$/);
    expect(r.stdout).toBe('');
  } else {
    expect([0, 1]).toContain(r.code);
  }
}

const KEYS = ['resource', 'data', 'provider', 'output', 'terraform', 'format_version', 'planned_values', 'resource_changes', 'configuration', 'values', 'root_module', 'resources', 'child_modules', 'address', 'type', 'name', 'mode', 'change', 'actions', 'after', 'after_unknown', 'errored', '//', 'palisade', 'suppressions', 'stacks', 'version', 'aws_security_group', 'aws_vpc', 'ingress', 'cidr_blocks', 'from_port'];
/** JSON built from Terraform's own vocabulary, so the loader's branches are reached, not just JSON.parse. */
const terraformish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ maxDepth: 6 }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('${aws_vpc.main.id}', '0.0.0.0/0', '::/0', '1.2', 'true', 'delete', 'create'), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 5 }),
})).value;

const hostileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.string().map((s) => Buffer.from(s)),
  fc.integer({ min: 257, max: 4000 }).map((d) => Buffer.from(`${'['.repeat(d)}${']'.repeat(d)}`)),
  fc.constantFrom('\ufeff', '\ufeff{}', '{"format_version":"1.2","errored":true,"planned_values":{}}', '{"resource":{"provider":{"aws":{}}}}', '', '   ', 'null', '[]', '{"stacks":{},"version":"1"}').map((s) => Buffer.from(s)),
);

const RUNS = { numRuns: 60 };

describe('adversarial documents', () => {
  test('check, report and diff fail closed on any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBytes, async (bytes) => {
        const file = write(bytes);
        for (const args of [['check', file], ['report', file], ['diff', file, file]]) expectFailClosed(await palisade(...args));
      }),
      RUNS,
    );
  });

  test('check, report and diff fail closed on any Terraform-shaped JSON', async () => {
    await fc.assert(
      fc.asyncProperty(terraformish, async (doc) => {
        const file = write(JSON.stringify(doc));
        for (const args of [['check', file], ['report', file], ['diff', file, file]]) expectFailClosed(await palisade(...args));
      }),
      RUNS,
    );
  });

  test('a world-open SSH rule never passes, whatever hostile names and text surround it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (description, reason) => {
        const stack = compliantEstate('prod').add('aws_security_group_rule', 'ssh', { type: 'ingress', from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], security_group_id: 'sg-1', description }, { suppressions: [{ ruleId: 'PAL-SG-999', reason }] });
        const file = write(JSON.stringify(stack.toJSON()));
        const r = await palisade('check', file);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/PAL-SG-001/);
        expect(r.stdout.split('\n').filter((l) => l.startsWith('PASS'))).toEqual([]);
        const base = write(JSON.stringify(compliantEstate('prod').toJSON()));
        const d = await palisade('diff', base, file, '--format', 'json');
        expect(d.code).toBe(1);
        expect(JSON.parse(d.stdout).summary.findingsIntroduced).toBeGreaterThan(0);
      }),
      { numRuns: 25 },
    );
  });
});
