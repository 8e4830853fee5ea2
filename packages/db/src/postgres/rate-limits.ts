import { lt } from 'drizzle-orm';
import type { PgExec } from './client.ts';
import { pgSchema } from './schema.ts';

/**
 * Forgets the counters whose window ended before `beforeMs`, as `sweepRateLimits` does on SQLite
 * (docs/decisions/035-shared-state-in-the-database.md); answers how many went.
 */
export async function sweepPgRateLimits(db: PgExec, beforeMs: number): Promise<number> {
  const { rateLimits } = pgSchema;
  const result = await db.delete(rateLimits).where(lt(rateLimits.expire, beforeMs));
  return result.rowCount ?? 0;
}
