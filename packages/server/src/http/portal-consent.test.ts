import { PortalConsentView, PortalView } from '@stageflow/domain';
import { NOW } from '@stageflow/testing';
import { describe, expect, test } from 'vitest';
import { storeTestKey } from '../testing-keys.ts';
import { portalApiCaller, setupPortal } from '../testing-portal.ts';

const BASE = '/api/portal/v1';

/**
 * The AI notice and consent over the portal API (docs/rules.md#consent-to-an-ai-run-stage), on the
 * example pipeline: Phone Screen (an AI interview that advances automatically), Technical, Final.
 * Jane and John each have a link; staff read the inbox over REST with an API key.
 */
async function setup(stages?: NonNullable<Parameters<typeof setupPortal>[0]>['stages']) {
  const portal = await setupPortal(stages ? { stages } : {});
  const { app, t } = portal;
  const call = portalApiCaller(app);
  const { key } = storeTestKey(t.db, t.repos, t.workspaceId, { now: NOW });
  const staff = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(`/api/v1${path}`, {
      method,
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: JSON answers, checked by the assertions
    return { status: res.status, body: (await res.json()) as any };
  };
  const stageId = portal.stages[0]!.id;
  return { ...portal, call, staff, stageId };
}

describe('GET /api/portal/v1/consent', () => {
  test('the notice of the current AI-run stage, in plain words, from the stage, its interviewer and the workspace', async () => {
    const { janeLink, call, stageId } = await setup();
    const res = await call(janeLink.token, 'GET', '/consent');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const view = PortalConsentView.parse(await res.json());
    expect(view).toMatchObject({
      stage_id: stageId,
      consent: 'needed',
      notice: {
        stage_name: 'Phone Screen',
        stage_type: 'AI interview',
        evaluation_name: 'Senior Backend Engineer',
        organization: 'a',
        evaluates: [expect.objectContaining({ name: 'Design' }), expect.objectContaining({ name: 'Coding' })],
        duration_minutes: 30,
      },
    });
    expect(view.notice.review).toContain('If your result reaches the pass mark a set, you move on straight away');
    const me = PortalView.parse(await (await call(janeLink.token, 'GET', '/me')).json());
    expect(me.next?.consent).toBe('needed');
  });

  test('says what the workspace set: organisation, contact, retention', async () => {
    const { t, janeLink, call } = await setup();
    await t.api.portalNotice.update({
      organization: 'Acme Hiring',
      contact: 'Write to people@acme.example.',
      transcript_retention_days: 90,
    });
    const { notice } = PortalConsentView.parse(await (await call(janeLink.token, 'GET', '/consent')).json());
    expect(notice).toMatchObject({
      organization: 'Acme Hiring',
      retention: 'Acme Hiring keeps the transcript of your session for 90 days.',
      contact: 'Questions? Write to people@acme.example.',
    });
  });

  test('a stage that is not AI-run has no notice: 409', async () => {
    const { janeLink, call } = await setup([
      { type: 'essay', stage_type: 'async_assessment', automation_rule: 'auto_advance' },
      { type: 'phone_screen', automation_rule: 'auto_advance' },
    ]);
    const res = await call(janeLink.token, 'GET', '/consent');
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: 'Essay is not run by an AI interviewer, so there is nothing to agree to.',
    });
  });

  test('without a portal credential: 401', async () => {
    const { app } = await setup();
    expect((await app.request(`${BASE}/consent`)).status).toBe(401);
  });
});

