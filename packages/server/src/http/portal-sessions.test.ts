import { PortalSessionDetail, portalCopy } from '@stageflow/domain';
import { NOW } from '@stageflow/testing';
import { describe, expect, test } from 'vitest';
import { essayStage, portalApiCaller, setupPortal } from '../testing-portal.ts';

const BASE = '/api/portal/v1';
const HOUR = 3_600_000;

/**
 * The app as main.ts wires it, over a pipeline a participant can start: a written assessment (two
 * attempts, 24 hours apart), an AI interview, then the team's final review. Jane and John each have a link.
 */
async function setup() {
  const portal = await setupPortal({
    stages: [
      essayStage({
        allow_retake: true,
        max_attempts: 2,
        retake_cooldown_hours: 24,
      }),
      { type: 'phone_screen', pass_threshold: 60, automation_rule: 'auto_advance' },
      { type: 'final', stage_type: 'final_review', pass_threshold: 80 },
    ],
  });
  const { app } = portal;
  const call = portalApiCaller(app);
  return { ...portal, call };
}

describe('POST /api/portal/v1/sessions', () => {
  test('with no time: the current stage starts now, recorded as the participant', async () => {
    const { t, jane, janeLink, call } = await setup();
    const res = await call(janeLink.token, 'POST', '/sessions', { timezone: 'Europe/Berlin' });
    expect(res.status).toBe(201);
    const session = PortalSessionDetail.parse(await res.json());
    expect(session).toMatchObject({
      stage_name: 'Essay',
      status: 'in_progress',
      scheduled_at: NOW,
      started_at: NOW,
      timezone: 'Europe/Berlin',
    });
    const page = await t.api.participants.byId({ id: jane.id });
    const { items } = await t.api.participants.timeline({ id: jane.id, limit: 100 });
    const mine = items.filter((e) => e.type === 'session_scheduled' || e.type === 'session_started');
    expect(mine.map((e) => [e.type, e.actor])).toEqual(
      expect.arrayContaining([
        ['session_scheduled', `participant:${jane.id}`],
        ['session_started', `participant:${jane.id}`],
      ]),
    );
    expect(page.sessions[0]).toMatchObject({ id: session.id, status: 'in_progress' });
    // Staff see the same session; the portal reads it back.
    const again = await call(janeLink.token, 'GET', `/sessions/${session.id}`);
    expect(await again.json()).toEqual(session);
  });

  test('with a time: booked then, in its zone; a second booking is refused while it is open', async () => {
    const { janeLink, call } = await setup();
    const at = new Date(Date.parse(NOW) + 48 * HOUR).toISOString();
    const res = await call(janeLink.token, 'POST', '/sessions', { at, timezone: 'America/New_York' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'scheduled', scheduled_at: at, timezone: 'America/New_York' });
    const twice = await call(janeLink.token, 'POST', '/sessions', {});
    expect(twice.status).toBe(409);
    expect(await twice.json()).toEqual({ error: 'You already have a session booked for Essay.' });
  });

  test('the cool-down after an attempt holds for the participant as for staff', async () => {
    const { t, jane, janeLink, call, at } = await setup();
    await t.api.sessions.recordResult({ participant_id: jane.id, overall_score: 10 });
    const early = await call(janeLink.token, 'POST', '/sessions', {});
    expect(early.status).toBe(409);
    expect(await early.json()).toEqual({
      error: `You can take Essay again from ${portalCopy('en').dates.utc('2026-11-30T10:00:00.000Z')}.`,
    });
    at(new Date(Date.parse(NOW) + 25 * HOUR).toISOString());
    expect((await call(janeLink.token, 'POST', '/sessions', {})).status).toBe(201);
  });

  test('bad input is a 400', async () => {
    const { janeLink, call } = await setup();
    expect((await call(janeLink.token, 'POST', '/sessions', { at: 'tomorrow' })).status).toBe(400);
    expect((await call(janeLink.token, 'POST', '/sessions', { timezone: 'Mars/Olympus' })).status).toBe(400);
    const past = new Date(Date.parse(NOW) - HOUR).toISOString();
    expect((await call(janeLink.token, 'POST', '/sessions', { at: past })).status).toBe(400);
  });

  test('an AI-run stage needs consent first; a team-run stage is the team’s', async () => {
    const { t, jane, janeLink, call } = await setup();
    await t.api.participants.advance({ participant_id: jane.id, note: 'skip the essay' });
    const ai = await call(janeLink.token, 'POST', '/sessions', {});
    expect(ai.status).toBe(409);
    expect(await ai.json()).toEqual({ error: expect.stringContaining('needs your consent first') });
    await t.api.participants.advance({ participant_id: jane.id, note: 'skip the interview' });
    const team = await call(janeLink.token, 'POST', '/sessions', {});
    expect(team.status).toBe(409);
    expect(await team.json()).toEqual({ error: expect.stringContaining('run by the team') });
    expect((await t.api.participants.byId({ id: jane.id })).sessions).toEqual([]);
  });

  test('a terminal participant gets 409 on every command', async () => {
    const { t, jane, janeLink, call } = await setup();
    const started = (await (await call(janeLink.token, 'POST', '/sessions', {})).json()) as { id: string };
    await t.api.participants.withdraw({ participant_id: jane.id });
    for (const [method, path] of [
      ['POST', '/sessions'],
      ['POST', `/sessions/${started.id}/finish`],
    ] as const) {
      const res = await call(janeLink.token, method, path, {});
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({ error: expect.stringContaining('withdrawn') });
    }
    // Reading still works.
    expect((await call(janeLink.token, 'GET', `/sessions/${started.id}`)).status).toBe(200);
  });
});

