/**
 * Text as SQLite compares it, for the PostgreSQL queries that must answer the same: byte order (`collate "C"`),
 * whatever collation the database was created with, and `like … collate nocase`, which folds ASCII letters only.
 */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { likePattern } from '../repositories/rows.ts';

/** A text column in SQLite's order (bytes), for `order by`. */
export const inByteOrder = (column: SQLWrapper): SQL => sql`${column} collate "C"`;

/**
 * SQLite's `column like pattern escape '\' collate nocase`, where only A–Z match their lower case: under the "C"
 * collation PostgreSQL's ILIKE folds ASCII alone, whatever the database's own locale (under another it would also
 * fold "É" to "é", and find what SQLite does not).
 */
export const likeIgnoringAsciiCase = (column: SQLWrapper, pattern: string | SQL): SQL =>
  sql`${column} collate "C" ilike ${pattern} escape '\\'`;

/** The column holds the search text, ignoring the case of A–Z, with `%`, `_` and `\` taken literally (`likePattern`). */
export const containsIgnoringAsciiCase = (column: SQLWrapper, search: string): SQL =>
  likeIgnoringAsciiCase(column, likePattern(search));
