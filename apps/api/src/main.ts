import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { closeDb, createDb, createRepositories, migrateDb } from '@stageflow/db';
import { createRequestContext } from './context.ts';
import { createApp } from './http/app.ts';
import { createLogger } from './logger.ts';
import { ensureLocalWorkspace } from './seed/local-workspace.ts';

// Paths are resolved from the repository root so `npm start` and `node apps/api/dist/main.mjs`
// agree wherever they are run from.
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const port = Number(process.env.PORT ?? 3000);
const databasePath = resolve(repoRoot, process.env.DATABASE_PATH ?? 'data/stageflow.db');
const migrationsFolder = process.env.MIGRATIONS_FOLDER ?? resolve(here, 'drizzle');
const webRoot = process.env.WEB_ROOT ?? resolve(repoRoot, 'apps/web/dist');

const log = createLogger();
mkdirSync(dirname(databasePath), { recursive: true });
const db = createDb(databasePath);
migrateDb(db, existsSync(migrationsFolder) ? migrationsFolder : undefined);
const repos = createRepositories(db);
const workspace = await ensureLocalWorkspace(db, repos, new Date().toISOString(), log);

let ready = true;
const app = createApp({
  createContext: createRequestContext({ db, repos, log }, workspace.id),
  log,
  webRoot,
  isReady: () => ready,
});

const server = serve({ fetch: app.fetch, port }, (info) => {
  log.info({ port: info.port, databasePath }, 'listening');
  console.log(`Stageflow is running at http://localhost:${info.port}`);
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
