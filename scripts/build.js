#!/usr/bin/env node
'use strict';
/*
 * `npm run build` (and `prepack`): compiles the library, engine, matcher and CLI to dist/ (JS, .d.ts, source maps)
 * with tsc, copies the files the compiled code reads at run time (the hosts' shell scripts, the HCL parser's worker),
 * then bundles the CLI into one file, dist/cli/palisade.js, which bin/palisade.js runs.
 *
 * The bundle is made by esbuild from the TypeScript sources (tsc has type-checked them above). One file instead of
 * ~190 modules: a start skips resolving and wrapping each of them, and calls between modules are direct calls
 * rather than property reads of another module's exports, which is most of a check's cold code. Packages stay
 * external (resolved from node_modules as usual); the library entry points keep tsc's per-module output.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
// Files the compiled code reads at run time: the hosts' shell scripts and the HCL parser's worker (plain JS).
const RUNTIME_ASSETS = ['constructs/hardened-host/scripts', 'policies/source/hcl-worker.js'];
const CLI_BUNDLE = path.join(dist, 'cli', 'palisade.js');
// The bundle's modules share its directory: the HCL worker is started from `__dirname`, so it sits beside it too.
const BUNDLE_ASSETS = ['policies/source/hcl-worker.js'];

fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
for (const asset of RUNTIME_ASSETS) {
  fs.cpSync(path.join(root, asset), path.join(dist, asset), { recursive: true });
}
require('esbuild').buildSync({
  entryPoints: [path.join(root, 'cli', 'index.ts')],
  outfile: CLI_BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  tsconfig: path.join(root, 'tsconfig.build.json'),
  sourcemap: true,
  logLevel: 'warning',
});
for (const asset of BUNDLE_ASSETS) {
  fs.cpSync(path.join(root, asset), path.join(path.dirname(CLI_BUNDLE), path.basename(asset)));
}
process.stdout.write(`build: wrote ${path.relative(root, dist)}/ and the CLI bundle ${path.relative(root, CLI_BUNDLE)}\n`);
