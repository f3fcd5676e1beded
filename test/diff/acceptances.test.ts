import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import type { Acceptance } from '../../policies/diff/acceptances';
import { parseAcceptances } from '../../policies/diff/acceptances-file';
import { diffPaths } from '../../policies/diff/diff';
import { formatDiffMarkdown } from '../../policies/diff/format';
import type { DiffReport } from '../../policies/diff/types';
import { InputError } from '../../policies/model/errors';
import { compliantEstate, ref, rmrf, StackBuilder, tempDir, writeCdktfOut } from '../policies/fixtures';
import { runPalisade } from '../support/cli';

/** Accepting an intended regression: recorded, visible in the comment, never a silent pass, and it expires. */

let dir: string;
beforeEach(() => {
  dir = tempDir('palisade-accept-');
});
afterEach(() => rmrf(dir));

const ssh = (b: StackBuilder) => b.add('aws_security_group_rule', 'ssh', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], description: 'debug' });
const sides = () => [writeCdktfOut(path.join(dir, 'base'), compliantEstate('network')), writeCdktfOut(path.join(dir, 'head'), ssh(compliantEstate('network')))];

const FINDING: Acceptance = { rule: 'PAL-SG-001', resource: 'aws_security_group_rule.ssh', reason: 'vendor support window SEC-42', approver: 'alice (security)', expires: '2026-06-30' };
const CHANGE: Acceptance = { change: 'ingress', resource: 'aws_security_group_rule.ssh', reason: 'vendor support window SEC-42', approver: 'alice (security)', expires: '2026-06-30' };

function diff(acceptances: Acceptance[], today = '2026-06-01'): DiffReport {
  const [b, h] = sides();
  return diffPaths(b, h, { baseDir: dir, today, acceptances });
}

const palisade = (...args: string[]) => runPalisade(dir, ...args);

describe('acceptances in the diff engine', () => {
  test('without an acceptance a world-open SSH rule is a regression: a new finding and an ingress change', () => {
    const r = diff([]);
    expect(r.summary).toMatchObject({ regression: true, accepted: 0 });
    expect(r.stacks[0].findings.introduced.map((f) => f.ruleId)).toContain('PAL-SG-001');
  });

  test('accepting only the finding still blocks on the ingress change: each item needs its own decision', () => {
    const r = diff([FINDING]);
    expect(r.stacks[0].findings.accepted.map((a) => a.finding.ruleId)).toEqual(['PAL-SG-001']);
    expect(r.stacks[0].findings.introduced.map((f) => f.ruleId)).not.toContain('PAL-SG-001');
    expect(r.summary.regression).toBe(true);
  });

  test('accepting every item of the change turns the regression into "accepted", listed with approver and reason', () => {
    const others = diff([FINDING]).stacks[0].findings.introduced.map((f) => ({ ...FINDING, rule: f.ruleId, resource: f.resource }));
    const all = diff([FINDING, CHANGE, ...others]);
    expect(all.summary.regression).toBe(false);
    expect(all.summary.accepted).toBeGreaterThanOrEqual(2);
    const md = formatDiffMarkdown(all);
    expect(md).toContain('no security regression');
    expect(md).toContain('Accepted regressions');
    expect(md).toContain('accepted by alice (security) because vendor support window SEC-42 (until 2026-06-30)');
  });

  test('an expired acceptance no longer applies: the item blocks again and the comment says the acceptance expired', () => {
    const r = diff([FINDING, CHANGE], '2026-07-01');
    expect(r.summary).toMatchObject({ regression: true, accepted: 0 });
    expect(r.acceptances.expired).toEqual([FINDING, CHANGE]);
    expect(formatDiffMarkdown(r)).toContain('**Expired acceptance** — finding PAL-SG-001 on `aws_security_group_rule.ssh`');
  });

  test('the last day of an acceptance still counts (inclusive)', () => {
    expect(diff([CHANGE], '2026-06-30').stacks[0].changes.find((c) => c.category === 'ingress')?.acceptance).toEqual(CHANGE);
  });

  test('an acceptance for another resource, rule or stack matches nothing and is reported as unused', () => {
    for (const a of [{ ...FINDING, resource: 'aws_security_group_rule.other' }, { ...FINDING, rule: 'PAL-SG-009' }, { ...FINDING, stack: 'edge' }]) {
      const r = diff([a]);
      expect(r.stacks[0].findings.accepted).toEqual([]);
      expect(r.acceptances.unused).toEqual([a]);
    }
  });
});

describe('the acceptances file', () => {
  test.each([
    ['no reason', { ...FINDING, reason: ' ' }, 'acceptances[0].reason'],
    ['no approver', { ...FINDING, approver: undefined }, 'acceptances[0].approver'],
    ['no expiry', { ...FINDING, expires: undefined }, 'acceptances[0].expires'],
    ['a bad date', { ...FINDING, expires: '2026-13-01' }, 'acceptances[0].expires'],
    ['both rule and change', { ...FINDING, change: 'ingress' }, 'exactly one of'],
    ['an unknown change category', { ...CHANGE, change: 'firewall' }, 'acceptances[0].change'],
    ['an unknown key', { ...FINDING, aprover: 'bob' }, 'aprover'],
  ])('with %s is an input error naming the file and field', (_name, entry, where) => {
    expect(() => parseAcceptances({ acceptances: [entry] }, 'x.yml')).toThrow(InputError);
    expect(() => parseAcceptances({ acceptances: [entry] }, 'x.yml')).toThrow(new RegExp(`^x\\.yml: invalid acceptances file: .*${where.replace(/[[\]]/g, '\\$&')}`));
  });

  test('palisade diff --accept reads YAML: exit 0 and the acceptance in the comment', async () => {
    const [b, h] = sides();
    const report = JSON.parse((await palisade('diff', b, h, '--format', 'json', '--today', '2026-06-01')).stdout) as DiffReport;
    const items = report.stacks[0].findings.introduced.map((f) => ({ ...FINDING, rule: f.ruleId, resource: f.resource }));
    const regressions = report.stacks[0].changes.filter((c) => c.impact === 'regression' || c.impact === 'blocking').map((c) => ({ ...CHANGE, change: c.category, resource: c.resource }));
    fs.writeFileSync(path.join(dir, 'acceptances.yml'), stringify({ acceptances: [...items, ...regressions] }));
    const r = await palisade('diff', b, h, '--accept', 'acceptances.yml', '--today', '2026-06-01');
    expect(r.stdout).toContain('accepted by alice (security)');
    expect(r.code).toBe(0);
    const later = await palisade('diff', b, h, '--accept', 'acceptances.yml', '--today', '2026-07-01');
    expect(later.code).toBe(1);
    expect(later.stdout).toContain('Expired acceptance');
  });

  test('an invalid or missing file exits 2 with one line naming it', async () => {
    const [b, h] = sides();
    fs.writeFileSync(path.join(dir, 'bad.yml'), 'acceptances:\n  - rule: PAL-SG-001\n');
    for (const file of ['bad.yml', 'missing.yml']) {
      const r = await palisade('diff', b, h, '--accept', file);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(file);
    }
  });
});
