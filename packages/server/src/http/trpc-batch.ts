import { MAX_CALLS_PER_BATCH } from '@stageflow/domain';
import type { MiddlewareHandler } from 'hono';
import { trpcCallPaths } from './trpc-calls.ts';
import { trpcErrorResponse } from './trpc-error-response.ts';

/**
 * A tRPC batch of more than MAX_CALLS_PER_BATCH calls is refused before anything else runs: a 400
 * that names the maximum, so a client knows to split it (tRPC's `httpBatchLink({ maxItems })`).
 * See docs/surfaces.md#request-limits.
 */
export const refuseOversizeBatches: MiddlewareHandler = async (c, next) => {
  const calls = trpcCallPaths(c.req.url).length;
  if (calls <= MAX_CALLS_PER_BATCH) return next();
  return trpcErrorResponse(
    'BAD_REQUEST',
    `A tRPC batch may carry at most ${MAX_CALLS_PER_BATCH} calls; this one has ${calls}: send them in smaller batches`,
  );
};
