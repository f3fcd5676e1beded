#!/usr/bin/env node
'use strict';
/*
 * `npm run coverage`: synthesize the example estate (as `npm start` does) and write docs/coverage.md from the rule
 * catalogue and the resource types of cdktf.out. test/report/coverage.test.ts fails when the page is stale.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
process.chdir(root);
process.env.CHECKPOINT_DISABLE = '1';
require('ts-node').register({ transpileOnly: true, swc: true, project: path.join(root, 'tsconfig.json') });
require(path.join(root, 'main.ts'));
const { loadModel } = require(path.join(root, 'policies', 'index.ts'));
const { RULES } = require(path.join(root, 'policies', 'rules', 'index.ts'));
const { coverageMarkdown } = require(path.join(root, 'policies', 'report', 'coverage.ts'));
const model = loadModel(['cdktf.out'], { baseDir: root });
const types = model.resources.filter((r) => r.mode === 'managed').map((r) => r.type);
fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
fs.writeFileSync(path.join(root, 'docs', 'coverage.md'), coverageMarkdown(RULES, types));
process.stdout.write('docs/coverage.md written\n');
