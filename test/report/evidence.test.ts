import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runBaseline } from '../../policies/engine';
import { FRAMEWORKS } from '../../policies/report/controls-catalogue';
import { CSV_COLUMNS, csvField, formatEvidenceCsv } from '../../policies/report/csv';
import { buildEvidenceReport, type EvidenceReport, type ReportView } from '../../policies/report/evidence';
import { formatEvidenceHtml } from '../../policies/report/html';
import { formatEvidenceMarkdown, MARKDOWN_PASSING_ROWS_PER_RULE } from '../../policies/report/markdown';
import { writeEstateReports } from '../../policies/report/index';
import { compliantEstate, modelOf, ref, rmrf, StackBuilder, tempDir, writeCdktfOut } from '../policies/fixtures';
import { runPalisade } from '../support/cli';
import { foreignHtml, parseMarkdown, rendered } from '../support/markdown';
import type { Nodes, Table } from 'mdast';

/** The control-evidence report: controls → rules → resources, gaps, routines, Markdown/CSV and the CLI. */


function evidence(stack: StackBuilder, views?: readonly ReportView[]): EvidenceReport {
  const model = modelOf(stack);
  return buildEvidenceReport(runBaseline(model, { today: '2026-06-01' }), { model, views, inputs: ['cdktf.out'] });
}

const withSuppressedSsh = () =>
  compliantEstate('network')
    .add('aws_security_group_rule', 'ssh', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], description: 'bastion' })
    .suppress('aws_security_group_rule', 'ssh', [{ ruleId: 'PAL-SG-001', reason: 'Break-glass SSH, ticket SEC-123', expires: '2026-12-31' }]);

describe('control evidence', () => {
  test('lists every catalogue control of a framework, sorted naturally, each with a status', () => {
    const fw = evidence(compliantEstate('network'), ['fsbp']).frameworks[0];
    const catalogue = FRAMEWORKS.find((f) => f.id === 'fsbp')!.controls.map((c) => c.id);
    expect(fw.controls.filter((c) => c.inCatalogue).map((c) => c.id).sort()).toEqual([...catalogue].sort());
    const ids = fw.controls.map((c) => c.id);
    expect(ids.indexOf('EC2.2')).toBeLessThan(ids.indexOf('EC2.15'));
    expect(fw.counts.pass + fw.counts.fail + fw.counts['not-applicable'] + fw.counts.gap).toBe(fw.controls.length);
  });

  test('a control with no implementing rule is a gap, honestly', () => {
    const fw = evidence(compliantEstate('network'), ['fsbp']).frameworks[0];
    expect(fw.controls.find((c) => c.id === 'Inspector.1')).toMatchObject({ status: 'gap', rules: [] });
  });

  test('control → rule → resource, with the Terraform address, file and JSON path of the evidence', () => {
    const cis = evidence(compliantEstate('network'), ['cis']).frameworks[0];
    const flowLogs = cis.controls.find((c) => c.id === '3.7')!;
    expect(flowLogs.status).toBe('pass');
    expect(flowLogs.rules.map((r) => r.ruleId)).toEqual(['PAL-VPC-001']);
    expect(flowLogs.rules[0].rows).toEqual([
      expect.objectContaining({ stack: 'network', resource: 'aws_vpc.main', status: 'pass', file: 'stacks/network/cdk.tf.json', jsonPath: 'resource.aws_vpc.main' }),
    ]);
  });

  test('a failing resource fails its control', () => {
    const report = evidence(compliantEstate('network').update('aws_kms_key', 'logs', (v) => (v.enable_key_rotation = false)), ['cis']);
    const rotation = report.frameworks[0].controls.find((c) => c.id === '3.6')!;
    expect(rotation.status).toBe('fail');
    expect(rotation.rules[0].rows[0]).toMatchObject({ resource: 'aws_kms_key.logs', status: 'fail' });
  });

  test('a suppressed finding is evidence with its reason and expiry, and does not fail the control', () => {
    const cis = evidence(withSuppressedSsh(), ['cis']).frameworks[0];
    const admin = cis.controls.find((c) => c.id === '5.2')!;
    expect(admin.status).toBe('pass');
    expect(admin.rules[0].rows[0]).toEqual(expect.objectContaining({ resource: 'aws_security_group_rule.ssh', status: 'suppressed', reason: 'Break-glass SSH, ticket SEC-123', expires: '2026-12-31' }));
  });

  test('the routines view answers every routine of the security page with a "how" and the rules that prove it', () => {
    const routines = evidence(compliantEstate('network'), ['routines']).routines!;
    expect(routines.map((r) => r.id)).toEqual(['segmentation', 'encryption-in-transit', 'firewalls-and-antivirus', 'backups-and-storage', 'access-control', 'passwords', 'change-testing', 'data-erasure', 'personal-data', 'monitoring']);
    expect(routines.find((r) => r.id === 'change-testing')!.how).toMatch(/synth gate.*toPassBaseline.*terraform validate.*palisade diff/s);
    expect(routines.find((r) => r.id === 'data-erasure')!.how).toMatch(/crypto-shredding.*deletion window/s);
    expect(routines.find((r) => r.id === 'segmentation')).toMatchObject({ status: 'proven' });
    for (const r of routines) expect(['proven', 'failing', 'not-proven']).toContain(r.status);
  });

  test('a routine with no passing evidence is "not proven", never proven by its text', () => {
    const routines = evidence(new StackBuilder('empty').add('aws_sns_topic', 't', { name: 't' }), ['routines']).routines!;
    expect(routines.find((r) => r.id === 'segmentation')!.status).toBe('not-proven');
  });
});

