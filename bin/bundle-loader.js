'use strict';
/*
 * Loads the CLI bundle (dist/cli/palisade.js) as a CommonJS module through `vm.Script`, with the V8 code cache the
 * build saved beside it (palisade.js.cache). The build makes the cache after running the bundle on a training stack,
 * so it holds the bytecode of the functions a check, report or diff calls. A start then skips compiling them: about
 * 20–25 ms a command on a 2-core host (issue #18).
 *
 * The cache changes no behaviour: V8 accepts it only for the same source, V8 version and flags, and otherwise
 * compiles the source as usual (`rejected`); a missing or unreadable cache is `absent`. It ships in the package next
 * to the code it caches, so it is no more writable than that code. Node 22's own compile cache would keep it in a
 * shared temporary directory instead.
 */
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');
const Module = require('node:module');

/**
 * V8 flags of a CLI process, set before the bundle is compiled: by the build when it makes the cache, and by every
 * start that uses it (V8 accepts a cache only under the flags it was made with).
 *
 * `--interrupt-budget` is how much bytecode a function runs between V8's checks for tiering it up; four times
 * V8 11's default (67,584) makes TurboFan wait for code that stays hot. A command lives 0.1–2 s: with the default,
 * V8 spent a share of it compiling (on the same 2 cores as the work and the GC) functions that ran a few more times
 * and then deoptimising some of them. Measured with the code cache on both sides, whole processes, medians: check
 * of 1k / 10k / 100k resources 97 / 249 / 1,637 ms → 91 / 223 / 1,505 ms; diff of 2 × 10k 521 → 441 ms
 * (issue #18; `npm run bench` prints the figures).
 */
const CLI_V8_FLAGS = Object.freeze(['--interrupt-budget=270336']);

let flagsSet = false;
/** Sets {@link CLI_V8_FLAGS} in this process (once; they apply to code compiled and tiered from then on). */
function setCliV8Flags() {
  if (flagsSet) return;
  for (const flag of CLI_V8_FLAGS) v8.setFlagsFromString(flag);
  flagsSet = true;
}

/** The cache file of a bundle. */
function cacheFileOf(bundle) {
  return `${bundle}.cache`;
}

/**
 * Runs `bundle` as a CommonJS module and returns its exports, the compiled script (to save a cache from) and what
 * happened to the cache: `accepted`, `rejected` (V8 compiled the source instead) or `absent`. Sets
 * {@link CLI_V8_FLAGS} in the process first: it is meant for the process that runs the CLI.
 * @param {string} bundle absolute path of the bundle
 * @param {{ cache?: boolean }} [options] `cache: false` ignores the cache file (used to make a new one)
 */
function loadBundle(bundle, options = {}) {
  setCliV8Flags();
  const source = fs.readFileSync(bundle, 'utf8');
  let cachedData;
  if (options.cache !== false) {
    try {
      cachedData = fs.readFileSync(cacheFileOf(bundle));
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const cache = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  const load = script.runInThisContext();
  load.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  mod.loaded = true;
  return { exports: mod.exports, script, cache };
}

module.exports = { loadBundle, cacheFileOf, CLI_V8_FLAGS };
