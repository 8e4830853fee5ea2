import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The rate limit counters every server process shares (docs/decisions/035-shared-state-in-the-database.md).
 * rate-limiter-flexible's SQLite store reads and writes this table by these exact names: `key` is the
 * limiter's prefix and the counted thing (`api_key:<hash>`), `points` what was taken in the window,
 * `expire` when the window ends (ms since the epoch; null: never). We create it here, not the library,
 * so the migrations describe the whole database.
 */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: integer('expire'),
});
