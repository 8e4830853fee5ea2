import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { pgSchema } from './schema.ts';

export type PgDb = NodePgDatabase<typeof pgSchema> & { $client: pg.Pool };

/** Where the committed PostgreSQL migrations live when running from source (tests, the CLI). */
export const defaultPgMigrationsFolder = fileURLToPath(new URL('../../drizzle-pg', import.meta.url));

/** Whether a DATABASE_URL names a PostgreSQL server (`postgres://` or `postgresql://`). */
export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/** A pool on the server the URL names; nothing is sent until the first query. */
export function createPgDb(url: string): PgDb {
  if (!isPostgresUrl(url)) throw new Error('A PostgreSQL URL starts with postgres:// or postgresql://');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
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
