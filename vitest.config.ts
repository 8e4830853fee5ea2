import { defineConfig } from 'vitest/config';

// One Vitest run over the whole monorepo; each entry is a folder with its own vitest.config.ts.
//   pnpm exec vitest run --project '!e2e'   every unit, integration and API test
//   pnpm exec vitest run --project e2e      the browser tests (build first)
/**
 * The suites that also run on PostgreSQL: every test in them goes through `setupEngineApi` (the webhook and mail
 * kits too), or `processesOnOneDatabase`, both on the engine this run tests.
 */
const POSTGRES_SUITES = [
  'src/routers/{participants,stages,templates,refusals,command-answers,participant-outlook}.test.ts',
  'src/routers/{completion-table,input-rules,question-set,agent-profiles}.test.ts',
  'src/routers/{portal-links,api-keys,webhooks,interviewer-model,bulk-actions,analytics,self-identification}.test.ts',
  'src/routers/bulk-send-link.test.ts',
  'src/{webhooks/worker,mail/outbox}.test.ts',
  'src/access.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      'packages/domain',
      'packages/db',
      'packages/testing',
      'packages/client',
      'packages/server',
      {
        // The API suites again on PostgreSQL (TEST_ENGINE): each file gets a database of its own on the
        // throwaway server (`startPostgres`), and each test new workspaces in it, or a database of its own where
        // a worker claims every workspace's rows (docs/architecture.md#tests).
        test: {
          name: 'server on PostgreSQL',
          root: './packages/server',
          include: POSTGRES_SUITES,
          testTimeout: 30_000,
          // A file's first `beforeAll` also starts its PostgreSQL server: seconds on a busy machine.
          hookTimeout: 60_000,
          setupFiles: ['./src/engines/postgres-setup.ts'],
          env: { TEST_ENGINE: 'postgres' },
        },
      },
      'apps/api',
      'apps/web',
      'apps/web/e2e',
      'bench',
    ],
  },
});
