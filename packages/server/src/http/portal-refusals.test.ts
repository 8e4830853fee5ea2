import { namesInternalId, portalCopy } from '@stageflow/domain';
import { NOW } from '@stageflow/testing';
import { describe, expect, test } from 'vitest';
import { essayStage, setupPortal } from '../testing-portal.ts';

/**
 * What a participant reads when their portal refuses something (docs/errors.md#refusals-a-participant-reads):
 * plain words, never an internal id; and a participant whose evaluation has ended reads but commands
 * nothing (docs/rules.md#terminal-participants).
 */

const BASE = '/api/portal/v1';
const HOUR = 3_600_000;
const later = (hours: number) => new Date(Date.parse(NOW) + hours * HOUR).toISOString();

/**
 * A written assessment (two attempts, 24 hours apart), a written test a reviewer approves, an exercise
 * that waits for a person once passed, then the team's final review.
 */
async function setup() {
  const portal = await setupPortal({
    stages: [
      essayStage({
        allow_retake: true,
        max_attempts: 2,
        retake_cooldown_hours: 24,
      }),
      {
        type: 'written_test',
        stage_type: 'async_assessment',
        pass_threshold: 60,
        automation_rule: 'require_reviewer_approval',
      },
      { type: 'exercise', stage_type: 'async_assessment', pass_threshold: 60, automation_rule: 'none' },
      { type: 'final', stage_type: 'final_review', pass_threshold: 80 },
    ],
  });
  const { app, t, jane, janeLink } = portal;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await app.request(`${BASE}${path}`, {
      method,
      headers: { authorization: `Bearer ${janeLink.token}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, text: await res.text() };
  };
  const cookie =
    (await app.request(`/p/${janeLink.token}`, { method: 'POST' })).headers.get('set-cookie')?.split(';')[0] ?? '';
  const page = async (method: 'GET' | 'POST', path: string) => {
    const res = await app.request(path, { method, headers: { cookie } });
    return { status: res.status, text: await res.text() };
  };
  const advance = (note: string) => t.api.participants.advance({ participant_id: jane.id, note });
  return { ...portal, call, page, advance };
}

/** A refusal as the participant reads it: the status, and `{ error }` naming no internal id. */
function expectRefusal(answer: { status: number; text: string }, status: number, error: string) {
  expect(answer.status).toBe(status);
  expect(JSON.parse(answer.text)).toEqual({ error });
  expect(namesInternalId(answer.text), answer.text).toBe(false);
}

describe('every refusal the portal API gives reads well and names no internal id', () => {
  test('starting: a session already booked or under way, the cool-down, a last attempt under review', async () => {
    const { call, t, jane, at } = await setup();
    expect((await call('POST', '/sessions', { at: later(2) })).status).toBe(201);
    expectRefusal(await call('POST', '/sessions', {}), 409, 'You already have a session booked for Essay.');

    const session = (await t.api.participants.byId({ id: jane.id })).sessions[0]!;
    await t.api.sessions.cancel({ session_id: session.id });
    expect((await call('POST', '/sessions', {})).status).toBe(201);
    expectRefusal(await call('POST', '/sessions', {}), 409, 'Your session for Essay is already under way.');

    await t.api.sessions.recordResult({ participant_id: jane.id, overall_score: 10 });
    expectRefusal(
      await call('POST', '/sessions', {}),
      409,
      `You can take Essay again from ${portalCopy('en').dates.utc('2026-11-30T10:00:00.000Z')}.`,
    );
    at(later(25));
    await t.api.sessions.recordResult({ participant_id: jane.id, overall_score: 10 });
    // The last attempt failed: the stage's rule asks the team to decide.
    expectRefusal(
      await call('POST', '/sessions', {}),
      409,
      'The team is reviewing your result at Essay. They will let you know what comes next.',
    );
  });

  test('starting: a result the team is reviewing, a stage passed that waits for the team', async () => {
    const { call, t, jane, advance } = await setup();
    await advance('skip the essay');
    await t.api.sessions.recordResult({ participant_id: jane.id, overall_score: 90 });
    expectRefusal(
      await call('POST', '/sessions', {}),
      409,
      'The team is reviewing your result at Written Test. They will let you know what comes next.',
    );
    await advance('skip the written test');
    await t.api.sessions.recordResult({ participant_id: jane.id, overall_score: 90 });
    expectRefusal(
      await call('POST', '/sessions', {}),
      409,
      'You have passed Exercise. The team will let you know what comes next.',
    );
  });

  test("sessions: one that is not the participant's own, one that is only booked", async () => {
    const { call, app, johnLink } = await setup();
    const johns = (await (
      await app.request(`${BASE}/sessions`, { method: 'POST', headers: { authorization: `Bearer ${johnLink.token}` } })
    ).json()) as { id: string };
    const notYours = 'We could not find this session among yours.';
    expectRefusal(await call('GET', `/sessions/${johns.id}`), 404, notYours);
    expectRefusal(await call('POST', `/sessions/${johns.id}/finish`), 404, notYours);
    expectRefusal(await call('GET', '/sessions/not-a-session'), 404, notYours);
    const booked = JSON.parse((await call('POST', '/sessions', { at: later(2) })).text) as { id: string };
    expectRefusal(
      await call('POST', `/sessions/${booked.id}/finish`),
      409,
      'This session is scheduled; only a session under way can be finished.',
    );
  });

  test('bad input names the field the participant sent', async () => {
    const { call } = await setup();
    expectRefusal(await call('POST', '/sessions', { at: later(-1) }), 400, 'at: must be now or later');
    const long = await call('POST', '/withdraw', { note: 'x'.repeat(4001) });
    expect(long.status).toBe(400);
    expect(JSON.parse(long.text).error).toMatch(/^note: /);
  });
});

describe("the portal's Idempotency-Key on POST /sessions", () => {
  test('the same key and body answer the first session, once; another body with the key is a 409', async () => {
    const { call, t, jane } = await setup();
    const key = { 'idempotency-key': 'start-essay-1' };
    const first = await call('POST', '/sessions', { timezone: 'Europe/Paris' }, key);
    expect(first.status).toBe(201);
    const again = await call('POST', '/sessions', { timezone: 'Europe/Paris' }, key);
    expect(again.status).toBe(201);
    expect(JSON.parse(again.text)).toEqual(JSON.parse(first.text));
    const page = await t.api.participants.byId({ id: jane.id });
    expect(page.sessions).toHaveLength(1);
    const { items } = await t.api.participants.timeline({ id: jane.id, limit: 100 });
    expect(items.filter((e) => e.type === 'session_scheduled')).toHaveLength(1);
    expectRefusal(
      await call('POST', '/sessions', { timezone: 'Europe/Berlin' }, key),
      409,
      'This Idempotency-Key was already used for a different request: send a new key with a new request.',
    );
    // Without the key, a second start is refused by the rules, as before.
    expect((await call('POST', '/sessions', { timezone: 'Europe/Paris' })).status).toBe(409);
  });

  test("keys are the participant's own: another participant's same key starts their own session", async () => {
    const { call, app, johnLink, t, jane, john } = await setup();
    const key = 'same-key';
    const janes = JSON.parse((await call('POST', '/sessions', {}, { 'idempotency-key': key })).text) as { id: string };
    const res = await app.request(`${BASE}/sessions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${johnLink.token}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: '{}',
    });
    expect(res.status).toBe(201);
    const johns = (await res.json()) as { id: string };
    expect(johns.id).not.toBe(janes.id);
    expect((await t.api.participants.byId({ id: john.id })).sessions.map((s) => s.id)).toEqual([johns.id]);
    expect((await t.api.participants.byId({ id: jane.id })).sessions.map((s) => s.id)).toEqual([janes.id]);
  });

  test('a key that is not 1–200 printable characters is a 400 naming the header; nothing starts', async () => {
    const { call, t, jane } = await setup();
    for (const bad of ['has space', 'x'.repeat(201)]) {
      const res = await call('POST', '/sessions', {}, { 'idempotency-key': bad });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text).error).toMatch(/^Idempotency-Key: /);
    }
    expect((await t.api.participants.byId({ id: jane.id })).sessions).toEqual([]);
  });
});

