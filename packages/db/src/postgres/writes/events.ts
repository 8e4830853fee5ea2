import type { PgExec } from '../client.ts';
import { events } from '../schema.ts';

/**
 * Appends rows to the audit log in one statement. PostgreSQL takes each row's `seq` from the identity in the
 * order of the VALUES list, so the events number and order as SQLite's one-by-one inserts do (the copy sets the
 * identity past the highest number copied). Nothing is sent for no events.
 */
export async function appendEventRows(tx: PgExec, rows: readonly (typeof events.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await tx.insert(events).values([...rows]);
}
