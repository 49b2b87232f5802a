import { defineConfig } from 'vitest/config';

// Two projects: fast unit/pipeline/numerics tests, and browser tests that
// build the site (twice: root base and a project-site base) and drive Chromium.
export default defineConfig({
  test: {
    // Two cores: one test file per core.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/claims/**', 'node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          // claims: tests of what each published figure's data shows, read
          // from the figures the global setup just built.
          include: ['tests/e2e/**/*.test.ts', 'tests/claims/**/*.test.ts'],
          environment: 'node',
          // Generous bounds, not waits: browser tests wait on conditions (see crawl.ts openContext).
          testTimeout: 300_000,
          hookTimeout: 900_000,
          // One Chromium page at a time across files: see tests/e2e/browserTurns.ts.
          // (Not singleFork or a later groupOrder: vitest then skips these files
          // altogether when a unit-test worker reports an RPC timeout under load.)
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
