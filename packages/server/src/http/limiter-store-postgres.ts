/**
 * Rate limit counters on PostgreSQL (docs/decisions/035-shared-state-in-the-database.md): every server
 * process on one database counts into the same `rate_limits` rows, as `databaseLimiters` does on SQLite.
 * A file of its own so the SQLite server never loads `pg` (as `@stageflow/db/postgres` is kept apart).
 */
import { RATE_LIMITS_TABLE } from '@stageflow/db';
import { type PgDb, sweepPgRateLimits } from '@stageflow/db/postgres';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { type LimiterStore, sweepNowAndThen } from './limiter-store.ts';

/** The storage call every count, reward, penalty and block goes through: the library's, not in its types. */
type Upsert = (key: string, points: number, msDuration: number, forceExpire?: boolean) => Promise<unknown>;
const libraryUpsert = (RateLimiterPostgres.prototype as unknown as { _upsert: Upsert })._upsert;

/**
 * Counters in PostgreSQL, on rate-limiter-flexible's PostgreSQL store over the app's pool: one
 * `INSERT … ON CONFLICT (key) DO UPDATE … RETURNING` per count, atomic across processes (the row's lock).
 *
 * The table is the migrations' (the twin of schema/rate-limits.ts), so the store must not create it. The
 * store's own table would be `key varchar(255), points integer, expire bigint`; the twin's is `key text,
 * points bigint, expire bigint`, in the same order (the store inserts by position). Its queries work on
 * either; the pool `createPgDb` makes reads a bigint as a number, so `points` comes back as the store
 * compares it. Its own sweep is a timer per limiter; ours is one per store, run by a count now and then.
 */
export function postgresLimiters(db: PgDb): LimiterStore {
  const sweep = sweepNowAndThen((beforeMs) =>
    // Not critical: the next sweep takes them; stale rows count nothing (their window is over).
    sweepPgRateLimits(db, beforeMs).catch(() => 0),
  );
  return (spec) =>
    new SweepingPostgresLimiter(
      {
        ...spec,
        storeClient: db.$client,
        storeType: 'pool',
        tableName: RATE_LIMITS_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
      },
      sweep,
    );
}

/** rate-limiter-flexible's PostgreSQL store, sweeping the long-over windows first now and then. */
class SweepingPostgresLimiter extends RateLimiterPostgres {
  readonly #sweep: (now: number) => Promise<number> | undefined;
  constructor(
    options: ConstructorParameters<typeof RateLimiterPostgres>[0],
    sweep: (now: number) => Promise<number> | undefined,
  ) {
    super(options);
    this.#sweep = sweep;
  }
  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<unknown> {
    await this.#sweep(Date.now());
    return libraryUpsert.call(this, key, points, msDuration, forceExpire);
  }
}
