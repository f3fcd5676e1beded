#!/usr/bin/env node
'use strict';
/*
 * Child process of scripts/build.js: runs the CLI bundle on the training stack (scripts/code-cache-training.js) —
 * check, report, diff and rules, their output discarded — then saves the bundle's V8 code cache beside it, so it
 * holds the functions those commands compiled (bin/bundle-loader.js explains the cache). Refuses, exit 2, when a
 * command fails on the training stack (exit 2): a cache of an error path would be no use.
 *
 * Usage: node scripts/make-code-cache.js <bundle> <training.tf.json>
 */
const fs = require('node:fs');
const path = require('node:path');
const { loadBundle, cacheFileOf } = require('../bin/bundle-loader');

async function main() {
  const [bundle, training] = process.argv.slice(2).map((p) => path.resolve(p));
  const { exports, script } = loadBundle(bundle, { cache: false });
  const runs = [
    ['check', training, '--format', 'json'],
    ['check', training, '--format', 'text'],
    ['report', training, '--format', 'markdown'],
    ['diff', training, training, '--format', 'markdown'],
    ['rules'],
  ];
  // The commands write to stdout; the build does not want their output.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = () => true;
  try {
    for (const args of runs) {
      const code = await exports.main(args);
      if (code === 2) throw new Error(`palisade ${args.join(' ')} exited 2 on the training stack`);
    }
  } finally {
    process.stdout.write = write;
  }
  fs.writeFileSync(cacheFileOf(bundle), script.createCachedData());
}

main().catch((e) => {
  process.stderr.write(`make-code-cache: ${e.message}\n`);
  process.exitCode = 2;
});
