import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The process tests start and stop small servers; on a busy 2-core machine that can take seconds.
    testTimeout: 30_000,
  },
});