describe('who can do what (the IAM evaluation the rules use)', () => {
  const partner = () => compliantEstate('network').setProviders([{ region: 'eu-west-1', allowed_account_ids: ['111122223333'] }])
    .add('aws_sns_topic', 'alerts', { name: 'alerts' })
    .add('aws_sns_topic_policy', 'alerts', { arn: ref('aws_sns_topic', 'alerts', 'arn'), policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '999999999999' }, Action: 'sns:Subscribe', Resource: '*' }] }) });

  test('lists every trust/resource grant with its standing; the foreign grant is flagged first', () => {
    const access = evidence(partner()).access!;
    expect(access[0]).toEqual(expect.objectContaining({ resource: 'aws_sns_topic_policy.alerts', who: 'account 999999999999', can: 'sns:Subscribe', on: 'topic aws_sns_topic.alerts', standing: 'foreign', flagged: true }));
    expect(access.filter((a) => a.resource === 'aws_kms_key.logs').map((a) => `${a.who} ${a.standing}`)).toEqual(['account 111122223333 own', 'service logs.eu-west-1.amazonaws.com service-pinned']);
    expect(access.filter((a) => a.flagged)).toHaveLength(1);
  });

  test('is rendered in Markdown and HTML with input-derived text escaped', () => {
    const report = evidence(partner().update('aws_sns_topic_policy', 'alerts', (v) => {
      v.policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:role/<b>x</b>' }, Action: 'sns:Subscribe', Resource: '*' }] });
    }));
    expect(report.access![0].who).toBe('arn:aws:iam::999999999999:role/<b>x</b> (account 999999999999)');
    const md = formatEvidenceMarkdown(report);
    expect(md).toContain('## Who can do what');
    expect(tableAfter(md, 'Who can do what')[1]).toEqual(['YES', 'network', 'aws_sns_topic_policy.alerts', 'arn:aws:iam::999999999999:role/<b>x</b> (account 999999999999)', 'sns:Subscribe', 'topic aws_sns_topic.alerts', 'foreign', expect.any(String)]);
    expect(foreignHtml(md)).toEqual([]);
    const html = formatEvidenceHtml(report);
    expect(html).toContain('<tr class="grant" data-flagged="true">');
    expect(html).toContain('role/&lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toContain('<b>x');
  });
});

