import { describe, expect, test } from 'vitest';
import { type ApiKeyLifetime, apiKeyStatus, expandScopes, type RolledKey, rollApiKey } from './api-keys.ts';
import { API_KEY_SCOPES, type ApiKeyStatus, RollApiKeyInput } from './schemas/api-key.ts';

const MIDNIGHT = '2026-01-01T00:00:00.000Z';
const KEY_ID = '00000000-0000-4000-8000-000000000001';

describe('scopes and status', () => {
  test('`all` expands to every scope; others keep the canonical order without repeats', () => {
    expect(expandScopes(['all'])).toEqual([...API_KEY_SCOPES]);
    expect(expandScopes(['events.read', 'agent_profiles.read', 'events.read'])).toEqual([
      'agent_profiles.read',
      'events.read',
    ]);
  });

  test.each<[ApiKeyLifetime, ApiKeyStatus]>([
    [{ revoked_at: null, expires_at: null }, 'active'],
    [{ revoked_at: null, expires_at: '2026-01-02T00:00:00.000Z' }, 'expiring'],
    [{ revoked_at: null, expires_at: MIDNIGHT }, 'expired'],
    [{ revoked_at: '2025-12-31T00:00:00.000Z', expires_at: '2026-01-02T00:00:00.000Z' }, 'revoked'],
  ])('%o is %s at midnight', (key, status) => {
    expect(apiKeyStatus(key, MIDNIGHT)).toBe(status);
  });
});

describe('rollApiKey', () => {
  const key = (lifetime: Partial<ApiKeyLifetime> = {}): RolledKey => ({
    id: KEY_ID,
    prefix: 'sf_live_Ab3x',
    revoked_at: null,
    expires_at: null,
    ...lifetime,
  });

  test.each<[string, Partial<ApiKeyLifetime>, number, string]>([
    ['an active key works for the grace period', {}, 24, '2026-01-02T00:00:00.000Z'],
    ['a grace of 0 stops it now', {}, 0, MIDNIGHT],
    ['the longest grace is 30 days', {}, 720, '2026-01-31T00:00:00.000Z'],
    ['rolled again: the earlier end stays', { expires_at: '2026-01-01T02:00:00.000Z' }, 24, '2026-01-01T02:00:00.000Z'],
    [
      'rolled again with a shorter grace: the shorter one wins',
      { expires_at: '2026-01-05T00:00:00.000Z' },
      1,
      '2026-01-01T01:00:00.000Z',
    ],
  ])('%s', (_, lifetime, graceHours, expiresAt) => {
    expect(rollApiKey(key(lifetime), graceHours, MIDNIGHT)).toEqual({ expires_at: expiresAt });
  });

  test.each<[ApiKeyStatus, Partial<ApiKeyLifetime>]>([
    ['revoked', { revoked_at: '2025-12-31T00:00:00.000Z' }],
    ['expired', { expires_at: '2025-12-31T00:00:00.000Z' }],
  ])('a %s key cannot be rolled: CONFLICT naming the key', (status, lifetime) => {
    expect(rollApiKey(key(lifetime), 24, MIDNIGHT)).toMatchObject({
      code: 'CONFLICT',
      message: `API key sf_live_Ab3x… is ${status}: create a new key instead`,
    });
  });

  test.each<[string, unknown, number | undefined]>([
    ['omitted: the default, 24 hours', undefined, 24],
    ['0', 0, 0],
    ['720 (30 days)', 720, 720],
    ['721: too long', 721, undefined],
    ['negative', -1, undefined],
    ['not whole hours', 1.5, undefined],
  ])('grace_hours %s', (_, grace, parsed) => {
    const result = RollApiKeyInput.safeParse({ id: KEY_ID, grace_hours: grace });
    expect(result.success ? result.data.grace_hours : undefined).toBe(parsed);
  });
});
