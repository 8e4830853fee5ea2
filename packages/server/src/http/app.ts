import { existsSync } from 'node:fs';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AnyTRPCRouter } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { Hono } from 'hono';
import { trustedOrigins } from '../auth/better-auth.ts';
import type { BaseContext } from '../context.ts';
import type { Logger } from '../logger.ts';
import { appRouter } from '../routers/index.ts';
import { refuseCrossSiteWrites } from './csrf.ts';
import { createPortalPages, type PortalPageOptions } from './portal-pages.ts';
import { createRateLimits, type RateLimitOptions, rateLimitsFromEnv } from './rate-limit.ts';
import { createRestApi } from './rest.ts';
import { REST_BASE } from './rest-routes.ts';
import { securityHeaders } from './security-headers.ts';

export interface AppOptions {
  readonly createContext: (opts: { req: Request }) => Promise<BaseContext>;
  /** better-auth's handler for /api/auth/* (sign-up, sign-in, sessions, workspaces, invitations). */
  readonly authHandler: (req: Request) => Promise<Response>;
  readonly log: Logger;
  /** The built web app (apps/web/dist); served with an index.html fallback for client routes. */
  readonly webRoot?: string | undefined;
  /**
   * Where people open the app (PUBLIC_URL): cookie-authenticated writes must come from its origin, also
   * behind a TLS-terminating proxy (csrf.ts; without it, from the request's own origin); https turns
   * on HSTS (security-headers.ts).
   */
  readonly publicUrl?: string | undefined;
  /** Becomes false while shutting down so load balancers stop sending traffic. */
  readonly isReady: () => boolean;
  /** Per API key and failed sign-in limits; from RATE_LIMIT_PER_MINUTE and TRUST_PROXY by default (rate-limit.ts). */
  readonly rateLimits?: RateLimitOptions;
  /** The pages a participant's portal link opens (`/p/…`); not served when absent. */
  readonly portal?: Omit<PortalPageOptions, 'publicUrl'> | undefined;
  /** Defaults to the app's router; the benchmark (bench/) serves it with a no-op procedure added. */
  readonly router?: AnyTRPCRouter;
}

/**
 * One Hono app serves the health check, tRPC and the web app. tRPC's fetch adapter on Hono's
 * Node server measured about twice the throughput of tRPC's standalone adapter here
 * (docs/decisions/007-http-server.md).
 */
export function createApp(options: AppOptions) {
  const app = new Hono();
  const limits = createRateLimits(options.rateLimits ?? rateLimitsFromEnv());
  const refuseCrossSite = refuseCrossSiteWrites(options.publicUrl ? trustedOrigins(options.publicUrl) : undefined);

  app.use(securityHeaders(options.publicUrl));

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    if (c.req.path === '/healthz') return;
    options.log.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });

  app.get('/healthz', (c) => (options.isReady() ? c.json({ status: 'ok' }) : c.json({ status: 'shutting_down' }, 503)));

  app.use('/api/auth/*', limits.auth);
  app.on(['GET', 'POST'], '/api/auth/*', (c) => options.authHandler(c.req.raw));

  app.use('/trpc/*', limits.apiKeys('trpc'));
  app.use('/trpc/*', refuseCrossSite);
  app.all('/trpc/*', (c) =>
    fetchRequestHandler({
      endpoint: '/trpc',
      req: c.req.raw,
      router: options.router ?? appRouter,
      createContext: options.createContext,
    }),
  );

  // REST: the same procedures and context, with the same protection for cookie-authenticated writes.
  app.use(`${REST_BASE}/*`, limits.apiKeys('rest'));
  app.use(`${REST_BASE}/*`, refuseCrossSite);
  app.route(REST_BASE, createRestApi({ createContext: options.createContext, log: options.log }));

  // Before the web app's client routes, which would otherwise answer /p/… with index.html.
  if (options.portal) {
    app.route('/', createPortalPages({ ...options.portal, publicUrl: options.publicUrl ?? 'http://localhost' }));
  }

  const { webRoot } = options;
  if (webRoot && existsSync(webRoot)) {
    app.use('/assets/*', serveStatic({ root: webRoot, onFound: immutableCache }));
    app.use('*', serveStatic({ root: webRoot }));
    // Client-side routes (/templates/…) get the app shell.
    app.get('*', serveStatic({ root: webRoot, path: 'index.html' }));
  }

  app.notFound((c) => c.json({ error: `No route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    options.log.error({ err }, 'unhandled error');
    return c.json({ error: 'Something went wrong on our side' }, 500);
  });
  return app;
}

/** Vite fingerprints asset names, so they can be cached for good. */
const immutableCache = (_path: string, c: { header: (name: string, value: string) => void }) => {
  c.header('Cache-Control', 'public, max-age=31536000, immutable');
};
