import { conflict, type DomainError } from './errors.ts';
import { API_KEY_SCOPES, type ApiKeyScope, type ApiKeyScopeChoice, type ApiKeyStatus } from './schemas/api-key.ts';

/**
 * The rules of API keys that need no secret: what a key is granted, whether it still works, and
 * what rolling it does to the old key. Making keys and hashing them is the server's (crypto).
 */

/** When a key stops working, as stored: revoked at once, or expiring at the end of a roll's grace period. */
export interface ApiKeyLifetime {
  readonly revoked_at: string | null;
  readonly expires_at: string | null;
}

/** Revoked, expired (a rolled key past its grace period), expiring (still in it), or active. */
export function apiKeyStatus(key: ApiKeyLifetime, now: string): ApiKeyStatus {
  if (key.revoked_at) return 'revoked';
  if (key.expires_at) return key.expires_at <= now ? 'expired' : 'expiring';
  return 'active';
}

/** `all` stands for every scope; the result follows API_KEY_SCOPES' order, without repeats. */
export function expandScopes(requested: readonly ApiKeyScopeChoice[]): ApiKeyScope[] {
  if (requested.includes('all')) return [...API_KEY_SCOPES];
  return API_KEY_SCOPES.filter((s) => requested.includes(s));
}

/** The key being rolled: which one it is, for the refusal, and when it stops working now. */
export interface RolledKey extends ApiKeyLifetime {
  readonly id: string;
  /** Its first characters (`sf_live_Ab3x`), as people know it. */
  readonly prefix: string;
}

/**
 * Rolling a key makes a new one with the same name and scopes; this says when the old one stops:
 * `graceHours` (already checked against 0..MAX_ROLL_GRACE_HOURS by RollApiKeyInput) after `now`,
 * or the end an earlier roll already set if that comes first, so a second roll never extends a
 * grace period. A revoked or expired key cannot be rolled back to life.
 */
export function rollApiKey(key: RolledKey, graceHours: number, now: string): { expires_at: string } | DomainError {
  const status = apiKeyStatus(key, now);
  if (status === 'revoked' || status === 'expired') {
    return conflict(`API key ${key.prefix}… is ${status}: create a new key instead`);
  }
  const end = new Date(Date.parse(now) + graceHours * HOUR_MS).toISOString();
  return { expires_at: key.expires_at && key.expires_at < end ? key.expires_at : end };
}

const HOUR_MS = 3_600_000;
