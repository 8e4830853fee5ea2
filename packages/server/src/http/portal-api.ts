/**
 * The participant's portal API under `/api/portal/v1` (docs/surfaces.md#portal-api): the participant's
 * own cookie or their link's token as a bearer credential, one participant per request, and none of
 * the staff API's credentials. JSON answers, never cached.
 */
import type { Repositories } from '@stageflow/db';
import { PortalView } from '@stageflow/domain';
import { Hono } from 'hono';
import { type PortalLimits, portalAccess, portalViewFor } from './portal-access.ts';

export const PORTAL_API_BASE = '/api/portal/v1';

export interface PortalApiOptions {
  readonly repos: Repositories;
  readonly secret: string;
  readonly limits: PortalLimits;
  readonly now: () => string;
}

const UNAUTHENTICATED =
  'Open your portal link again, or send Authorization: Bearer with an active portal link token. Staff sessions and API keys do not reach the portal.';

export function createPortalApi(options: PortalApiOptions) {
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.get('/me', async (c) => {
    const now = options.now();
    const access = portalAccess(c, options, now);
    if (!access) return c.json({ error: UNAUTHENTICATED }, 401);
    const refused = await options.limits.token(access.link_id);
    if (refused) {
      c.header('Retry-After', String(refused.retryAfter));
      return c.json(
        { error: `Too many requests for this portal link; try again in ${refused.retryAfter} seconds` },
        429,
      );
    }
    const view = portalViewFor(options.repos, access, now);
    // The link outlived its participant (a deleted row): nothing to show, as for no credential.
    if (!view) return c.json({ error: UNAUTHENTICATED }, 401);
    return c.json(PortalView.parse(view));
  });

  app.notFound((c) => c.json({ error: `No route for ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