describe('POST /api/portal/v1/consent', () => {
  test('accept: recorded as the participant, and then Start now works', async () => {
    const { t, jane, janeLink, call, stageId } = await setup();
    const before = await call(janeLink.token, 'POST', '/sessions', {});
    expect(before.status).toBe(409);
    expect(await before.json()).toEqual({ error: expect.stringContaining('needs your consent first') });

    const res = await call(janeLink.token, 'POST', '/consent', { stage_id: stageId, accepted: true });
    expect(res.status).toBe(200);
    expect(PortalConsentView.parse(await res.json())).toMatchObject({ stage_id: stageId, consent: 'accepted' });
    const page = await t.api.participants.byId({ id: jane.id });
    const { items } = await t.api.participants.timeline({ id: jane.id });
    expect(items[0]).toMatchObject({ type: 'participant_consented_ai', actor: `participant:${jane.id}` });
    expect(page.progress[0]).toMatchObject({ stage_id: stageId, consent: 'accepted' });

    const started = await call(janeLink.token, 'POST', '/sessions', {});
    expect(started.status).toBe(201);
    expect(await started.json()).toMatchObject({ stage_name: 'Phone Screen', status: 'in_progress' });
  });

  test('decline: a human-alternative decision in the staff inbox; no AI session, no attempt used, nothing held against them', async () => {
    const { jane, janeLink, call, staff, stageId } = await setup();
    const res = await call(janeLink.token, 'POST', '/consent', { stage_id: stageId, accepted: false });
    expect(res.status).toBe(200);
    expect(PortalConsentView.parse(await res.json()).consent).toBe('declined');

    const inbox = await staff('GET', '/decisions?status=open');
    expect(inbox.status).toBe(200);
    expect(inbox.body).toEqual([
      expect.objectContaining({
        participant_id: jane.id,
        participant_name: 'Jane Doe',
        stage_id: stageId,
        reason: 'human_alternative',
        session_id: null,
        suggested: null,
        overall_score: null,
        status: 'open',
      }),
    ]);
    const refused = await call(janeLink.token, 'POST', '/sessions', {});
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      error: expect.stringContaining('you asked for a person to run this stage'),
    });
    const me = PortalView.parse(await (await call(janeLink.token, 'GET', '/me')).json());
    expect(me).toMatchObject({ status: 'active', next: { consent: 'declined', attempts_used: 0 } });

    // Declined stays declined: accepting afterwards is refused, declining again changes nothing.
    const again = await call(janeLink.token, 'POST', '/consent', { stage_id: stageId, accepted: true });
    expect(again.status).toBe(409);
    expect((await call(janeLink.token, 'POST', '/consent', { stage_id: stageId, accepted: false })).status).toBe(200);
    expect((await staff('GET', '/decisions?status=open')).body).toHaveLength(1);
  });

  test('the reviewer runs the stage with a person and records its result: the request closes, the rules go on', async () => {
    const { jane, janeLink, call, staff, stageId } = await setup();
    await call(janeLink.token, 'POST', '/consent', { stage_id: stageId, accepted: false });
    const recorded = await staff('POST', `/participants/${jane.id}/results`, { overall_score: 80 });
    expect(recorded.status).toBe(200);
    expect((await staff('GET', '/decisions?status=open')).body).toEqual([]);
    const [closed] = (await staff('GET', '/decisions?status=decided')).body;
    expect(closed).toMatchObject({ reason: 'human_alternative', outcome: null, status: 'decided' });
    // Phone Screen advances automatically on a pass: Jane is at Technical, whose notice she has not read.
    const me = PortalView.parse(await (await call(janeLink.token, 'GET', '/me')).json());
    expect(me.next).toMatchObject({ stage_name: 'Technical', consent: 'needed' });
  });

  test('a reviewer may decide it directly, with a note; without one the field is named', async () => {
    const { janeLink, call, staff, stageId } = await setup();
    await call(janeLink.token, 'POST', '/consent', { stage_id: stageId, accepted: false });
    const [request] = (await staff('GET', '/decisions?status=open')).body;
    const bare = await staff('POST', `/decisions/${request.id}/decide`, { outcome: 'advance' });
    expect(bare.status).toBe(400);
    expect(bare.body.issues).toEqual([expect.objectContaining({ path: ['note'] })]);
    const decided = await staff('POST', `/decisions/${request.id}/decide`, {
      outcome: 'advance',
      note: 'Ran the screen by phone',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toMatchObject({ outcome: 'advance', suggested: null });
  });

  test.each([
    ['a stage id that is not a UUID', { stage_id: 'phone', accepted: true }, 'stage_id'],
    ['no answer', { stage_id: '00000000-0000-4000-8000-000000000000' }, 'accepted'],
    [
      'an answer that is not true or false',
      { stage_id: '00000000-0000-4000-8000-000000000000', accepted: 'yes' },
      'accepted',
    ],
  ])('%s: 400 naming the field', async (_, body, field) => {
    const { janeLink, call } = await setup();
    const res = await call(janeLink.token, 'POST', '/consent', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(new RegExp(`^${field}: `));
  });

  test('a body that is not JSON, or has unknown keys: 400', async () => {
    const { janeLink, call, stageId } = await setup();
    expect((await call(janeLink.token, 'POST', '/consent', 'not json')).status).toBe(400);
    const extra = await call(janeLink.token, 'POST', '/consent', { stage_id: stageId, accepted: true, note: 'x' });
    expect(extra.status).toBe(400);
  });

  test('a stage that is not the current one, or not AI-run: 409', async () => {
    const { janeLink, call, stages } = await setup();
    const technical = await call(janeLink.token, 'POST', '/consent', { stage_id: stages[1]!.id, accepted: true });
    expect(technical.status).toBe(409);
    expect(await technical.json()).toEqual({
      error: expect.stringContaining('the stage you are at now, Phone Screen'),
    });

    const essayFirst = await setup([
      { type: 'essay', stage_type: 'async_assessment', automation_rule: 'auto_advance' },
      { type: 'phone_screen', automation_rule: 'auto_advance' },
    ]);
    const essay = await essayFirst.call(essayFirst.janeLink.token, 'POST', '/consent', {
      stage_id: essayFirst.stageId,
      accepted: true,
    });
    expect(essay.status).toBe(409);
    expect(await essay.json()).toEqual({ error: expect.stringContaining('is not run by an AI interviewer') });
  });

  test('a participant who has withdrawn: 409 for reading and answering', async () => {
    const { janeLink, call, stageId } = await setup();
    expect((await call(janeLink.token, 'POST', '/withdraw', {})).status).toBe(200);
    expect((await call(janeLink.token, 'GET', '/consent')).status).toBe(409);
    const res = await call(janeLink.token, 'POST', '/consent', { stage_id: stageId, accepted: false });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: expect.stringContaining('withdrawn') });
  });

  test("another participant's link answers for that participant only", async () => {
    const { t, jane, john, janeLink, johnLink, call, staff, stageId } = await setup();
    // Both are at Phone Screen: John's token, with the same stage, changes John's answer and never Jane's.
    expect((await call(johnLink.token, 'POST', '/consent', { stage_id: stageId, accepted: false })).status).toBe(200);
    const consent = PortalConsentView.parse(await (await call(janeLink.token, 'GET', '/consent')).json());
    expect(consent.consent).toBe('needed');
    expect((await t.api.participants.byId({ id: jane.id })).progress[0]?.consent).toBeNull();
    const inbox = (await staff('GET', '/decisions?status=open')).body as { participant_id: string }[];
    expect(inbox.map((d) => d.participant_id)).toEqual([john.id]);
    // Jane's answer is still hers to give.
    expect((await call(janeLink.token, 'POST', '/consent', { stage_id: stageId, accepted: true })).status).toBe(200);
  });
});

