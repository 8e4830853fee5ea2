import { eq, sql } from 'drizzle-orm';
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
