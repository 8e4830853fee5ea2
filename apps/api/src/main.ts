import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { describePostgresUrl } from '@stageflow/db/postgres';
import {
  checkOutputsFromEnv,
  createPostgresServer,
  createServer,
  DEMO_ACCOUNT,
  demoFromEnv,
  flushLogNow,
  interviewerModelFromEnv,
  mailSettingsFromEnv,
  webhookSettingsFromEnv,
} from '@stageflow/server';
import { databasePathOf, databaseUrlOf, postgresSecretFile, repoRoot } from './database.ts';

// Paths are resolved from the repository root so `npm start` and `node apps/api/dist/main.mjs`
// agree wherever they are run from (database.ts).
const here = dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const databasePath = databasePathOf(process.env);
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
// Demo data on a new database: DEMO=1 or 0, else only when PUBLIC_URL is local (README, Settings).
const demo = demoFromEnv(process.env.DEMO);
// The default interviewer model (README, Settings): optional; a wrong one is logged, never fatal.
const interviewer = interviewerModelFromEnv(process.env);
// Outgoing webhooks (README, Settings): a wrong value is logged and its default used.
const webhooks = webhookSettingsFromEnv(process.env);
// Outgoing mail (README, Settings): without SMTP_URL and MAIL_FROM, mail is kept in the outbox unsent.
const mail = mailSettingsFromEnv(process.env);
// Answers sent as built unless CHECK_OUTPUTS=1 (README, Settings; `pnpm dev` sets it): tests check every one.
const outputs = checkOutputsFromEnv(process.env.CHECK_OUTPUTS);

const settings = {
  publicUrl,
  migrationsFolder: process.env.MIGRATIONS_FOLDER ?? resolve(here, 'drizzle'),
  webRoot: process.env.WEB_ROOT ?? resolve(repoRoot, 'apps/web/dist'),
  demo: demo.demo,
  interviewerModel: interviewer.model,
  webhooks: { settings: webhooks.settings },
  mail: { settings: mail.settings, digestHour: mail.digestHour },
  checkOutputs: outputs.checkOutputs,
};
// DATABASE_URL=postgres://… runs on PostgreSQL (README, "Running on PostgreSQL"); otherwise the SQLite file.
const database = databaseUrlOf(process.env);
if ('problem' in database) {
  console.error(database.problem);
  process.exit(1);
}
const databaseUrl = database.url;
const server = databaseUrl
  ? await createPostgresServer({
      ...settings,
      databaseUrl,
      // PostgreSQL's migrations are its own folder; the sign-in secret, unless AUTH_SECRET, is kept beside the
      // SQLite file's place, so processes on this machine share it.
      migrationsFolder: process.env.PG_MIGRATIONS_FOLDER ?? resolve(here, 'drizzle-pg'),
      sqliteMigrationsFolder: settings.migrationsFolder,
      secretFile: postgresSecretFile,
    })
  : createServer({ ...settings, databasePath });
const where = databaseUrl ? { database: describePostgresUrl(databaseUrl) } : { databasePath };
const { log } = server;
if (demo.problem) log.warn(demo.problem);
if (outputs.problem) log.warn(outputs.problem);
if (interviewer.problem) log.warn(interviewer.problem);
for (const problem of webhooks.problems) log.warn(problem);
for (const problem of mail.problems) log.warn(problem);
const seeded = await server.seedDemo();
// A new link each start: only its hash is kept, so the one printed last time cannot be shown again.
const demoPortal = await server.demoPortal();
// After start-up's own transaction: the worker's leases must not join it (docs/webhooks.md#several-processes).
if (server.webhooksWanted) server.webhookWorker.start();
// Bulk actions a stop left half-way carry on (each person is one transaction, so none is run twice).
const resumed = await server.resumeBulkActions();
if (resumed > 0) log.info({ bulk_actions: resumed }, 'resuming bulk actions');

const http = serve({ fetch: server.fetch, port }, (info) => {
  log.info({ port: info.port, ...where }, 'listening');
  // The log is written in batches: what the start logged (warnings included) comes out before the greeting.
  flushLogNow(log);
  console.log(`Stageflow is running at ${publicUrl}`);
  if (seeded) console.log(`Sign in with the demo account: ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}`);
  if (demoPortal) console.log(`Open ${demoPortal.name}'s participant portal (demo): ${demoPortal.url}`);
});

let shuttingDown = false;
/** Finish in-flight requests, checkpoint the WAL into the database file, close it, exit. */
function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  server.drain();
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  http.close(async () => {
    // Webhook attempts in flight and the message being sent now are recorded before the database closes;
    // an attempt cut short by the forced exit is sent again after its lease.
    await Promise.all([server.webhookWorker.stop(), server.mailWorker?.stop()]);
    server.close();
    log.info('closed');
    process.exit(0);
  });
  // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
  if ('closeIdleConnections' in http) http.closeIdleConnections();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
