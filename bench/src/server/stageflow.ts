/**
 * The server Stageflow ships, composed as apps/api/src/main.ts composes it (better-auth, the API key
 * resolver, the request context, `createApp` with its logging, rate limits, cross-site check, tRPC
 * fetch adapter, REST and static files), over a database the runner seeded. The one addition is a
 * `bench.noop` procedure beside the app's routers: T0, a scoped procedure that does nothing, so
 * "the server and adapter" is measured through exactly the path every endpoint takes.
 *
 *   node stageflow.mjs <database file>        (forked by bench/src/run.ts, pinned to core 0)
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { createApiKeyResolver } from '@stageflow/api/src/auth/api-keys.ts';
import { createAuth } from '@stageflow/api/src/auth/better-auth.ts';
import { createIdentify } from '@stageflow/api/src/auth/identify.ts';
import { createRequestContext } from '@stageflow/api/src/context.ts';
import { createApp } from '@stageflow/api/src/http/app.ts';
import { createLogger } from '@stageflow/api/src/logger.ts';
import { appRouter } from '@stageflow/api/src/routers/index.ts';
import { router, scoped } from '@stageflow/api/src/trpc.ts';
import { createDb, createRepositories } from '@stageflow/db';
import { serveBench } from './ipc.ts';

const databasePath = process.argv[2];
if (!databasePath) throw new Error('usage: stageflow.mjs <database file>');
const webRoot = resolve(process.env.BENCH_REPO_ROOT ?? '.', 'apps/web/dist');

const log = createLogger();
const db = createDb(databasePath);
const repos = createRepositories(db);
const auth = createAuth({ db, baseURL: 'http://127.0.0.1', secret: 'bench-only-secret-0123456789abcdef' });

/** The app's routers, untouched, plus T0. */
const benchRouter = router({
  ...appRouter._def.record,
  bench: router({ noop: scoped('evaluation_stages.read').query(() => ({ ok: true })) }),
});

const app = createApp({
  createContext: createRequestContext({ db, repos, log }, createIdentify(auth, repos, createApiKeyResolver(repos))),
  authHandler: auth.handler,
  log,
  webRoot: existsSync(webRoot) ? webRoot : undefined,
  isReady: () => true,
  router: benchRouter,
});

serveBench(createAdaptorServer({ fetch: app.fetch }) as import('node:http').Server);
