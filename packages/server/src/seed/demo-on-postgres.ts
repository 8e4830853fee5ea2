import { closeDb, createDb, createRepositories, migrateDb } from '@stageflow/db';
import { CopyRefused, copySqliteToPostgres, type PgDb } from '@stageflow/db/postgres';
import { createAuth } from '../auth/better-auth.ts';
import { type DemoSeeding, seedInSqlite } from './demo-workspace.ts';

/**
 * Demo data on a new PostgreSQL database, whole or not at all: made exactly as on SQLite (the same procedures,
 * in one `startupTx`) in a database in memory, then copied across by `copySqliteToPostgres`, which writes
 * every table in one transaction, checks the counts, and refuses a database that is no longer empty (another
 * process seeded first: then this one seeds nothing). The demo account's password hash does not depend on the
 * server's secret, so it signs in on the copy.
 */
export const seedInPostgres =
  (
    pg: PgDb,
    auth: { baseURL: string; secret: string },
    /** The committed migrations of each dialect, when not run from source (the built server's copies). */
    migrations: { sqlite?: string | undefined; postgres?: string | undefined } = {},
  ): DemoSeeding =>
  async (now) => {
    const db = createDb(':memory:');
    try {
      migrateDb(db, migrations.sqlite);
      const repos = createRepositories(db);
      const made = await seedInSqlite({ db, repos, auth: createAuth({ db, ...auth, rateLimit: false }) })(now);
      if (!made) return undefined;
      await copySqliteToPostgres(db, pg, migrations.postgres);
      return made;
    } catch (error) {
      if (error instanceof CopyRefused) return undefined;
      throw error;
    } finally {
      closeDb(db);
    }
  };