describe('PUT /api/v1/portal-notice', () => {
  test('saves the workspace notice settings, as who saved them; bad input is a 400 naming the field', async () => {
    const { staff } = await setup();
    expect((await staff('GET', '/portal-notice')).body).toEqual({
      organization: null,
      contact: null,
      transcript_retention_days: null,
      updated_at: null,
      updated_by: null,
    });
    const saved = await staff('PUT', '/portal-notice', { organization: 'Acme', transcript_retention_days: 30 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      organization: 'Acme',
      contact: null,
      transcript_retention_days: 30,
      updated_at: expect.any(String),
      updated_by: expect.stringMatching(/^api_key:/),
    });
    for (const [body, field] of [
      [{ transcript_retention_days: 0 }, 'transcript_retention_days'],
      [{ transcript_retention_days: 'thirty' }, 'transcript_retention_days'],
      [{ organization: 'x'.repeat(201) }, 'organization'],
      [{ contact: 42 }, 'contact'],
    ] as const) {
      const refused = await staff('PUT', '/portal-notice', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.issues).toEqual([expect.objectContaining({ path: [field] })]);
    }
    // Nothing saved is lost by a refusal.
    expect((await staff('GET', '/portal-notice')).body).toMatchObject({ organization: 'Acme' });
  });
});
