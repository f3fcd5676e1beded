/**
 * Issue #16, as an attacker or a careless user would try it: partial input, resource limits, suppression abuse and
 * output injection. Every case ends in exit 2 with one line naming the path, or in a correct verdict — never a
 * stack trace, a hang, or a pass.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exampleEstate } from '../../config/estate';
import { loadEstateConfig } from '../../config/load';
import { PalisadeConfigError } from '../../constructs/errors';
import { runBaseline } from '../../policies/engine';
import { terminalText } from '../../policies/formats/escape/terminal';
import { formatMarkdown } from '../../policies/formats/markdown';
import { formatText } from '../../policies/formats/text';
import { InputError } from '../../policies/model/errors';
import { modelFromDocuments } from '../../policies/model/load';
import { listDirectory } from '../../policies/model/read-input';
import { checkSuppression, visibleReason } from '../../policies/suppression-format';
import { foreignHtml, rendered } from '../support/markdown';
import { runPalisade } from '../support/cli';
import { compliantEstate, rmrf, tempDir, writeCdktfOut, writeJson } from './fixtures';

let dir: string;
beforeEach(() => (dir = tempDir('palisade-failclosed-')));
afterEach(() => rmrf(dir));

const palisade = (...args: string[]) => runPalisade(dir, ...args);

/** Exit 2, one line on stderr starting with the path, nothing on stdout. */
async function expectInputError(args: string[], file: string, message: RegExp): Promise<void> {
  const r = await palisade(...args);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^palisade: error: [^\n]+\n$/);
  expect(r.stderr).toContain(`error: ${file}`);
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(2);
}

const plan = (extra: Record<string, unknown> = {}) => ({ format_version: '1.2', terraform_version: '1.11.4', planned_values: { root_module: { resources: [] } }, resource_changes: [], ...extra });

describe('partial input is never checked as complete', () => {
  test('a cdktf.out without manifest whose stack folder lacks cdk.tf.json is exit 2 naming that folder', async () => {
    const out = writeCdktfOut(dir, compliantEstate('a'), compliantEstate('b'));
    fs.rmSync(path.join(out, 'manifest.json'));
    fs.rmSync(path.join(out, 'stacks', 'b', 'cdk.tf.json'));
    for (const cmd of ['check', 'report']) await expectInputError([cmd, out], path.join(out, 'stacks', 'b', 'cdk.tf.json'), /stack folder "b" has no cdk\.tf\.json/);
  });

  test('a stack listed in the manifest but missing is exit 2', async () => {
    const out = writeCdktfOut(dir, compliantEstate('a'), compliantEstate('b'));
    fs.rmSync(path.join(out, 'stacks', 'a', 'cdk.tf.json'));
    await expectInputError(['check', out], path.join(out, 'stacks', 'a', 'cdk.tf.json'), /stack "a" listed in .* is missing/);
  });

  test('a plan with "errored": true is refused by check, report and diff alike', async () => {
    const file = writeJson(path.join(dir, 'plan.json'), plan({ errored: true }));
    for (const args of [['check', file], ['report', file], ['diff', file, file]]) await expectInputError(args, file, /the plan errored/);
  });

  test('a directory that cannot be listed is an InputError naming it (root lists everything, so ENOTDIR stands in)', () => {
    const file = writeJson(path.join(dir, 'not-a-dir'), {});
    expect(() => listDirectory(file)).toThrow(InputError);
    expect(() => listDirectory(file)).toThrow(`${file}: cannot list directory: a parent of this path is a file, not a directory`);
  });
});

