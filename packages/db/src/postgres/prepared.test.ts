import { postgresUnavailable, startPostgres, type TestPostgres } from '@stageflow/testing';
import { eq, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { closePgDb, createPgDb, type PgDb, type PgExec } from './client.ts';
import { prepared, preparedLockable } from './prepared.ts';

/**
 * Queries built once and run on whichever connection a call is given (prepared.ts): each transaction's call runs
 * on that transaction's connection, even when two run at once, and a locked read still waits for another writer.
 */
const unavailable = postgresUnavailable();
if (unavailable) console.warn(unavailable);

const items = pgTable('prepared_items', { name: text().primaryKey(), value: integer().notNull() });
const itemValue = preparedLockable('test_prepared_item_value', (db) =>
  db
    .select({ value: items.value })
    .from(items)
    .where(eq(items.name, sql.placeholder('name')))
    .$dynamic(),
);
const read = async (exec: PgExec, name: string) => (await itemValue.plain(exec, { name }))[0]?.value;
const set = (exec: PgExec, name: string, value: number) =>
  exec.update(items).set({ value }).where(eq(items.name, name));

/** A promise and the function that settles it: where one transaction waits for the other to get somewhere. */
function signal<T = void>() {
  let settle!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    settle = resolve;
  });
  return { promise, settle };
}

describe.skipIf(unavailable)('prepared queries on PostgreSQL', () => {
  let server: TestPostgres;
  let db: PgDb;

  beforeAll(async () => {
    server = await startPostgres();
    db = createPgDb(server.url);
    await db.execute(sql`create table prepared_items (name text primary key, value integer not null)`);
  }, 60_000);
  afterAll(async () => {
    if (db) await closePgDb(db);
    await server?.stop();
  });
  beforeEach(async () => {
    await db.execute(sql`delete from prepared_items`);
    await db.execute(sql`insert into prepared_items (name, value) values ('a', 1), ('b', 2)`);
  });

  test('runs on the pool, as a named statement of the connection it ran on', async () => {
    expect(await read(db, 'a')).toBe(1);
    const names = await db.transaction(async (tx) => {
      await read(tx, 'b');
      const result = await tx.execute<{ name: string }>(sql`select name from pg_prepared_statements`);
      return result.rows.map((row) => row.name);
    });
    expect(names).toContain('test_prepared_item_value');
  });

  test('used at once on two transactions, each call sees its own transaction', async () => {
    // Each transaction changes a row of its own and holds the change uncommitted while both read both rows through
    // the one prepared query, their calls interleaved: each sees its own change and not the other's.
    const bothChanged = [signal(), signal()];
    const bothRead = [signal(), signal()];
    const readAlternately = async (tx: PgExec, mine: 0 | 1) => {
      const seen: (number | undefined)[] = [];
      // One statement at a time on a transaction's connection, as the repositories do.
      for (const name of ['a', 'b', 'a', 'b']) seen.push(await read(tx, name));
      // Neither commits before both have read.
      bothRead[mine]!.settle();
      await Promise.all(bothRead.map((s) => s.promise));
      return seen;
    };
    const first = db.transaction(async (tx) => {
      await set(tx, 'a', 10);
      bothChanged[0]!.settle();
      await bothChanged[1]!.promise;
      return readAlternately(tx, 0);
    });
    const second = db.transaction(async (tx) => {
      await set(tx, 'b', 20);
      bothChanged[1]!.settle();
      await bothChanged[0]!.promise;
      return readAlternately(tx, 1);
    });
    expect(await Promise.all([first, second])).toEqual([
      [10, 2, 10, 2],
      [1, 20, 1, 20],
    ]);
    expect([await read(db, 'a'), await read(db, 'b')]).toEqual([10, 20]);
  });

  test('a locked read inside a write waits for another writer, then reads what it committed', async () => {
    const order: string[] = [];
    const firstLocked = signal();
    const release = signal();
    const first = db.transaction(async (tx) => {
      await itemValue.locked(tx, { name: 'a' });
      order.push('first locked');
      firstLocked.settle();
      await release.promise;
      await set(tx, 'a', 5);
      order.push('first commits');
    });
    await firstLocked.promise;
    const second = db.transaction(async (tx) => {
      const [row] = await itemValue.lockIf(true)(tx, { name: 'a' });
      order.push(`second locked, read ${row?.value}`);
    });
    // The second waits on the row: give it time to get there, and see that it has not gone past.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(order).toEqual(['first locked']);
    release.settle();
    await Promise.all([first, second]);
    expect(order).toEqual(['first locked', 'first commits', 'second locked, read 5']);
  });

  test('a statement name is taken once', () => {
    expect(() => prepared('test_prepared_item_value', (db) => db.select().from(items))).toThrow(/already used/);
  });
});
