/**
 * Two jest projects. Jest runs TypeScript through SWC (no type-check: `npm run typecheck` does that once).
 * - unit: needs nothing but Node; its set-up only synthesizes the example estate (`npm run test:unit`).
 * - tools: `*.tools.test.ts`, which run real Terraform, cloud-init, shellcheck, ClamAV or Chromium; its set-up also
 *   plans every estate stack with Terraform (`npm run test:tools`).
 */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 120000,
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/matchers.ts'],
};

module.exports = {
  maxWorkers: 2,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ['\\.tools\\.test\\.ts$'], globalSetup: '<rootDir>/test/support/global-setup.ts' },
    { ...shared, displayName: 'tools', testMatch: ['**/*.tools.test.ts'], globalSetup: '<rootDir>/test/support/global-setup-tools.ts' },
  ],
};
