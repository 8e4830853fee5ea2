import { eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PgColumn, PgSelect, PgTable } from 'drizzle-orm/pg-core';
import type { PgExec } from './client.ts';
import { pgSchema } from './schema.ts';

/**
 * The hot PostgreSQL queries, built once per process and run as named statements on whichever connection a call
 * is given: the pool, or one transaction's client (docs/decisions/037-prepared-queries-on-postgresql.md).
 *
 * Why: a Drizzle query written as `exec.select()…` is built again on every call (its SQL text assembled from the
 * builder's tree, the selection ordered, a prepared-query object with two query configs made), which was about a
 * fifth of the server's busy CPU on PostgreSQL. Here the query is built once, with `sql.placeholder(…)` for what
 * varies, and `.prepare(name)`d; PostgreSQL then also parses and plans it once per connection, not per call.
 *
 * How: Drizzle's prepared query (drizzle-orm's node-postgres `NodePgPreparedQuery`) runs on the `client` it was
 * made with. A transaction's statements must run on the transaction's own connection, so each call runs on an
 * object derived from the one prepared query (`Object.create`) whose only own property is the `client` of the
 * executor the call was given (the pool's, or the `PoolClient` a transaction's session holds). Nothing is
 * written to the shared prepared query, so calls on different connections at once never see each other's client;
 * the derived objects are kept per client (a pool has a handful), so a call allocates nothing for it.
 *
 * The queries are built against a database with no connection at all: the prepared query itself can run nowhere,
 * only through the function `prepared` answers. Every statement name is used once per process (node-postgres
 * refuses one name for two texts on a connection): `prepared` refuses a name it was given before.
 */

/** What a query builder's `.prepare(name)` answers, as far as it is used here. */
interface Executable<R> {
  execute(values?: Record<string, unknown>): Promise<R>;
}

/** A query built once, run on the connection `exec` stands for, with the placeholders' `values`. */
export type PreparedQuery<R> = (exec: PgExec, values?: Record<string, unknown>) => Promise<R>;

/** Where the queries are built: Drizzle's PostgreSQL dialect over no connection. */
const builder: PgExec = drizzle.mock({ schema: pgSchema });
const names = new Set<string>();

/** The connection under an executor: the pool for the database itself, the transaction's client for a transaction. */
function clientOf(exec: PgExec): object {
  const client = (exec._.session as unknown as { client?: { query?: unknown } }).client;
  if (typeof client?.query !== 'function') throw new Error('prepared: this executor holds no node-postgres client');
  return client;
}

/**
 * Builds `build`'s query once and names it `name` (a PostgreSQL prepared statement of that name on each connection
 * it runs on). The answer runs it on the executor each call is given.
 */
export function prepared<R>(name: string, build: (db: PgExec) => { prepare(name: string): Executable<R> }) {
  // PostgreSQL keeps a statement's name to 63 bytes: two longer names could meet in the first 63.
  if (name.length > 63) throw new Error(`prepared: the statement name ${name} is longer than 63 characters`);
  if (names.has(name)) throw new Error(`prepared: the statement name ${name} is already used`);
  names.add(name);
  const query = build(builder).prepare(name);
  const onClient = new WeakMap<object, Executable<R>>();
  const run: PreparedQuery<R> = (exec, values) => {
    const client = clientOf(exec);
    let bound = onClient.get(client);
    if (bound === undefined) {
      bound = Object.create(query, { client: { value: client } }) as Executable<R>;
      onClient.set(client, bound);
    }
    return bound.execute(values);
  };
  return run;
}

/**
 * A select prepared twice: as it is, and `FOR UPDATE` (of `of`'s rows only, when it joins others), for the loads
 * that lock in a write unit (for-update.ts). `lockIf(inWrite)` picks the one a repository runs.
 */
export function preparedLockable<Q extends PgSelect>(name: string, build: (db: PgExec) => Q, of?: PgTable) {
  const plain = prepared(name, build);
  const locked = prepared(`${name}_for_update`, (db) => build(db).for('update', of ? { of } : {}));
  return { plain, locked, lockIf: (inWrite: boolean) => (inWrite ? locked : plain) };
}

/** `column = $workspaceId`: where every workspace's prepared query starts (its placeholder `workspaceId`). */
export const inWorkspace = (column: PgColumn) => eq(column, sql.placeholder('workspaceId'));

type Row = Readonly<Record<string, unknown>>;

/**
 * A value as Drizzle's builder binds it for its column (its driver value; null stays NULL). A placeholder bound to
 * a column would encode null too (a JSON column's null would become the JSON text `null`), so the writes below
 * bind bare placeholders and encode here.
 */
const bound = (column: PgColumn, value: unknown) => (value === null ? null : column.mapToDriverValue(value));
const slot = (key: string) => sql`${sql.placeholder(key)}`;

/**
 * Inserts of whole rows into `table`, prepared once per number of rows up to `maxRows`: every column but `except`
 * bound. A row with a column left undefined (Drizzle's builder writes DEFAULT there) and a longer batch are inserted
 * by the builder, as before.
 */
export function preparedInserts(name: string, table: PgTable, { except = [] as readonly string[], maxRows = 8 } = {}) {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => !except.includes(key));
  const byCount: PreparedQuery<unknown>[] = [];
  return async (exec: PgExec, rows: readonly Row[]): Promise<void> => {
    if (rows.length === 0) return;
    if (rows.length > maxRows || rows.some((row) => columns.some(([key]) => row[key] === undefined))) {
      await exec.insert(table).values(rows as never);
      return;
    }
    byCount[rows.length] ??= prepared(`${name}_${rows.length}`, (db) =>
      db
        .insert(table)
        .values(rows.map((_, i) => Object.fromEntries(columns.map(([key]) => [key, slot(`${key}_${i}`)]))) as never),
    );
    const values: Record<string, unknown> = {};
    rows.forEach((row, i) => {
      for (const [key, column] of columns) values[`${key}_${i}`] = bound(column, row[key]);
    });
    await byCount[rows.length]!(exec, values);
  };
}

/**
 * Updates of one row's given columns, prepared once per set of columns (a command writes only what it changed, as
 * on SQLite: repositories/participants/store.ts). `where` names the row with placeholders the call's `keys` fill;
 * the set values' placeholders are `set_<column>`. Answers how many rows changed. A column whose value is undefined
 * is left out, as Drizzle's builder leaves it.
 */
export function preparedUpdates(name: string, table: PgTable, where: SQL) {
  const columns = getTableColumns(table);
  const byColumns = new Map<string, PreparedQuery<{ rowCount: number | null }>>();
  return async (exec: PgExec, fields: readonly string[], row: Row, keys: Record<string, unknown>) => {
    const set = fields.filter((field) => row[field] !== undefined);
    const shape = set.join(',');
    let update = byColumns.get(shape);
    if (update === undefined) {
      update = prepared(`${name}_${byColumns.size + 1}`, (db) =>
        db
          .update(table)
          .set(Object.fromEntries(set.map((field) => [field, slot(`set_${field}`)])))
          .where(where),
      );
      byColumns.set(shape, update);
    }
    const values: Record<string, unknown> = { ...keys };
    for (const field of set) values[`set_${field}`] = bound(columns[field]!, row[field]);
    return (await update(exec, values)).rowCount ?? 0;
  };
}
