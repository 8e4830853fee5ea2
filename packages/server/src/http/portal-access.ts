/**
 * Who a portal request speaks for (docs/surfaces.md#portal-api), and its rate limits. A portal request
 * is identified by the participant's signed `stageflow.portal` cookie or, for programs, by
 * `Authorization: Bearer <portal link token>`; both must name a link that is still active, and both
 * reach that one participant only. Staff credentials are never read here: better-auth's cookie means
 * nothing to the portal, and a request carrying an API key is refused outright. The access carries the
 * participant's words too: the copy of their template's language (docs/surfaces.md#portal-language).
 */
import type { Reads, StoragePort } from '@stageflow/db';
import {
  type PortalCopy,
  type PortalView,
  participantPortalView,
  portalCopy,
  portalLinkStatus,
} from '@stageflow/domain';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { hashPortalToken, isPortalTokenShape, PORTAL_COOKIE, readPortalSession } from '../auth/portal-tokens.ts';
import type { LimiterStore } from './limiter-store.ts';
import { clientIp } from './rate-limit.ts';

export interface PortalAccess {
  readonly workspace_id: string;
  readonly participant_id: string;
  /** The link the cookie was opened with, or the one the bearer token is: its rate limit's key. */
  readonly link_id: string;
  readonly via: 'cookie' | 'bearer';
  /** The participant's words: their template's language where the portal has it, else English. */
  readonly copy: PortalCopy;
}

/** The copy a participant reads: their template's `language` (exact tag, then primary subtag, then English). */
export const participantCopy = async (reads: Reads, workspaceId: string, participantId: string): Promise<PortalCopy> =>
  portalCopy((await reads.portalLinks.participant(workspaceId, participantId))?.language);

/** The participant the request speaks for, or null (no credential, a forged or ended one, an inactive link). */
export async function portalAccess(
  c: Context,
  options: { readonly storage: StoragePort; readonly secret: string },
  now: string,
): Promise<PortalAccess | null> {
  const { reads } = options.storage;
  if (c.req.header('x-api-key') !== undefined) return null;
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const token = /^Bearer +(\S+)$/i.exec(authorization.trim())?.[1];
    if (!token || !isPortalTokenShape(token)) return null;
    const link = await reads.portalLinks.byHash(hashPortalToken(token));
    if (!link || portalLinkStatus(link, now) !== 'active') return null;
    return {
      workspace_id: link.workspace_id,
      participant_id: link.participant_id,
      link_id: link.id,
      via: 'bearer',
      copy: await participantCopy(reads, link.workspace_id, link.participant_id),
    };
  }
  const cookie = getCookie(c, PORTAL_COOKIE);
  const session = cookie ? readPortalSession(options.secret, cookie, now) : null;
  if (!session) return null;
  const link = await reads.portalLinks.byId(session.workspace_id, session.link_id);
  if (!link || link.participant_id !== session.participant_id || portalLinkStatus(link, now) !== 'active') return null;
  return {
    workspace_id: session.workspace_id,
    participant_id: session.participant_id,
    link_id: link.id,
    via: 'cookie',
    copy: await participantCopy(reads, session.workspace_id, session.participant_id),
  };
}

/** The participant's portal as `GET /api/portal/v1/me` answers it and `/p/` shows it, in their words. */
export async function portalViewFor(reads: Reads, access: PortalAccess, now: string): Promise<PortalView | undefined> {
  const who = await reads.portalLinks.participant(access.workspace_id, access.participant_id);
  const loaded = who && (await reads.participants.load.participant(access.workspace_id, access.participant_id));
  return loaded ? participantPortalView(loaded.state, who.template_name, now, access.copy) : undefined;
}

export interface PortalLimitOptions {
  /** Requests a minute per portal link. */
  readonly perToken: number;
  /** Requests a minute per client address. */
  readonly perAddress: number;
  readonly trustProxy: boolean;
  /** Where the counters live: the app's store (limiter-store.ts), shared by every process. */
  readonly store: LimiterStore;
}

/** A refusal: how long to wait, in seconds. */
export type PortalLimitRefusal = { readonly retryAfter: number };

/** Per link and per address counters (rate-limiter-flexible, on the app's store, as rate-limit.ts). */
export function createPortalLimits(options: PortalLimitOptions) {
  const perToken = options.store({ keyPrefix: 'portal_token', points: options.perToken, duration: 60 });
  const perAddress = options.store({ keyPrefix: 'portal_address', points: options.perAddress, duration: 60 });
  const take = async (limiter: RateLimiterAbstract, key: string): Promise<PortalLimitRefusal | null> => {
    try {
      await limiter.consume(key);
      return null;
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      return { retryAfter: Math.max(1, Math.ceil(refused.msBeforeNext / 1000)) };
    }
  };
  return {
    /** In-process requests (tests, no socket) without TRUST_PROXY share one 'unknown' address. */
    address: (c: Context) => take(perAddress, clientIp(c, options.trustProxy) ?? 'unknown'),
    /** Keyed by the link (its id, or a presented token's hash before it is known). */
    token: (key: string) => take(perToken, key),
  };
}
export type PortalLimits = ReturnType<typeof createPortalLimits>;
