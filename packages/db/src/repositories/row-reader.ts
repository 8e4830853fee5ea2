import { Column, getTableColumns } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * Reads a table's rows from a prepared query's `.values()` (one array per row), as Drizzle's `.all()` would map
 * them but without its per-value work: Drizzle finds each column's decoder anew for every value, walks a path
 * per field and builds the object key by key through a `reduce`, which cost ~8 µs a card on the board (400 cards:
 * 3 of its 6 ms; bench/README.md). Here the decoders are found once per table, and only columns that need one
 * (JSON text, booleans) are decoded.
 *
 * The query must select the table's columns first and in their declared order, as `db.select()` with no fields,
 * or with the table as the first field (`{ participant: participants, … }`), does.
 */
export function rowReader<T>(table: SQLiteTable, omit: readonly string[] = []) {
  const columns = Object.entries(getTableColumns(table)).map(([key, column], index) => ({
    key,
    index,
    decode:
      column.mapFromDriverValue === Column.prototype.mapFromDriverValue
        ? null
        : (value: unknown) => column.mapFromDriverValue(value),
  }));
  const kept = columns.filter((c) => !omit.includes(c.key));
  return {
    /** How many values a row of the table takes: what the query selected after it starts there. */
    width: columns.length,
    /** Where a column's value is in a row's values (for one left out of what `read` makes). */
    indexOf(key: string): number {
      const found = columns.find((c) => c.key === key);
      if (!found) throw new Error(`rowReader: no column ${key}`);
      return found.index;
    },
    read(values: readonly unknown[]): T {
      const row: Record<string, unknown> = {};
      for (const { key, index, decode } of kept) {
        const value = values[index];
        row[key] = decode === null || value === null ? value : decode(value);
      }
      return row as T;
    },
  };
}
