import {
  createRepositories,
  createSqliteStorage,
  createTestDb,
  type Db,
  type Repositories,
  schema,
} from '@stageflow/db';
import { createPgStorage, pgSchema } from '@stageflow/db/postgres';
import type { Role } from '@stageflow/domain';
import { NOW } from '@stageflow/testing';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { actorOf } from './auth/principal.ts';
import { createCaller } from './caller.ts';
import { type Context, type ContextDeps, contextDeps, createInnerContext, engineDeps } from './context.ts';
import { fieldIssues } from './errors.ts';
import { type InterviewerDeps, interviewerDeps } from './interviewer/deps.ts';
import { createLogger } from './logger.ts';
import { type MailDeps, mailNotSetUp } from './mail/deps.ts';
import { postgresForThisFile } from './testing-engines.ts';
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
 */
export async function setupEngineApi(options: Omit<Parameters<typeof setupApi>[0] & {}, 'db'> = {}): Promise<ApiKit> {
  if (process.env.TEST_ENGINE !== 'postgres') return setupApi(options);
  const { storage } = await postgresForThisFile();
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
  return apiKitOver(deps, await workspace('a'), await workspace('b'), options.now ?? (() => NOW));
}

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
  if (process.env.TEST_ENGINE !== 'postgres') {
    return (t as ApiKit & { db: Db }).db.$client.prepare(query).all(...params) as T[];
  }
  let n = 0;
  const { rows } = await (await postgresForThisFile()).pg.$client.query(
    query.replace(/\?/g, () => `$${++n}`),
    params,
  );
  return rows as T[];
}

/**
 * Another server process over the test's database: storage, runner and log of its own (a test may stub its
 * storage without touching the kit's), on the engine this run tests.
 */
export async function anotherProcess(t: ApiKit): Promise<ContextDeps> {
  const storage =
    process.env.TEST_ENGINE === 'postgres'
      ? createPgStorage((await postgresForThisFile()).pg)
      : createSqliteStorage((t as ApiKit & { db: Db }).db, (t as ApiKit & { repos: Repositories }).repos);
  return engineDeps(storage, createLogger('silent'));
}

/**
 * A user with an account (better-auth's `users` row, which no command of ours writes) made a member of the kit's
 * workspace A, on the engine this run tests: for tests of who may do what by name (grants).
 */
export async function addUserAsMember(t: ApiKit, userId: string, role: Role): Promise<void> {
  const now = new Date();
  const user = { id: userId, name: userId, email: `${userId}@example.com`, createdAt: now, updatedAt: now };
  if (process.env.TEST_ENGINE === 'postgres')
    await (await postgresForThisFile()).pg.insert(pgSchema.users).values(user);
  else (t as ApiKit & { db: Db }).db.insert(schema.users).values(user).run();
  await t.deps.reads.members.add({ id: `m-${userId}`, workspaceId: t.workspaceId, userId, role });
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
