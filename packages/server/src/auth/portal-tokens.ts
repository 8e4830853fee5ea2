import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Portal link tokens and the participant's portal session (docs/surfaces.md#portal-links): a token is
 * 32 random bytes, shown once and stored only as its SHA-256; the session cookie is signed with the
 * server's secret, so it needs no table and cannot be forged or turned into a staff session.
 */
export const PORTAL_TOKEN_PREFIX = 'sfp_';
/** `sfp_` and 43 base64url characters (32 bytes). */
const TOKEN_SHAPE = /^sfp_[A-Za-z0-9_-]{43}$/;

export const hashPortalToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function generatePortalToken(): { token: string; hash: string } {
  const token = `${PORTAL_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashPortalToken(token) };
}

/** A token that cannot be one of ours is refused before any lookup. */
export const isPortalTokenShape = (token: string) => TOKEN_SHAPE.test(token);

/** The participant's cookie: its own name, never better-auth's (`stageflow.session_token`). */
export const PORTAL_COOKIE = 'stageflow.portal';
/** How long a portal session lasts; a revoked or expired link ends it sooner (checked on each request). */
export const PORTAL_SESSION_HOURS = 12;

export interface PortalSession {
  readonly workspace_id: string;
  readonly participant_id: string;
  /** The link it was opened with: revoking or rotating that link ends the session. */
  readonly link_id: string;
  readonly expires_at: string;
}

const sign = (secret: string, payload: string) =>
  createHmac('sha256', `portal-session:${secret}`).update(payload).digest('base64url');

export function signPortalSession(secret: string, session: PortalSession): string {
  const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The session a cookie carries, or null when it is malformed, forged or past its end. */
export function readPortalSession(secret: string, cookie: string, now: string): PortalSession | null {
  const [payload, mac, ...rest] = cookie.split('.');
  if (!payload || !mac || rest.length > 0) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const session = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PortalSession;
    return typeof session.expires_at === 'string' && session.expires_at > now ? session : null;
  } catch {
    return null;
  }
}
