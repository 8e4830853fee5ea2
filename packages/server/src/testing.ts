import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closeDb,
  createDb,
  createRepositories,
  createSqliteStorage,
  createTestDb,
  type Db,
  migrateDb,
  type Repositories,
  type StoragePort,
  schema,
} from '@stageflow/db';
import { closePgDb, createPgDb, createPgStorage, type PgDb, pgSchema } from '@stageflow/db/postgres';
import type { Role } from '@stageflow/domain';
import { NOW } from '@stageflow/testing';
import { TRPCError } from '@trpc/server';
import { expect, onTestFinished } from 'vitest';
import { actorOf } from './auth/principal.ts';
import { createCaller } from './caller.ts';
import { type Context, type ContextDeps, contextDeps, createInnerContext, engineDeps } from './context.ts';
import { fieldIssues } from './errors.ts';
import { type InterviewerDeps, interviewerDeps } from './interviewer/deps.ts';
import { createLogger } from './logger.ts';
import { type MailDeps, mailNotSetUp } from './mail/deps.ts';
import { postgresForThisFile, postgresForThisTest } from './testing-engines.ts';
import { type WebhookDeps, webhookDeps } from './webhooks/deps.ts';

/**
 * A fresh in-memory database with two workspaces, and a caller acting in each: what every API
 * test starts from. Calls go through the real procedures, middleware and error mapping. The clock
 * stands at the tests' `NOW` unless a test brings its own; no interviewer model unless `interviewer` says;
 * webhooks to public addresses only unless `webhooks` says.
 */
/** What setupApi answers that does not depend on the engine: the callers, their context, the workspaces. */
export type ApiKit = Omit<ReturnType<typeof setupApi>, 'db' | 'repos' | 'deps'> & { readonly deps: ContextDeps };

/**
 * `setupApi` on the engine this run tests (`TEST_ENGINE`, docs/architecture.md#tests): SQLite unless it says
 * `postgres`, then the file's own PostgreSQL database (testing-engines.ts), with two new workspaces each call:
 * every query is scoped to a workspace, so tests see no more of each other's rows than on separate databases.
 * `ownDatabase`: on PostgreSQL, a database of the test's own instead, for tests of what reads every workspace's
 * rows (the webhook and mail workers' claims, `resumeBulkActions`); on SQLite every kit has its own already.
 */
export async function setupEngineApi(
  options: Omit<Parameters<typeof setupApi>[0] & {}, 'db'> & { readonly ownDatabase?: boolean } = {},
): Promise<ApiKit> {
  const { ownDatabase, ...rest } = options;
  if (process.env.TEST_ENGINE !== 'postgres') return setupApi(rest);
  const { pg, storage } = await (ownDatabase ? postgresForThisTest() : postgresForThisFile());
  const deps = engineDeps(
    storage,
    createLogger('silent'),
    undefined,
    options.interviewer,
    options.webhooks,
    options.mail,
  );
  const workspace = async (slug: string) => {
    const row = { id: crypto.randomUUID(), slug: `${slug}-${crypto.randomUUID().slice(0, 8)}`, name: slug };
    await storage.reads.workspaces.insert(row);
    return row;
  };
  // `pg`, as SQLite's kit carries `db`: what the helpers below reach the kit's database by (`onPostgres`).
  const kit: ApiKit & { pg: PgDb } = {
    ...apiKitOver(deps, await workspace('a'), await workspace('b'), options.now ?? (() => NOW)),
    pg,
  };
  return kit;
}

/** The PostgreSQL database of a kit `setupEngineApi` made on PostgreSQL; undefined on SQLite. */
const onPostgres = (t: ApiKit) => (t as ApiKit & { pg?: PgDb }).pg;
const onSqlite = (t: ApiKit) => t as ApiKit & { db: Db; repos: Repositories };

/**
 * Rows a raw query answers on the engine this run tests, for what no read of the application shows (a hash, a
 * lease): `?` placeholders, SQL both engines speak; scope it to the test's workspace or rows, as the database
 * may be shared by the file's tests.
 */
export async function rowsOnEngine<T = Record<string, unknown>>(
  t: ApiKit,
  query: string,
  ...params: unknown[]
): Promise<T[]> {
  const pg = onPostgres(t);
  if (!pg)
    return onSqlite(t)
      .db.$client.prepare(query)
      .all(...params) as T[];
  let n = 0;
  const { rows } = await pg.$client.query(
    query.replace(/\?/g, () => `$${++n}`),
    params,
  );
  return rows as T[];
}

/**
 * Another server process over the test's database: storage, runner and log of its own (a test may stub its
 * storage without touching the kit's), on the engine this run tests; mail not set up unless `mail` says.
 */
