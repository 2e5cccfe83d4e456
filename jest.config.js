/** Unit tests sit beside the code; scenario tests start real services under test/e2e. */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

module.exports = {
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/utils/global-setup.ts',
  reporters: ['default', '<rootDir>/test/utils/summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      transform,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{domain,subgraphs,gateway,scripts}/**/__tests__/**/*.test.ts'],
    },
    {
      displayName: 'e2e',
      transform,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      testTimeout: 120000,
    },
  ],
};
