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
 * V8 flags of a CLI process, by V8 major version, set before the bundle is compiled: by the build when it makes the
 * cache, and by every start that uses it (V8 accepts a cache only under the flags it was made with).
 *
 * They make V8 wait longer before optimising a function. A command lives 0.1–2 s: with V8's defaults, TurboFan (and
 * Maglev) compiled, on the same 2 cores as the work and the GC, functions that then ran only a few more times, and
 * deoptimised some of them. V8 11 counts bytecode run between tier-up checks (`--interrupt-budget`, here 4× its
 * default of 67,584); V8 12 and 13 count invocations (defaults 3,000 for TurboFan and 400 for Maglev): 4× both on
 * V8 12, and on V8 13 TurboFan 16×. Each V8 knows only its own flags, and an unknown one prints "unrecognized flag"
 * at every start, so a V8 not listed here gets none. Measured with the code cache on both sides, whole processes
 * (2-core host, issue #18; `npm run bench` prints the figures), check of 10k resources against V8's defaults (medians
 * of 12): Node 20 (V8 11) 249 → 223 ms, Node 22 (V8 12) 237 → 208 ms, Node 24 (V8 13, 4× both) 217 → 202 ms;
 * 100k: 1,637 → 1,505, 1,531 → 1,482, 1,396 → 1,361 ms. On V8 13, TurboFan at 16× instead of 4× (medians of 25,
 * 2026-12-04): 1k 70 → 68 ms, 10k 200 → 190 ms, 100k 1,421 → 1,349 ms (7 turns), diff of 2 × 10k 421–432 → 403–416
 * ms, report 523–546 → 520–534 ms. Tried and not taken: 16× on V8 12 (10k 185 → 189 ms) and on V8 11 (10k 10 ms
 * faster, but report 22 ms slower and 100k unchanged), 8×, 16× and 32× of both counts on V8 13 (within 4 ms of this).
 */
const CLI_V8_FLAGS_BY_V8_MAJOR = Object.freeze({
  11: Object.freeze(['--interrupt-budget=270336']),
  12: Object.freeze(['--invocation-count-for-turbofan=12000', '--invocation-count-for-maglev=1600']),
  13: Object.freeze(['--invocation-count-for-turbofan=48000', '--invocation-count-for-maglev=1600']),
});

/** The CLI's V8 flags for a V8 version string (`process.versions.v8`); none for a V8 not measured. */
function cliV8FlagsFor(v8Version) {
  return CLI_V8_FLAGS_BY_V8_MAJOR[Number.parseInt(String(v8Version), 10)] ?? Object.freeze([]);
}

/** The flags this process's V8 gets. */
const CLI_V8_FLAGS = cliV8FlagsFor(process.versions.v8);

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

module.exports = { loadBundle, cacheFileOf, CLI_V8_FLAGS, CLI_V8_FLAGS_BY_V8_MAJOR, cliV8FlagsFor };
