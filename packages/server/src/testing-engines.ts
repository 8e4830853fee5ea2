import type { StoragePort } from '@stageflow/db';
import { createRepositories, createTestDb, type Db, type Reads, type Repositories, schema } from '@stageflow/db';
import {
  closePgDb,
  copySqliteToPostgres,
  createPgDb,
  createPgStorage,
  migratePgDb,
  type PgDb,
  pgSchema,
} from '@stageflow/db/postgres';
import { NOW, postgresUnavailable, startPostgres, type TestPostgres } from '@stageflow/testing';
import { onTestFinished } from 'vitest';
import type { Principal } from './auth/principal.ts';
import { seedDemoData } from './seed/demo-data.ts';

/** Why the PostgreSQL engine's tests cannot run here (no server, not on CI), or undefined. */
export const enginesUnavailable = postgresUnavailable;

/**
 * The demo data (two pipelines, ~35 people in every state, sessions, decisions, portal links, analytics history)
 * on SQLite, and the same rows copied into a fresh PostgreSQL database: what the PostgreSQL engine's reads are
 * tested against. Each read must answer on PostgreSQL exactly what it answers on SQLite. A second, empty
 * workspace holds nothing, so a read that leaks across workspaces shows up as rows where none belong.
 */
export async function demoOnBothEngines(
  /** More rows on SQLite before the copy, for tables the demo leaves empty (API keys, members, …). */
  arrange?: (sqlite: { db: Db; repos: Repositories; workspaceId: string; otherWorkspaceId: string }) => void,
) {
  const db = createTestDb();
  const repos: Repositories = createRepositories(db);
  const workspace = repos.workspaces.insert({ id: crypto.randomUUID(), slug: 'demo', name: 'Demo workspace' });
  const other = repos.workspaces.insert({ id: crypto.randomUUID(), slug: 'other', name: 'Other workspace' });
  const owner: Principal = { kind: 'user', userId: 'demo-owner', workspaceId: workspace.id, role: 'owner' };
  await seedDemoData(db, repos, owner, NOW);
  arrange?.({ db, repos, workspaceId: workspace.id, otherWorkspaceId: other.id });

  const server = await startPostgres();
  const pg: PgDb = createPgDb(server.url);
  await copySqliteToPostgres(db, pg);
  return {
    /** The SQLite engine's reads: the answers PostgreSQL must give. */
    sqlite: repos as Reads,
    /** The SQLite engine's own handles, for picking ids to read by. */
    sqliteDb: db,
    repos,
    /** The PostgreSQL database holding the same rows. */
    pg,
    workspaceId: workspace.id,
    otherWorkspaceId: other.id,
    async stop() {
      await closePgDb(pg);
      await server.stop();
    },
  };
}
export type BothEngines = Awaited<ReturnType<typeof demoOnBothEngines>>;

/** A table of the one schema, by its name in src/schema/ (`participants`, `webhookDeliveries`, …). */
export type TableName = keyof typeof pgSchema;

const sortedRows = (rows: readonly Record<string, unknown>[]) =>
  rows
    .map((row) => JSON.parse(JSON.stringify(row)) as unknown)
    .sort((a, b) => {
      const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
      return x < y ? -1 : x > y ? 1 : 0;
    });

/**
 * Every row of a table on each engine, as plain JSON in one order: after the same writes on both, the two must
 * be equal. Rows are read through each dialect's schema, so types (JSON, booleans, times, numbers) come back as
 * the application sees them.
 */
export async function rowsOnBoth(sqlite: Db, pg: PgDb, table: TableName) {
  const sqliteTable = (schema as unknown as Record<string, Parameters<Db['select']>[0] & object>)[table];
  const onSqlite = sqlite
    .select()
    .from(sqliteTable as never)
    .all() as Record<string, unknown>[];
  const onPg = (await pg.select().from(pgSchema[table] as never)) as Record<string, unknown>[];
  return { sqlite: sortedRows(onSqlite), pg: sortedRows(onPg) };
}

/** A promise and the function that resolves it: how a test orders two transactions without a clock. */
export function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { fire, fired };
}

/**
 * Resolves once a backend of this database (or `count` of them) waits for a lock another transaction holds, as
 * PostgreSQL itself reports it: a test knows a second transaction is blocked, not merely slow.
 */
export async function someoneWaitsForALock(pg: PgDb, count = 1): Promise<void> {
  for (;;) {
    const { rows } = await pg.$client.query<{ waiting: number }>(
      `select count(*)::int as waiting from pg_stat_activity
        where wait_event_type = 'Lock' and datname = current_database()`,
    );
    if ((rows[0]?.waiting ?? 0) >= count) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The test file's PostgreSQL server and a database on it migrated once, kept unconnected as the template. */
let serverForThisFile: Promise<{ server: TestPostgres; migrated: string }> | undefined;
let forThisFile: Promise<{ server: TestPostgres; pg: PgDb; storage: StoragePort }> | undefined;

function postgresServerForThisFile() {
  serverForThisFile ??= (async () => {
    const server = await startPostgres();
    const template = createPgDb(server.url);
    try {
      await migratePgDb(template);
    } finally {
      // A template is copied only while nobody is connected to it.
      await closePgDb(template);
    }
    return { server, migrated: server.url };
  })();
  return serverForThisFile;
}

/**
 * The test file's PostgreSQL database (each test file runs in a worker of its own): a copy of the migrated one,
 * shared by the file's tests (`setupEngineApi` gives each its own workspaces), gone with the server when
 * `stopPostgresForThisFile` runs (the PostgreSQL project's setup file calls it after the file).
 */
export function postgresForThisFile() {
  forThisFile ??= (async () => {
    const { server, migrated } = await postgresServerForThisFile();
    const pg = createPgDb(await server.newDatabase({ template: migrated }));
    return { server, pg, storage: createPgStorage(pg) };
  })();
  return forThisFile;
}

/**
 * A database of the calling test's own, a copy of the file's migrated one (some 25 ms), closed and dropped when
 * the test finishes: for tests of what reads every workspace's rows, as the workers' claims and
 * `resumeBulkActions` do, which cannot share a database with the file's other tests.
 */
export async function postgresForThisTest(): Promise<{ pg: PgDb; storage: StoragePort }> {
  const { server, migrated } = await postgresServerForThisFile();
  const url = await server.newDatabase({ template: migrated });
  const pg = createPgDb(url);
  onTestFinished(async () => {
    await closePgDb(pg);
    await server.dropDatabase(url);
  });
  return { pg, storage: createPgStorage(pg) };
}

export async function stopPostgresForThisFile(): Promise<void> {
  const [started, shared] = [serverForThisFile, forThisFile];
  serverForThisFile = undefined;
  forThisFile = undefined;
  if (!started) return;
  if (shared) await closePgDb((await shared).pg);
  await (await started).server.stop();
}
