'use strict';
/*
 * In-repository only (never shipped): lets Node load the TypeScript sources directly, so `npm run palisade` and the
 * tests run the code as it is in the working tree. Each .ts file is transpiled on load by @swc/core (no type-check;
 * `npm run typecheck` does that), falling back to ts-node's transpile-only mode. Both are devDependencies: the
 * published package runs its compiled dist/ and needs neither.
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
  // Source-mapped stack traces for the CLI's internal errors. The synth benchmark turns them off
  // (PALISADE_TS_SOURCE_MAPS=0): cdktf records a stack trace per token, and mapping each is loader cost, not ours.
  if (typeof process.setSourceMapsEnabled === 'function' && process.env.PALISADE_TS_SOURCE_MAPS !== '0') process.setSourceMapsEnabled(true);
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
