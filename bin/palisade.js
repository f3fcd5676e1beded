#!/usr/bin/env node
'use strict';
/*
 * Palisade CLI entry. The installed package runs its compiled CLI bundle (dist/cli/palisade.js, one file built by
 * `npm run build`): no TypeScript runtime needed. In a checkout of the repository, where the TypeScript sources sit
 * next to this file, it runs the sources instead (through the in-repo devDependency loader), so the CLI always
 * matches the working tree without a rebuild.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const sources = path.join(root, 'cli', 'index.ts');
const fromSources = fs.existsSync(sources) && fs.existsSync(path.join(root, 'scripts', 'register-typescript.js'));
if (fromSources) require(path.join(root, 'scripts', 'register-typescript.js'));

// The bundle is loaded with the V8 code cache the build saved beside it (bin/bundle-loader.js).
const cli = fromSources ? require(sources) : require('./bundle-loader').loadBundle(path.join(root, 'dist', 'cli', 'palisade.js')).exports;
cli.runAsProcess(process.argv.slice(2));
