/**
 * Two jest projects. Jest runs TypeScript through SWC (no type-check: `npm run typecheck` does that once).
 * - unit: needs nothing but Node; its set-up only synthesizes the example estate (`npm run test:unit`).
 * - tools: `*.tools.test.ts`, which run real Terraform, cloud-init, shellcheck, ClamAV or Chromium; its set-up also
 *   plans every estate stack with Terraform (`npm run test:tools`).
 */
// The mdast Markdown serializer (policies/formats/escape/markdown.ts) ships ES modules only. Node >= 20.19 loads them
// with require(); jest before Node 24.9 cannot, so SWC compiles those packages to CommonJS for the tests.
const ESM_PACKAGES = ['mdast-util-[^/]+', 'micromark[^/]*', 'unist-util-[^/]+', 'ccount', 'character-entities', 'decode-named-character-reference', 'devlop', 'longest-streak', 'markdown-table', 'zwitch', 'escape-string-regexp'];
const ESM_IN_NODE_MODULES = `/node_modules/(${ESM_PACKAGES.join('|')})/`;
const swc = (syntax) => ['@swc/jest', { jsc: { parser: { syntax }, target: 'es2022' }, module: { type: 'commonjs' } }];
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': swc('typescript'), [`${ESM_IN_NODE_MODULES}.+\\.js$`]: swc('ecmascript') },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 120000,
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/token-stacks.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/matchers.ts'],
};

module.exports = {
  testTimeout: 120000,
  maxWorkers: 2,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ['\\.tools\\.test\\.ts$'], globalSetup: '<rootDir>/test/support/global-setup.ts' },
    { ...shared, displayName: 'tools', testMatch: ['**/*.tools.test.ts'], globalSetup: '<rootDir>/test/support/global-setup-tools.ts' },
  ],
};

// `jest --selectProjects unit test/foo` is an easy slip: the option is variadic, so `test/foo` would be read as a
// project name and the whole project would run. Values that name no project are taken as test path patterns instead.
const PROJECT_NAMES = module.exports.projects.map((p) => p.displayName);
const selectAt = process.argv.indexOf('--selectProjects');
if (selectAt >= 0) {
  const patterns = [];
  for (let i = selectAt + 1; i < process.argv.length && !process.argv[i].startsWith('-'); i++) {
    if (!PROJECT_NAMES.includes(process.argv[i])) patterns.push(process.argv[i]);
  }
  if (patterns.length > 0) {
    const escaped = patterns.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    for (const project of module.exports.projects) {
      project.testRegex = `^(?=.*(?:${escaped})).*\\.test\\.ts$`;
      delete project.testMatch;
    }
  }
}
