import { lt } from 'drizzle-orm';
import type { Db } from './client.ts';
import { rateLimits } from './schema/index.ts';

/**
 * The shared rate limit counters (schema/rate-limits.ts): what a limiter store needs to find them, and
 * the sweep that forgets windows long over (docs/decisions/035-shared-state-in-the-database.md).
 */
export const RATE_LIMITS_TABLE = 'rate_limits';

/** Forgets the counters whose window ended before `beforeMs`; answers how many went. */
export function sweepRateLimits(db: Db, beforeMs: number): number {
  return db.delete(rateLimits).where(lt(rateLimits.expire, beforeMs)).run().changes;
}
