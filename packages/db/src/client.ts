import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.ts';
import { noteChangesOutsideTransaction } from './transaction-writes.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Where the committed migrations live when running from source (tests, dev). */
export const defaultMigrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Opens (or creates) a database. Tests pass ':memory:' and get a fresh one each.
 * WAL lets readers run beside the single writer; busy_timeout makes a second writer wait
 * instead of failing at once; foreign keys are off by default in SQLite.
 */
export function createDb(filename: string): Db {
  const sqlite = new Database(filename);
  if (filename !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return drizzle(sqlite, { schema }) as Db;
}

/** Applies every committed migration not yet applied. Safe to run at every start. */
export function migrateDb(db: Db, migrationsFolder = defaultMigrationsFolder): void {
  // SQLite changes a table's shape by copying it; foreign keys must be off meanwhile (they cannot
  // be switched inside the migrator's transaction), and are checked as a whole afterwards.
  const sqlite = db.$client;
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder });
    const broken = sqlite.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`Migration left ${broken.length} broken foreign keys`);
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

/** A fresh, migrated in-memory database: what every test that touches the database starts from. */
export function createTestDb(): Db {
  const db = createDb(':memory:');
  migrateDb(db);
  return db;
}

/** Flushes the WAL into the main file and closes: the last step of a graceful shutdown. */
export function closeDb(db: Db): void {
  const sqlite = db.$client;
  if (!sqlite.open) return;
  if (sqlite.name !== ':memory:') sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
}

/** The synchronous, `immediate` transaction every write runs in (see docs/decisions). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export function writeTx<T>(db: Db, work: (tx: Tx) => T): T {
  // The connection is the transaction's: its query builders run in it (Drizzle's `tx` is the same session).
  return connectionOf(db).transaction.immediate(() => work(db as unknown as Tx)) as T;
}

/**
 * One native transaction function per connection, made once (with the statement `readTx` notes its count of
 * changes by). Drizzle's `db.transaction` builds a transaction object (a query builder for every table) and
 * better-sqlite3's wrapper anew on every call: ~10 µs and its garbage on every command and page
 * (bench/README.md). better-sqlite3 nests it as a savepoint when a transaction is already open, as Drizzle's did.
 */
const connections = new WeakMap<
  Db,
  { transaction: Database.Transaction<(work: () => unknown) => unknown>; totalChanges: Database.Statement }
>();
function connectionOf(db: Db) {
  const sqlite = db.$client;
  let connection = connections.get(db);
  if (!connection) {
    connection = {
      transaction: sqlite.transaction((work: () => unknown) => work()),
      totalChanges: sqlite.prepare('SELECT total_changes()').pluck(),
    };
    connections.set(db, connection);
  }
  return connection;
}

/**
 * One transaction around asynchronous work, for the server's start only: demo data goes in through the
 * procedures and better-auth, which await, and must go in whole or not at all. Everything run on this
 * connection meanwhile joins it (`writeTx` and `readTx` inside become savepoints); a throw rolls all of
 * it back. Never while requests are served, since their statements would join it too: outside start-up,
 * writes are `writeTx` (docs/decisions/003-synchronous-sqlite-transactions.md).
 */
export async function startupTx<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const sqlite = db.$client;
  if (sqlite.inTransaction) throw new Error('startupTx: a transaction is already open on this connection');
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    sqlite.exec('COMMIT');
    return result;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Reads that must agree with each other (a board's counts and its cards, a page's state and its
 * timeline) see one snapshot; SQLite also takes its WAL read lock once instead of per statement.
 */
export function readTx<T>(db: Db, work: () => T): T {
  const { transaction, totalChanges } = connectionOf(db);
  // A snapshot opened here may keep what it reads for later requests while it writes nothing
  // (transaction-writes.ts). Commands do not note it: a stream of them, each writing, would keep what none reuses.
  if (!db.$client.inTransaction) noteChangesOutsideTransaction(db.$client, totalChanges.get() as number);
  return transaction.deferred(work) as T;
}
