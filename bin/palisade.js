#!/usr/bin/env node
'use strict';
/*
 * Palisade CLI entry. Runs the TypeScript sources directly: each .ts file is transpiled on load by
 * @swc/core (no type-check; `npm run typecheck` does that), falling back to ts-node's transpile-only
 * mode when @swc/core is unavailable.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

function registerTypeScript() {
  let swc;
  try {
    swc = require('@swc/core');
  } catch {
    require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
    return;
  }
  if (typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);
  const options = {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
    swcrc: false,
    configFile: false,
  };
  require.extensions['.ts'] = function compileTs(module, filename) {
    const source = fs.readFileSync(filename, 'utf8');
    const { code } = swc.transformSync(source, { ...options, filename });
    module._compile(code, filename);
  };
}

registerTypeScript();

require('../cli/index.ts')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`palisade: internal error: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 2;
    },
  );
