import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 60_000,
    globalSetup: ['./test/postgres.setup.ts', './test/log-audit.setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
