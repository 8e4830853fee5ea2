import { sql } from 'drizzle-orm';
import { type Reads, runSnapshotAwaiting, snapshotReads, txSteps, type Writes } from '../reads.ts';
import { createStorage, type Engine } from '../storage/engine.ts';
import type { StoragePort } from '../storage/port.ts';
import type { PgDb, PgExec } from './client.ts';

/**
 * The PostgreSQL repositories, over a connection or one transaction: `reads(tx, { inWrite: true })` inside a
 * write transaction takes `FOR UPDATE` on the rows the transaction will change (docs/architecture.md#postgresql).
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
}

/**
 * The server engine: the storage port's units (storage/engine.ts) run here as they do on SQLite, each
 * `yield*`ed step awaited inside one transaction. Writes run in READ COMMITTED with the rows they change
 * locked as they are loaded; reads that must agree in one REPEATABLE READ, read-only transaction. A throw
 * (a step's, a statement's) rolls the transaction back and reaches the caller. New webhook deliveries are
 * announced once the transaction has committed (`PgEngineParts.announce`).
 */
export function postgresEngine(db: PgDb, parts: PgEngineParts): Engine {
  return {
    reads: parts.reads(db, { inWrite: false }),
    snapshot: (work) =>
      db.transaction((tx) => runSnapshotAwaiting(work, snapshotReads(parts.reads(tx, { inWrite: false }))), {
        isolationLevel: 'repeatable read',
        accessMode: 'read only',
      }),
    transaction: async (work) => {
      let enqueued = false;
      const announce = () => {
        enqueued = true;
      };
      const answer = await db.transaction(
        async (tx) => {
          let failure: { error: unknown } | undefined;
          const steps = txSteps(parts.reads(tx, { inWrite: true }), parts.writes(tx, { announce }));
          const answer = await runSnapshotAwaiting(work, steps, (error) => {
            failure ??= { error };
          });
          if (failure) await refuseIfAborted(tx, failure.error);
          return answer;
        },
        { isolationLevel: 'read committed' },
      );
      // Committed: a rollback or a failed COMMIT has thrown above, and announces nothing.
      if (enqueued) parts.announce?.();
      return answer;
    },
  };
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
