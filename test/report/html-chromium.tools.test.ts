import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runBaseline } from '../../policies/engine';
import { loadModel } from '../../policies/model/load';
import { buildEvidenceReport } from '../../policies/report/evidence';
import { escapeHtml, formatEvidenceHtml } from '../../policies/report/html';
import { compliantEstate, modelOf, ref } from '../policies/fixtures';
import { estateOutDir, TEST_WORK_ROOT, testRunDir } from '../support/paths';

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
  report = buildEvidenceReport(runBaseline(model, { today: '2026-06-01' }), { model, inputs: ['cdktf.out'], revision: { commit: 'a'.repeat(40), version: '0.1.0' } });
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
    const controls = [...dom.matchAll(/<tr class="control" data-framework="(\w+)" data-control="([^"]+)" data-status="([\w-]+)" id="[^"]+">/g)];
    const expected = report.frameworks.flatMap((f) => f.controls.map((c) => `${f.id} ${c.id} ${c.status}`));
    expect(controls.map((m) => `${m[1]} ${m[2]} ${m[3]}`)).toEqual(expected);
    expect(dom).toMatch(/<tr class="control" data-framework="fsbp" data-control="Inspector.1" data-status="gap" id="fsbp-Inspector.1">/);
    expect(dom).toMatch(/<tr class="evidence" data-status="suppressed">/);
    expect(dom).not.toMatch(/<img[^>]*onerror/);
    expect((dom.match(/<h3 class="routine"/g) ?? []).length).toBe(report.routines!.length); // one per routine of the security page
    expect(report.routines!.length).toBeGreaterThanOrEqual(9);
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

/** Counts the pages of a PDF Chromium wrote (one `/Type /Page` object per page). */
function pdfPages(file: string): number {
  return (fs.readFileSync(file).toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

/** A copy that reports its own layout: the CSP is dropped and a script writes the measurements into the DOM. */
function measuringCopy(source: string, file: string): void {
  const probe = `<script>addEventListener('load',()=>{const d=document.documentElement;const wide=[...document.querySelectorAll('table')].filter((t)=>t.scrollWidth>t.clientWidth+1).length;document.body.setAttribute('data-layout',JSON.stringify({scroll:d.scrollWidth,client:d.clientWidth,wideTables:wide}))})</script>`;
  fs.writeFileSync(file, source.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '').replace('</head>', `${probe}</head>`));
}

describe('the evidence report of the example estate', () => {
  let estateHtml: string;
  let estateFile: string;
  let estate: ReturnType<typeof buildEvidenceReport>;
  const COMMIT = 'fce0fc60b6fce4ac5595dc9ceaa938d8133406be';

  beforeAll(() => {
    const model = loadModel([estateOutDir()], { baseDir: path.dirname(estateOutDir()) });
    estate = buildEvidenceReport(runBaseline(model, { today: '2026-06-01' }), { model, inputs: ['cdktf.out'], revision: { commit: COMMIT, version: '0.1.0' } });
    estateHtml = formatEvidenceHtml(estate);
    estateFile = path.join(dir, 'estate-evidence.html');
    fs.writeFileSync(estateFile, estateHtml);
  });

  test('opens with the revision, a table of contents and the summary per framework, before any framework section', () => {
    const dom = chromium(['--dump-dom', `file://${estateFile}`], path.join(dir, 'profile-estate-dom')).stdout;
    const order = ['id="revision"', 'class="toc"', 'id="summary"', 'class="framework"', 'id="rules"'].map((m) => dom.indexOf(m));
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]))).toBe(true);
    expect(dom).toContain(COMMIT);
    const summaryRows = [...dom.matchAll(/<tr class="summary" data-framework="(\w+)"><td><a href="#\1">[^<]+<\/a><\/td><td>(\d+)<\/td><td>(\d+)<\/td>/g)];
    expect(summaryRows.map((m) => [m[1], Number(m[2]), Number(m[3])])).toEqual(estate.frameworks.map((f) => [f.id, f.counts.pass, f.counts.fail]));
    const toc = [...dom.matchAll(/<nav class="toc"[\s\S]*?<\/nav>/g)][0][0];
    expect([...toc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])).toEqual(['summary', 'fsbp', 'cis', 'ccm', 'routines', 'rules']);
  });

  test('every control id is an anchor and a link to itself, and every internal link has a target', () => {
    const dom = chromium(['--dump-dom', `file://${estateFile}`], path.join(dir, 'profile-estate-links')).stdout;
    const ids = new Set([...dom.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const links = [...dom.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(300);
    expect(links.filter((l) => !ids.has(l))).toEqual([]);
    for (const fw of estate.frameworks) {
      for (const c of fw.controls) expect(dom).toContain(`data-control="${escapeHtml(c.id)}" data-status="${c.status}" id="${fw.id}-${c.id}"><td><a href="#${fw.id}-${c.id}">`);
    }
    expect(dom).toContain('href="#fsbp-EC2.6"'); // a rule's evidence links back to the control it implements
  });

  test('nothing scrolls sideways, even in an 800-pixel window', () => {
    const probe = path.join(dir, 'estate-measure.html');
    measuringCopy(estateHtml, probe);
    const dom = chromium(['--dump-dom', '--window-size=800,1000', `file://${probe}`], path.join(dir, 'profile-estate-measure')).stdout;
    const layout = JSON.parse(escapeHtmlDecode(/data-layout="([^"]+)"/.exec(dom)![1]));
    expect(layout.wideTables).toBe(0);
    expect(layout.scroll).toBeLessThanOrEqual(layout.client);
    expect(layout.client).toBeGreaterThan(700);
  });

  test('prints to A4 with the summary on page one: header, contents and summary fit one page', () => {
    const pdf = path.join(dir, 'estate-evidence.pdf');
    const r = chromium(['--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${estateFile}`], path.join(dir, 'profile-estate-pdf'));
    expect(r.error).toBeUndefined();
    const pages = pdfPages(pdf);
    // Recorded in the note: 37 pages for 8 stacks / 66 rules (was ~116 before evidence was listed once per
    // rule); 65 with the data stacks, 85 rules and the "who can do what" table. The budget keeps it from growing back.
    expect(pages).toBeGreaterThan(5);
    expect(pages).toBeLessThanOrEqual(75);
    fs.copyFileSync(pdf, path.join(TEST_WORK_ROOT, 'estate-evidence.pdf'));
    const firstPart = path.join(dir, 'estate-first-page.html');
    fs.writeFileSync(firstPart, estateHtml.replace(/<section class="framework"[\s\S]*<\/section>\n<\/body>/, '</body>'));
    const firstPdf = path.join(dir, 'estate-first-page.pdf');
    chromium(['--no-pdf-header-footer', `--print-to-pdf=${firstPdf}`, `file://${firstPart}`], path.join(dir, 'profile-estate-pdf1'));
    expect(fs.readFileSync(firstPart, 'utf8')).toContain('id="summary"');
    expect(pdfPages(firstPdf)).toBe(1);
  });

  test('the print stylesheet stamps the revision and the page number into every page margin and starts each part on a new page', () => {
    expect(estateHtml).toMatch(/@page\{size:A4;[^}]*@bottom-left\{content:"Palisade 0\.1\.0 \\b7  commit fce0fc60b6fce4ac5595dc9ceaa938d8133406be/);
    expect(estateHtml).toContain('@bottom-right{content:"page " counter(page) " of " counter(pages)');
    expect(estateHtml).toMatch(/@media print\{[\s\S]*section\.framework,section\.routines,section\.rules\{break-before:page\}/);
  });
});

function escapeHtmlDecode(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}
