import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, createDb, migrateDb } from '@stageflow/db';
import { END_MARKER, interviewPlan, OPENING_CUE, PROMPT_VERSION } from '@stageflow/domain';
import { NOW } from '@stageflow/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { interviewerReply, readInterview, readTranscript, storeAnswer } from '../application/interview.ts';
import { collect, setupInterview, streamed } from '../testing-interview.ts';
import { InterviewerUnavailableError } from './failures.ts';
import { interviewSubjectFor } from './runner.ts';

type Kit = Awaited<ReturnType<typeof setupInterview>>;
const opened: Kit[] = [];
async function setup(options: Parameters<typeof setupInterview>[0] = {}) {
  const kit = await setupInterview(options);
  opened.push(kit);
  return kit;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((kit) => kit.fake.close()));
});

const minutesAfter = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();

/** Jane's session started, and the kit's helpers bound to it. */
async function started(options: Parameters<typeof setupInterview>[0] = {}) {
  const kit = await setup(options);
  const sessionId = await kit.janeStarts();
  const ctx = kit.janeContext();
  const jane = kit.jane.id;
  return {
    ...kit,
    sessionId,
    ctx,
    resume: () => collect(interviewerReply(ctx, jane, sessionId, null)),
    answer: async (text: string, key: string | null = null) => {
      const stored = await storeAnswer(ctx, jane, sessionId, { text }, key);
      return collect(interviewerReply(ctx, jane, sessionId, stored));
    },
    view: () => readInterview(ctx, jane, sessionId),
    finishedEvents: async () =>
      (await kit.t.api.participants.timeline({ id: jane, limit: 100 })).items.filter(
        (e) => e.type === 'participant_finished_session',
      ),
  };
}

/** The requests for interviewer turns (streamed), without the scoring that follows an interview's end. */
const turnRequests = (fake: { chatRequests: () => unknown[] }) =>
  (fake.chatRequests() as { messages: { role: string; content: string }[]; stream?: boolean }[]).filter(
    (r) => r.stream === true,
  );

