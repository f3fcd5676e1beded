#!/usr/bin/env node
'use strict';
/*
 * `npm run build` (and `prepack`): compiles the library, engine, matcher and CLI to dist/ (JS, .d.ts, source maps)
 * with tsc, then copies the files the compiled code reads at run time (the hosts' shell scripts).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
// Files the compiled code reads at run time: the hosts' shell scripts and the HCL parser's worker (plain JS).
const RUNTIME_ASSETS = ['constructs/hardened-host/scripts', 'policies/source/hcl-worker.js'];

fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
for (const asset of RUNTIME_ASSETS) {
  fs.cpSync(path.join(root, asset), path.join(dist, asset), { recursive: true });
}
process.stdout.write(`build: wrote ${path.relative(root, dist)}/\n`);