describe('resource limits: one line, never a stack trace or a hang', () => {
  test('JSON nested 5,000 levels deep is refused by check, diff and report', async () => {
    const file = path.join(dir, 'deep.json');
    fs.writeFileSync(file, `{"resource":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    for (const args of [['check', file], ['report', file], ['diff', file, file]]) await expectInputError(args, file, /nested deeper than 256 levels/);
  });

  test('the depth and size limits are options', async () => {
    const file = writeJson(path.join(dir, 'plan.json'), plan());
    await expectInputError(['check', '--max-input-depth', '2', file], file, /nested deeper than 2 levels/);
    await expectInputError(['check', '--max-input-bytes', '20', file], file, /larger than the 20-byte input limit/);
    expect((await palisade('check', '--max-input-bytes', 'lots', file)).stderr).toMatch(/^palisade: error: --max-input-bytes must be a positive integer, got "lots"\n$/);
  });

  test('a FIFO is refused at once instead of blocking', async () => {
    const fifo = path.join(dir, 'plan.json');
    execFileSync('mkfifo', [fifo]);
    await expectInputError(['check', fifo], fifo, /is a FIFO \(named pipe\), not a regular file/);
  });

  test('a device is refused instead of read until memory runs out', async () => {
    await expectInputError(['check', '/dev/zero'], '/dev/zero', /is a device, not a regular file/);
  });

  test('a UTF-8 BOM is accepted by every command', async () => {
    const file = path.join(dir, 'plan.json');
    fs.writeFileSync(file, `\ufeff${JSON.stringify(plan())}`);
    for (const args of [['check', file], ['report', file], ['diff', file, file]]) expect((await palisade(...args)).code).toBe(0);
  });

  test.each([
    ['a directory', (d: string) => d],
    ['a path under a file', (d: string) => path.join(writeJson(path.join(d, 'f.json'), {}), 'x.md')],
  ])('--output pointing at %s is one line, exit 2', async (_name, target) => {
    const file = writeJson(path.join(dir, 'plan.json'), plan());
    const out = target(dir);
    const r = await palisade('check', file, '--output', out);
    expect(r.stderr).toMatch(/^palisade: error: .*cannot write --output: [^\n]+\n$/);
    expect(r.code).toBe(2);
  });
});

describe('suppressions must be visible, reasoned, and stay on their resource', () => {
  test.each([['U+200B', '\u200b\u200b\u200b\u200b\u200b'], ['U+00AD', '\u00ad\u00ad\u00ad\u00ad'], ['U+2060', '\u2060\u2060\u2060\u2060'], ['U+3164', '\u3164\u3164\u3164\u3164\u3164'], ['U+2800', '\u2800\u2800\u2800\u2800'], ['NUL', '\u0000\u0000\u0000\u0000'], ['ESC', '\u001b[2J\u001b\u001b'], ['too few letters', 'ok!!']])(
    'a reason made of %s is invalid',
    (_name, reason) => {
      expect(checkSuppression({ ruleId: 'PAL-SG-001', reason }, 0, '2026-01-01')).toMatchObject({ state: 'invalid', problem: 'invisible-reason' });
    },
  );

  test('a valid reason is shown as the reader sees it (invisible characters removed)', () => {
    expect(visibleReason('Break\u200b-glass\u00a0 SSH\u202e, ticket SEC-123')).toBe('Break-glass SSH, ticket SEC-123');
  });

  test('an invisible reason leaves the finding open and raises PAL-SUPPRESSION-INVALID', () => {
    const stack = compliantEstate('prod').add('aws_security_group_rule', 'ssh', { type: 'ingress', from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], security_group_id: 'sg-1' }, { suppressions: [{ ruleId: 'PAL-SG-001', reason: '\u200b\u2060\u3164\u2800' }] });
    const report = runBaseline(modelFromDocuments([{ file: 'prod.tf.json', json: stack.toJSON() }]), { today: '2026-06-01' });
    expect(report.findings.filter((f) => f.ruleId === 'PAL-SG-001' && !f.suppressed)).not.toHaveLength(0);
    expect(report.findings.map((f) => f.ruleId)).toContain('PAL-SUPPRESSION-INVALID');
  });

  test.each([['provider', 'aws'], ['output', 'k'], ['data', 'x'], ['module', 'm']])('a phantom resource %s.%s is an input error', (type, name) => {
    const json = compliantEstate('prod').add(type, name, {}, { suppressions: [{ ruleId: 'PAL-GDPR-001', reason: 'phantom silences the provider' }] }).toJSON();
    expect(() => modelFromDocuments([{ file: 'prod.tf.json', json }])).toThrow(/prod\.tf\.json: resource\.\w+\.\w+: "\w+" is reserved in Terraform/);
  });

  test('a bad name of a type already read is an input error (types are validated once, names every time)', () => {
    const json = compliantEstate('prod').add('aws_vpc', '1bad', {}).toJSON() as { resource: Record<string, Record<string, unknown>> };
    expect(Object.keys(json.resource.aws_vpc).indexOf('1bad')).toBeGreaterThan(0);
    expect(() => modelFromDocuments([{ file: 'prod.tf.json', json }])).toThrow(/prod\.tf\.json: resource\.aws_vpc\.1bad: resource name "1bad" is not a valid Terraform identifier/);
  });

  test('a resource name Terraform rejects is an input error', () => {
    const json = compliantEstate('prod').add('aws_s3_bucket', 'a b`', {}).toJSON();
    expect(() => modelFromDocuments([{ file: 'prod.tf.json', json }])).toThrow(/resource name "a b`" is not a valid Terraform identifier/);
  });
});

describe('output injection', () => {
  const hostile = 'x`</code><script>alert(1)</script><img src=x onerror=alert(2)> @octo-org/security [y](javascript:alert(3)) \u001b]8;;http://evil\u0007\r\nPASS\u001b[2J';
  const report = () => {
    const stack = compliantEstate('prod').add('aws_security_group_rule', 'ssh', { type: 'ingress', from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], security_group_id: 'sg-1', description: hostile });
    const json = stack.toJSON();
    return runBaseline(modelFromDocuments([{ file: 'x.tf.json', json, stackName: `prod${hostile}` }]), { today: '2026-06-01' });
  };

  test('check --format markdown renders no HTML, no link and no mention from input', () => {
    const md = formatMarkdown(report());
    expect(foreignHtml(md)).toEqual([]);
    const view = rendered(md);
    expect(view.urls).toEqual([]);
    expect(view.mentions).toEqual([]);
    expect(view.code.some((c) => c.includes('x`</code><script>'))).toBe(true); // the stack name stays one intact code span
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  test('text output has no escape sequence, control character, or line of input of its own', () => {
    const text = formatText(report());
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text.split('\n').filter((l) => /^PASS/.test(l))).toEqual([]);
    expect(terminalText('a\u001b[31mb\u001b]0;title\u0007c\r\nd\u202ee')).toBe('abc de');
  });

  test('CLI error messages strip control characters from the path', async () => {
    const r = await palisade('check', 'missing\u001b[2J\nPASS.json');
    expect(r.stderr).toMatch(/^palisade: error: [^\n\u001b]+\n$/);
    expect(r.code).toBe(2);
  });
});

describe('config: the Owner tag meets AWS tag rules', () => {
  const withOwner = (owner: string) => {
    const c = JSON.parse(JSON.stringify(exampleEstate));
    c.environments[0].owner = owner;
    return c;
  };
  test.each([
    ['whitespace only', '   ', /must not be empty or whitespace only/],
    ['over 256 characters', 'a'.repeat(257), /at most 256 characters/],
    ['a newline plus markup', 'team\n<script>', /only letters, digits, spaces and _ \. : \/ = \+ - @/],
  ])('refuses %s, naming the field and the value', (_name, owner, message) => {
    expect(() => loadEstateConfig(withOwner(owner))).toThrow(PalisadeConfigError);
    expect(() => loadEstateConfig(withOwner(owner))).toThrow(/environments\[0\]\.owner = /);
    expect(() => loadEstateConfig(withOwner(owner))).toThrow(message);
  });

  test('accepts any AWS-legal owner, Unicode letters included', () => {
    expect(loadEstateConfig(withOwner('Équipe plateforme: ops@example.com')).environments[0].owner).toBe('Équipe plateforme: ops@example.com');
  });
});