describe('a participant whose evaluation has ended reads their portal but commands nothing', () => {
  const endings = [
    [
      'completed',
      'Your evaluation is complete, so there is nothing more to do here. The team will be in touch.',
      async (s: Awaited<ReturnType<typeof setup>>) => {
        for (const stage of ['essay', 'written test', 'exercise', 'final']) await s.advance(`skip the ${stage}`);
      },
    ],
    [
      'rejected',
      'Your evaluation has ended, so there is nothing more to do here. Thank you for taking part.',
      (s: Awaited<ReturnType<typeof setup>>) => s.t.api.participants.reject({ participant_id: s.jane.id }),
    ],
    [
      'withdrawn',
      'You have withdrawn from this evaluation, so there is nothing more to do here.',
      (s: Awaited<ReturnType<typeof setup>>) => s.t.api.participants.withdraw({ participant_id: s.jane.id }),
    ],
  ] as const;

  test.each(endings)('%s: 409 on start, finish and withdraw; the pages offer no form', async (status, words, end) => {
    const s = await setup();
    const started = JSON.parse((await s.call('POST', '/sessions', {})).text) as { id: string };
    await end(s);
    expect((await s.t.api.participants.byId({ id: s.jane.id })).status).toBe(status);

    expectRefusal(await s.call('POST', '/sessions', {}), 409, words);
    expectRefusal(await s.call('POST', `/sessions/${started.id}/finish`), 409, words);
    expectRefusal(await s.call('POST', '/withdraw', {}), 409, words);
    // Reading still works.
    expect((await s.call('GET', '/me')).status).toBe(200);
    expect((await s.call('GET', `/sessions/${started.id}`)).status).toBe(200);

    const home = await s.page('GET', '/p/');
    expect(home.status).toBe(200);
    expect(home.text).not.toContain('<form');
    expect(home.text).not.toContain('href="/p/withdraw"');
    const confirm = await s.page('GET', '/p/withdraw');
    expect(confirm.text).toContain('Your evaluation has ended');
    expect(confirm.text).not.toContain('<form');
    for (const path of ['/p/start', '/p/withdraw']) {
      const posted = await s.page('POST', path);
      expect(posted.status, path).toBe(409);
      expect(posted.text, path).toContain(words);
      expect(namesInternalId(posted.text), path).toBe(false);
    }
    expect((await s.t.api.participants.byId({ id: s.jane.id })).status).toBe(status);
  });
});
