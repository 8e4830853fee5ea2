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
  },
});