export async function anotherProcess(t: ApiKit, { mail }: { mail?: MailDeps } = {}): Promise<ContextDeps> {
  const pg = onPostgres(t);
  const storage = pg ? createPgStorage(pg) : createSqliteStorage(onSqlite(t).db, onSqlite(t).repos);
  return engineDeps(storage, createLogger('silent'), undefined, undefined, undefined, mail);
}

/**
 * `count` server processes' storage over one new database of the engine this run tests, gone when the test
 * finishes: on SQLite a file each opens, on PostgreSQL a database of the test's own with a pool each.
 */
export async function processesOnOneDatabase(count: number): Promise<StoragePort[]> {
  if (process.env.TEST_ENGINE === 'postgres') {
    const { pg } = await postgresForThisTest();
    const others = Array.from({ length: count - 1 }, () => createPgDb(pg.$client.options.connectionString!));
    onTestFinished(async () => {
      await Promise.all(others.map(closePgDb));
    });
    return [pg, ...others].map((db) => createPgStorage(db));
  }
  const dir = mkdtempSync(join(tmpdir(), 'stageflow-processes-'));
  const file = join(dir, 'db.sqlite');
  const first = createDb(file);
  migrateDb(first);
  const dbs = [first, ...Array.from({ length: count - 1 }, () => createDb(file))];
  onTestFinished(() => {
    for (const db of dbs) closeDb(db);
    rmSync(dir, { recursive: true, force: true });
  });
  return dbs.map((db) => createSqliteStorage(db, createRepositories(db)));
}

/**
 * A user with an account (better-auth's `users` row, which no command of ours writes) made a member of the kit's
 * workspace A (or `workspaceId`), on the engine this run tests: for tests of who may do what by name (grants),
 * and of what members are mailed. Named by their id and made now unless said.
 */
export async function addUserAsMember(
  t: ApiKit,
  userId: string,
  role: Role,
  options: { workspaceId?: string; name?: string; email?: string; at?: Date } = {},
): Promise<void> {
  const { workspaceId = t.workspaceId, name = userId, email = `${userId}@example.com`, at = new Date() } = options;
  const user = { id: userId, name, email, createdAt: at, updatedAt: at };
  const pg = onPostgres(t);
  if (pg) await pg.insert(pgSchema.users).values(user);
  else onSqlite(t).db.insert(schema.users).values(user).run();
  await t.deps.reads.members.add({ id: `m-${userId}`, workspaceId, userId, role, createdAt: at });
}

export function setupApi({
  now = () => NOW,
  interviewer = interviewerDeps(),
  db = createTestDb(),
  webhooks = webhookDeps(),
  mail = mailNotSetUp,
}: {
  now?: () => string;
  interviewer?: InterviewerDeps;
  /** A migrated database of the test's own (a file, to open it again as a restarted server would). */
  db?: Db;
  webhooks?: WebhookDeps;
  /** Mail not set up unless a test says (testing-mail.ts). */
  mail?: MailDeps;
} = {}) {
  const repos = createRepositories(db);
  const deps = contextDeps(db, repos, createLogger('silent'), undefined, interviewer, webhooks, mail);
  const workspace = (slug: string) => repos.workspaces.insert({ id: crypto.randomUUID(), slug, name: slug });
  const a = workspace('a');
  const b = workspace('b');
  return { db, repos, ...apiKitOver(deps, a, b, now), deps };
}

/** Callers acting in each of two workspaces, over any engine's dependencies. */
function apiKitOver<D extends ContextDeps>(deps: D, a: { id: string }, b: { id: string }, now: () => string) {
  const callerFor = (workspaceId: string, role: Role = 'owner') =>
    createCaller(
      createInnerContext(deps, { kind: 'user', userId: `${role}-of-${workspaceId}`, workspaceId, role }, { now }),
    );
  /** What a procedure of this member sees: for application functions called directly (scoring). */
  const contextFor = (workspaceId: string, role: Role = 'owner'): Context => {
    const principal = { kind: 'user', userId: `${role}-of-${workspaceId}`, workspaceId, role } as const;
    return { ...createInnerContext(deps, principal, { now }), principal, workspaceId, actor: actorOf(principal) };
  };
  return {
    deps,
    api: callerFor(a.id),
    other: callerFor(b.id),
    callerFor,
    contextFor,
    workspaceId: a.id,
    otherWorkspaceId: b.id,
  };
}

/** Asserts a call fails with this tRPC code (and, optionally, that the message or an issue says so). */
export async function expectTRPCError(
  call: Promise<unknown>,
  code: TRPCError['code'],
  detail?: { message?: RegExp; issuePath?: (string | number)[] },
) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect(trpcError.code).toBe(code);
  if (detail?.message) expect(trpcError.message).toMatch(detail.message);
  if (detail?.issuePath) {
    expect(fieldIssues(trpcError.cause)?.map((i) => i.path)).toContainEqual(detail.issuePath);
  }
  return trpcError;
}
