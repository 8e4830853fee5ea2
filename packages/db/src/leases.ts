import { and, type Column, eq, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Tx } from './client.ts';
import { limitOf } from './repositories/limit.ts';

/**
 * Leases on the rows of a work queue (an outbox): how several server processes share one queue in one
 * database without two of them doing the same row's work (docs/mail.md#several-processes).
 *
 * A worker **claims** what is due in one `immediate` transaction: the rows whose lease is free or has run
 * out get its name and an end time. A second process's claim waits for that transaction and then sees
 * the leases, so it takes other rows. The worker does the slow part (sending) outside any transaction,
 * then **settles** each row in another, but only where it still holds the lease (`heldBy`): a worker that
 * was too slow, or died, loses the row to the next claim once the lease ends, and its late answer
 * changes nothing. A restart therefore loses nothing: a row is done only once it is settled.
 *
 * The module knows nothing of mail: a table opts in with two columns (an owner and an end time) and
 * says what "due" means. The mail outbox, the webhook outbox and the bulk actions being run use it
 * (docs/decisions/035-shared-state-in-the-database.md).
 */

/** Who claims, at what time, and until when the claim holds (ISO-8601 strings, like every stored time). */
export interface Lease {
  readonly owner: string;
  readonly now: string;
  readonly until: string;
}

/** The two columns a leased table carries, and its key. */
export interface LeaseColumns {
  readonly id: AnySQLiteColumn;
  readonly owner: AnySQLiteColumn;
  readonly expiresAt: AnySQLiteColumn;
}

export interface LeasedQueue {
  /**
   * Leases up to `limit` rows that match `due` and are not leased by a live claim, in `order`; answers
   * their ids. Call inside an immediate transaction (`writeTx`).
   */
  claim(
    tx: Tx,
    lease: Lease,
    options: { readonly due: SQL | undefined; readonly order: AnySQLiteColumn; readonly limit: number },
  ): string[];
  /**
   * Extends `owner`'s lease on one row to `lease.until`, for work that outlasts one lease (a long bulk
   * action); false when the lease was lost meanwhile (another claim took the row), and then `owner`
   * stops. Inside an immediate transaction, like `claim`.
   */
  renew(tx: Tx, lease: Lease, id: string): boolean;
  /** The condition "this row is still leased by `owner`": add it to every settling update. */
  heldBy(owner: string): SQL;
  /** The values that end a lease, for a settling update's `set`. */
  readonly released: Record<string, null>;
}

/**
 * What a lease means, whatever the engine: a row is free when it has no lease or its lease has run out; a
 * settling write holds only where the owner still holds the lease; ending a lease clears both columns. The
 * SQLite queue below and the PostgreSQL one (postgres/leases.ts) both build their statements from these.
 */
export function leaseTerms(table: object, columns: { readonly owner: Column; readonly expiresAt: Column }) {
  // `set` takes the table's property names; the columns carry their SQL names, so ask the table.
  const key = (column: Column) => {
    const found = Object.entries(table).find(([, value]) => value === column);
    if (!found) throw new Error(`leasedQueue: column ${column.name} is not a column of the table`);
    return found[0];
  };
  const ownerKey = key(columns.owner);
  const expiresKey = key(columns.expiresAt);
  return {
    /** The values that take a row for `lease.owner` until `lease.until`. */
    taken: (lease: Lease): Record<string, string> => ({ [ownerKey]: lease.owner, [expiresKey]: lease.until }),
    /** The values that extend a lease to `lease.until`. */
    extended: (lease: Lease): Record<string, string> => ({ [expiresKey]: lease.until }),
    free: (now: string) => or(isNull(columns.expiresAt), lte(columns.expiresAt, now)),
    heldBy: (owner: string): SQL => eq(columns.owner, owner),
    released: { [ownerKey]: null, [expiresKey]: null } as Record<string, null>,
  };
}

export function leasedQueue(table: SQLiteTable, columns: LeaseColumns): LeasedQueue {
  const { taken, extended, free, heldBy, released } = leaseTerms(table, columns);
  return {
    claim(tx, lease, { due, order, limit }) {
      const ids = tx
        .select({ id: columns.id })
        .from(table)
        .where(and(due, free(lease.now)))
        .orderBy(order)
        .limit(limitOf(limit))
        .all()
        .map((row) => row.id as string);
      if (ids.length === 0) return [];
      tx.update(table)
        .set(taken(lease))
        .where(and(inArray(columns.id, ids), free(lease.now)))
        .run();
      return ids;
    },
    renew(tx, lease, id) {
      return (
        tx
          .update(table)
          .set(extended(lease))
          .where(and(eq(columns.id, id), heldBy(lease.owner)))
          .run().changes > 0
      );
    },
    heldBy,
    released,
  };
}
