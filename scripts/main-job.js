#!/usr/bin/env node
'use strict';
/*
 * The main job (`npm start`): synthesize every stack of the estate into cdktf.out/ (the synth gate refuses
 * unsuppressed baseline findings), check the synthesized output with the same engine as `palisade check`,
 * print the summary and write the auditors' control-evidence report into reports/. Needs no AWS account.
 */
const path = require('node:path');

const root = path.join(__dirname, '..');
process.chdir(root);
process.env.CHECKPOINT_DISABLE = '1';
require('ts-node').register({ transpileOnly: true, swc: true, project: path.join(root, 'tsconfig.json') });

const started = Date.now();
try {
  require(path.join(root, 'main.ts'));
} catch (error) {
  // Config and baseline errors are written for people: print the message, not a stack trace.
  const message = error && error.message ? error.message : String(error);
  process.stderr.write(`palisade: synthesis refused:\n${message.replace(/\n\nIf you wish to ignore these validations[\s\S]*$/, '')}\n`);
  process.exit(1);
}
const manifest = require(path.join(root, 'cdktf.out', 'manifest.json'));
const stacks = Object.keys(manifest.stacks);
process.stdout.write(`Synthesized ${stacks.length} stacks into cdktf.out/ in ${((Date.now() - started) / 1000).toFixed(1)} s: ${stacks.join(', ')}\n\n`);

const { loadModel, runBaseline, formatReport, blockingFindings } = require(path.join(root, 'policies', 'index.ts'));
const { writeEvidenceReports } = require(path.join(root, 'policies', 'report', 'index.ts'));
const model = loadModel(['cdktf.out'], { baseDir: root });
// cdktf.out is the whole estate: every account control must be in it (PAL-ACCT-003).
const report = runBaseline(model, { accountScope: 'complete' });
process.stdout.write(formatReport(report, 'text', { color: process.stdout.isTTY }));
const { currentRevision } = require(path.join(root, 'cli', 'revision.ts'));
const revision = currentRevision(root, require(path.join(root, 'package.json')).version);
const written = writeEvidenceReports(path.join(root, 'reports'), report, model, ['cdktf.out'], revision);
process.stdout.write(`\nControl-evidence report for auditors: ${written.map((f) => path.relative(root, f)).join(', ')}\n`);
process.exitCode = blockingFindings(report, 'low').length > 0 ? 1 : 0;
