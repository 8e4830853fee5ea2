import { PortalAnswers } from '@stageflow/domain';
import { NOW } from '@stageflow/testing';
import { describe, expect, test } from 'vitest';
import { essayStage, portalApiCaller, setupPortal } from '../testing-portal.ts';

const BASE = '/api/portal/v1';
const LATER = '2026-06-01T10:05:00.000Z';

/**
 * A written assessment with two questions (auto-advance at 60), then an AI interview: Jane starts the
 * essay from her portal; John is another participant of the same template.
 */
async function setup() {
  const portal = await setupPortal({
    stages: [
      essayStage({
        question_set: [
          { id: 'why', prompt: 'Why do you want this role?', max_length: 40 },
          { prompt: 'Describe a system you designed.' },
        ],
      }),
      { type: 'phone_screen', pass_threshold: 60, automation_rule: 'auto_advance' },
    ],
  });
  const { app, janeLink } = portal;
  const call = portalApiCaller(app);
  const started = await call(janeLink.token, 'POST', '/sessions', {});
  const session = (await started.json()) as { id: string };
  const [essay] = portal.stages;
  const second = essay?.question_set[1]?.id ?? '';
  const jane = (method: string, path: string, body?: unknown) => call(janeLink.token, method, path, body);
  return { ...portal, call, jane, sessionId: session.id, second };
}

describe('GET /api/portal/v1/sessions/{id}/answers', () => {
  test('the questions in order, nothing answered yet, editable', async () => {
    const { jane, sessionId, second } = await setup();
    const res = await jane('GET', `/sessions/${sessionId}/answers`);
    expect(res.status).toBe(200);
    expect(PortalAnswers.parse(await res.json())).toEqual({
      stage_name: 'Essay',
      editable: true,
      submitted: false,
      submitted_at: null,
      questions: [
        { id: 'why', number: 1, prompt: 'Why do you want this role?', max_length: 40, text: '', updated_at: null },
        {
          id: second,
          number: 2,
          prompt: 'Describe a system you designed.',
          max_length: 10_000,
          text: '',
          updated_at: null,
        },
      ],
    });
  });

  test("another participant's session, or an unknown one, is a 404 on every route", async () => {
    const { call, johnLink, sessionId } = await setup();
    for (const [method, path, body] of [
      ['GET', `/sessions/${sessionId}/answers`],
      ['PUT', `/sessions/${sessionId}/answers`, { answers: [] }],
      ['POST', `/sessions/${sessionId}/submit`],
      ['GET', '/sessions/00000000-0000-4000-8000-000000000000/answers'],
    ] as const) {
      const res = await call(johnLink.token, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });

  test('without credentials: 401', async () => {
    const { app, sessionId } = await setup();
    expect((await app.request(`${BASE}/sessions/${sessionId}/answers`)).status).toBe(401);
  });
});

describe('PUT /api/portal/v1/sessions/{id}/answers', () => {
  test('a partial save keeps the other answers; reading again gives what was saved', async () => {
    const { jane, sessionId, second, at } = await setup();
    const first = await jane('PUT', `/sessions/${sessionId}/answers`, {
      answers: [{ question_id: 'why', text: 'I like hard problems' }],
    });
    expect(first.status).toBe(200);
    at(LATER);
    await jane('PUT', `/sessions/${sessionId}/answers`, { answers: [{ question_id: second, text: 'A queue' }] });
    const again = PortalAnswers.parse(await (await jane('GET', `/sessions/${sessionId}/answers`)).json());
    expect(again.questions.map((q) => [q.text, q.updated_at])).toEqual([
      ['I like hard problems', NOW],
      ['A queue', LATER],
    ]);
  });

  test('an answer over its limit is a 400 naming the question, and nothing of that save is kept', async () => {
    const { jane, sessionId, second } = await setup();
    await jane('PUT', `/sessions/${sessionId}/answers`, { answers: [{ question_id: 'why', text: 'Short' }] });
    const res = await jane('PUT', `/sessions/${sessionId}/answers`, {
      answers: [
        { question_id: second, text: 'Fine' },
        { question_id: 'why', text: 'x'.repeat(41) },
      ],
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'answers.1.text: the answer to question 1 ("Why do you want this role?") is 41 characters; at most 40',
    });
    const view = PortalAnswers.parse(await (await jane('GET', `/sessions/${sessionId}/answers`)).json());
    expect(view.questions.map((q) => q.text)).toEqual(['Short', '']);
  });

  test('the rows are the workspace’s: another workspace reads nothing of them', async () => {
    const { t, jane, sessionId } = await setup();
    await jane('PUT', `/sessions/${sessionId}/answers`, { answers: [{ question_id: 'why', text: 'Mine' }] });
    expect(t.repos.answers.forSession(t.workspaceId, sessionId).answers).toEqual([
      { question_id: 'why', text: 'Mine', updated_at: NOW },
    ]);
    expect(t.repos.answers.forSession(t.otherWorkspaceId, sessionId)).toEqual({ answers: [], submission: null });
  });

  test.each([
    ['not JSON', '{', 'body: '],
    ['no answers', {}, 'answers: '],
    ['an unknown key', { answers: [], extra: 1 }, 'body: '],
    ['a text that is not a string', { answers: [{ question_id: 'why', text: 3 }] }, 'answers.0.text: '],
    ['an unknown question', { answers: [{ question_id: 'nope', text: 'a' }] }, 'answers.0.question_id: '],
  ])('%s: a 400 naming the field', async (_, body, start) => {
    const { jane, sessionId } = await setup();
    const res = await jane('PUT', `/sessions/${sessionId}/answers`, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error.startsWith(start)).toBe(true);
  });
});

describe('POST /api/portal/v1/sessions/{id}/submit', () => {
  test('submits once, as the participant; then nothing changes and a second submit is a 409', async () => {
    const { t, jane, sessionId } = await setup();
    const janeId = (await t.api.sessions.byId({ id: sessionId })).participant_id;
    await jane('PUT', `/sessions/${sessionId}/answers`, { answers: [{ question_id: 'why', text: 'Because' }] });
    const res = await jane('POST', `/sessions/${sessionId}/submit`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ submitted: true, submitted_at: NOW, editable: false });

    const twice = await jane('POST', `/sessions/${sessionId}/submit`);
    expect(twice.status).toBe(409);
    expect(await twice.json()).toEqual({ error: 'You already submitted these answers; they can no longer change' });
    const late = await jane('PUT', `/sessions/${sessionId}/answers`, {
      answers: [{ question_id: 'why', text: 'Edit' }],
    });
    expect(late.status).toBe(409);

    const participant = await t.api.participants.byId({ id: janeId });
    const { items } = await t.api.participants.timeline({ id: janeId, limit: 100 });
    const event = items.find((e) => e.type === 'participant_submitted_answers');
    expect(event).toMatchObject({
      actor: `participant:${janeId}`,
      data: { session_id: sessionId, questions: 2, answered: 1, attempt: 1 },
    });
    // The session stays under way until a reviewer completes it.
    expect(participant.sessions[0]).toMatchObject({ id: sessionId, status: 'in_progress' });
  });

  test('finishing an assessment with questions is refused: it ends with the answers', async () => {
    const { jane, sessionId } = await setup();
    const res = await jane('POST', `/sessions/${sessionId}/finish`);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'This assessment ends when you submit your answers' });
  });
});

