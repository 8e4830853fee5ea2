import { PortalView } from '@stageflow/domain';
import { NOW } from '@stageflow/testing';
import { describe, expect, test } from 'vitest';
import { PORTAL_COOKIE } from '../auth/portal-tokens.ts';
import { storeTestKey } from '../testing-keys.ts';
import { scores } from '../testing-pipeline.ts';
import { setupPortal } from '../testing-portal.ts';
import type { RateLimitOptions } from './rate-limit.ts';

const DAY = 86_400_000;
const ME = '/api/portal/v1/me';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** The portal fixture, with an API key of the workspace, a participant's cookie and bearer headers. */
async function setup(limits: Partial<RateLimitOptions> = {}) {
  const portal = await setupPortal({ expiresInDays: 2, limits });
  const { t, app } = portal;
  const apiKey = storeTestKey(t.db, t.repos, t.workspaceId, { now: NOW }).key;
  /** The participant cookie, as the Continue form's POST sets it. */
  const cookieFor = async (token: string) => {
    const res = await app.request(`/p/${token}`, { method: 'POST' });
    return res.headers.get('set-cookie')?.split(';')[0] ?? '';
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return { ...portal, apiKey, cookieFor, bearer };
}

describe('GET /api/portal/v1/me', () => {
  test('with the participant cookie: their own pipeline in plain words, never cached', async () => {
    const { app, janeLink, cookieFor, stages } = await setup();
    const cookie = await cookieFor(janeLink.token);
    expect(cookie).toMatch(new RegExp(`^${PORTAL_COOKIE.replace('.', '\\.')}=`));
    const res = await app.request(ME, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const view = PortalView.parse(await res.json());
    expect(view).toMatchObject({
      name: 'Jane Doe',
      template_name: 'Senior Backend Engineer',
      status: 'active',
      closing: null,
      sessions: [],
      next: {
        stage_name: stages[0]!.stage_name,
        attempts_used: 0,
        attempts_left: 1,
        retake_opens_at: null,
        next_stage_name: stages[1]!.stage_name,
      },
    });
    expect(view.stages.map((s) => [s.stage_name, s.state])).toEqual([
      [stages[0]!.stage_name, 'current'],
      [stages[1]!.stage_name, 'upcoming'],
      [stages[2]!.stage_name, 'upcoming'],
    ]);
    expect(view.stages[2]).toMatchObject({ stage_type: 'Final review by the team' });
    expect(view.stages[0]!.duration_minutes).toBe(stages[0]!.duration_minutes);
  });

  test('with the link token as a bearer credential: the same answer, and nothing is recorded', async () => {
    const { app, t, jane, janeLink, bearer } = await setup();
    const res = await app.request(ME, { headers: bearer(janeLink.token) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Jane Doe', template_name: 'Senior Backend Engineer' });
    const events = (await t.api.participants.timeline({ id: jane.id, limit: 100 })).items.map((e) => e.type);
    expect(events).not.toContain('portal_link_opened');
  });

  test('one participant never sees another: each credential reaches its own participant only', async () => {
    const { app, t, john, janeLink, johnLink, bearer, cookieFor } = await setup();
    // John has a result with a score, a summary and feedback for staff; Jane's portal shows none of it.
    await t.api.sessions.recordResult({ participant_id: john.id, ...scores(9, 9), summary: 'John-only summary' });
    const janeText = await (await app.request(ME, { headers: bearer(janeLink.token) })).text();
    const janeByCookie = await (await app.request(ME, { headers: { cookie: await cookieFor(janeLink.token) } })).text();
    for (const text of [janeText, janeByCookie]) {
      expect(text).toContain('Jane Doe');
      expect(text).not.toContain('John');
      expect(text).not.toMatch(UUID);
    }
    const johnView = PortalView.parse(await (await app.request(ME, { headers: bearer(johnLink.token) })).json());
    expect(johnView.name).toBe('John Roe');
    expect(johnView.stages[0]!.state).toBe('done');
    const johnText = JSON.stringify(johnView);
    // His own scores, notes and the staff's suggestion are not in his portal either.
    expect(johnText).not.toMatch(/John-only|score|90|suggest|pass_threshold|hire/i);
    expect(johnView.recommendation).toBeNull();
    expect(johnText).not.toMatch(UUID);
  });

  test.each([
    ['no credential', {}],
    ['a staff session cookie', { cookie: 'stageflow.session_token=abc.def; better-auth.session_token=abc.def' }],
    ['a forged participant cookie', { cookie: `${PORTAL_COOKIE}=eyJ4IjoxfQ.bad` }],
    ['a bearer that is not a portal token', { authorization: 'Bearer hello' }],
    ['an unknown portal token', { authorization: `Bearer sfp_${'A'.repeat(43)}` }],
  ])('%s: 401', async (_, headers) => {
    const { app } = await setup();
    const res = await app.request(ME, { headers });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: expect.stringContaining('portal link') });
  });

  test('an API key gets 401, as a header or a bearer, even beside a participant cookie', async () => {
    const { app, apiKey, janeLink, cookieFor } = await setup();
    const cookie = await cookieFor(janeLink.token);
    expect((await app.request(ME, { headers: { 'x-api-key': apiKey } })).status).toBe(401);
    expect((await app.request(ME, { headers: { authorization: `Bearer ${apiKey}` } })).status).toBe(401);
    expect((await app.request(ME, { headers: { 'x-api-key': apiKey, cookie } })).status).toBe(401);
    // The key itself works on the staff API.
    expect((await app.request('/api/v1/participants', { headers: { 'x-api-key': apiKey } })).status).toBe(200);
  });

  test('an expired token, and a revoked or rotated one, get 401; so does the cookie it opened', async () => {
    const { app, t, jane, john, janeLink, johnLink, bearer, cookieFor, at } = await setup();
    const cookie = await cookieFor(janeLink.token);
    await t.api.participants.revokePortalLink({ participant_id: jane.id });
    expect((await app.request(ME, { headers: bearer(janeLink.token) })).status).toBe(401);
    expect((await app.request(ME, { headers: { cookie } })).status).toBe(401);

    const rotated = await t.api.participants.portalLink({ participant_id: john.id });
    expect((await app.request(ME, { headers: bearer(johnLink.token) })).status).toBe(401);
    expect((await app.request(ME, { headers: bearer(rotated.token) })).status).toBe(200);

    at(new Date(Date.parse(NOW) + 31 * DAY).toISOString());
    expect((await app.request(ME, { headers: bearer(rotated.token) })).status).toBe(401);
  });

  test('portal credentials get 401 on the staff APIs', async () => {
    const { app, janeLink, bearer, cookieFor } = await setup();
    const cookie = await cookieFor(janeLink.token);
    for (const headers of [bearer(janeLink.token), { cookie }]) {
      expect((await app.request('/api/v1/participants', { headers })).status).toBe(401);
      expect((await app.request('/trpc/participants.list', { headers })).status).toBe(401);
    }
  });

  test('a terminal participant reads the closing words, never the recommendation', async () => {
    const { app, t, jane, janeLink, bearer } = await setup();
    await t.api.participants.reject({ participant_id: jane.id });
    const view = PortalView.parse(await (await app.request(ME, { headers: bearer(janeLink.token) })).json());
    expect(view).toMatchObject({ status: 'rejected', next: null, closing: expect.stringContaining('ended') });
    expect(view.recommendation).toBeNull();
    expect(JSON.stringify(view)).not.toMatch(/hire/i);
  });
});

describe('portal rate limits', () => {
  test('per link: past the limit a minute, 429 with Retry-After; another link goes on', async () => {
    const { app, janeLink, johnLink, bearer } = await setup({ portalPerToken: 3 });
    for (let i = 0; i < 3; i++) expect((await app.request(ME, { headers: bearer(janeLink.token) })).status).toBe(200);
    const refused = await app.request(ME, { headers: bearer(janeLink.token) });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await app.request(ME, { headers: bearer(johnLink.token) })).status).toBe(200);
    // The link's pages count against it too.
    expect((await app.request(`/p/${janeLink.token}`)).status).toBe(429);
  });

  test('per address: over all links and pages', async () => {
    const { app, janeLink, johnLink, bearer } = await setup({ portalPerAddress: 2 });
    expect((await app.request(ME, { headers: bearer(janeLink.token) })).status).toBe(200);
    expect((await app.request(`/p/${johnLink.token}`)).status).toBe(200);
    const refused = await app.request(ME, { headers: bearer(johnLink.token) });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect((await app.request('/p/')).status).toBe(429);
  });
});
