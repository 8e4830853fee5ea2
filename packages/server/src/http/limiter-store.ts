/**
 * Where rate limit counters live (docs/decisions/035-shared-state-in-the-database.md). In the database
 * (`rate_limits`, `RATE_LIMIT_STORE=database`), so every server process on one database counts the same
 * calls: a key's limit holds however a load balancer spreads its requests; that costs one write per counted
 * call. In memory for one process, the embedded default, where a count costs nothing measurable.
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

/** How often counters whose window is long over are swept (by the next count), and how long over. */
const SWEEP_EVERY_MS = 5 * 60_000;
const SWEEP_AFTER_MS = 60 * 60_000;

/**
 * `sweep` of the windows over for an hour, run by a count at most once every few minutes. No timer (one per
 * app would keep every test's database alive): a count now and then sweeps first.
 */
export function sweepNowAndThen<T>(sweep: (beforeMs: number) => T): (now: number) => T | undefined {
  let sweepAt = Date.now() + SWEEP_EVERY_MS;
  return (now) => {
    if (now < sweepAt) return undefined;
    sweepAt = now + SWEEP_EVERY_MS;
    return sweep(now - SWEEP_AFTER_MS);
  };
}

/**
 * Counters in the database, on rate-limiter-flexible's SQLite store over our own connection: one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` per count, atomic across processes (SQLite takes one
 * writer at a time; `busy_timeout` makes the others wait). The table is
 * ours (a migration), so the store must not create it. On PostgreSQL, `postgresLimiters`
 * (limiter-store-postgres.ts) takes the same specs.
 */
export function databaseLimiters(db: Db): LimiterStore {
  const sweep = sweepNowAndThen((beforeMs) => {
    try {
      sweepRateLimits(db, beforeMs);
    } catch {
      // Busy: the next sweep takes them; stale rows count nothing (their window is over).
    }
  });
  const statements = prepareStatements(db);
  return (spec) =>
    new PreparedSqliteLimiter(
      {
        ...spec,
        storeClient: db.$client,
        storeType: 'better-sqlite3',
        tableName: RATE_LIMITS_TABLE,
        tableCreated: true,
      },
      statements,
      sweep,
    );
}

/**
 * The store's three queries, prepared once per database. The library prepares its SQL again on every
 * call, which was most of its cost on the request path (about 50 of 90 µs a count); the queries are
 * the library's own, so its reading of the answers (`_getRateLimiterRes`) stays as it is.
 */
function prepareStatements(db: Db) {
  const sqlite = db.$client;
  return {
    count: sqlite.prepare<[string, number, number | null, number, number], StoredCount>(
      `INSERT INTO ${RATE_LIMITS_TABLE} (key, points, expire) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET
         points = CASE WHEN expire IS NULL OR expire > ? THEN points + excluded.points ELSE excluded.points END,
         expire = CASE WHEN expire IS NULL OR expire > ? THEN expire ELSE excluded.expire END
       RETURNING points, expire`,
    ),
    replace: sqlite.prepare<[string, number, number | null], StoredCount>(
      `INSERT OR REPLACE INTO ${RATE_LIMITS_TABLE} (key, points, expire) VALUES (?, ?, ?) RETURNING points, expire`,
    ),
    get: sqlite.prepare<[string, number], StoredCount>(
      `SELECT points, expire FROM ${RATE_LIMITS_TABLE} WHERE key = ? AND (expire > ? OR expire IS NULL)`,
    ),
    delete: sqlite.prepare<[string]>(`DELETE FROM ${RATE_LIMITS_TABLE} WHERE key = ?`),
  };
}
type StoredCount = { points: number; expire: number | null };

/**
 * rate-limiter-flexible's SQLite store with its storage calls (`_upsert`, `_get`, `_delete`: the
 * methods every store of the library implements) on statements prepared once. Each is one statement,
 * atomic on its own, so no transaction is opened around it.
 */
class PreparedSqliteLimiter extends RateLimiterSQLite {
  readonly #statements: ReturnType<typeof prepareStatements>;
  readonly #sweep: (now: number) => void;
  constructor(
    options: ConstructorParameters<typeof RateLimiterSQLite>[0],
    statements: ReturnType<typeof prepareStatements>,
    sweep: (now: number) => void,
  ) {
    super(options);
    this.#statements = statements;
    this.#sweep = sweep;
  }
  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<StoredCount> {
    const now = Date.now();
    this.#sweep(now);
    const expire = msDuration > 0 ? now + msDuration : null;
    return forceExpire
      ? this.#statements.replace.get(key, points, expire)!
      : this.#statements.count.get(key, points, expire, now, now)!;
  }
  async _get(key: string): Promise<StoredCount | null> {
    return this.#statements.get.get(key, Date.now()) ?? null;
  }
  async _delete(key: string): Promise<boolean> {
    return this.#statements.delete.run(key).changes > 0;
  }
}

/**
 * Counters in this process only, fresh for each app: the embedded default of one process, where a count costs
 * no write (`RATE_LIMIT_STORE=memory`); never for several processes, which would each count their own share.
 */
export const memoryLimiters: LimiterStore = (spec) => new RateLimiterMemory(spec);
