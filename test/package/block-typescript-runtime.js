'use strict';
// Preloaded (`node -r`) to prove the installed CLI needs no TypeScript runtime: loading one fails the process.
const Module = require('node:module');

const TYPESCRIPT_RUNTIMES = /^(typescript|ts-node|@swc\/core|@swc\/register|tsx|esbuild-register)(\/|$)/;
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveWithoutTypeScript(request, ...rest) {
  if (TYPESCRIPT_RUNTIMES.test(request)) throw new Error(`TypeScript runtime loaded: ${request}`);
  return resolve.call(this, request, ...rest);
};
require.extensions['.ts'] = () => {
  throw new Error('a .ts file was loaded');
};
