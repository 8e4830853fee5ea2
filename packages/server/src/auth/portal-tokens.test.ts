import { describe, expect, test } from 'vitest';
import {
  generatePortalToken,
  hashPortalToken,
  isPortalTokenShape,
  type PortalSession,
  readPortalSession,
  signPortalSession,
} from './portal-tokens.ts';

const NOW = '2026-06-01T00:00:00.000Z';
const SESSION: PortalSession = {
  workspace_id: 'w1',
  participant_id: 'p1',
  link_id: 'l1',
  expires_at: '2026-06-01T12:00:00.000Z',
};

describe('portal tokens', () => {
  test('sfp_ and 32 random bytes in base64url; stored as hex SHA-256; never twice the same', () => {
    const a = generatePortalToken();
    const b = generatePortalToken();
    expect(a.token).toMatch(/^sfp_[A-Za-z0-9_-]{43}$/);
    expect(isPortalTokenShape(a.token)).toBe(true);
    expect(a.hash).toBe(hashPortalToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.token).not.toBe(a.token);
  });

  test.each(['', 'sfp_', `sf_live_${'A'.repeat(43)}`, `sfp_${'A'.repeat(42)}`, `sfp_${'A'.repeat(42)}=`])(
    '%o is not a token',
    (token) => {
      expect(isPortalTokenShape(token)).toBe(false);
    },
  );
});

describe('portal session cookie', () => {
  const cookie = signPortalSession('secret', SESSION);

  test('reads back what was signed, until it ends', () => {
    expect(readPortalSession('secret', cookie, NOW)).toEqual(SESSION);
    expect(readPortalSession('secret', cookie, SESSION.expires_at)).toBeNull();
  });

  test('another secret, a changed payload or signature, or garbage is refused', () => {
    const [payload, mac] = cookie.split('.') as [string, string];
    const other = Buffer.from(JSON.stringify({ ...SESSION, participant_id: 'p2' })).toString('base64url');
    for (const forged of [`${other}.${mac}`, `${payload}.${mac.slice(1)}x`, `${payload}.`, 'garbage', `${cookie}.x`]) {
      expect(readPortalSession('secret', forged, NOW)).toBeNull();
    }
    expect(readPortalSession('another secret', cookie, NOW)).toBeNull();
  });
});
