import { existsSync } from 'node:fs';
import { MAX_CALLS_PER_BATCH } from '@stageflow/domain';
import type { AnyTRPCRouter } from '@trpc/server';
import { type Context, Hono } from 'hono';
import { trustedOrigins } from '../auth/better-auth.ts';
import type { BaseContext } from '../context.ts';
import type { Logger } from '../logger.ts';
import { appRouter } from '../routers/index.ts';
import { apiRoute } from './api-route.ts';
import { type BodyLimitOptions, bodyLimitsFromEnv, createBodyLimits } from './body-limit.ts';
import { compressLargeJson } from './compress-json.ts';
import { crossSiteWriteRefusal } from './csrf.ts';
import type { LimiterStore } from './limiter-store.ts';
import { createPortalLimits } from './portal-access.ts';
import { createPortalApi, PORTAL_API_BASE } from './portal-api.ts';
import { createPortalPages, type PortalPageOptions } from './portal-pages.ts';
import { createRateLimits, type RateLimitOptions, rateLimitsFromEnv } from './rate-limit.ts';
import { logRequests } from './request-log.ts';
import { createRestApi } from './rest.ts';
import { REST_BASE } from './rest-routes.ts';
import { securityHeaders } from './security-headers.ts';
import { serveWebApp } from './static-files.ts';
import { unreadableCallsRefusal } from './trpc-batch.ts';
import { createTrpcHandler } from './trpc-handler.ts';

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
  /** The demo account the sign-in page may offer, if this server has one (seed/demo-workspace.ts). */
  readonly demoAccount?: () => Promise<{ email: string; password: string } | null>;
  /** Per API key and failed sign-in limits; from RATE_LIMIT_PER_MINUTE and TRUST_PROXY by default (rate-limit.ts). */
  readonly rateLimits?: RateLimitOptions;
  /**
   * Where every rate limit counts: `databaseLimiters(db)`, shared by all processes on the database
   * (limiter-store.ts); `memoryLimiters` only where a test asks for it.
   */
  readonly limiterStore: LimiterStore;
  /** Request body limits; from BODY_LIMIT_BYTES and BULK_BODY_LIMIT_BYTES by default (body-limit.ts). */
  readonly bodyLimits?: BodyLimitOptions;
  /** The pages a participant's portal link opens (`/p/…`); not served when absent. */
  readonly portal?: Omit<PortalPageOptions, 'publicUrl' | 'limits' | 'log'> | undefined;
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
  const rateLimits = options.rateLimits ?? rateLimitsFromEnv();
  const limits = createRateLimits(rateLimits, options.limiterStore);
  const origins = options.publicUrl ? trustedOrigins(options.publicUrl) : undefined;
  const bodies = createBodyLimits(options.bodyLimits ?? bodyLimitsFromEnv());

  const headers = securityHeaders(options.publicUrl);
  const answerUnhandled = (err: Error, c: Context) => {
    options.log.error({ err }, 'unhandled error');
    return c.json({ error: 'Something went wrong on our side' }, 500);
  };

  // The APIs first: each one route that does itself what the middlewares below do for the other routes
  // (api-route.ts, docs/decisions/051-the-api-routes-in-one-step.md). They answer without passing on, so none of
  // those runs for them: a step added below for every route belongs in theirs too.
  const apiSteps = {
    headers,
    log: options.log,
    limits,
    crossSiteRefusal: crossSiteWriteRefusal(origins),
    onError: answerUnhandled,
  };
  const serveTrpc = createTrpcHandler({
    router: options.router ?? appRouter,
    maxBatchSize: MAX_CALLS_PER_BATCH,
    createContext: options.createContext,
  });
  app.all(
    '/trpc/*',
    apiRoute({
      ...apiSteps,
      format: 'trpc',
      refuseFirst: (c) => unreadableCallsRefusal(c.req.url),
      bodyLimit: bodies.trpc,
      serve: (c) => serveTrpc(c.req.raw),
    }),
  );
  // REST: the same procedures and context, with the same protection for cookie-authenticated writes.
  app.all(
    `${REST_BASE}/*`,
    apiRoute({
      ...apiSteps,
      format: 'rest',
      bodyLimit: bodies.rest,
      serve: createRestApi({ createContext: options.createContext, log: options.log }),
    }),
  );

  app.use(headers.middleware);
  app.use(logRequests(options.log));

  // JSON answers of 1 KB or more, compressed for clients that ask; outside every other middleware so
  // the headers they add are kept.
  app.use('/api/*', compressLargeJson);

  app.get('/healthz', (c) => (options.isReady() ? c.json({ status: 'ok' }) : c.json({ status: 'shutting_down' }, 503)));
  // Public on purpose: the demo password is published, and only a server that has the account says so.
  app.get('/api/demo-account', async (c) => {
    const account = (await options.demoAccount?.()) ?? null;
    return account ? c.json(account) : c.json({ error: 'This server has no demo account' }, 404);
  });

  // Each prefix checks what costs nothing (rate limits, the cross-site check) before reading a body;
  // the sign-in limit reads it, so on /api/auth the body limit comes first.
  app.use('/api/auth/*', bodies.auth);
  app.use('/api/auth/*', limits.auth);
  app.on(['GET', 'POST'], '/api/auth/*', (c) => options.authHandler(c.req.raw));

  // Before the web app's client routes, which would otherwise answer /p/… with index.html. The
  // portal's credentials are its own (portal-access.ts): nothing here reads a staff session or API key.
  if (options.portal) {
    const portalLimits = createPortalLimits({
      perToken: rateLimits.portalPerToken ?? 120,
      perAddress: rateLimits.portalPerAddress ?? 600,
      trustProxy: rateLimits.trustProxy,
      store: options.limiterStore,
    });
    const now = options.portal.now ?? (() => new Date().toISOString());
    app.use(`${PORTAL_API_BASE}/*`, async (c, next) => {
      const refused = await portalLimits.address(c);
      if (!refused) return next();
      c.header('Retry-After', String(refused.retryAfter));
      return c.json({ error: `Too many requests from your address; try again in ${refused.retryAfter} seconds` }, 429);
    });
    app.use(`${PORTAL_API_BASE}/*`, bodies.portal);
    app.use('/p/*', bodies.portal);
    app.route(
      PORTAL_API_BASE,
      createPortalApi({
        storage: options.portal.storage,
        secret: options.portal.secret,
        limits: portalLimits,
        now,
        interviewer: options.portal.interviewer,
        log: options.log,
      }),
    );
    // The pages answer behind `/p/*` from a router of their own: a link's `/p/:token` beside `/p/sessions/:id`
    // is a shape Hono's fastest router refuses, and routes merged in would put every request on the slower one.
    // Their errors go on to this app's handler, as if their routes were its own.
    const portalPages = createPortalPages({
      ...options.portal,
      limits: portalLimits,
      publicUrl: options.publicUrl ?? 'http://localhost',
      log: options.log,
    });
    portalPages.onError((err) => {
      throw err;
    });
    app.all('/p/*', (c) => portalPages.fetch(c.req.raw, c.env));
  }

  const { webRoot } = options;
  if (webRoot && existsSync(webRoot)) serveWebApp(app, webRoot);

  app.notFound((c) => c.json({ error: `No route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError(answerUnhandled);
  return app;
}
