import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rmrf, tempDir } from '../policies/fixtures';

// Plain JavaScript shipped as is (bin/), so it is required, not imported.
const LOADER = path.resolve(__dirname, '../../bin/bundle-loader.js');
const { loadBundle, cacheFileOf, CLI_V8_FLAGS, CLI_V8_FLAGS_BY_V8_MAJOR, cliV8FlagsFor } = require(LOADER) as {
  CLI_V8_FLAGS: readonly string[];
  CLI_V8_FLAGS_BY_V8_MAJOR: Readonly<Record<string, readonly string[]>>;
  cliV8FlagsFor: (v8Version: string) => readonly string[];
  loadBundle: (bundle: string, options?: { cache?: boolean }) => { exports: Record<string, unknown>; script: { createCachedData(): Buffer }; cache: 'accepted' | 'rejected' | 'absent' };
  cacheFileOf: (bundle: string) => string;
};

/**
 * bin/bundle-loader.js runs the CLI bundle through `vm.Script` with the V8 code cache the build saved. What a user
 * relies on: the bundle behaves as a CommonJS module however the cache turns out, and a cache that does not fit is
 * rejected, never run.
 */
let dir: string;
let bundle: string;
const SOURCE = `'use strict';
const path = require('node:path');
const sibling = require('./sibling.js');
exports.where = () => ({ dirname: __dirname, filename: __filename, base: path.basename(__filename), sibling: sibling.name, self: module.exports === exports });
exports.sum = (values) => values.reduce((a, b) => a + b, 0);
`;

beforeEach(() => {
  dir = tempDir('palisade-bundle-loader-');
  bundle = path.join(dir, 'bundle.js');
  fs.writeFileSync(bundle, SOURCE);
  fs.writeFileSync(path.join(dir, 'sibling.js'), "exports.name = 'sibling';\n");
});
afterEach(() => rmrf(dir));

function expectCommonJs(exports: Record<string, unknown>): void {
  expect((exports.where as () => unknown)()).toEqual({ dirname: dir, filename: bundle, base: 'bundle.js', sibling: 'sibling', self: true });
  expect((exports.sum as (v: number[]) => number)([1, 2, 3])).toBe(6);
}

describe('loadBundle', () => {
  test('runs the bundle as a CommonJS module (require relative to it, __dirname, __filename, module.exports) without a cache', () => {
    const loaded = loadBundle(bundle);
    expect(loaded.cache).toBe('absent');
    expectCommonJs(loaded.exports);
  });

  test('accepts a cache made from the same source after a run, and the module behaves the same', () => {
    const first = loadBundle(bundle, { cache: false });
    (first.exports.sum as (v: number[]) => number)([1]);
    fs.writeFileSync(cacheFileOf(bundle), first.script.createCachedData());
    const again = loadBundle(bundle);
    expect(again.cache).toBe('accepted');
    expectCommonJs(again.exports);
  });

  test('rejects a cache of another source and compiles the source it was given', () => {
    fs.writeFileSync(cacheFileOf(bundle), loadBundle(bundle, { cache: false }).script.createCachedData());
    fs.writeFileSync(bundle, SOURCE.replace('(a, b) => a + b', '(a, b) => a + b * 10'));
    const loaded = loadBundle(bundle);
    expect(loaded.cache).toBe('rejected');
    expect((loaded.exports.sum as (v: number[]) => number)([1, 2])).toBe(30); // 0 + 1·10 + 2·10: the new source ran
  });

  test('rejects a corrupt cache file and still loads', () => {
    fs.writeFileSync(cacheFileOf(bundle), Buffer.from('not a V8 code cache'.repeat(20)));
    const loaded = loadBundle(bundle);
    expect(loaded.cache).toBe('rejected');
    expectCommonJs(loaded.exports);
  });

  test('ignores the cache file when asked to (to make a new one)', () => {
    fs.writeFileSync(cacheFileOf(bundle), loadBundle(bundle, { cache: false }).script.createCachedData());
    expect(loadBundle(bundle, { cache: false }).cache).toBe('absent');
  });
});

/**
 * A cache made by plain `vm.Script` in a process started with `flags`, after one run of the bundle: what a process
 * that does not go through loadBundle would save.
 */
function plainCache(bundlePath: string, flags: readonly string[]): void {
  const script = `const fs = require('node:fs'), vm = require('node:vm'), Module = require('node:module');
const file = process.argv[1];
const s = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file });
const m = { exports: {} };
s.runInThisContext().call(m.exports, m.exports, Module.createRequire(file), m, file, require('node:path').dirname(file));
m.exports.sum([1]);
fs.writeFileSync(file + '.cache', s.createCachedData());`;
  execFileSync(process.execPath, [...flags, '-e', script, bundlePath]);
}

/** What happens to the bundle's cache in a fresh process that loads it through loadBundle. */
function cacheInFreshProcess(bundlePath: string): string {
  return execFileSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(LOADER)}).loadBundle(process.argv[1]).cache)`, bundlePath], { encoding: 'utf8' });
}

describe('the CLI process V8 flags', () => {
  test('are chosen by V8 major version, and a V8 they were not measured on gets none', () => {
    expect(cliV8FlagsFor('11.3.244.8-node.33')).toEqual(['--interrupt-budget=270336']);
    expect(cliV8FlagsFor('12.4.254.21-node.57')).toEqual(['--invocation-count-for-turbofan=12000', '--invocation-count-for-maglev=1600']);
    expect(cliV8FlagsFor('13.6.233.17-node.40')).toEqual(['--invocation-count-for-turbofan=48000', '--invocation-count-for-maglev=1600']);
    expect(Object.keys(CLI_V8_FLAGS_BY_V8_MAJOR)).toEqual(['11', '12', '13']);
    expect(cliV8FlagsFor('14.0.100')).toEqual([]);
    expect(cliV8FlagsFor('not a version')).toEqual([]);
    expect(CLI_V8_FLAGS).toEqual(cliV8FlagsFor(process.versions.v8));
  });

  test('are all known to the V8 of this Node, so a start prints nothing on stderr', () => {
    const known = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    for (const flag of CLI_V8_FLAGS) expect(known).toContain(`  ${flag.replace(/=.*$/, '')} (`);
    const started = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(LOADER)}).loadBundle(process.argv[1])`, bundle], { encoding: 'utf8' });
    expect(started.status).toBe(0);
    expect(started.stderr).toBe('');
  });

  (CLI_V8_FLAGS.length > 0 ? test : test.skip)('are set by loadBundle before it compiles: a cache made under them is accepted, one made without them is rejected', () => {
    plainCache(bundle, []);
    expect(cacheInFreshProcess(bundle)).toBe('rejected');
    plainCache(bundle, CLI_V8_FLAGS);
    expect(cacheInFreshProcess(bundle)).toBe('accepted');
  });

  test('make the cache the build saves (loadBundle with cache: false) fit every later start', () => {
    const make = `const { loadBundle, cacheFileOf } = require(${JSON.stringify(LOADER)});
const loaded = loadBundle(process.argv[1], { cache: false });
loaded.exports.sum([1]);
require('node:fs').writeFileSync(cacheFileOf(process.argv[1]), loaded.script.createCachedData());`;
    execFileSync(process.execPath, ['-e', make, bundle]);
    expect(cacheInFreshProcess(bundle)).toBe('accepted');
    expect(execFileSync(process.execPath, ['-e', `process.stdout.write(String(require(${JSON.stringify(LOADER)}).loadBundle(process.argv[1]).exports.sum([4, 5])))`, bundle], { encoding: 'utf8' })).toBe('9');
  });
});
