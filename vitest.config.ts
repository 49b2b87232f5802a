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
          // First, alone: the numerics tests would otherwise compete with Chromium for the two cores.
          sequence: { groupOrder: 0 },
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
          globalSetup: ['tests/e2e/global-setup.ts'],
          // After the unit tests, one file at a time: a single Chromium page is
          // open at any moment, so a loaded two-core machine is not oversubscribed.
          sequence: { groupOrder: 1 },
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
