import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadModel } from '../../policies/index';
import { CHECKOV_CHECKS } from '../../policies/report/checkov-catalogue';
import { coverageMarkdown, unknownCheckovMappings } from '../../policies/report/coverage';
import { RULES } from '../../policies/rules/index';
import type { Rule } from '../../policies/rules/types';
import { estateOutDir } from '../support/paths';

const ROOT = path.join(__dirname, '..', '..');
const estateTypes = () => loadModel(estateOutDir()).resources.filter((r) => r.mode === 'managed').map((r) => r.type);

/** Test files and the rule files they import (by path, e.g. `policies/rules/pal-waf-001`). */
function ruleFilesImportedByTests(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.test.ts')) for (const m of fs.readFileSync(full, 'utf8').matchAll(/policies\/rules\/(pal-[a-z0-9-]+)'/g)) found.add(m[1]);
    }
  };
  walk(path.join(ROOT, 'test'));
  return found;
}

describe('the coverage page (docs/coverage.md)', () => {
  test('is up to date with the rule catalogue and the estate\'s resource types (regenerate: npm run coverage)', () => {
    expect(fs.readFileSync(path.join(ROOT, 'docs', 'coverage.md'), 'utf8')).toBe(coverageMarkdown(RULES, estateTypes()));
  });

  test('lists every resource type the estate synthesizes', () => {
    const page = coverageMarkdown(RULES, estateTypes());
    for (const type of new Set(estateTypes())) expect(page).toContain(`| \`${type}\` |`);
  });

  test('refuses a check that is neither covered nor explained', () => {
    const withoutWafRules = RULES.filter((r) => r.id !== 'PAL-WAF-002');
    expect(() => coverageMarkdown(withoutWafRules, ['aws_wafv2_web_acl'])).toThrow(/aws_wafv2_web_acl CKV_AWS_192/);
  });

  test('every checkov id a rule claims is a known check of a resource type (no mapping without a fact)', () => {
    expect(unknownCheckovMappings(RULES)).toEqual([]);
  });

  test('every rule that claims a checkov check has its own test file (both ways)', () => {
    const tested = ruleFilesImportedByTests();
    const claimed = RULES.filter((r: Rule) => r.controls.checkov.length > 0).map((r) => r.id.toLowerCase());
    expect(claimed.filter((file) => !tested.has(file))).toEqual([]);
  });

  test('every checkov mapping a rule claims is proven on checkov\'s own cases in test/policies/checkov/', () => {
    const dir = path.join(ROOT, 'test', 'policies', 'checkov');
    const titles = fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts')).flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/describe\(\s*["'`](PAL-[A-Z0-9]+-\d{3}) covers (CKV2?_AWS_\d+) on checkov's own cases/g)].map((m) => `${m[1]} ${m[2]}`));
    const claimed = RULES.flatMap((r: Rule) => r.controls.checkov.map((id) => `${r.id} ${id}`));
    expect(claimed.length).toBeGreaterThan(50);
    expect(claimed.filter((pair) => !titles.includes(pair))).toEqual([]);
  });

  test('the catalogue has checks for the types it names', () => {
    for (const checks of Object.values(CHECKOV_CHECKS)) expect(checks.length).toBeGreaterThan(0);
  });
});

describe('the rule catalogue\'s documentation', () => {
  test('every id prefix in use is in the policies/README.md area list, and every rule file is named for its id', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'policies', 'README.md'), 'utf8');
    const areas = (/areas: ([A-Z0-9 ]+)/.exec(readme)?.[1] ?? '').trim().split(/\s+/);
    expect([...new Set(RULES.map((r) => r.id.split('-')[1]))].filter((a) => !areas.includes(a))).toEqual([]);
    const files = fs.readdirSync(path.join(ROOT, 'policies', 'rules')).filter((f) => f.startsWith('pal-'));
    for (const r of RULES) expect(files).toContain(`${r.id.toLowerCase()}.ts`);
  });
});
