import type { Context } from 'hono';

/** The header the dashboard's clients send on every request; a cross-site form cannot set it. */
export const CLIENT_HEADER = 'x-stageflow-client';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated writes must come from our own pages: a plain HTML form or a fetch from
 * another site carries the cookie but cannot add our header (without a CORS preflight we never
 * grant), and browsers mark it `Sec-Fetch-Site: cross-site`. Requests with an API key carry no
 * ambient credentials and are not at risk. tRPC mutations are POSTs, so the method check covers
 * mutations without input too.
 *
 * `origins` are where people open the app (PUBLIC_URL's origin, as sign-in trusts: see
 * `trustedOrigins`). Behind a TLS-terminating proxy the URL the server sees is plain http, so the
 * page's `Origin` is compared with these, not with the request's URL; without them (in-process
 * tests), with the request's own origin. Answers the 403, or undefined for a request it lets through.
 */
export function crossSiteWriteRefusal(origins?: readonly string[]): (c: Context) => Response | undefined {
  const ours = origins ? new Set(origins) : null;
  return (c) => {
    const req = c.req.raw;
    if (SAFE_METHODS.has(req.method) || req.headers.get('x-api-key')) return undefined;
    const site = req.headers.get('sec-fetch-site');
    const origin = req.headers.get('origin');
    const foreign = origin !== null && !(ours ? ours.has(origin) : origin === new URL(req.url).origin);
    if (site === 'cross-site' || site === 'same-site' || foreign || !req.headers.get(CLIENT_HEADER)) {
      return c.json(
        { error: `Cross-site request refused: send the ${CLIENT_HEADER} header from the app's own origin`, issues: [] },
        403,
      );
    }
    return undefined;
  };
}