describe('the runner on the model (docs/rules.md#the-interview)', () => {
  test('streams each interviewer turn as it is written, stores it whole, and sends the conversation so far', async () => {
    const s = await started();
    s.fake.enqueue({
      type: 'text',
      text: 'Hello Jane, I am Ada. Tell me about a system you designed.',
      chunkDelayMs: 5,
    });
    const greeting = await s.resume();
    expect(greeting.error).toBeUndefined();
    const pieces = streamed(greeting.events);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe('Hello Jane, I am Ada. Tell me about a system you designed.');
    expect(greeting.events.at(-2)).toMatchObject({ type: 'turn', turn: { index: 0, speaker: 'interviewer' } });
    expect(greeting.events.at(-1)).toMatchObject({ type: 'end', interview: { status: 'awaiting_participant' } });

    s.fake.enqueue({ type: 'text', text: 'What would you do differently?' });
    const reply = await s.answer('A payments ledger on PostgreSQL.');
    expect(reply.result?.answer).toMatchObject({
      index: 1,
      speaker: 'participant',
      text: 'A payments ledger on PostgreSQL.',
    });
    expect(reply.result?.turn).toMatchObject({
      index: 2,
      speaker: 'interviewer',
      text: 'What would you do differently?',
    });

    const [, second] = s.fake.chatRequests() as { messages: { role: string; content: string }[]; stream: boolean }[];
    expect(second!.stream).toBe(true);
    expect(second!.messages.map((m) => [m.role, m.content])).toEqual([
      ['system', expect.stringContaining('## This turn')],
      ['user', OPENING_CUE],
      ['assistant', 'Hello Jane, I am Ada. Tell me about a system you designed.'],
      ['user', 'A payments ledger on PostgreSQL.'],
    ]);
    const transcript = await readTranscript(s.ctx, s.sessionId);
    expect(transcript).toMatchObject({
      source: 'model',
      prompt_version: PROMPT_VERSION,
      status: 'awaiting_participant',
    });
    expect(transcript.turns.map((t) => [t.speaker, t.source])).toEqual([
      ['interviewer', 'model'],
      ['participant', null],
      ['interviewer', 'model'],
    ]);
  });

  test('a 429 is retried, and the turn arrives', async () => {
    const s = await started();
    s.fake.enqueue({ type: 'error', status: 429 }, { type: 'text', text: 'Welcome.' });
    const greeting = await s.resume();
    expect(greeting.result?.turn.text).toBe('Welcome.');
    expect(s.fake.chatRequests()).toHaveLength(2);
  });

  test('a model that keeps failing: the participant is told it is unavailable, the answer is kept, and Try again asks again', async () => {
    const s = await started();
    s.fake.enqueue({ type: 'text', text: 'Tell me about a design.' });
    await s.resume();
    s.fake.enqueue(...Array.from({ length: 3 }, () => ({ type: 'error' as const, status: 500 })));
    const failed = await s.answer('My kept answer.');
    expect(failed.error).toBeInstanceOf(InterviewerUnavailableError);
    expect((failed.error as InterviewerUnavailableError).publicMessage).toBe(
      'The interviewer is unavailable; your answers are saved',
    );
    // The answer was stored, and said so, before the model was asked.
    expect(failed.events).toEqual([{ type: 'turn', turn: expect.objectContaining({ text: 'My kept answer.' }) }]);
    expect(await s.view()).toMatchObject({
      status: 'awaiting_interviewer',
      turns: [{ speaker: 'interviewer' }, { speaker: 'participant', text: 'My kept answer.' }],
    });

    s.fake.enqueue({ type: 'text', text: 'Thanks. Now, coding.' });
    const retried = await s.resume();
    expect(retried.result).toMatchObject({ answer: null, turn: { index: 2, text: 'Thanks. Now, coding.' } });
    // The answer went to the model again, once.
    const last = s.fake.chatRequests().at(-1) as { messages: { content: string }[] };
    expect(last.messages.filter((m) => m.content === 'My kept answer.')).toHaveLength(1);
  });

  test('an empty answer from the model is unavailable mid-interview; at the greeting the plan takes over', async () => {
    const s = await started();
    s.fake.enqueue({ type: 'malformed', content: `   ${END_MARKER}  ` });
    const greeting = await s.resume();
    const plan = interviewPlan(await interviewSubjectFor(s.ctx, s.stages[0]!.id));
    expect(greeting.result?.turn.text).toBe(`${plan.greeting}\n\n${plan.questions[0]!.question}`);
    expect((await readTranscript(s.ctx, s.sessionId)).source).toBe('plan');
    // The session stays on the plan: the model is not asked again.
    await s.answer('First answer.');
    expect(s.fake.chatRequests()).toHaveLength(1);

    const m = await started();
    m.fake.enqueue({ type: 'text', text: 'Hello.' }, { type: 'malformed', content: '' });
    await m.resume();
    const failed = await m.answer('Answer.');
    expect((failed.error as InterviewerUnavailableError).reason).toBe('bad_response');
    expect((await m.view()).status).toBe('awaiting_interviewer');
  });

  test('a model that does not answer in time: unavailable, the answer kept', async () => {
    const s = await started({ client: { idleTimeoutMs: 150 } });
    s.fake.enqueue({ type: 'text', text: 'Hello.' });
    await s.resume();
    s.fake.enqueue({ type: 'text', text: 'Too late.', delayMs: 1_000 });
    const failed = await s.answer('Waiting answer.');
    expect((failed.error as InterviewerUnavailableError).reason).toBe('timeout');
    expect((await s.view()).turns.at(-1)).toMatchObject({ speaker: 'participant', text: 'Waiting answer.' });
  });

  test('the closing marker ends the interview only once every dimension has an answer; never shown or stored', async () => {
    const s = await started();
    s.fake.enqueue({ type: 'text', text: 'Hello. Design first?' });
    await s.resume();
    s.fake.enqueue({ type: 'text', text: `Goodbye already.\n${END_MARKER}` });
    const early = await s.answer('One.');
    expect(early.result?.turn).toMatchObject({ text: 'Goodbye already.' });
    expect(early.result?.interview.status).toBe('awaiting_participant');
    expect(streamed(early.events).join('')).not.toContain('[[');

    s.fake.enqueue({ type: 'text', text: `Thank you, that covers it. The team will be in touch.\n${END_MARKER}` });
    const done = await s.answer('Two.');
    expect(done.result?.turn.text).toBe('Thank you, that covers it. The team will be in touch.');
    expect(done.result?.interview).toMatchObject({ status: 'ended', ended_by: 'interviewer' });
    expect(await s.finishedEvents()).toMatchObject([
      { actor: `participant:${s.jane.id}`, data: { session_id: s.sessionId, ended_by: 'interviewer' } },
    ]);
  });

  test('the answers the plan allows run out: the interviewer is told to close, and the interview ends', async () => {
    // Ada: two dimensions, probing low → one follow-up each: four answers at most.
    const s = await started({
      interviewer: {
        interaction: { tone: 'professional', style: 'structured', difficulty: 'medium', probing_depth: 'low' },
      },
    });
    s.fake.enqueue({ type: 'text', text: 'Hello.' });
    await s.resume();
    for (const n of [1, 2, 3]) {
      s.fake.enqueue({ type: 'text', text: `Question ${n + 1}?` });
      expect((await s.answer(`Answer ${n}.`)).result?.interview.status).toBe('awaiting_participant');
    }
    s.fake.enqueue({ type: 'text', text: 'Thank you for your time.' });
    const last = await s.answer('Answer 4.');
    expect(last.result?.interview).toMatchObject({ status: 'ended', ended_by: 'interviewer' });
    // The last turn's request (scoring, which follows the end, is not streamed).
    const request = turnRequests(s.fake).at(-1)!;
    expect(request.messages[0]!.content).toContain('close the session now, and ask nothing more');
  });

  test('once the time is spent, the next answer is kept and the interviewer closes', async () => {
    const s = await started();
    s.fake.enqueue({ type: 'text', text: 'Hello.' });
    await s.resume();
    expect((await s.view()).seconds_left).toBe(30 * 60);
    s.at(minutesAfter(31));
    expect(await s.view()).toMatchObject({ seconds_left: 0, status: 'awaiting_participant' });
    s.fake.enqueue({ type: 'text', text: 'We are out of time. Thank you.' });
    const last = await s.answer('Late answer.');
    expect(last.result).toMatchObject({
      answer: { text: 'Late answer.' },
      turn: { text: 'We are out of time. Thank you.' },
      interview: { status: 'ended', ended_by: 'time', seconds_left: 0 },
    });
    const request = turnRequests(s.fake).at(-1)!;
    expect(request.messages[0]!.content).toContain('The time for this session is up');
    // A closing the model cannot give is the plan's.
    const t = await started();
    t.fake.enqueue({ type: 'text', text: 'Hello.' });
    await t.resume();
    t.at(minutesAfter(45));
    t.fake.enqueue(...Array.from({ length: 3 }, () => ({ type: 'error' as const, status: 503 })));
    const closing = await t.answer('Late.');
    expect(closing.result?.turn.text).toBe(interviewPlan(await interviewSubjectFor(t.ctx, t.stages[0]!.id)).closing);
    expect(closing.result?.interview.ended_by).toBe('time');
  });

  test('two requests for the same turn at once store it once', async () => {
    const s = await started();
    s.fake.enqueue({ type: 'text', text: 'First.', delayMs: 50 }, { type: 'text', text: 'Second.', delayMs: 50 });
    const [a, b] = await Promise.all([s.resume(), s.resume()]);
    expect(a.result?.turn).toEqual(b.result?.turn);
    expect((await s.view()).turns).toHaveLength(1);
  });
});