describe('Markdown and CSV', () => {
  test('Markdown shows control tables, gaps and suppression reasons', () => {
    const md = formatEvidenceMarkdown(evidence(withSuppressedSsh()));
    expect(tableAfter(md, 'CIS AWS Foundations Benchmark v3.0.0').length).toBeGreaterThan(1);
    expect(tableAfter(md, 'AWS Foundational Security Best Practices (Security Hub, v1.0.0)').find((row) => row[0] === 'Inspector.1')).toEqual(['Inspector.1', 'Amazon Inspector EC2 scanning is enabled', 'GAP — no implementing rule', '–']);
    expect(md).toContain('suppressed: Break-glass SSH, ticket SEC-123 (until 2026-12-31)');
    expect(md).toContain('## Security routines');
  });

  test('Markdown keeps input-derived text inert: no links, HTML, mentions or broken code spans from a suppression reason', () => {
    const reason = 'see [ticket](https://evil.example/x) and https://evil.example @security-team <img src=x onerror=alert(1)> | `tick` **bold**';
    const md = formatEvidenceMarkdown(evidence(compliantEstate('network')
      .add('aws_security_group_rule', 'ssh', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], description: 'bastion' })
      .suppress('aws_security_group_rule', 'ssh', [{ ruleId: 'PAL-SG-001', reason }])));
    const seen = rendered(md);
    expect(seen.urls).toEqual([]);
    expect(foreignHtml(md)).toEqual([]);
    expect(seen.mentions).toEqual([]);
    expect(seen.text).toContain(`suppressed: ${reason}`);
    expect(seen.code).toContain('aws_security_group_rule.ssh');
  });

  test('Markdown lists every failing row but bounds passing rows per rule, counting the rest', () => {
    let stack = compliantEstate('network');
    for (let i = 0; i < MARKDOWN_PASSING_ROWS_PER_RULE + 5; i++) stack = stack.add('aws_kms_key', `extra${i}`, { enable_key_rotation: true, deletion_window_in_days: 30 });
    stack = stack.add('aws_kms_key', 'unrotated', { enable_key_rotation: false, deletion_window_in_days: 30 });
    const md = formatEvidenceMarkdown(evidence(stack, ['cis']));
    const rotation = tableAfter(md, '3.6 Rotation for customer-created symmetric KMS keys is enabled — FAIL');
    const rows = rotation.slice(1);
    expect(rows.filter((r) => r[0] === 'fail').map((r) => r[2])).toEqual(['aws_kms_key.unrotated']);
    expect(rows.filter((r) => r[0] === 'pass')).toHaveLength(MARKDOWN_PASSING_ROWS_PER_RULE);
    const passing = evidence(stack, ['cis']).frameworks[0].controls.find((c) => c.id === '3.6')!.rules.find((r) => r.ruleId === 'PAL-KMS-001')!.rows.filter((r) => r.status === 'pass').length;
    expect(md).toContain(`… and ${passing - MARKDOWN_PASSING_ROWS_PER_RULE} more passing or not-applicable rows, listed in full in the CSV and HTML reports.`);
  });

  test('csvField quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(null)).toBe('');
  });

  test('CSV round-trips through a strict CSV parser (Python csv) with the same rows and fields', () => {
    // A stack name with a comma, quotes and a line break lands in every evidence row.
    const awkward = 'net, "eu"\nwest';
    const report = evidence(compliantEstate(awkward).add('aws_kms_key', 'odd', { enable_key_rotation: false, policy: '{}' }));
    const csv = formatEvidenceCsv(report);
    expect(csv.endsWith('\r\n')).toBe(true);
    const dir = tempDir('palisade-csv-');
    try {
      const file = path.join(dir, 'evidence.csv');
      fs.writeFileSync(file, csv);
      const py = spawnSync('python3', ['-c', 'import csv,json,sys\nwith open(sys.argv[1], newline="") as f:\n  rows=list(csv.reader(f, strict=True))\nprint(json.dumps(rows))', file], { encoding: 'utf8' });
      expect(py.stderr).toBe('');
      const rows = JSON.parse(py.stdout) as string[][];
      expect(rows[0]).toEqual([...CSV_COLUMNS]);
      expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
      // Records end in CRLF; the line break inside the stack name is a bare LF inside quotes.
      expect(rows.length).toBe(csv.split('\r\n').length - 1);
      expect(rows.filter((r) => r[7] === awkward).length).toBeGreaterThan(10);
      const rotation = rows.find((r) => r[0] === 'cis' && r[1] === '3.6' && r[8] === 'aws_kms_key.odd')!;
      expect(rotation).toEqual(expect.arrayContaining(['Rotation for customer-created symmetric KMS keys is enabled', 'fail', 'PAL-KMS-001']));
      expect(rows.filter((r) => r[11] === 'gap').map((r) => `${r[0]} ${r[1]}`)).toContain('fsbp Inspector.1');
    } finally {
      rmrf(dir);
    }
  });
});

