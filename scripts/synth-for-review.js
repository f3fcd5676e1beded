#!/usr/bin/env node
'use strict';
/*
 * Synthesizes the estate of a checkout into its cdktf.out/ WITHOUT the synth gate, for the pull-request security
 * review: `npm start` refuses to write a synth with baseline findings, but the review must still judge it
 * (`palisade check` → SARIF, `palisade diff`). Config errors still fail. Never use this output to deploy.
 *
 *   node scripts/synth-for-review.js [PROJECT_DIR]   (default: this checkout)
 */
const path = require('node:path');

const root = path.resolve(process.argv[2] || path.join(__dirname, '..'));
process.chdir(root);
process.env.CHECKPOINT_DISABLE = '1';
require(require.resolve('ts-node', { paths: [root] })).register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });

const { exampleEstate } = require(path.join(root, 'config', 'estate.ts'));
const { loadEstateConfig } = require(path.join(root, 'config', 'load.ts'));
const { App } = require(path.join(root, 'constructs', 'framework.ts'));
const { buildEstate } = require(path.join(root, 'stacks', 'estate.ts'));

const outdir = process.env.CDKTF_OUTDIR || 'cdktf.out';
const app = new App({ outdir, skipValidation: true });
buildEstate(app, loadEstateConfig(exampleEstate, 'config/estate.ts'));
app.synth();
process.stdout.write(`synth-for-review: wrote ${path.resolve(root, outdir)} (synth gate skipped; judge it with palisade check/diff)\n`);
