import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  closeDb,
  createDb,
  createRepositories,
  createSqliteStorage,
  type Db,
  migrateDb,
  type Repositories,
  type StoragePort,
} from '@stageflow/db';
import { closePgDb, createPgDb, createPgStorage, migratePgDb, type PgDb, pgEnqueued } from '@stageflow/db/postgres';
import type { EnvironmentModel } from '@stageflow/domain';
import type { AnyTRPCRouter } from '@trpc/server';
import { resumeBulkActions } from './application/bulk-actions.ts';
import { BULK_LEASE_MS } from './application/bulk-runner.ts';
import { writeInvitationMail } from './application/mail.ts';
import { createApiKeyResolver } from './auth/api-keys.ts';
import { type Auth, createAuth } from './auth/better-auth.ts';
import { createIdentify } from './auth/identify.ts';
import { loadAuthSecret } from './auth/secret.ts';
import { createRequestContext, engineDeps } from './context.ts';
import { createApp } from './http/app.ts';
import type { BodyLimitOptions } from './http/body-limit.ts';
import { databaseLimiters, type LimiterStore, memoryLimiters } from './http/limiter-store.ts';
import { postgresLimiters } from './http/limiter-store-postgres.ts';
import { type RateLimitOptions, rateLimitsFromEnv } from './http/rate-limit.ts';
import { interviewerDeps } from './interviewer/deps.ts';
import type { ModelClientOptions } from './interviewer/model.ts';
import { createLogger, type Logger } from './logger.ts';
import type { MailDeps } from './mail/deps.ts';
import { DEFAULT_DIGEST_HOUR, describeSmtpUrl, type MailSettings } from './mail/settings.ts';
import { createSmtpSender, type MailSender } from './mail/smtp.ts';
import { createMailWorker, type MailWorker, type MailWorkerDeps } from './mail/worker.ts';
import { checkedOutput, trustedOutput } from './parse-output.ts';
import { seedInPostgres } from './seed/demo-on-postgres.ts';
import { type DemoPortal, rotateDemoPortalLink } from './seed/demo-portal.ts';
import { type DemoSeeding, demoAccountHint, ensureDemoWorkspace, seedInSqlite } from './seed/demo-workspace.ts';
import { checkAtStart } from './start-checks.ts';
import { webhookDeps } from './webhooks/deps.ts';
import { disabledEndpointMailer } from './webhooks/disabled-mail.ts';
import { logNotifier, type WebhookNotifier } from './webhooks/notifier.ts';
import { createWebhookSender, type SenderOptions } from './webhooks/sender.ts';
import type { WebhookSettings } from './webhooks/settings.ts';
import { createWebhookWorker, type WebhookWorker } from './webhooks/worker.ts';

export interface ServerConfig {
  /** The SQLite file (created with its folder when missing), or `:memory:`. */
  readonly databasePath: string;
  /**
   * Where people open the app (PUBLIC_URL): sign-in and cookie-authenticated writes trust this origin
   * only, also behind a TLS-terminating proxy; https makes cookies `Secure`.
   */
  readonly publicUrl: string;
  /** Signs session cookies; by default AUTH_SECRET, else one kept beside the database (auth/secret.ts). */
  readonly authSecret?: string;
  /** The committed migrations; the db package's own folder when running from source. */
  readonly migrationsFolder?: string;
  /** The built web app, served with an index.html fallback for client routes; none when absent. */
  readonly webRoot?: string;
  readonly log?: Logger;
  /** Per API key and sign-in limits; from the environment by default (http/rate-limit.ts). */
  readonly rateLimits?: RateLimitOptions;
  /**
   * Demo data on a new database: `true` wherever it is served (DEMO=1), `false` never (DEMO=0); unset,
   * only when `publicUrl` is local (seed/demo-workspace.ts).
   */
  readonly demo?: boolean | undefined;
  /** Request body limits; from BODY_LIMIT_BYTES and BULK_BODY_LIMIT_BYTES by default (http/body-limit.ts). */
  readonly bodyLimits?: BodyLimitOptions;
  /** Serve this router instead of the app's (the benchmark adds a no-op procedure beside it). */
  readonly router?: AnyTRPCRouter;
  /**
   * Whether every answer is parsed with its output schema and held to it exactly (the default, as in tests);
   * `false` sends answers as the procedures built them (CHECK_OUTPUTS, parse-output.ts).
   */
  readonly checkOutputs?: boolean;
  /**
   * The default interviewer model for workspaces without their own (`INTERVIEWER_*`, read by
   * `interviewerModelFromEnv`); none by default, and then nothing calls out.
   */
  readonly interviewerModel?: EnvironmentModel | null;
  /** Timeouts and retries of interviewer calls (interviewer/model.ts); the defaults suit a live interview. */
  readonly interviewerClient?: Partial<ModelClientOptions>;
  /**
   * Outgoing webhooks (docs/webhooks.md): the operator's settings (`webhookSettingsFromEnv`), how admins
   * are told of a disabled endpoint (a log warning by default), and for tests the worker's clock,
   * randomness and name resolution.
   */
  readonly webhooks?: {
    readonly settings?: Partial<WebhookSettings>;
    readonly notifier?: WebhookNotifier;
    readonly now?: () => string;
    readonly random?: () => number;
    readonly lookup?: SenderOptions['lookup'];
  };
  /**
   * Outgoing mail (docs/mail.md): the SMTP settings (`mailSettingsFromEnv`; none: mail is kept in the
   * outbox and not sent), the hour of the daily digest, and for tests the worker's clock, timings and
   * sender.
   */
  readonly mail?: {
    readonly settings?: MailSettings | null;
    readonly digestHour?: number;
    readonly now?: () => string;
    readonly send?: MailSender;
    readonly worker?: Partial<Pick<MailWorkerDeps, 'pollMs' | 'leaseMs' | 'digestEveryMs' | 'batch'>>;
  };
}

