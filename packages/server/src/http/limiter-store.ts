/**
 * Where rate limit counters live (docs/decisions/035-shared-state-in-the-database.md). In the database
 * (`rate_limits`), so every server process on one database counts the same calls: a key's limit holds
 * however a load balancer spreads its requests. In memory only where a caller asks for it by name (a
 * test that wants counters of its own without a database).
 */
import { type Db, RATE_LIMITS_TABLE, sweepRateLimits } from '@stageflow/db';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterSQLite } from 'rate-limiter-flexible';

export interface LimiterSpec {
  /** Kept apart from other limiters' keys in the shared table: `<prefix>:<key>`. */
  readonly keyPrefix: string;
  readonly points: number;
  /** The window, in seconds. */
  readonly duration: number;
}

/** Makes the limiters of one app, all on one store. */
export type LimiterStore = (spec: LimiterSpec) => RateLimiterAbstract;

/** How often counters whose window is long over are swept, and how long over. */
const SWEEP_EVERY_MS = 5 * 60_000;
const SWEEP_AFTER_MS = 60 * 60_000;

/**
 * Counters in the database, on rate-limiter-flexible's SQLite store over our own connection: one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` per count, atomic across processes. The table is
 * ours (a migration), so the store must not create it. A PostgreSQL engine would hand its
 * `RateLimiterPostgres` the same specs.
 */
export function databaseLimiters(db: Db): LimiterStore {
  // One sweep per database, whichever process runs it; an unref'd timer never holds the process up.
  const sweep = setInterval(() => {
    if (!db.$client.open) return clearInterval(sweep);
    try {
      sweepRateLimits(db, Date.now() - SWEEP_AFTER_MS);
    } catch {
      // Busy or closing: the next sweep takes them; stale rows count nothing (their window is over).
    }
  }, SWEEP_EVERY_MS);
  sweep.unref();
  return (spec) =>
    new RateLimiterSQLite({
      ...spec,
      storeClient: db.$client,
      storeType: 'better-sqlite3',
      tableName: RATE_LIMITS_TABLE,
      tableCreated: true,
    });
}

/** Counters in this process only, fresh for each app: never shared, so never for a served app. */
export const memoryLimiters: LimiterStore = (spec) => new RateLimiterMemory(spec);
