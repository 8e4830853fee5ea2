/**
 * The server Stageflow ships, composed by `createServer` as `apps/api` composes it (better-auth, the API
 * key resolver, the request context, logging, rate limits, cross-site check, tRPC fetch adapter,
 * REST and static files), over a database the runner seeded, with the server's default interviewer
 * model from `INTERVIEWER_*` and the portal's per-link limits lifted. The one addition is a
 * `bench.noop` procedure beside the app's routers: T0, a scoped procedure that does nothing, so
 * "the server and adapter" is measured through exactly the path every endpoint takes.
 *
 * Given a `postgres://` URL instead of a file, the same server runs on PostgreSQL (`createPostgresServer`).
 *
 *   node stageflow.mjs <database file | postgres URL>     (forked by bench/src/run.ts, pinned)
 */
import { resolve } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import {
  appRouter,
  checkOutputsFromEnv,
  createPostgresServer,
  createServer,
  interviewerModelFromEnv,
  rateLimitsFromEnv,
  router,
  scoped,
} from '@stageflow/server';
import { serveBench } from './ipc.ts';

const repoRoot = process.env.BENCH_REPO_ROOT ?? '.';
const databasePath = process.argv[2];
if (!databasePath) throw new Error('usage: stageflow.mjs <database file>');

/** The app's routers, untouched, plus T0. */
const benchRouter = router({
  ...appRouter._def.record,
  bench: router({ noop: scoped('evaluation_stages.read').query(() => ({ ok: true })) }),
});

const settings = {
  publicUrl: 'http://127.0.0.1',
  authSecret: 'bench-only-secret-0123456789abcdef',
  // Bundled into bench/tmp, so the repository's folders are named from its root.
  webRoot: resolve(repoRoot, 'apps/web/dist'),
  router: benchRouter,
  // As apps/api reads it: answers sent as built unless CHECK_OUTPUTS=1.
  checkOutputs: checkOutputsFromEnv(process.env.CHECK_OUTPUTS).checkOutputs,
  // The interview probe's model (a zero-latency fake, INTERVIEWER_*), as apps/api reads it; none otherwise.
  interviewerModel: interviewerModelFromEnv(process.env).model,
  // The interview probe sends every answer through a few portal links: their limits would only time refusals.
  rateLimits: { ...rateLimitsFromEnv(), portalPerToken: 1_000_000_000, portalPerAddress: 1_000_000_000 },
};
const server = databasePath.startsWith('postgres')
  ? await createPostgresServer({
      ...settings,
      databaseUrl: databasePath,
      migrationsFolder: resolve(repoRoot, 'packages/db/drizzle-pg'),
      secretFile: resolve(repoRoot, 'bench/tmp/postgres-secret'),
    })
  : createServer({ ...settings, databasePath, migrationsFolder: resolve(repoRoot, 'packages/db/drizzle') });

serveBench(createAdaptorServer({ fetch: server.fetch }) as import('node:http').Server);
