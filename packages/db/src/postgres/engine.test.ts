import { postgresUnavailable, startPostgres, type TestPostgres } from '@stageflow/testing';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { ReadStep, Reads, Writes } from '../reads.ts';
import type { Engine } from '../storage/engine.ts';
import { closePgDb, createPgDb, type PgDb, type PgExec } from './client.ts';
import { postgresEngine } from './engine.ts';

/**
 * The PostgreSQL engine on a real server, over hand-made repositories of one table (the real ones are tested
 * by equivalence in packages/server/src/engines): what commits, what rolls back, what a snapshot sees.
 */
const unavailable = postgresUnavailable();
if (unavailable) console.warn(unavailable);

interface Counters {
  value(name: string): Promise<number | undefined>;
  /** Whether these reads were made for a write transaction. */
  inWrite(): Promise<boolean>;
  failing(): Promise<never>;
  /** A statement that writes, disguised as a read. */
  sneak(name: string, value: number): Promise<void>;
  /** A statement PostgreSQL refuses. */
  broken(): Promise<void>;
}
interface CounterWrites {
  set(name: string, value: number): Promise<void>;
  /** `set`, announced as new work for a worker (as the webhook outbox's enqueues are). */
  enqueue(name: string, value: number): Promise<void>;
}
/** The steps the fake repositories give a transaction's work (the engine's types name the real ones). */
interface Steps {
  counters: {
    [M in keyof Counters]: (...args: Parameters<Counters[M]>) => ReadStep<Awaited<ReturnType<Counters[M]>>>;
  } & {
    [M in keyof CounterWrites]: (...args: Parameters<CounterWrites[M]>) => ReadStep<void>;
  };
}

const counterReads = (exec: PgExec, options: { inWrite: boolean }): Counters => ({
  async value(name) {
    const result = await exec.execute<{ value: number }>(sql`select value from counters where name = ${name}`);
    return result.rows[0]?.value;
  },
  inWrite: async () => options.inWrite,
  failing: () => Promise.reject(new Error('the read failed')),
  async sneak(name, value) {
    await exec.execute(sql`update counters set value = ${value} where name = ${name}`);
  },
  async broken() {
    await exec.execute(sql`select * from no_such_table`);
  },
});
const counterWrites = (tx: PgExec, announce: () => void): CounterWrites => {
  const set = async (name: string, value: number) => {
    await tx.execute(
      sql`insert into counters (name, value) values (${name}, ${value}) on conflict (name) do update set value = excluded.value`,
    );
  };
  return {
    set,
    async enqueue(name, value) {
      await set(name, value);
      announce();
    },
  };
};

