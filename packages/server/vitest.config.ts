import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Sign-in tests hash passwords with scrypt on purpose; on a busy 2-core machine the default 5 s is tight.
    testTimeout: 30_000,
  },
});
