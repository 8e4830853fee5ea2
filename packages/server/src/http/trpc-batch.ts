import { MAX_CALLS_PER_BATCH } from '@stageflow/domain';
import { trpcCallPaths } from './trpc-calls.ts';
import { trpcErrorResponse } from './trpc-error-response.ts';

/**
 * The refusal of a `/trpc` request whose calls cannot be read, asked before anything else runs: a path that is
 * not valid percent-encoding (tRPC would fail on it with a 500), or a batch of more than
 * MAX_CALLS_PER_BATCH calls, with a 400 that names the maximum so a client knows to split it (tRPC's
 * `httpBatchLink({ maxItems })`). See docs/surfaces.md#request-limits.
 */
export function unreadableCallsRefusal(url: string): Response | undefined {
  const calls = trpcCallPaths(url);
  if (!calls) return trpcErrorResponse('BAD_REQUEST', 'The procedure path is not valid percent-encoding');
  if (calls.length <= MAX_CALLS_PER_BATCH) return undefined;
  return trpcErrorResponse(
    'BAD_REQUEST',
    `A tRPC batch may carry at most ${MAX_CALLS_PER_BATCH} calls; this one has ${calls.length}: send them in smaller batches`,
  );
}