describe('palisade report CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('palisade-report-');
  });
  afterEach(() => rmrf(dir));

  const palisade = (...args: string[]) => runPalisade(dir, ...args);

  test('writes one framework as CSV to a file and exits 0, even when controls fail (a report is not a gate)', async () => {
    writeCdktfOut(dir, compliantEstate('network').update('aws_kms_key', 'logs', (v) => (v.enable_key_rotation = false)));
    const r = await palisade('report', '--framework', 'cis', '--format', 'csv', '--output', 'out/cis.csv');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/csv evidence report written to out\/cis\.csv \(cis: \d+ pass, 1 fail, \d+ gaps\)/);
    const csv = fs.readFileSync(path.join(dir, 'out', 'cis.csv'), 'utf8');
    expect(new Set(csv.trim().split('\r\n').slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(['cis']));
  });

  test.each([
    ['an unknown framework', ['report', '--framework', 'iso27001'], /unknown framework "iso27001"/],
    ['an unknown format', ['report', '--format', 'pdf'], /unknown format "pdf"/],
    ['a missing input', ['report', 'nowhere'], /no such file or directory/],
  ])('exits 2 on %s', async (_name, args, message) => {
    writeCdktfOut(dir, compliantEstate('network'));
    const r = await palisade(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('writeEstateReports', () => {
  test('writes HTML, Markdown and CSV evidence for a cdktf.out into the reports directory', () => {
    const dir = tempDir('palisade-estate-reports-');
    try {
      const out = writeCdktfOut(dir, compliantEstate('network'));
      const files = writeEstateReports(path.join(dir, 'reports'), out, { today: '2026-06-01' });
      expect(files.map((f) => path.relative(dir, f))).toEqual(['reports/control-evidence.html', 'reports/control-evidence.md', 'reports/control-evidence.csv']);
      expect(fs.readFileSync(files[0], 'utf8')).toContain('<h2>CIS AWS Foundations Benchmark v3.0.0</h2>');
      expect(fs.readFileSync(files[1], 'utf8')).toContain('Generated 2026-06-01 from `cdktf.out`');
    } finally {
      rmrf(dir);
    }
  });
});

describe('suppressions in CSV', () => {
  test('carry reason and expiry columns', () => {
    const rows = formatEvidenceCsv(evidence(withSuppressedSsh(), ['cis'])).split('\r\n');
    expect(rows.find((r) => r.startsWith('cis,5.2,') && r.includes('suppressed'))).toContain(',suppressed,');
    expect(rows.find((r) => r.startsWith('cis,5.2,') && r.includes('suppressed'))).toMatch(/"Break-glass SSH, ticket SEC-123",2026-12-31$/);
  });
});

/** Plain text of a parsed Markdown node, as a reader sees it. */
function textOf(n: Nodes): string {
  if ('value' in n && n.type !== 'html') return n.value;
  return 'children' in n ? (n.children as Nodes[]).map(textOf).join('') : '';
}

/** The cells (as rendered text) of the first table after the heading whose text is `heading` (also inside a list). */
function tableAfter(md: string, heading: string): string[][] {
  const nodes = parseMarkdown(md).children;
  const at = nodes.findIndex((n) => n.type === 'heading' && textOf(n) === heading);
  const firstTable = (n: Nodes): Table | undefined => (n.type === 'table' ? n : 'children' in n ? (n.children as Nodes[]).map(firstTable).find(Boolean) : undefined);
  const table = nodes.slice(at + 1).map(firstTable).find(Boolean);
  if (at < 0 || !table) throw new Error(`no table after heading ${heading}`);
  return table.children.map((row) => row.children.map(textOf));
}