/** Stageflow on SQLite, with the engine's own handles for the CLI and tests (server code reads through the port). */
export interface SqliteServer extends StageflowServer {
  readonly db: Db;
  readonly repos: Repositories;
}

export interface StageflowServer {
  /** The whole HTTP surface as a fetch handler: give it to any Node or fetch-based server. */
  readonly fetch: (req: Request) => Response | Promise<Response>;
  readonly auth: Auth;
  readonly log: Logger;
  /** Sends the mail outbox; running only when mail is set up (`mail.settings`), else null. */
  readonly mailWorker: MailWorker | null;
  /**
   * Delivers the webhook outbox. Not started here: start it once start-up's own transaction (demo data)
   * is over, unless the settings say this process does not deliver (`webhooksWanted`).
   */
  readonly webhookWorker: WebhookWorker;
  /** Whether this process should deliver webhooks (`WEBHOOKS_WORKER`, on by default). */
  readonly webhooksWanted: boolean;
  /**
   * On a new database, when wanted (`demo`): the demo account, workspace and data, once per database.
   * Call it before serving requests. Never throws (a problem is logged); true when it seeded them now.
   */
  seedDemo(now?: string): Promise<boolean>;
  /**
   * With demo data in the database and wanted here: a new portal link for the demo participant (the one
   * before stops working), for the start to print beside the demo sign-in; null otherwise. Call it after
   * `seedDemo`. Never throws.
   */
  demoPortal(now?: string): Promise<DemoPortal | null>;
  /** `/healthz` answers 503 from now on, so load balancers stop sending traffic. */
  drain(): void;
  /**
   * Carries on with the bulk actions a stop left running (docs/rules.md#bulk-actions), as the people who
   * started them, in the background; then looks again every lease, for actions a crashed process left
   * (their lease ran out). Call it once, after `seedDemo`; answers how many it took up now.
   */
  resumeBulkActions(): Promise<number>;
  /** Checkpoints the WAL into the database file and closes it: the last step of a shutdown. */
  close(): void;
}

/**
 * Stageflow's server, composed once for every caller (`apps/api`'s main, the test kit, the bench):
 * opens and migrates the database, logs what an operator should fix in it (start-checks.ts), then
 * serves `/healthz`, better-auth under `/api/auth`, tRPC under `/trpc`, REST under `/api/v1` and the
 * built web app.
 */
export function createServer(config: ServerConfig): SqliteServer {
  if (config.databasePath !== ':memory:') mkdirSync(dirname(config.databasePath), { recursive: true });
  const db = createDb(config.databasePath);
  const migrations = config.migrationsFolder;
  migrateDb(db, migrations && existsSync(migrations) ? migrations : undefined);
  const repos = createRepositories(db);
  const server = serveOn(
    {
      storage: createSqliteStorage(db, repos),
      authDb: db,
      onEnqueued: repos.webhooks.outbox.onEnqueued,
      databaseLimiters: () => databaseLimiters(db),
      seed: (auth) => seedInSqlite({ db, repos, auth }),
      secretFile: config.databasePath,
      close: () => closeDb(db),
    },
    config,
  );
  return { ...server, db, repos };
}