describe('each AI-run stage type runs its own interview', () => {
  test.each([
    ['practice_session', 'After each answer, before the next question, give short feedback'],
    ['roleplay_simulation', 'This is a role-play. You play the other party'],
  ] as const)('%s: the model is told what the stage asks of it', async (stageType, words) => {
    const s = await started({ stageType });
    s.fake.enqueue({ type: 'text', text: 'Hello.' }, { type: 'text', text: 'Good point on scope; next, testing?' });
    await s.resume();
    const reply = await s.answer('I would cut scope first.');
    expect(reply.result?.turn.text).toBe('Good point on scope; next, testing?');
    const request = s.fake.chatRequests().at(-1) as { messages: { content: string }[] };
    expect(request.messages[0]!.content).toContain(words);
  });
});

describe('without a model: the plan', () => {
  test('the greeting with the first question, one question per dimension, then the closing; the session waits for a reviewer', async () => {
    const s = await started({ model: false });
    const plan = interviewPlan(await interviewSubjectFor(s.ctx, s.stages[0]!.id));
    const greeting = await s.resume();
    expect(streamed(greeting.events)).toEqual([`${plan.greeting}\n\n${plan.questions[0]!.question}`]);
    expect(plan.questions.map((q) => q.dimension)).toEqual(['Design', 'Coding']);
    const second = await s.answer('About design.');
    expect(second.result?.turn.text).toBe(plan.questions[1]!.question);
    const last = await s.answer('About coding.');
    expect(last.result).toMatchObject({
      turn: { text: plan.closing },
      interview: { status: 'ended', ended_by: 'interviewer' },
    });
    expect(s.fake.requests).toEqual([]);
    expect(await readTranscript(s.ctx, s.sessionId)).toMatchObject({ source: 'plan', status: 'ended' });
    expect(await s.finishedEvents()).toHaveLength(1);
    // Still in progress: a reviewer scores it beside the transcript, which the scorecard then keeps.
    const completed = await s.t.api.sessions.complete({
      session_id: s.sessionId,
      dimension_scores: [
        { name: 'Design', score: 7 },
        { name: 'Coding', score: 6 },
      ],
    });
    expect(completed.session.scorecard?.transcript.map((t) => t.speaker)).toEqual([
      'interviewer',
      'participant',
      'interviewer',
      'participant',
      'interviewer',
    ]);
  });
});

describe('a restart', () => {
  test('a server started again over the same database resumes the conversation where it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stageflow-interview-'));
    try {
      const file = join(dir, 'stageflow.db');
      const db = createDb(file);
      migrateDb(db);
      const s = await started({ db, model: false });
      await s.resume();
      await s.answer('Before the restart.');
      closeDb(db);

      const reopened = createDb(file);
      const app = s.restartOver(reopened);
      const call = (method: string, path: string, body?: unknown) =>
        app.request(`/api/portal/v1/sessions/${s.sessionId}${path}`, {
          method,
          headers: { authorization: `Bearer ${s.janeLink.token}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      const view = await (await call('GET', '/turns')).json();
      expect(view).toMatchObject({ status: 'awaiting_participant', turns: [{}, { text: 'Before the restart.' }, {}] });
      const after = await call('POST', '/turns', { text: 'After the restart.' });
      expect(after.status).toBe(200);
      expect(await after.json()).toMatchObject({
        answer: { index: 3, text: 'After the restart.' },
        interview: { status: 'ended' },
      });
      closeDb(reopened);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
