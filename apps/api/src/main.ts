import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { closeDb, createDb, createRepositories, migrateDb } from '@stageflow/db';
import { createApiKeyResolver } from './auth/api-keys.ts';
import { createAuth } from './auth/better-auth.ts';
import { createIdentify } from './auth/identify.ts';
import { loadAuthSecret } from './auth/secret.ts';
import { createRequestContext } from './context.ts';
import { createApp } from './http/app.ts';
import { createLogger } from './logger.ts';
import { DEMO_ACCOUNT, ensureDemoWorkspace } from './seed/demo-workspace.ts';

// Paths are resolved from the repository root so `npm start` and `node apps/api/dist/main.mjs`
// agree wherever they are run from.
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const port = Number(process.env.PORT ?? 3000);
const databasePath = resolve(repoRoot, process.env.DATABASE_PATH ?? 'data/stageflow.db');
const migrationsFolder = process.env.MIGRATIONS_FOLDER ?? resolve(here, 'drizzle');
const webRoot = process.env.WEB_ROOT ?? resolve(repoRoot, 'apps/web/dist');
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;

const log = createLogger();
mkdirSync(dirname(databasePath), { recursive: true });
const db = createDb(databasePath);
migrateDb(db, existsSync(migrationsFolder) ? migrationsFolder : undefined);
const repos = createRepositories(db);
const auth = createAuth({ db, baseURL: publicUrl, secret: loadAuthSecret(databasePath) });
const seeded = await ensureDemoWorkspace({ db, repos, auth, log }, new Date().toISOString());

let ready = true;
const app = createApp({
  createContext: createRequestContext({ db, repos, log }, createIdentify(auth, repos, createApiKeyResolver(repos))),
  authHandler: auth.handler,
  log,
  webRoot,
  isReady: () => ready,
});

const server = serve({ fetch: app.fetch, port }, (info) => {
  log.info({ port: info.port, databasePath }, 'listening');
  console.log(`Stageflow is running at ${publicUrl}`);
  if (seeded) console.log(`Sign in with the demo account: ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}`);
});

/** Finish in-flight requests, checkpoint the WAL into the database file, close it, exit. */
function shutdown(signal: string) {
  if (!ready) return;
  ready = false;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close(() => {
    closeDb(db);
    log.info('closed');
    process.exit(0);
  });
  // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
  if ('closeIdleConnections' in server) server.closeIdleConnections();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