/**
 * Stageflow on PostgreSQL (`DATABASE_URL`, docs/architecture.md#postgresql): the same server over the
 * asynchronous engine. Migrates the database first (`migrationsFolder`: PostgreSQL's own); counters are always in the database there, since
 * PostgreSQL is for several processes. Its sign-in secret is AUTH_SECRET, else one kept in `secretFile`
 * (every process on one machine shares it; on several machines, set AUTH_SECRET).
 */
export async function createPostgresServer(
  config: Omit<ServerConfig, 'databasePath'> & {
    readonly databaseUrl: string;
    readonly secretFile: string;
    /** SQLite's migrations: demo data is made in a SQLite database in memory, then copied (demo-on-postgres.ts). */
    readonly sqliteMigrationsFolder?: string;
  },
): Promise<StageflowServer> {
  if (!config.authSecret) mkdirSync(dirname(config.secretFile), { recursive: true });
  const pg = createPgDb(config.databaseUrl);
  const existing = (folder: string | undefined) => (folder && existsSync(folder) ? folder : undefined);
  const migrations = { postgres: existing(config.migrationsFolder), sqlite: existing(config.sqliteMigrationsFolder) };
  await migratePgDb(pg, migrations.postgres);
  const storage = createPgStorage(pg);
  return serveOn(
    {
      storage,
      authDb: pg,
      // This process's enqueues wake its worker; deliveries another process enqueued are found by its poll.
      onEnqueued: pgEnqueued.onEnqueued,
      databaseLimiters: () => postgresLimiters(pg),
      seed: (_auth, settings) => seedInPostgres(pg, settings, migrations),
      secretFile: config.secretFile,
      close: () => void closePgDb(pg),
      countersInDatabase: true,
    },
    config,
  );
}

/** What differs between the engines at start and stop; everything else is served the same (`serveOn`). */
interface ServerEngine {
  readonly storage: StoragePort;
  /** Where better-auth keeps users, sessions and its counters. */
  readonly authDb: Db | PgDb;
  /** Wakes this process's webhook worker when a delivery is enqueued here. */
  readonly onEnqueued: (listener: () => void) => () => void;
  readonly databaseLimiters: () => LimiterStore;
  /** How demo data goes in whole: with the server's better-auth (SQLite), or made apart and copied (PostgreSQL). */
  readonly seed: (auth: Auth, settings: { baseURL: string; secret: string }) => DemoSeeding;
  /** Where the sign-in secret is kept when AUTH_SECRET is not set (auth/secret.ts). */
  readonly secretFile: string;
  /** Counters in the database whatever RATE_LIMIT_STORE says (several processes are the point). */
  readonly countersInDatabase?: boolean;
  close(): void;
}

