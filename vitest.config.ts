import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 60_000,
    // A browser test's beforeAll starts a server and Chromium: on a busy 2-core machine, over 10 s.
    hookTimeout: 60_000,
    globalSetup: ['./test/postgres.setup.ts', './test/log-audit.setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