describe('a reviewer scores the submitted answers', () => {
  test('staff read them; completing keeps them as the transcript; the participant advances by the rule', async () => {
    const { t, jane, janeLink, call, sessionId, second, stages } = await setup();
    await jane('PUT', `/sessions/${sessionId}/answers`, {
      answers: [
        { question_id: 'why', text: 'Because' },
        { question_id: second, text: 'A queue' },
      ],
    });
    const before = await t.api.sessions.answers({ id: sessionId });
    expect(before).toEqual({ session_id: sessionId, submitted_at: null, questions: [] });
    await jane('POST', `/sessions/${sessionId}/submit`);

    const answers = await t.api.sessions.answers({ id: sessionId });
    expect(answers.questions.map((q) => [q.number, q.prompt, q.text, q.dimension])).toEqual([
      [1, 'Why do you want this role?', 'Because', null],
      [2, 'Describe a system you designed.', 'A queue', null],
    ]);
    // Another workspace does not see the session at all.
    await expect(t.other.sessions.answers({ id: sessionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const { session, participant } = await t.api.sessions.complete({ session_id: sessionId, overall_score: 80 });
    expect(session.scorecard?.transcript.map((e) => [e.speaker, e.text])).toEqual([
      ['Question 1', 'Why do you want this role?'],
      ['Participant', 'Because'],
      ['Question 2', 'Describe a system you designed.'],
      ['Participant', 'A queue'],
    ]);
    expect(participant.current_stage_id).toBe(stages[1]?.id);
    const me = (await (await call(janeLink.token, 'GET', '/me')).json()) as { next: { stage_name: string } };
    expect(me.next.stage_name).toBe('Phone Screen');
  });

  test("a reviewer's own transcript is kept as given", async () => {
    const { t, jane, sessionId } = await setup();
    await jane('POST', `/sessions/${sessionId}/submit`);
    const transcript = [{ speaker: 'Reviewer', text: 'Read in full', at: NOW }];
    const { session } = await t.api.sessions.complete({ session_id: sessionId, overall_score: 80, transcript });
    expect(session.scorecard?.transcript).toEqual(transcript);
  });

  test('recording a result in one step also keeps the answers as the transcript', async () => {
    const { t, jane, sessionId } = await setup();
    await jane('PUT', `/sessions/${sessionId}/answers`, { answers: [{ question_id: 'why', text: 'Because' }] });
    await jane('POST', `/sessions/${sessionId}/submit`);
    const { participant_id } = await t.api.sessions.byId({ id: sessionId });
    const { session } = await t.api.sessions.recordResult({ participant_id, overall_score: 30 });
    expect(session.id).toBe(sessionId);
    expect(session.scorecard?.transcript.map((e) => e.text)).toEqual([
      'Why do you want this role?',
      'Because',
      'Describe a system you designed.',
    ]);
  });
});
