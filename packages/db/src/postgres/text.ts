/**
 * Text as SQLite compares it, for the PostgreSQL queries that must answer the same: byte order (`collate "C"`),
 * whatever collation the database was created with, and `like … collate nocase`, which folds ASCII letters only.
 */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { likePattern } from '../repositories/rows.ts';

/** A text column in SQLite's order (bytes), for `order by`. */
export const inByteOrder = (column: SQLWrapper): SQL => sql`${column} collate "C"`;

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/**
 * SQLite's `column like %search% escape '\' collate nocase`: the search text is taken literally (`%`, `_` and
 * `\` escaped by `likePattern`) and only A–Z match their lower case, as SQLite's NOCASE does (PostgreSQL's
 * `ilike` would fold other letters too, and find what SQLite does not).
 */
export const containsIgnoringAsciiCase = (column: SQLWrapper, search: string): SQL =>
  sql`translate(${column}, ${UPPER}, ${LOWER}) like translate(${likePattern(search)}, ${UPPER}, ${LOWER}) escape '\\'`;