function serveOn(engine: ServerEngine, config: Omit<ServerConfig, 'databasePath'>): StageflowServer {
  const log = config.log ?? createLogger();
  const secret = config.authSecret ?? loadAuthSecret(engine.secretFile);
  // Workspaces' model keys are sealed under the same secret as cookies (docs/decisions/020).
  const interviewer = interviewerDeps({
    secret,
    environment: config.interviewerModel,
    client: config.interviewerClient,
  });
  const webhooks = webhookDeps({ secret, settings: config.webhooks?.settings });
  // Mail (docs/mail.md): the worker runs only when SMTP is set up; without it, messages are kept.
  const smtp = config.mail?.settings ?? null;
  let mailWorker: MailWorker | null = null;
  const mail: MailDeps = {
    setup: { configured: smtp !== null, from: smtp?.from ?? null },
    wake: () => mailWorker?.wake(),
  };
  const parseOutput = config.checkOutputs === false ? trustedOutput : checkedOutput;
  const deps = engineDeps(engine.storage, log, config.publicUrl, interviewer, webhooks, mail, parseOutput);
  // Never throws: it logs what it finds, once its reads are answered.
  void checkAtStart(deps.reads, log);
  const { settings } = webhooks;
  const webhookWorker = createWebhookWorker({
    storage: deps.storage,
    secrets: webhooks.secrets,
    send: createWebhookSender({
      timeoutMs: settings.timeoutMs,
      allowPrivateNetworks: settings.allowPrivateNetworks,
      lookup: config.webhooks?.lookup,
    }),
    notifier: config.webhooks?.notifier ?? logNotifier(log),
    disabledMail: disabledEndpointMailer({
      mail,
      publicUrl: deps.publicUrl,
      newId: () => crypto.randomUUID(),
      now: config.webhooks?.now ?? (() => new Date().toISOString()),
    }),
    log,
    now: config.webhooks?.now,
    random: config.webhooks?.random,
    // SQLite's own notice of an enqueued delivery in this process (a PostgreSQL engine wakes the worker its own way).
    onEnqueued: engine.onEnqueued,
    leaseMs: settings.leaseMs,
    pollMs: settings.pollMs,
    retentionDays: settings.retentionDays,
  });
  if (smtp) {
    mailWorker = createMailWorker({
      storage: deps.storage,
      publicUrl: deps.publicUrl,
      newId: () => crypto.randomUUID(),
      send: config.mail?.send ?? createSmtpSender(smtp),
      log,
      digestHour: config.mail?.digestHour ?? DEFAULT_DIGEST_HOUR,
      ...(config.mail?.now ? { now: config.mail.now } : {}),
      ...config.mail?.worker,
    });
    mailWorker.start();
    log.info({ smtp: describeSmtpUrl(smtp.smtpUrl), from: smtp.from }, 'mail is set up');
  }
  const auth = createAuth({
    db: engine.authDb,
    members: deps.reads.members,
    baseURL: config.publicUrl,
    secret,
    sendInvitation: (invitation) =>
      writeInvitationMail(
        {
          storage: deps.storage,
          mail,
          publicUrl: deps.publicUrl,
          now: config.mail?.now ?? (() => new Date().toISOString()),
          newId: () => crypto.randomUUID(),
        },
        invitation,
      ),
  });
  const rateLimits = config.rateLimits ?? rateLimitsFromEnv();
  let ready = true;
  let bulkResume: NodeJS.Timeout | undefined;
  const app = createApp({
    createContext: createRequestContext(deps, createIdentify(auth, deps.reads, createApiKeyResolver(deps.reads))),
    authHandler: auth.handler,
    log,
    webRoot: config.webRoot,
    publicUrl: config.publicUrl,
    portal: { storage: deps.storage, secret, interviewer },
    isReady: () => ready,
    // SQLite's counters (limiter-store.ts); a PostgreSQL start gives `postgresLimiters` instead.
    limiterStore:
      rateLimits.store === 'database' || engine.countersInDatabase ? engine.databaseLimiters() : memoryLimiters,
    demoAccount: () => demoAccountHint(deps.reads),
    rateLimits,
    ...(config.bodyLimits ? { bodyLimits: config.bodyLimits } : {}),
    ...(config.router ? { router: config.router } : {}),
  });
  return {
    fetch: app.fetch,
    auth,
    log,
    webhookWorker,
    webhooksWanted: settings.worker,
    mailWorker,
    seedDemo: (now = new Date().toISOString()) =>
      ensureDemoWorkspace(
        { reads: deps.reads, seed: engine.seed(auth, { baseURL: config.publicUrl, secret }), log },
        { now, publicUrl: config.publicUrl, demo: config.demo },
      ),
    demoPortal: (now = new Date().toISOString()) =>
      rotateDemoPortalLink({ storage: deps.storage, log }, { now, publicUrl: config.publicUrl, demo: config.demo }),
    drain: () => {
      ready = false;
    },
    resumeBulkActions: () => {
      bulkResume ??= setInterval(() => {
        resumeBulkActions(deps).catch((err: unknown) => {
          log.warn({ err }, 'looking for bulk actions to resume failed; trying again later');
        });
      }, BULK_LEASE_MS).unref();
      return resumeBulkActions(deps);
    },
    close: () => {
      if (bulkResume) clearInterval(bulkResume);
      // Before the database goes: no person is ever half-applied (each is one transaction), and the
      // runner must not start the next one on a closed connection.
      deps.bulkRunner.stop();
      // An attempt still in flight is not recorded: its lease runs out and the next start sends it again.
      void webhookWorker.stop();
      // A message being sent now is settled by no one: its lease runs out and the next start sends it.
      void mailWorker?.stop();
      engine.close();
    },
  };
}
