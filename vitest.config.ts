import { defineConfig } from 'vitest/config';

// One Vitest run over the whole monorepo; each entry is a folder with its own vitest.config.ts.
//   pnpm exec vitest run --project '!e2e'   every unit, integration and API test
//   pnpm exec vitest run --project e2e      the browser tests (build first)
export default defineConfig({
  test: {
    projects: [
      'packages/domain',
      'packages/db',
      'packages/client',
      'packages/server',
      'apps/api',
      'apps/web',
      'apps/web/e2e',
      'bench',
    ],
  },
});
