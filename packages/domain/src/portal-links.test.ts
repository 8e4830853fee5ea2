import { describe, expect, test } from 'vitest';
import {
  issuePortalLink,
  openPortalLink,
  type PortalLinkRecord,
  portalLinkExpiry,
  portalLinkStatus,
  revokePortalLink,
} from './portal-links.ts';
import { CreatePortalLinkInput, DEFAULT_PORTAL_LINK_DAYS, type PortalLinkStatus } from './schemas/portal-link.ts';

const NOW = '2026-06-01T00:00:00.000Z';
const LATER = '2026-07-01T00:00:00.000Z';
const PARTICIPANT = '00000000-0000-4000-8000-000000000001';
const ctx = { now: NOW, actor: 'user:u1' };

const link = (over: Partial<PortalLinkRecord> = {}): PortalLinkRecord => ({
  id: 'link-1',
  participant_id: PARTICIPANT,
  created_at: '2026-05-01T00:00:00.000Z',
  created_by: 'user:u0',
  expires_at: '2026-06-10T00:00:00.000Z',
  revoked_at: null,
  last_opened_at: null,
  ...over,
});

describe('portalLinkStatus', () => {
  test.each<[Partial<PortalLinkRecord>, PortalLinkStatus]>([
    [{}, 'active'],
    [{ expires_at: NOW }, 'expired'],
    [{ expires_at: '2026-05-31T00:00:00.000Z' }, 'expired'],
    [{ revoked_at: '2026-05-20T00:00:00.000Z' }, 'revoked'],
    [{ revoked_at: '2026-05-20T00:00:00.000Z', expires_at: '2026-05-21T00:00:00.000Z' }, 'revoked'],
  ])('%o is %s', (over, status) => {
    expect(portalLinkStatus(link(over), NOW)).toBe(status);
  });
});

describe('CreatePortalLinkInput', () => {
  test('expires in 30 days unless told otherwise', () => {
    expect(CreatePortalLinkInput.parse({ participant_id: PARTICIPANT }).expires_in_days).toBe(DEFAULT_PORTAL_LINK_DAYS);
    expect(DEFAULT_PORTAL_LINK_DAYS).toBe(30);
  });

  test.each<[unknown, boolean]>([
    [1, true],
    [90, true],
    [0, false],
    [91, false],
    [1.5, false],
    ['7', false],
  ])('expires_in_days %o accepted: %s', (days, ok) => {
    expect(CreatePortalLinkInput.safeParse({ participant_id: PARTICIPANT, expires_in_days: days }).success).toBe(ok);
  });

  test('unknown keys and a non-uuid participant are refused', () => {
    expect(CreatePortalLinkInput.safeParse({ participant_id: PARTICIPANT, token: 'x' }).success).toBe(false);
    expect(CreatePortalLinkInput.safeParse({ participant_id: 'jane' }).success).toBe(false);
  });
});

describe('issuePortalLink', () => {
  const input = { id: 'link-2', participant_id: PARTICIPANT, days: 30 };

  test('a first link works for the days asked and says it was created', () => {
    const issued = issuePortalLink(null, input, ctx);
    expect(issued.link).toMatchObject({ id: 'link-2', created_at: NOW, created_by: 'user:u1', expires_at: LATER });
    expect(issued.revoke).toBeNull();
    expect(issued.events.map((e) => [e.type, e.data])).toEqual([
      ['portal_link_created', { link_id: 'link-2', expires_at: LATER, rotated: false }],
    ]);
  });

  test.each<[string, Partial<PortalLinkRecord>, boolean]>([
    ['an active link is revoked (rotated)', {}, true],
    ['an expired link is left as it is', { expires_at: NOW }, false],
    ['a revoked link is left as it is', { revoked_at: '2026-05-02T00:00:00.000Z' }, false],
  ])('%s', (_, over, rotated) => {
    const issued = issuePortalLink(link(over), input, ctx);
    expect(issued.revoke).toEqual(rotated ? { id: 'link-1', revoked_at: NOW } : null);
    expect(issued.events.map((e) => e.type)).toEqual(
      rotated ? ['portal_link_revoked', 'portal_link_created'] : ['portal_link_created'],
    );
    if (rotated) expect(issued.events[0]!.data).toEqual({ link_id: 'link-1', cause: 'rotated' });
  });

  test('the expiry is counted in whole days from now', () => {
    expect(portalLinkExpiry(NOW, 1)).toBe('2026-06-02T00:00:00.000Z');
  });
});

describe('revokePortalLink', () => {
  test('revokes an active link at once, by the actor', () => {
    const result = revokePortalLink(link(), ctx);
    expect(result).toMatchObject({
      revoke: { id: 'link-1', revoked_at: NOW },
      events: [{ type: 'portal_link_revoked', actor: 'user:u1', data: { link_id: 'link-1', cause: 'requested' } }],
    });
  });

  test.each<[string, PortalLinkRecord | null, RegExp]>([
    ['no link', null, /no portal link/],
    ['an expired link', link({ expires_at: NOW }), /already expired/],
    ['a revoked link', link({ revoked_at: NOW }), /already revoked/],
  ])('refuses %s with a CONFLICT', (_, current, message) => {
    const result = revokePortalLink(current, ctx);
    expect(result).toBeInstanceOf(Error);
    expect(result).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(message) });
  });
});

describe('openPortalLink', () => {
  test('an active link records the opening as the participant', () => {
    expect(openPortalLink(link(), NOW)).toEqual({
      opened_at: NOW,
      events: [
        {
          type: 'portal_link_opened',
          participant_id: PARTICIPANT,
          actor: `participant:${PARTICIPANT}`,
          occurred_at: NOW,
          data: { link_id: 'link-1', first: true },
        },
      ],
    });
  });

  test.each<[Partial<PortalLinkRecord>, PortalLinkStatus]>([
    [{ expires_at: NOW }, 'expired'],
    [{ revoked_at: NOW }, 'revoked'],
  ])('%o is refused as %s', (over, status) => {
    expect(openPortalLink(link(over), NOW)).toEqual({ refused: status });
  });
});
