import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';

/** Vite fingerprints the names under /assets, so a name's content never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, the app shell for client routes) is checked again on every visit. */
const REVALIDATE = 'no-cache';

/**
 * The built web app (docs/decisions/015-static-files-and-compression.md): each file as the build
 * precompressed it (`.br`, else `.gz`, by `Accept-Encoding`), hashed assets cached for good, the
 * rest revalidated, and `index.html` for client-side routes. A missing asset is a 404, never the
 * app shell (which a browser would then cache as a script for a year).
 */
export function serveWebApp(app: Hono, webRoot: string): void {
  const files = (cacheControl: string, path?: string) =>
    withCacheControl(serveStatic({ root: webRoot, precompressed: true, ...(path ? { path } : {}) }), cacheControl);
  app.use('/assets/*', files(IMMUTABLE));
  app.get('/assets/*', (c) => c.notFound());
  app.use('*', files(REVALIDATE));
  // An API path nobody serves is the API's 404, not a page.
  app.get('/api/*', (c) => c.notFound());
  app.get('/trpc', (c) => c.notFound());
  // Client-side routes (/templates/…) get the app shell.
  app.get('*', files(REVALIDATE, 'index.html'));
}

/**
 * serveStatic builds its response before its `onFound` hook runs, so headers set there are lost;
 * these are set on the response it returns. Every file may come in several encodings, so caches
 * keep them apart by `Accept-Encoding`.
 */
function withCacheControl(serve: MiddlewareHandler, cacheControl: string): MiddlewareHandler {
  return async (c, next) => {
    const res = await serve(c, next);
    if (!(res instanceof Response)) return res;
    res.headers.set('Cache-Control', cacheControl);
    if (!/accept-encoding/i.test(res.headers.get('Vary') ?? '')) res.headers.append('Vary', 'Accept-Encoding');
    return res;
  };
}
