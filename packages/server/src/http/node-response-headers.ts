import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';

/**
 * Sets headers for the answer on Node's own response before the handler runs, when the app is served by
 * @hono/node-server: it merges them into the head it writes (a header the answer itself carries wins). The
 * answer then stays the light `Response` node-server writes as it is; a header set on it afterwards made it
 * build a whole `Headers` object and cost most of the security headers' and rate limit's CPU (bench/README.md).
 * Returns false in-process (tests, `app.request`), where the caller sets them on the answer after the handler.
 */
export function setOnNodeResponse(c: Context, headers: HeaderList): boolean {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!outgoing || outgoing.headersSent) return false;
  for (const [name, value] of headers) outgoing.setHeader(name, value);
  return true;
}

export type HeaderList = readonly (readonly [string, string])[];

/**
 * Headers for the answer a caller is about to build: set on Node's response now when it can be, and otherwise
 * (in-process) by the function returned, which the caller gives the answer once it has it.
 */
export function headersForAnswer(c: Context, headers: HeaderList): (res: Response) => Response {
  return setOnNodeResponse(c, headers) ? unchanged : (res) => withHeaders(res, headers);
}
const unchanged = (res: Response) => res;

/**
 * Adds headers in place when the response allows it (every response this app builds does), else on
 * a copy. A copy, like assigning `c.res` anew (Hono copies then too), turns a string body into a
 * stream, which takes @hono/node-server off its fast path: that was most of the rate limit's cost
 * on every API key request (bench/README.md).
 */
export function withHeaders(res: Response, headers: HeaderList): Response {
  try {
    for (const [name, value] of headers) res.headers.set(name, value);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    for (const [name, value] of headers) copy.headers.set(name, value);
    return copy;
  }
}
