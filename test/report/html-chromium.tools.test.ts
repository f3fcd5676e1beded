import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runBaseline } from '../../policies/engine';
import { buildEvidenceReport } from '../../policies/report/evidence';
import { escapeHtml, formatEvidenceHtml } from '../../policies/report/html';
import { compliantEstate, modelOf, ref } from '../policies/fixtures';
import { TEST_WORK_ROOT, testRunDir } from '../support/paths';

/** The HTML evidence report in a real browser: Debian's Chromium, headless, offline. */

const CHROMIUM = '/usr/bin/chromium';
const XSS = '<img src=x onerror="document.title=\'pwned\'">';

function chromium(args: string[], profile: string) {
  const r = spawnSync(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, ...args,
  ], { encoding: 'utf8', timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

let dir: string;
let htmlFile: string;
let html: string;
let report: ReturnType<typeof buildEvidenceReport>;

beforeAll(() => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`npm run setup:tools\` (installs Debian's chromium)`);
  dir = path.join(testRunDir(), 'report-html');
  fs.mkdirSync(dir, { recursive: true });
  // A hostile stack name and a suppression reason carrying markup: both must render as text.
  const stack = compliantEstate(`prod${XSS}`)
    .add('aws_security_group_rule', 'ssh', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], description: 'bastion' })
    .suppress('aws_security_group_rule', 'ssh', [{ ruleId: 'PAL-SG-001', reason: `ticket <script>document.title='pwned'</script> & "SEC-1"`, expires: '2026-12-31' }]);
  const model = modelOf(stack);
  report = buildEvidenceReport(runBaseline(model, { today: '2026-06-01' }), { model, inputs: ['cdktf.out'] });
  html = formatEvidenceHtml(report);
  htmlFile = path.join(dir, 'control-evidence.html');
  fs.writeFileSync(htmlFile, html);
});

describe('the HTML evidence report', () => {
  test('is one self-contained file: inline CSS, no scripts, no external URLs, a CSP that forbids fetching anything', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|@import|url\(|https?:\/\//i);
    expect(html).toContain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
    expect(html).toContain('@media print');
  });

  test('escapes markup in names and reasons', () => {
    expect(escapeHtml(`<a href='x'>&"`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;');
    expect(html).not.toContain(XSS);
    expect(html).toContain(escapeHtml(XSS));
    expect(html).toContain('ticket &lt;script&gt;');
  });

  test('renders in headless Chromium with the expected rows, and the injected markup stays text', () => {
    const r = chromium(['--dump-dom', `file://${htmlFile}`], path.join(dir, 'profile-dom'));
    expect(r.error).toBeUndefined();
    const dom = r.stdout;
    expect(dom).toContain('<title>Palisade control evidence</title>'); // an onerror handler would have changed it
    const controls = [...dom.matchAll(/<tr class="control" data-framework="(\w+)" data-control="([^"]+)" data-status="([\w-]+)">/g)];
    const expected = report.frameworks.flatMap((f) => f.controls.map((c) => `${f.id} ${c.id} ${c.status}`));
    expect(controls.map((m) => `${m[1]} ${m[2]} ${m[3]}`)).toEqual(expected);
    expect(dom).toMatch(/<tr class="control" data-framework="fsbp" data-control="Inspector.1" data-status="gap">/);
    expect(dom).toMatch(/<tr class="evidence" data-status="suppressed">/);
    expect(dom).not.toMatch(/<img[^>]*onerror/);
    expect((dom.match(/<h3 class="routine"/g) ?? []).length).toBe(9);
  });

  test('a screenshot shows a non-trivial rendering', () => {
    const png = path.join(dir, 'control-evidence.png');
    const r = chromium([`--screenshot=${png}`, '--window-size=1280,2000', `file://${htmlFile}`], path.join(dir, 'profile-shot'));
    expect(r.error).toBeUndefined();
    const bytes = fs.readFileSync(png);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.readUInt32BE(16)).toBe(1280); // IHDR width
    expect(bytes.length).toBeGreaterThan(50_000);
    // Kept outside the per-run directory for a human look.
    fs.copyFileSync(png, path.join(TEST_WORK_ROOT, 'control-evidence.png'));
  });
});
