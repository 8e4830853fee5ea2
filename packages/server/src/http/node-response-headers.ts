import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';

/**
 * Sets headers for the answer on Node's own response before the handler runs, when the app is served by
 * @hono/node-server: it merges them into the head it writes (a header the answer itself carries wins). The
 * answer then stays the light `Response` node-server writes as it is; a header set on it afterwards made it
 * build a whole `Headers` object and cost most of the security headers' and rate limit's CPU (bench/README.md).
 * Returns false in-process (tests, `app.request`), where the caller sets them on the answer after the handler.
 */
export function setOnNodeResponse(c: Context, headers: Iterable<readonly [string, string]>): boolean {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!outgoing || outgoing.headersSent) return false;
  for (const [name, value] of headers) outgoing.setHeader(name, value);
  return true;
}
