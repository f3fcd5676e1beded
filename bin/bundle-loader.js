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
const vm = require('node:vm');
const Module = require('node:module');

/** The cache file of a bundle. */
function cacheFileOf(bundle) {
  return `${bundle}.cache`;
}

/**
 * Runs `bundle` as a CommonJS module and returns its exports, the compiled script (to save a cache from) and what
 * happened to the cache: `accepted`, `rejected` (V8 compiled the source instead) or `absent`.
 * @param {string} bundle absolute path of the bundle
 * @param {{ cache?: boolean }} [options] `cache: false` ignores the cache file (used to make a new one)
 */
function loadBundle(bundle, options = {}) {
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

module.exports = { loadBundle, cacheFileOf };
