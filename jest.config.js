/** Unit tests sit beside the code; scenario tests start real services under test/e2e. */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
// jose (JWT signing) ships only as ES modules. Node 20.19+ loads it with require(), but jest's own
// CommonJS runtime cannot (before Node 24.9), so tests compile it with swc like our own code.
// openid-client and its oauth4webapi likewise.
const transformIgnorePatterns = ['/node_modules/(?!(jose|openid-client|oauth4webapi)/)'];

// The fleet tests (test/e2e/fleet/) run several gateway processes behind nginx under load for
// most of a minute: beside them the machine's other suites would starve and miss their deadlines,
// so they run on their own after the rest (`npm run test:fleet`, part of `npm test`).
const FLEET = '<rootDir>/test/e2e/fleet/';
const fleetOnly = process.env.JEST_FLEET === 'only';

const fleetProject = {
  displayName: 'fleet',
  transform,
  transformIgnorePatterns,
  testEnvironment: 'node',
  testMatch: [`${FLEET}**/*.test.ts`],
  setupFilesAfterEnv: ['<rootDir>/test/utils/e2e-timeout.ts'],
};

module.exports = {
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/utils/global-setup.ts',
  reporters: ['default', '<rootDir>/test/utils/summary-reporter.js'],
  projects: fleetOnly
    ? [fleetProject]
    : [
        {
          displayName: 'unit',
          transform,
          transformIgnorePatterns,
          testEnvironment: 'node',
          testMatch: [
            '<rootDir>/{domain,contracts,subgraphs,gateway,scripts}/**/__tests__/**/*.test.ts',
          ],
          setupFilesAfterEnv: ['<rootDir>/test/utils/unit-timeout.ts'],
        },
        {
          displayName: 'e2e',
          transform,
          transformIgnorePatterns,
          testEnvironment: 'node',
          testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
          testPathIgnorePatterns: ['/node_modules/', FLEET],
          // Jest reads testTimeout only from the top-level config, not from a project's: each
          // project sets its timeout in a setup file instead (unit tests 30 s, scenarios 120 s).
          setupFilesAfterEnv: ['<rootDir>/test/utils/e2e-timeout.ts'],
        },
      ],
};
