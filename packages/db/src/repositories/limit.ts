import { type Placeholder, sql } from 'drizzle-orm';

/**
 * A LIMIT that SQLite runs without compiling its statement again. The SQLite better-sqlite3 builds (with STAT4)
 * reads a bare bound LIMIT (`limit ?`) while planning, so binding a value marks the statement expired and every
 * run prepares it anew: ~10 µs a query, more than the participant page's portal-link read itself. `? + 0` is an
 * expression the planner leaves alone, so the prepared statement is kept; the plans are the same (the orders these
 * queries ask for come from their indexes). Drizzle takes the SQL where it takes a number
 * (docs/decisions/039-trpc-spread-and-sqlite-limits.md).
 */
export const limitOf = (n: number | Placeholder): number => sql`${n} + 0` as unknown as number;