describe.skipIf(unavailable)('the PostgreSQL engine', () => {
  let server: TestPostgres;
  let db: PgDb;
  let other: pg.Client;
  let engine: Engine;
  const seen: { inWrite: boolean }[] = [];
  /** What another connection reads of `a` each time the engine announces new work. */
  const announced: Promise<number | undefined>[] = [];
  const transaction = <T>(work: (t: Steps) => ReadStep<T>) =>
    engine.transaction((t) => work(t as unknown as Steps)) as Promise<T>;
  const snapshot = <T>(work: (r: Steps) => ReadStep<T>) =>
    engine.snapshot((r) => work(r as unknown as Steps)) as Promise<T>;
  const value = (name: string) => (engine.reads as unknown as { counters: Counters }).counters.value(name);

  beforeAll(async () => {
    server = await startPostgres();
    db = createPgDb(server.url);
    await db.execute(sql`create table counters (name text primary key, value integer not null)`);
    other = new pg.Client({ connectionString: server.url });
    await other.connect();
    engine = postgresEngine(db, {
      reads: (exec, options) => {
        seen.push(options);
        return { counters: counterReads(exec, options) } as unknown as Reads;
      },
      writes: (tx, { announce }) => ({ counters: counterWrites(tx, announce) }) as unknown as Writes,
      announce: () => {
        announced.push(
          other.query<{ value: number }>(`select value from counters where name = 'a'`).then((r) => r.rows[0]?.value),
        );
      },
    });
  }, 60_000);
  afterAll(async () => {
    await other?.end();
    if (db) await closePgDb(db);
    await server?.stop();
  });
  beforeEach(async () => {
    await db.execute(sql`delete from counters`);
    await db.execute(sql`insert into counters (name, value) values ('a', 1)`);
    seen.length = 0;
    announced.length = 0;
  });

  test('a transaction commits its writes, and its reads see them and are taken for writing', async () => {
    const answer = await transaction(function* (t) {
      const before = yield* t.counters.value('a');
      yield* t.counters.set('a', (before ?? 0) + 1);
      yield* t.counters.set('b', 7);
      return { a: yield* t.counters.value('a'), inWrite: yield* t.counters.inWrite() };
    });
    expect(answer).toEqual({ a: 2, inWrite: true });
    expect([await value('a'), await value('b')]).toEqual([2, 7]);
  });

  test('the repositories are made once per pooled connection, not per transaction', async () => {
    const write = (name: string) =>
      transaction(function* (t) {
        yield* t.counters.set(name, ((yield* t.counters.value('a')) ?? 0) + 1);
      });
    const read = () => snapshot((r) => r.counters.value('a'));
    for (let round = 0; round < 5; round++) {
      await Promise.all([write(`x${round}`), write(`y${round}`), read(), read(), read()]);
    }
    expect([await value('x4'), await value('y4')]).toEqual([2, 2]);
    // A pool of four connections: at most four of each kind, whatever the number of transactions.
    expect(seen.filter((made) => made.inWrite).length).toBeLessThanOrEqual(4);
    expect(seen.filter((made) => !made.inWrite).length).toBeLessThanOrEqual(4);
  });

  test('a throw inside rolls back everything the transaction wrote', async () => {
    const failed = transaction(function* (t) {
      yield* t.counters.set('a', 99);
      yield* t.counters.set('b', 5);
      if ((yield* t.counters.value('a')) === 99) throw new Error('changed my mind');
      return 'kept';
    });
    await expect(failed).rejects.toThrow('changed my mind');
    expect([await value('a'), await value('b')]).toEqual([1, undefined]);
  });

  test('a snapshot sees one state while another connection commits in between (REPEATABLE READ)', async () => {
    const read = await snapshot(function* (r) {
      const first = yield* r.counters.value('a');
      // Another connection changes the row and commits while the snapshot is open.
      yield other.query(`update counters set value = 50 where name = 'a'`);
      const second = yield* r.counters.value('a');
      return { first, second, inWrite: yield* r.counters.inWrite() };
    });
    expect(read).toEqual({ first: 1, second: 1, inWrite: false });
    expect(await value('a')).toBe(50);
  });

  test('a write transaction reads what others committed meanwhile (READ COMMITTED), unlike a snapshot', async () => {
    const read = await transaction(function* (t) {
      const first = yield* t.counters.value('a');
      yield other.query(`update counters set value = 60 where name = 'a'`);
      return { first, second: yield* t.counters.value('a') };
    });
    expect(read).toEqual({ first: 1, second: 60 });
  });

  test('a snapshot is read-only: a statement that writes in it fails', async () => {
    const writing = snapshot(function* (r) {
      return yield* r.counters.sneak('a', 70);
    });
    await expect(writing).rejects.toThrow();
    expect(await value('a')).toBe(1);
  });

  test('a failed statement caught by the work still rolls the transaction back, with its error', async () => {
    const recovered = transaction(function* (t) {
      yield* t.counters.set('b', 5);
      try {
        yield* t.counters.broken();
      } catch {
        // PostgreSQL has aborted the transaction: nothing after this can commit.
      }
      return 'recovered';
    });
    await expect(recovered).rejects.toThrow(/no_such_table/);
    expect(await value('b')).toBeUndefined();
  });

  test('a read that rejects is thrown into the work where it waited, on both kinds of transaction', async () => {
    const caught = function* (r: Steps): ReadStep<string> {
      const a = yield* r.counters.value('a');
      try {
        yield* r.counters.failing();
        return 'read';
      } catch (error) {
        return `caught "${(error as Error).message}" after ${a}`;
      }
    };
    await expect(snapshot(caught)).resolves.toBe('caught "the read failed" after 1');
    await expect(transaction(caught)).resolves.toBe('caught "the read failed" after 1');
  });

  test('new work is announced once the transaction has committed, once, so a worker woken then sees it', async () => {
    await transaction(function* (t) {
      yield* t.counters.enqueue('a', 2);
      yield* t.counters.enqueue('a', 3);
      // The transaction stays open a while after its enqueues: an announce then would see 1.
      yield other.query('select pg_sleep(0.2)');
      return 'done';
    });
    expect(announced).toHaveLength(1);
    expect(await announced[0]).toBe(3);
    // A transaction that enqueues nothing announces nothing.
    await transaction(function* (t) {
      yield* t.counters.set('a', 4);
    });
    expect(announced).toHaveLength(1);
  });

  test('a transaction rolled back after its enqueue announces nothing: thrown, or aborted by a statement', async () => {
    const thrown = transaction(function* (t) {
      yield* t.counters.enqueue('a', 5);
      throw new Error('changed my mind');
    });
    await expect(thrown).rejects.toThrow('changed my mind');
    const aborted = transaction(function* (t) {
      yield* t.counters.enqueue('a', 6);
      try {
        yield* t.counters.broken();
      } catch {
        // The transaction is aborted: its COMMIT would roll back.
      }
    });
    await expect(aborted).rejects.toThrow(/no_such_table/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(announced).toEqual([]);
    expect(await value('a')).toBe(1);
  });
});
