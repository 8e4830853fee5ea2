import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { PgSelect, PgTable } from 'drizzle-orm/pg-core';

/**
 * A load inside a write unit takes `FOR UPDATE` on the rows the unit will change, so two processes never apply
 * two changes on stale state (docs/decisions/036-reads-on-either-engine.md); outside one (`inWrite` false) it is
 * a plain read. `of` names the one table to lock when the load joins others.
 */
export function forUpdateIf<Q extends PgSelect>(inWrite: boolean, query: Q, of?: PgTable): Q {
  return inWrite ? (query.for('update', of ? { of } : {}) as Q) : query;
}

/**
 * SQLite compares text byte by byte (BINARY); PostgreSQL by the database's collation, which may rank case,
 * accents and punctuation otherwise. Text sorted or compared where both engines must agree uses "C" (byte order).
 */
export const binary = (text: SQLWrapper): SQL => sql`${text} collate "C"`;
