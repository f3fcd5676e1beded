import * as fs from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import * as path from 'node:path';
import { compliantEstate, ref, rmrf, tempDir, writeCdktfOut, writeJson } from '../policies/fixtures';
import { sarifValidator } from '../policies/sarif-schema';
import { runPalisade as palisade } from '../support/cli';

const PLAN = path.join(__dirname, '..', 'fixtures', 'plans', 'network-plan.json');


let dir: string;
beforeEach(async () => {
  dir = tempDir('palisade-cli-');
});
afterEach(() => rmrf(dir));

const weakened = () =>
  compliantEstate('network').add('aws_security_group_rule', 'ssh', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], description: 'debug' });

/** The fixtures are network stacks, not whole accounts: account controls are not expected of them. */
const NETWORK_ONLY = ['--account-scope', 'stacks'];

describe('palisade check exit codes', () => {
  test('a cdktf.out is checked as whole accounts by default: missing account controls are findings (PAL-ACCT-003)', async () => {
    writeCdktfOut(dir, compliantEstate('network'));
    const r = await palisade(dir, 'check', '--format', 'json');
    expect(r.code).toBe(1);
    const missing = JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'PAL-ACCT-003');
    expect(missing.map((f: { message: string }) => f.message)).toEqual(expect.arrayContaining([expect.stringContaining('has no Security Hub in the checked estate')]));
    expect((await palisade(dir, 'check', '--account-scope', 'everything')).stderr).toMatch(/--account-scope must be complete or stacks/);
  });

  test('exits 0 on a compliant cdktf.out (the default path)', async () => {
    writeCdktfOut(dir, compliantEstate('network'));
    const r = await palisade(dir, 'check', ...NETWORK_ONLY);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PASS');
  });

  test('exits 1 when there is an unsuppressed finding', async () => {
    writeCdktfOut(dir, weakened());
    const r = await palisade(dir, 'check', 'cdktf.out');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('PAL-SG-001 aws_security_group_rule.ssh');
  });

  test('--fail-on raises the threshold', async () => {
    writeCdktfOut(dir, compliantEstate('network').update('aws_flow_log', 'main', (v) => (v.traffic_type = 'REJECT')));
    expect((await palisade(dir, 'check', ...NETWORK_ONLY, '--fail-on', 'high')).code).toBe(0);
    expect((await palisade(dir, 'check', ...NETWORK_ONLY, '--fail-on', 'medium')).code).toBe(1);
  });

  test('a suppressed finding does not fail the check; --today makes it expire', async () => {
    writeCdktfOut(dir, weakened().suppress('aws_security_group_rule', 'ssh', [{ ruleId: 'PAL-SG-001', reason: 'break-glass', expires: '2026-03-01' }]));
    expect((await palisade(dir, 'check', ...NETWORK_ONLY, '--today', '2026-02-01')).code).toBe(0);
    const r = await palisade(dir, 'check', ...NETWORK_ONLY, '--today', '2026-03-02', '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['PAL-SG-001', 'PAL-SUPPRESSION-EXPIRED']);
  });

  test('--allowed-regions narrows the GDPR allowlist', async () => {
    writeCdktfOut(dir, compliantEstate('network'));
    const r = await palisade(dir, 'check', ...NETWORK_ONLY, '--allowed-regions', 'eu-central-1,eu-north-1', '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings[0]).toMatchObject({ ruleId: 'PAL-GDPR-001', resource: 'provider.aws' });
  });

  test.each([
    ['a missing path', ['check', 'nope'], /nope: no such file or directory/],
    ['an empty directory', ['check', '.'], /no Terraform JSON found/],
    ['an unknown format', ['check', '--format', 'html'], /unknown format "html"/],
    ['an unknown severity', ['check', '--fail-on', 'urgent'], /unknown severity "urgent"/],
    ['an unknown option', ['check', '--bogus'], /unknown option/],
    ['an unknown command', ['frobnicate'], /unknown command/],
  ])('exits 2 with a one-line error on %s', async (_label, args, message) => {
    const r = await palisade(dir, ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('exits 2 on malformed JSON and on an unrecognised JSON file, never a pass', async () => {
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), '{"resource": {');
    const bad = await palisade(dir, 'check', 'cdk.tf.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^palisade: error: .*cdk\.tf\.json: malformed JSON/);
    writeJson(path.join(dir, 'other.json'), { hello: 'world' });
    const unknown = await palisade(dir, 'check', 'other.json');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unrecognised file kind');
  });
});

describe('palisade check formats', () => {
  beforeEach(async () => {
    writeCdktfOut(dir, weakened().suppress('aws_kms_key', 'logs', [{ ruleId: 'PAL-KMS-004', reason: 'not needed' }]));
  });

  test('json has findings, unproven, warnings and summary', async () => {
    const r = await palisade(dir, 'check', ...NETWORK_ONLY, '--format', 'json');
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['findings', 'unproven', 'warnings', 'summary']);
    expect(json.findings[0]).toMatchObject({ ruleId: 'PAL-SG-001', severity: 'critical', stack: 'network', resource: 'aws_security_group_rule.ssh', routine: 'firewall', suppressed: false, suppression: null });
    expect(json.warnings).toHaveLength(1);
    expect(json.summary.stacks).toEqual(['network']);
  });

  test('sarif is valid SARIF 2.1.0 with stack-file locations', async () => {
    const r = await palisade(dir, 'check', ...NETWORK_ONLY, '--format', 'sarif');
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('cdktf.out/stacks/network/cdk.tf.json');
    expect(log.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(log.runs[0].tool.driver.version).toBe('0.1.0');
  });

  test('junit parses back', async () => {
    const r = await palisade(dir, 'check', ...NETWORK_ONLY, '--format', 'junit');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.stdout);
    expect(Number(doc.testsuites.failures)).toBe(1);
  });

  test('markdown and text', async () => {
    expect((await palisade(dir, 'check', '--format', 'markdown')).stdout).toMatch(/^## Palisade security baseline: FAILED/);
    const text = await palisade(dir, 'check');
    expect(text.stdout).toContain('Stack network');
    expect(text.stdout).not.toMatch(/\u001b\[/); // not a TTY
  });

  test('--output writes the report to a file and keeps stdout clean', async () => {
    const r = await palisade(dir, 'check', '--format', 'sarif', '--output', 'reports/palisade.sarif');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('reports/palisade.sarif');
    expect(sarifValidator()(JSON.parse(fs.readFileSync(path.join(dir, 'reports/palisade.sarif'), 'utf8')))).toBe(true);
  });

  test('a Terraform plan JSON is checked too', async () => {
    const r = await palisade(dir, 'check', PLAN, '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { resource: string }) => f.resource)).toContain('aws_security_group.web');
  });
});

describe('palisade rules', () => {
  test('lists the catalogue with mapped controls as text and as JSON', async () => {
    const text = await palisade(dir, 'rules');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/PAL-VPC-001\s+medium\s+monitoring/);
    expect(text.stdout).toContain('FSBP EC2.6');
    const json = JSON.parse((await palisade(dir, 'rules', '--format', 'json')).stdout);
    expect(json.find((r: { id: string }) => r.id === 'PAL-SG-001').controls).toEqual({ checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_277'], fsbp: ['EC2.18', 'EC2.19'], cis: ['5.2', '5.3'], ccm: ['IVS-03', 'IVS-09'] });
    expect(json.map((r: { id: string }) => r.id)).toContain('PAL-SUPPRESSION-INVALID');
  });

  test('--help and --version exit 0 in-process too', async () => {
    expect((await palisade(dir, '--help')).code).toBe(0);
    expect((await palisade(dir, '--version')).stdout.trim()).toBe('0.1.0');
  });
});