describe('the participant’s own sessions', () => {
  test('another participant’s session is a 404, to read and to finish', async () => {
    const { janeLink, johnLink, call } = await setup();
    const johns = (await (await call(johnLink.token, 'POST', '/sessions', {})).json()) as { id: string };
    expect((await call(janeLink.token, 'GET', `/sessions/${johns.id}`)).status).toBe(404);
    expect((await call(janeLink.token, 'POST', `/sessions/${johns.id}/finish`)).status).toBe(404);
    expect((await call(janeLink.token, 'GET', '/sessions/not-a-session')).status).toBe(404);
    expect((await call(johnLink.token, 'GET', `/sessions/${johns.id}`)).status).toBe(200);
  });

  test('without a portal credential: 401', async () => {
    const { app } = await setup();
    expect((await app.request(`${BASE}/sessions`, { method: 'POST' })).status).toBe(401);
  });

  test('finish records that the participant is done; the session waits in progress for a reviewer', async () => {
    const { t, jane, janeLink, call } = await setup();
    const started = (await (await call(janeLink.token, 'POST', '/sessions', {})).json()) as { id: string };
    const res = await call(janeLink.token, 'POST', `/sessions/${started.id}/finish`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: started.id, status: 'in_progress' });
    const { items } = await t.api.participants.timeline({ id: jane.id, limit: 100 });
    expect(items.find((e) => e.type === 'participant_finished_session')).toMatchObject({
      actor: `participant:${jane.id}`,
    });
    // The reviewer records the result, and the stage's rules apply as for any session.
    await t.api.sessions.recordResult({ participant_id: jane.id, overall_score: 90 });
    const after = PortalSessionDetail.parse(
      await (await call(janeLink.token, 'GET', `/sessions/${started.id}`)).json(),
    );
    expect(after.status).toBe('completed');
  });

  test('finishing a session that is only booked is refused', async () => {
    const { janeLink, call } = await setup();
    const at = new Date(Date.parse(NOW) + 2 * HOUR).toISOString();
    const booked = (await (await call(janeLink.token, 'POST', '/sessions', { at })).json()) as { id: string };
    expect((await call(janeLink.token, 'POST', `/sessions/${booked.id}/finish`)).status).toBe(409);
  });
});

