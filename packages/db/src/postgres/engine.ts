import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PoolClient } from 'pg';
import {
  type Reads,
  runSnapshotAwaiting,
  type SnapshotReads,
  snapshotReads,
  type TxSteps,
  txSteps,
  type Writes,
} from '../reads.ts';
import { createStorage, type Engine } from '../storage/engine.ts';
import type { StoragePort } from '../storage/port.ts';
import type { PgDb, PgExec } from './client.ts';

/**
 * The PostgreSQL repositories, over a connection or one transaction: `reads(tx, { inWrite: true })` inside a
 * write transaction takes `FOR UPDATE` on the rows the transaction will change (docs/architecture.md#postgresql).
 * They are made once per pooled connection and serve every transaction run on it, one after another: they keep no
 * state of a transaction's own.
 */
export interface PgEngineParts {
  reads(exec: PgExec, options: { inWrite: boolean }): Reads;
  /**
   * The writes inside `tx`. They call `announce` when they enqueue webhook deliveries; the engine only notes it,
   * and tells `announce` below once the transaction has committed.
   */
  writes(tx: PgExec, options: { announce: () => void }): Writes;
  /**
   * This process's webhook wake-up (the reads' `onEnqueued`), called after the COMMIT of a transaction whose
   * writes announced, never after a rollback: a worker woken earlier would not see the rows yet.
   */
  announce?: () => void;
  /** Told when a transaction over `tx` has committed or rolled back, before its connection goes back to the pool. */
  settled?(tx: PgExec): void;
}

/**
 * The server engine: the storage port's units (storage/engine.ts) run here as they do on SQLite, each
 * `yield*`ed step awaited inside one transaction. Writes run in READ COMMITTED with the rows they change
 * locked as they are loaded; reads that must agree in one REPEATABLE READ, read-only transaction. A throw
 * (a step's, a statement's) rolls the transaction back and reaches the caller. New webhook deliveries are
 * announced once the transaction has committed (`PgEngineParts.announce`).
 */
export function postgresEngine(db: PgDb, parts: PgEngineParts): Engine {
  const connections = new WeakMap<PoolClient, OnConnection>();
  const on = (client: PoolClient) => {
    let made = connections.get(client);
    if (made === undefined) {
      made = { tx: transactionOn(db, client) };
      connections.set(client, made);
    }
    return made;
  };
  const settled = (client: PoolClient) => {
    const made = connections.get(client);
    if (made) parts.settled?.(made.tx);
  };
  return {
    reads: parts.reads(db, { inWrite: false }),
    snapshot: (work) =>
      inTransaction(db, 'begin isolation level repeatable read, read only', settled, (client) => {
        const made = on(client);
        made.snapshot ??= snapshotReads(parts.reads(made.tx, { inWrite: false }));
        return runSnapshotAwaiting(work, made.snapshot);
      }),
    transaction: async (work) => {
      // Set by the writes when they enqueue webhook deliveries; read once the COMMIT is done, so a rollback or a
      // failed COMMIT (both thrown) announces nothing.
      let enqueued = false;
      const answer = await inTransaction(db, 'begin isolation level read committed', settled, async (client) => {
        const made = on(client);
        made.enqueued = () => {
          enqueued = true;
        };
        made.steps ??= txSteps(
          parts.reads(made.tx, { inWrite: true }),
          parts.writes(made.tx, { announce: () => made.enqueued?.() }),
        );
        let failure: { error: unknown } | undefined;
        const answer = await runSnapshotAwaiting(work, made.steps, (error) => {
          failure ??= { error };
        });
        if (failure) await refuseIfAborted(made.tx, failure.error);
        return answer;
      });
      if (enqueued) parts.announce?.();
      return answer;
    },
  };
}

/**
 * What a pooled connection's transactions run over, made the first time it runs one: Drizzle's transaction on the
 * connection and the repositories' steps over it. Made per transaction they cost ~50 µs each
 * (docs/decisions/037-prepared-queries-on-postgresql.md); a pool holds a handful of connections.
 */
interface OnConnection {
  readonly tx: PgExec;
  snapshot?: SnapshotReads;
  steps?: TxSteps;
  /** The running transaction's note that its writes enqueued webhook deliveries (one transaction at a time). */
  enqueued?: () => void;
}

/** A Drizzle transaction on `client`, as `db.transaction` makes one (its session holds the client). */
function transactionOn(db: PgDb, client: PoolClient): PgExec {
  type Parts = ConstructorParameters<typeof NodePgSession>;
  // What the pool's session was made with (Drizzle keeps them internal): the transaction's session gets the same.
  const { dialect, schema, options } = db._.session as unknown as {
    dialect: Parts[1];
    schema: Parts[2];
    options: Parts[3];
  };
  return new NodePgTransaction(
    dialect,
    new NodePgSession(client, dialect, schema, options),
    schema,
  ) as unknown as PgExec;
}

/**
 * One transaction on a connection of the pool, as Drizzle's `db.transaction` runs it (BEGIN, the work, COMMIT, or
 * ROLLBACK and the error thrown), with its statements' text fixed. `settled` is told when it is over. A connection
 * whose BEGIN or ROLLBACK fails is closed, not given back to the pool.
 */
async function inTransaction<T>(
  db: PgDb,
  begin: string,
  settled: (client: PoolClient) => void,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await db.$client.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin).catch((failed: Error) => {
      broken = failed;
      throw failed;
    });
    try {
      const answer = await work(client);
      await client.query('commit');
      return answer;
    } catch (error) {
      await client.query('rollback').catch((failed: Error) => {
        broken = failed;
      });
      throw error;
    }
  } finally {
    // Before the connection goes back: the next transaction on it starts afresh.
    settled(client);
    client.release(broken);
  }
}

/**
 * A statement that fails aborts a PostgreSQL transaction, and its COMMIT then rolls back without an error. On
 * SQLite a work that catches a failed statement goes on and commits; here what it wrote would be lost in
 * silence, so the failure is thrown again, after the work, and the transaction rolls back with it.
 */
async function refuseIfAborted(tx: PgExec, error: unknown): Promise<void> {
  try {
    await tx.execute(sql`select 1`);
  } catch {
    throw error;
  }
}

/** The storage port on PostgreSQL, once its repositories are given. */
export function createPostgresStorage(db: PgDb, parts: PgEngineParts): StoragePort {
  return createStorage(postgresEngine(db, parts));
}
