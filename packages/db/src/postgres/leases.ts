import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type Lease, leaseTerms } from '../leases.ts';
import type { PgExec } from './client.ts';

/**
 * Leases on a work queue's rows on PostgreSQL: the same meaning as leases.ts (claim what is due and free,
 * settle only while the lease is held, an expired lease is free again), for processes that claim at the same
 * moment without an `immediate` transaction to queue them.
 *
 * A claim is one statement: `UPDATE … WHERE id IN (SELECT id … FOR UPDATE SKIP LOCKED LIMIT n) RETURNING id`.
 * The inner select locks the rows it picks and passes over rows another claim has locked, so two processes
 * claiming at once take different rows and neither waits; once the first commits, its rows carry a live lease
 * and are not free for anyone.
 */
export interface PgLeaseColumns {
  readonly id: AnyPgColumn;
  readonly owner: AnyPgColumn;
  readonly expiresAt: AnyPgColumn;
}

export interface PgLeasedQueue {
  /**
   * Leases up to `limit` rows that match `due` and are free, picking them in `order`; answers their ids (in no
   * particular order: callers that need one read the rows back sorted, as on SQLite).
   */
  claim(
    tx: PgExec,
    lease: Lease,
    options: { readonly due: SQL | undefined; readonly order: AnyPgColumn; readonly limit: number },
  ): Promise<string[]>;
  /** Extends `owner`'s lease on one row to `lease.until`; false when the lease was lost meanwhile. */
  renew(tx: PgExec, lease: Lease, id: string): Promise<boolean>;
  /** The condition "this row is still leased by `owner`": add it to every settling update. */
  heldBy(owner: string): SQL;
  /** The values that end a lease, for a settling update's `set`. */
  readonly released: Record<string, null>;
}

export function pgLeasedQueue(table: PgTable, columns: PgLeaseColumns): PgLeasedQueue {
  const { taken, extended, free, heldBy, released } = leaseTerms(table, columns);
  return {
    async claim(tx, lease, { due, order, limit }) {
      const picked = tx
        .select({ id: columns.id })
        .from(table)
        .where(and(due, free(lease.now)))
        .orderBy(order)
        .limit(limit)
        // Only this table's rows are locked (not those a `due` subquery reads, such as enabled endpoints).
        .for('update', { of: table, skipLocked: true });
      const rows = await tx
        .update(table)
        .set(taken(lease))
        .where(inArray(columns.id, picked))
        .returning({ id: columns.id });
      return rows.map((row) => row.id as string);
    },
    async renew(tx, lease, id) {
      const rows = await tx
        .update(table)
        .set(extended(lease))
        .where(and(eq(columns.id, id), heldBy(lease.owner)))
        .returning({ id: columns.id });
      return rows.length > 0;
    },
    heldBy,
    released,
  };
}
