import { type FakeModelServer, interviewerInput, startFakeModelServer } from '@stageflow/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { modelAnswer, SAID, storeInterview } from '../testing-scoring.ts';
import { restApp } from './rest-testing.ts';

/**
 * `POST /sessions/{session_id}/score` and `POST /sessions/{session_id}/replace-scorecard` over HTTP
 * (docs/surfaces.md), against a fake model server: answers, refusals naming the field, and the
 * OpenAPI document.
 */

let fake: FakeModelServer;
let t: ReturnType<typeof restApp>;
beforeEach(async () => {
  fake = await startFakeModelServer();
  t = restApp();
});
afterEach(() => fake.close());

/**
 * An interviewer stage (60, auto_advance) and a participant whose interview there is over (its turns
 * stored as the portal stores them), on the fake model.
 */
async function sessionAtInterview() {
  const profile = (await t.call('POST', '/agent-profiles', interviewerInput())).body;
  const template = (await t.call('POST', '/evaluation-templates', { template_name: 'T', use_case: 'hiring' })).body;
  for (const [type, stage_type] of [
    ['phone_screen', 'ai_interview'],
    ['final', 'final_review'],
  ]) {
    await t.call('POST', '/evaluation-stages', {
      evaluation_template_id: template.id,
      type,
      stage_type,
      pass_threshold: 60,
      automation_rule: 'auto_advance',
      ...(stage_type === 'ai_interview' ? { agent_profile_id: profile.id } : {}),
    });
  }
  await t.call('PUT', '/interviewer-model', { base_url: fake.url, model: 'llama3.1:8b' });
  const person = (
    await t.call('POST', '/participants', { evaluation_template_id: template.id, name: 'Jo', email: 'jo@example.com' })
  ).body;
  const session = (await t.call('POST', '/sessions', { participant_id: person.id })).body.session;
  await t.call('POST', `/sessions/${session.id}/start`);
  storeInterview(t, session.id);
  return { person, session };
}

describe('POST /api/v1/sessions/{session_id}/score', () => {
  test('scores the stored record, answers the session, the participant and what scoring did', async () => {
    const { session } = await sessionAtInterview();
    fake.enqueue({ type: 'json', value: modelAnswer(9, 8, { Coding: [SAID.Coding, 'I never ship on Fridays'] }) });
    const res = await t.call('POST', `/sessions/${session.id}/score`);
    expect(res.status).toBe(200);
    expect(res.body.scoring).toEqual({ status: 'scored', needs_review: false, quotes_dropped: 1 });
    expect(res.body.session.scorecard.dimension_scores[1]).toMatchObject({
      evidence: [SAID.Coding],
      evidence_dropped: 1,
    });
    expect(res.body.participant.stage_state).toBe('pending');
  });

  test('a model that fails: 200, not scored, and why in plain words', async () => {
    const { session } = await sessionAtInterview();
    fake.enqueue({ type: 'malformed' }, { type: 'malformed' });
    const res = await t.call('POST', `/sessions/${session.id}/score`);
    expect(res.status).toBe(200);
    expect(res.body.scoring).toMatchObject({ status: 'not_scored', reason: 'bad_response' });
    expect(res.body.session.status).toBe('in_progress');
    // It waits in the inbox for a reviewer.
    const waiting = await t.call('GET', '/decisions/awaiting-score');
    expect(waiting.body).toEqual([expect.objectContaining({ session_id: session.id })]);
  });

  test('a body with more than the session is a 400 naming the field; an unknown session a 404', async () => {
    const { session } = await sessionAtInterview();
    const bad = await t.call('POST', `/sessions/${session.id}/score`, { transcript: [] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('transcript');
    const unknown = await t.call('POST', '/sessions/00000000-0000-4000-8000-00000000ffff/score');
    expect(unknown.status).toBe(404);
    expect(fake.requests).toEqual([]);
  });
});

describe('POST /api/v1/sessions/{session_id}/replace-scorecard', () => {
  test('corrects a score with a note (400 on note without); recomputes while at the stage, else flags it for a person', async () => {
    const { session } = await sessionAtInterview();
    fake.enqueue({ type: 'json', value: modelAnswer(9, 9, { Design: [] }) });
    await t.call('POST', `/sessions/${session.id}/score`);

    const noNote = await t.call('POST', `/sessions/${session.id}/replace-scorecard`, { overall_score: 70 });
    expect(noNote.status).toBe(400);
    expect(noNote.body.issues).toEqual([expect.objectContaining({ path: ['note'] })]);

    const res = await t.call('POST', `/sessions/${session.id}/replace-scorecard`, {
      overall_score: 40,
      note: 'The design answer was read aloud from notes.',
    });
    expect(res.status).toBe(200);
    expect(res.body.session.scorecard).toMatchObject({ overall_score: 40, passed: false, needs_review: false });
    expect(res.body.session.replaced_scorecards).toHaveLength(1);
    // 40 under auto_advance with no attempts left and no auto_reject: a reviewer decides.
    expect(res.body.participant.decisions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'scorecard_needs_review', status: 'decided', outcome: null }),
        expect.objectContaining({ reason: 'failed_no_retakes', status: 'open' }),
      ]),
    );

    // Still at the stage, nobody decided: corrected again, the rules recompute on the 90 and advance.
    const again = await t.call('POST', `/sessions/${session.id}/replace-scorecard`, { overall_score: 90, note: 'n' });
    expect(again.status).toBe(200);
    expect(again.body.session.replaced_scorecards).toHaveLength(2);
    expect(again.body.participant.current_stage_id).not.toBe(session.stage_id);

    // Left the stage: the correction is recorded, nobody moves, and a decision flags it for a person.
    const late = await t.call('POST', `/sessions/${session.id}/replace-scorecard`, { overall_score: 10, note: 'typo' });
    expect(late.status).toBe(200);
    expect(late.body.participant.current_stage_id).toBe(again.body.participant.current_stage_id);
    const flag = late.body.participant.decisions.find((d: { reason: string }) => d.reason === 'scorecard_corrected');
    expect(flag).toMatchObject({ status: 'open', suggested: null, session_id: session.id });

    const wrong = await t.call('POST', `/decisions/${flag.id}/decide`, { outcome: 'advance', note: 'x' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues).toEqual([expect.objectContaining({ path: ['outcome'] })]);
    const kept = await t.call('POST', `/decisions/${flag.id}/decide`, {
      outcome: 'keep',
      note: 'Checked: 90 was right.',
    });
    expect(kept.status).toBe(200);
    expect(kept.body.participant.current_stage_id).toBe(again.body.participant.current_stage_id);
  });
});

test('the routes are in the OpenAPI document with their request bodies', async () => {
  const doc = (await t.call('GET', '/openapi.json')).body;
  const score = doc.paths['/sessions/{session_id}/score'].post;
  expect(score.summary).toBe("Score a session with the stage's interviewer");
  expect(JSON.stringify(score.requestBody ?? {})).not.toContain('transcript');
  expect(doc.paths['/decisions/awaiting-score'].get.summary).toBe(
    'List sessions waiting for a reviewer to score them, oldest first',
  );
  const replace = doc.paths['/sessions/{session_id}/replace-scorecard'].post;
  expect(replace.summary).toBe('Correct a recorded score');
  expect(JSON.stringify(replace.requestBody)).toContain('note');
});
