/**
 * Limits of the API as a whole, shared by the server that enforces them and the clients that stay
 * within them (docs/surfaces.md#request-limits).
 */

/** A tRPC batch carries at most this many calls; each call counts against an API key's rate limit. */
export const MAX_CALLS_PER_BATCH = 25;
