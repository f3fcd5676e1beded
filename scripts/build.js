#!/usr/bin/env node
'use strict';
/*
 * `npm run build` (and `prepack`): compiles the library, engine, matcher and CLI to dist/ (JS, .d.ts, source maps)
 * with tsc, copies the files the compiled code reads at run time (the hosts' shell scripts, the HCL parser's worker),
 * then bundles the CLI into one file, dist/cli/palisade.js, which bin/palisade.js runs.
 *
 * The bundle is made by esbuild from the TypeScript sources (tsc has type-checked them above). One file instead of
 * ~190 modules: a start skips resolving and wrapping each of them, and calls between modules are direct calls
 * rather than property reads of another module's exports, which is most of a check's cold code. The small packages
 * every CLI start loads (argument parsing, colours, ANSI stripping, CIDR parsing, deep equality) are inlined too:
 * resolving each from node_modules (package.json exports, stats, realpath) cost about 10 ms per start, commander
 * alone 8 ms. Their licence texts ship beside the bundle. Every other package stays external and is loaded only by
 * the commands that need it (the AWS SDK, YAML, Markdown, IAM data); the library entry points keep tsc's output.
 * Last, the bundle's V8 code cache is made after a training run (scripts/make-code-cache.js, bin/bundle-loader.js).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { trainingStack } = require('./code-cache-training');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
// Files the compiled code reads at run time: the hosts' shell scripts and the HCL parser's worker (plain JS).
const RUNTIME_ASSETS = ['constructs/hardened-host/scripts', 'policies/source/hcl-worker.js'];
const CLI_BUNDLE = path.join(dist, 'cli', 'palisade.js');
// The bundle's modules share its directory: the HCL worker is started from `__dirname`, so it sits beside it too.
const BUNDLE_ASSETS = ['policies/source/hcl-worker.js'];
/** Dependencies inlined into the CLI bundle (each also a dependency of the library, so still installed). */
const INLINED = ['commander', 'picocolors', 'strip-ansi', 'ansi-regex', 'ipaddr.js', 'netmask', 'dequal'];
const LICENSES = `${CLI_BUNDLE}.LICENSES.txt`;

function isPackageRoot(dir, name) {
  const manifest = path.join(dir, 'package.json');
  return fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === name;
}

/**
 * The bundle's V8 code cache (bin/bundle-loader.js), made in a fresh process after running the bundle on a training
 * stack. Without NODE_OPTIONS: V8 accepts a cache only under the flags it was made with, and a user runs `palisade`
 * without the build's (loadBundle sets the CLI's own V8 flags, CLI_V8_FLAGS, on both sides).
 */
function writeCodeCache() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-code-cache-'));
  try {
    const training = path.join(work, 'training.tf.json');
    fs.writeFileSync(training, `${JSON.stringify(trainingStack(), null, 2)}\n`);
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    execFileSync(process.execPath, [path.join(__dirname, 'make-code-cache.js'), CLI_BUNDLE, training], { cwd: work, env, stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The licence text of an installed package (MIT and ISC ask for it in every copy). */
function licenseOf(name) {
  // From the package's entry up to its own package.json (not every package exports `./package.json`).
  let dir = path.dirname(require.resolve(name, { paths: [root] }));
  while (!isPackageRoot(dir, name)) {
    if (path.dirname(dir) === dir) throw new Error(`build: no package.json of ${name} found`);
    dir = path.dirname(dir);
  }
  const file = fs.readdirSync(dir).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
  if (!file) throw new Error(`build: ${name} has no licence file to ship with the CLI bundle`);
  const { version, license } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return `${name}@${version} (${license})\n\n${fs.readFileSync(path.join(dir, file), 'utf8').trim()}\n`;
}

fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
for (const asset of RUNTIME_ASSETS) {
  fs.cpSync(path.join(root, asset), path.join(dist, asset), { recursive: true });
}
require('esbuild').buildSync({
  entryPoints: [path.join(root, 'cli', 'index.ts')],
  outfile: CLI_BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Every package but the inlined ones, with its subpaths (`dequal/lite` is inlined with `dequal`).
  external: Object.keys(require(path.join(root, 'package.json')).dependencies)
    .filter((name) => !INLINED.includes(name))
    .flatMap((name) => [name, `${name}/*`]),
  tsconfig: path.join(root, 'tsconfig.build.json'),
  sourcemap: true,
  logLevel: 'warning',
});
fs.writeFileSync(LICENSES, `Packages inlined into palisade.js, with their licences:\n\n${INLINED.map(licenseOf).join('\n---\n\n')}`);
for (const asset of BUNDLE_ASSETS) {
  fs.cpSync(path.join(root, asset), path.join(path.dirname(CLI_BUNDLE), path.basename(asset)));
}
writeCodeCache();
process.stdout.write(`build: wrote ${path.relative(root, dist)}/ and the CLI bundle ${path.relative(root, CLI_BUNDLE)}\n`);
