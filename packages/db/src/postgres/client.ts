import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { pgSchema } from './schema.ts';

export type PgDb = NodePgDatabase<typeof pgSchema> & { $client: pg.Pool };

/** Where a statement runs: the pool, or one transaction's connection (reads take either). */
export type PgExec = PgDatabase<NodePgQueryResultHKT, typeof pgSchema>;

/** Where the committed PostgreSQL migrations live when running from source (tests, the CLI). */
export const defaultPgMigrationsFolder = fileURLToPath(new URL('../../drizzle-pg', import.meta.url));

/** Whether a DATABASE_URL names a PostgreSQL server (`postgres://` or `postgresql://`). */
export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/**
 * Every SQLite integer is a `bigint` here (twin.ts), and node-postgres answers a bigint as a string by default.
 * Ours are counts, versions, sequence numbers and epoch milliseconds, all far below 2^53: read them as numbers,
 * as SQLite's rows have them, in Drizzle's query builder and in node-postgres queries. Drizzle's raw `execute`
 * reads them as text: cast counts there (`::int`), as the analytics SQL does.
 */
const INT8 = 20;
const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
  oid === INT8 ? Number : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser;

/** The URL as a log may show it: the password left out. */
export function describePostgresUrl(url: string): string {
  try {
    const shown = new URL(url);
    if (shown.password) shown.password = '***';
    return shown.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

/** A pool on the server the URL names; nothing is sent until the first query. */
export function createPgDb(url: string): PgDb {
  if (!isPostgresUrl(url)) throw new Error('A PostgreSQL URL starts with postgres:// or postgresql://');
  const pool = new pg.Pool({ connectionString: url, max: 4, types: { getTypeParser } });
  // An idle connection the server closes (a restart, a stop) is replaced at the next query; unhandled, its
  // error event would end the process.
  pool.on('error', () => {});
  return drizzle(pool, { schema: pgSchema }) as PgDb;
}

/** Applies every committed PostgreSQL migration not yet applied, all in one transaction. */
export async function migratePgDb(db: PgDb, migrationsFolder = defaultPgMigrationsFolder): Promise<void> {
  await migrate(db, { migrationsFolder });
}

export async function closePgDb(db: PgDb): Promise<void> {
  await db.$client.end();
}
