import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit tests next to the code (`src/**/*.test.ts(x)`), in Node. The browser tests are a second
// project with their own config in e2e/vitest.config.ts: Vitest 4.1 does not nest projects, so the
// root vitest.config.ts lists both folders.
export default defineConfig({
  plugins: [react()],
  test: {
    name: 'web',
    include: ['src/**/*.test.{ts,tsx}'],
    passWithNoTests: true,
  },
});