describe('Start now on the /p/ page', () => {
  const cookieFor = async (app: Awaited<ReturnType<typeof setup>>['app'], token: string) =>
    (await app.request(`/p/${token}`, { method: 'POST' })).headers.get('set-cookie')?.split(';')[0] ?? '';

  test('offered when the rules allow it; the form starts the session as the participant', async () => {
    const { app, t, jane, janeLink } = await setup();
    const cookie = await cookieFor(app, janeLink.token);
    expect(await (await app.request('/p/', { headers: { cookie } })).text()).toContain(
      '<form method="post" action="/p/start">',
    );
    const res = await app.request('/p/start', { method: 'POST', headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/p/');
    const page = await t.api.participants.byId({ id: jane.id });
    expect(page.sessions[0]).toMatchObject({ status: 'in_progress' });
    const { items } = await t.api.participants.timeline({ id: jane.id, limit: 100 });
    expect(items.find((e) => e.type === 'session_started')?.actor).toBe(`participant:${jane.id}`);
    // One session at a time: the button is gone, and posting again says why.
    const html = await (await app.request('/p/', { headers: { cookie } })).text();
    expect(html).not.toContain('action="/p/start"');
    expect(html).toContain('Under way');
    const again = await app.request('/p/start', { method: 'POST', headers: { cookie } });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Your session for Essay is already under way.');
  });

  test('refused from another site, and without the participant cookie', async () => {
    const { app, t, jane, janeLink } = await setup();
    const cookie = await cookieFor(app, janeLink.token);
    const cross = await app.request('/p/start', {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(cross.status).toBe(403);
    expect((await app.request('/p/start', { method: 'POST' })).status).toBe(401);
    expect((await t.api.participants.byId({ id: jane.id })).sessions).toEqual([]);
  });

  test('not offered at an AI-run stage before consent', async () => {
    const { app, t, jane, janeLink } = await setup();
    await t.api.participants.advance({ participant_id: jane.id, note: 'skip the essay' });
    const cookie = await cookieFor(app, janeLink.token);
    const html = await (await app.request('/p/', { headers: { cookie } })).text();
    expect(html).toContain('What happens next');
    expect(html).not.toContain('Start now');
  });
});

describe('withdrawing from the portal', () => {
  test('POST /withdraw: withdrawn as the participant, open sessions cancelled; staff see it; then 409', async () => {
    const { t, jane, janeLink, call } = await setup();
    await call(janeLink.token, 'POST', '/sessions', { at: new Date(Date.parse(NOW) + 2 * HOUR).toISOString() });
    const res = await call(janeLink.token, 'POST', '/withdraw', { note: 'I took another offer' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'withdrawn', next: null });
    const page = await t.api.participants.byId({ id: jane.id });
    expect(page.status).toBe('withdrawn');
    expect(page.sessions[0]).toMatchObject({ status: 'cancelled' });
    const { items } = await t.api.participants.timeline({ id: jane.id, limit: 100 });
    expect(items.find((e) => e.type === 'participant_withdrawn')).toMatchObject({
      actor: `participant:${jane.id}`,
      data: { note: 'I took another offer' },
    });
    const again = await call(janeLink.token, 'POST', '/withdraw', {});
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: expect.stringContaining('withdrawn') });
  });

  test('the /p/ page links to a confirmation page; its form withdraws; refused from another site', async () => {
    const { app, t, jane, janeLink } = await setup();
    const cookie =
      (await app.request(`/p/${janeLink.token}`, { method: 'POST' })).headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(await (await app.request('/p/', { headers: { cookie } })).text()).toContain('href="/p/withdraw"');
    const confirm = await app.request('/p/withdraw', { headers: { cookie } });
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('<form method="post" action="/p/withdraw">');
    expect((await t.api.participants.byId({ id: jane.id })).status).toBe('active');

    const cross = await app.request('/p/withdraw', {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(cross.status).toBe(403);
    expect((await app.request('/p/withdraw', { method: 'POST' })).status).toBe(401);
    expect((await t.api.participants.byId({ id: jane.id })).status).toBe('active');

    const done = await app.request('/p/withdraw', { method: 'POST', headers: { cookie } });
    expect(done.status).toBe(303);
    expect((await t.api.participants.byId({ id: jane.id })).status).toBe('withdrawn');
    const html = await (await app.request('/p/', { headers: { cookie } })).text();
    expect(html).not.toContain('href="/p/withdraw"');
    expect(html).not.toContain('Start now');
  });
});
