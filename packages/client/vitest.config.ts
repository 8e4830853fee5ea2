import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The README example imports the package by its name, as a consumer would.
  resolve: { alias: { '@stageflow/client': fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts'],
    // It runs against a real server, started from source once for the file.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Type tests: *.test-d.ts are checked by tsc, not run; a wrong type fails the run.
    typecheck: {
      enabled: true,
      include: ['src/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
