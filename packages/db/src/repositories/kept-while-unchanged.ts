import type { Db } from '../client.ts';
import { writtenInTransaction } from '../transaction-writes.ts';
import { deepFreeze } from './stage-cache.ts';

/**
 * Values kept in memory between requests for as long as nothing was written to the database: a hit costs two
 * counter reads (~2 µs in a loop; in a request ~7 outside a transaction, ~2 inside one, which holds the read lock
 * already) where an API key's indexed lookup, its mapping and its JSON cost ~6 and ~18, a template with its stages
 * and interviewers ~20–30 (docs/decisions/040-api-keys-kept-while-the-database-is-unchanged.md; inside
 * transactions, docs/decisions/043-templates-kept-inside-transactions.md).
 *
 * SQLite says whether anything may have changed since a value was kept: `PRAGMA data_version` moves when any
 * other connection commits (another process on the file, the CLI), and this connection's `total_changes()` when
 * it writes itself, foreign-key cascades and later rolled-back writes included. Both are read before the value,
 * so a commit between the two only makes the next call read it again; inside a transaction both read its
 * snapshot, so a kept value is served there too when they match. A value read inside a transaction that has
 * written is not kept, since those writes could still roll back (transaction-writes.ts). At most `max` values are
 * kept, the least recently read going first; what is kept is frozen, since callers share it.
 *
 * `writes` narrows "this connection wrote" to the tables a value is read from (template-writes.ts), so a stream of
 * commands, each writing participants, keeps the templates they load.
 */
export function keptWhileUnchanged<V>(db: Db, max: number, writes: OwnWrites = anyWrite(db)) {
  const sqlite = db.$client;
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  const kept = new Map<string, { readonly version: number; readonly changes: number; readonly value: V }>();
  // The most recently read key, already last: reading it again moves nothing (a Map emptied and filled again
  // on every call resizes its table each time).
  let newest: string | undefined;

  return (key: string, read: () => V | undefined): V | undefined => {
    const changes = writes.count();
    const version = dataVersion.get() as number;
    const hit = kept.get(key);
    if (hit && hit.version === version && hit.changes === changes) {
      if (key !== newest) {
        kept.delete(key);
        kept.set(key, hit); // most recently read last
        newest = key;
      }
      return hit.value;
    }
    if (hit) kept.delete(key);
    const value = read();
    if (value === undefined) return undefined;
    if (writes.unsettled(changes)) return value;
    kept.set(key, { version, changes, value: deepFreeze(value) });
    newest = key;
    if (kept.size > max) kept.delete(kept.keys().next().value!);
    return value;
  };
}

/**
 * What says this connection may have changed a kept value: a count that moves with its writes (read before the
 * value), and whether what is read now could still roll back (`changes`: the count as read), so is not kept.
 */
export interface OwnWrites {
  count(): number;
  unsettled(changes: number): boolean;
}

/** Any row this connection writes, to any table: `total_changes()`, and the open transaction's own writes. */
function anyWrite(db: Db): OwnWrites {
  const sqlite = db.$client;
  const totalChanges = sqlite.prepare('SELECT total_changes()').pluck();
  return {
    count: () => totalChanges.get() as number,
    unsettled: (changes) => sqlite.inTransaction && writtenInTransaction(sqlite, changes),
  };
}
