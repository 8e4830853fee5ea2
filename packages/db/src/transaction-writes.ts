import type Database from 'better-sqlite3';

/**
 * Whether the transaction open on a connection has written anything yet, answered without a statement of its own.
 * `total_changes()` counts every row the connection ever wrote (foreign-key cascades and writes later rolled back
 * included) and never goes down: read outside any transaction and equal when read again inside one, nothing was
 * written in between, so the open transaction has written nothing. `readTx` notes the count as it opens a
 * transaction. Any count noted earlier gives the same answer or a conservative one: a transaction opened otherwise
 * (a command's, the start-up's) is told it may have written once anything was written since the last note.
 */
const changesOutsideTransactions = new WeakMap<Database.Database, number>();

export function noteChangesOutsideTransaction(sqlite: Database.Database, changes: number): void {
  changesOutsideTransactions.set(sqlite, changes);
}

/** True when `changes`, read inside the open transaction, says it may have written (or nothing was noted). */
export const writtenInTransaction = (sqlite: Database.Database, changes: number): boolean =>
  changesOutsideTransactions.get(sqlite) !== changes;
