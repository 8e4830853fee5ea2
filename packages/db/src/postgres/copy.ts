/**
 * `pnpm stageflow db copy --to postgres://…`: a SQLite database into an empty PostgreSQL one
 * (docs/architecture.md#postgresql). Every row of every table, read from one SQLite snapshot and written in
 * one PostgreSQL transaction, in an order the foreign keys accept; each table's rows in the order they were
 * inserted (rowid; for events that is `seq`, kept as it was). The counts are checked before the commit.
 */
import { getTableConfig, type SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type pg from 'pg';
import type { Db } from '../client.ts';
import * as sqliteSchema from '../schema/index.ts';
import { migratePgDb, type PgDb } from './client.ts';

/** The copy would not be safe or faithful: nothing was written. */
export class CopyRefused extends Error {}

export interface CopiedTable {
  readonly table: string;
  readonly rows: number;
}

interface TableToCopy {
  readonly name: string;
  readonly columns: readonly SQLiteColumn[];
  readonly dependsOn: readonly string[];
}

/** The schema's tables, each after every table its foreign keys point at. */
function tablesInCopyOrder(): TableToCopy[] {
  const tables = Object.values(sqliteSchema as Record<string, unknown>)
    .filter((t): t is SQLiteTable => t instanceof SQLiteTable)
    .map((t) => {
      const config = getTableConfig(t);
      const dependsOn = config.foreignKeys
        .map((fk) => getTableConfig(fk.reference().foreignTable).name)
        .filter((name) => name !== config.name);
      return { name: config.name, columns: config.columns, dependsOn };
    });
  const ordered: TableToCopy[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t.name) && t.dependsOn.every((d) => placed.has(d)));
    if (ready.length === 0) throw new Error('The foreign keys form a cycle: no table order can satisfy them');
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
  }
  return ordered;
}

/**
 * A SQLite value as the PostgreSQL column takes it (twin.ts maps the types): 0/1 to a boolean, epoch
 * milliseconds to an ISO instant; JSON goes as its exact text (the `json` type keeps it), all else as is.
 */
function toPg(table: string, column: SQLiteColumn, value: unknown): unknown {
  if (value === null) return null;
  switch (column.columnType) {
    case 'SQLiteBoolean':
      if (value === 0 || value === 1) return value === 1;
      break;
    case 'SQLiteTimestamp':
      if (typeof value === 'number' && Number.isInteger(value)) return new Date(value).toISOString();
      break;
    case 'SQLiteTextJson':
    case 'SQLiteText':
      if (typeof value === 'string') return value;
      break;
    case 'SQLiteInteger':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      break;
    case 'SQLiteReal':
      if (typeof value === 'number') return value;
      break;
  }
  throw new CopyRefused(`${table}.${column.name} holds ${JSON.stringify(value)}, which is not a ${column.columnType}`);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Refuses a target that holds any row, or tables that are not Stageflow's. */
async function assertEmpty(client: pg.PoolClient, tables: readonly TableToCopy[]): Promise<void> {
  const existing = (
    await client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public' order by table_name",
    )
  ).rows.map((r) => r.name);
  const ours = new Set(tables.map((t) => t.name));
  const foreign = existing.filter((name) => !ours.has(name));
  if (foreign.length > 0) {
    throw new CopyRefused(
      `The target database is not empty: it has tables Stageflow does not know (${foreign.join(', ')}). Copy into a new, empty database.`,
    );
  }
  const holding: string[] = [];
  for (const name of existing) {
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from ${quote(name)}`);
    if (rows[0]!.n > 0) holding.push(`${name}: ${rows[0]!.n}`);
  }
  if (holding.length > 0) {
    throw new CopyRefused(
      `The target database is not empty (${holding.join(', ')} rows). Copy only into a new, empty database; nothing was written.`,
    );
  }
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters per statement. */
const batchFor = (columns: number) => Math.max(1, Math.min(500, Math.floor(30_000 / columns)));

/**
 * Copies `source` (a migrated SQLite database) into `target`, migrating the target first. Answers each
 * table's row count, checked equal on both sides; throws (and writes nothing) on any refusal or mismatch.
 */
export async function copySqliteToPostgres(
  source: Db,
  target: PgDb,
  migrationsFolder?: string,
): Promise<CopiedTable[]> {
  const tables = tablesInCopyOrder();
  const client = await target.$client.connect();
  try {
    await assertEmpty(client, tables);
  } finally {
    client.release();
  }
  await migratePgDb(target, migrationsFolder);

  const sqlite = source.$client;
  const pgClient = await target.$client.connect();
  // One SQLite read transaction: every table is read from the same snapshot, whatever a running server writes.
  sqlite.exec('BEGIN');
  try {
    await pgClient.query('BEGIN');
    // Checked again inside the transaction that writes: nothing may have arrived since.
    await assertEmpty(pgClient, tables);
    const copied: CopiedTable[] = [];
    for (const table of tables) {
      const names = table.columns.map((c) => c.name);
      const insert = (rows: unknown[][]) => {
        const values = rows.map((row, r) => `(${row.map((_, c) => `$${r * names.length + c + 1}`).join(', ')})`);
        return pgClient.query(
          `insert into ${quote(table.name)} (${names.map(quote).join(', ')}) values ${values.join(', ')}`,
          rows.flat(),
        );
      };
      const select = sqlite.prepare(`select ${names.map(quote).join(', ')} from ${quote(table.name)} order by rowid`);
      const batch: unknown[][] = [];
      let rows = 0;
      for (const row of select.raw().iterate() as IterableIterator<unknown[]>) {
        batch.push(row.map((value, i) => toPg(table.name, table.columns[i]!, value)));
        rows += 1;
        if (batch.length === batchFor(names.length)) await insert(batch.splice(0));
      }
      if (batch.length > 0) await insert(batch.splice(0));
      // An identity column (the event log's `seq`) continues after the highest number copied.
      for (const column of table.columns) {
        if (!(column as SQLiteColumn & { autoIncrement?: boolean }).autoIncrement) continue;
        await pgClient.query(
          `select setval(pg_get_serial_sequence($1, $2), coalesce(max(${quote(column.name)}), 0) + 1, false) from ${quote(table.name)}`,
          [table.name, column.name],
        );
      }
      copied.push({ table: table.name, rows });
    }
    for (const { table, rows } of copied) {
      const inSource = (sqlite.prepare(`select count(*) as n from ${quote(table)}`).get() as { n: number }).n;
      const { rows: inTarget } = await pgClient.query<{ n: number }>(`select count(*)::int as n from ${quote(table)}`);
      if (inSource !== rows || inTarget[0]!.n !== rows) {
        throw new Error(
          `${table}: ${inSource} rows in SQLite, ${rows} read, ${inTarget[0]!.n} in PostgreSQL: the copy was rolled back`,
        );
      }
    }
    await pgClient.query('COMMIT');
    return copied.sort((a, b) => a.table.localeCompare(b.table));
  } catch (error) {
    await pgClient.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    pgClient.release();
  }
}
