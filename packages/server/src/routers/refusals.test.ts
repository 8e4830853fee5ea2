import type { CompleteSessionInput } from '@stageflow/domain';
import { hoursAfter, NOW } from '@stageflow/testing';
import { beforeEach, describe, expect, test } from 'vitest';
import { type ApiKit, expectTRPCError, setupEngineApi } from '../testing.ts';
import { buildPipeline, person, scores } from '../testing-pipeline.ts';
import { clockedApi, progressAt } from '../testing-progression.ts';

/**
 * Every refusal of docs/rules.md#human-commands over the API: the right tRPC code, a message that says why, and
 * nothing changed by the refused call.
 */

let t: ApiKit;
beforeEach(async () => {
  t = await setupEngineApi();
});

type Api = typeof t.api;
const UNKNOWN = '00000000-0000-4000-8000-000000000999';

/** The seed's pipeline: Phone Screen 60 auto-advance → Technical 75 approval → Final 80 review. */
async function seedPipeline(api: Api = t.api) {
  const built = await buildPipeline(api);
  const [screen, technical, final] = built.stages as [
    (typeof built.stages)[0],
    (typeof built.stages)[0],
    (typeof built.stages)[0],
  ];
  const enrol = (name = 'Jane Smith') =>
    api.participants.create({ evaluation_template_id: built.template.id, ...person(name) });
  return { ...built, screen, technical, final, enrol };
}

/** One AI stage with the given rules, and a participant in it. */
async function oneStage(stage: Parameters<typeof buildPipeline>[1] extends (infer S)[] | undefined ? S : never) {
  const { template, stages } = await buildPipeline(t.api, [stage]);
  const p = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
  return { participant: p, stage: stages[0]! };
}

/** Nothing the refused call could have written is there: the audit trail is as long as before. */
async function eventCount(participantId: string) {
  return (await t.api.events.list({ participant_id: participantId, limit: 500 })).items.length;
}

describe('sessions.schedule', () => {
  test('only at the participant’s current stage', async () => {
    const { enrol, screen, technical } = await seedPipeline();
    const jane = await enrol();
    const before = await eventCount(jane.id);
    await expectTRPCError(t.api.sessions.schedule({ participant_id: jane.id, stage_id: technical.id }), 'CONFLICT', {
      message: /^Jane Smith is at stage "Phone Screen", not at the stage this request names$/,
    });
    await expectTRPCError(t.api.sessions.schedule({ participant_id: jane.id, stage_id: UNKNOWN }), 'CONFLICT', {
      message: /not at the stage this request names/,
    });
    expect(await eventCount(jane.id)).toBe(before);
    // Naming the current stage is fine.
    const { session } = await t.api.sessions.schedule({ participant_id: jane.id, stage_id: screen.id });
    expect(session.stage_id).toBe(screen.id);
  });

  test('not before the retake cool-down is over', async () => {
    const clock = clockedApi(t);
    const { template } = await buildPipeline(clock.api, [
      { type: 'technical', pass_threshold: 75, allow_retake: true, retake_cooldown_hours: 24 },
    ]);
    const p = await clock.api.participants.create({ evaluation_template_id: template.id, ...person() });
    await clock.api.sessions.recordResult({ participant_id: p.id, ...scores(5, 5) });
    await expectTRPCError(clock.api.sessions.schedule({ participant_id: p.id }), 'CONFLICT', {
      message: new RegExp(
        `cannot attempt stage "Technical" at ${NOW.replace(/\./g, '\\.')}: the 24-hour cool-down after the attempt completed at ${NOW.replace(/\./g, '\\.')} is not over`,
      ),
    });
    const booked = await clock.api.sessions.schedule({ participant_id: p.id, scheduled_at: hoursAfter(NOW, 24) });
    expect(booked.session.attempt).toBe(2);
  });

  test('not with no attempts left', async () => {
    const { participant, stage } = await oneStage({ type: 'technical', pass_threshold: 75, automation_rule: 'none' });
    await t.api.sessions.recordResult({ participant_id: participant.id, ...scores(5, 5) });
    expect(await progressAt(t.api, participant.id, stage.id)).toMatchObject({ state: 'failed', attempts_used: 1 });
    const noneLeft = /has no attempts left at stage "Technical" \(1 of 1 used\)/;
    await expectTRPCError(t.api.sessions.schedule({ participant_id: participant.id }), 'CONFLICT', {
      message: noneLeft,
    });
    await expectTRPCError(t.api.sessions.schedule({ participant_id: participant.id, force: true }), 'CONFLICT', {
      message: noneLeft,
    });
    await expectTRPCError(
      t.api.sessions.recordResult({ participant_id: participant.id, ...scores(9, 9) }),
      'CONFLICT',
      { message: noneLeft },
    );
  });

  test('not while another session is open, unless `force` supersedes it', async () => {
    const { enrol } = await seedPipeline();
    const jane = await enrol();
    const first = await t.api.sessions.schedule({ participant_id: jane.id });
    await expectTRPCError(t.api.sessions.schedule({ participant_id: jane.id }), 'CONFLICT', {
      message: /^a session is already scheduled for Jane Smith at stage "Phone Screen"; pass force to replace it$/,
    });
    await t.api.sessions.start({ session_id: first.session.id });
    await expectTRPCError(t.api.sessions.schedule({ participant_id: jane.id }), 'CONFLICT', {
      message: /is already in progress .*pass force to replace it/,
    });

    const forced = await t.api.sessions.schedule({ participant_id: jane.id, force: true });
    expect(forced.session).toMatchObject({ status: 'scheduled', attempt: 1 });
    expect(forced.participant).toMatchObject({ stage_state: 'scheduled', attempts_used: 0 });
    expect(await t.api.sessions.byId({ id: first.session.id })).toMatchObject({ status: 'cancelled' });
    const open = (await t.api.sessions.list({ participant_id: jane.id })).filter(
      (s) => s.status === 'scheduled' || s.status === 'in_progress',
    );
    expect(open.map((s) => s.id)).toEqual([forced.session.id]);
    const { items } = await t.api.events.list({ participant_id: jane.id });
    expect(items.find((e) => e.type === 'session_cancelled')?.data).toMatchObject({
      session_id: first.session.id,
      cause: 'superseded',
    });
  });

  test('not while a decision is awaited, nor after a `none` stage was passed', async () => {
    const { enrol } = await seedPipeline();
    const jane = await enrol();
    await t.api.sessions.recordResult({ participant_id: jane.id, ...scores(8, 8) });
    await t.api.sessions.recordResult({ participant_id: jane.id, ...scores(8, 8) });
    await expectTRPCError(t.api.sessions.schedule({ participant_id: jane.id }), 'CONFLICT', {
      message: /^Jane Smith is awaiting a reviewer's decision at stage "Technical"$/,
    });
    await expectTRPCError(t.api.sessions.recordResult({ participant_id: jane.id, overall_score: 90 }), 'CONFLICT', {
      message: /is awaiting a reviewer's decision/,
    });

    const { participant } = await oneStage({ type: 'technical', pass_threshold: 75, automation_rule: 'none' });
    await t.api.sessions.recordResult({ participant_id: participant.id, ...scores(9, 9) });
    await expectTRPCError(t.api.sessions.schedule({ participant_id: participant.id }), 'CONFLICT', {
      message: /has already passed stage "Technical" and waits to be advanced/,
    });
  });
});

describe('session commands from the wrong state', () => {
  type Status = 'scheduled' | 'in_progress' | 'completed' | 'failed' | 'cancelled';

  /** A session in `status` at a `none` stage, so the participant stays there whatever the result. */
  async function sessionIn(status: Status) {
    const { participant } = await oneStage({
      type: 'technical',
      pass_threshold: 75,
      automation_rule: 'none',
      allow_retake: true,
    });
    const { session } = await t.api.sessions.schedule({ participant_id: participant.id });
    if (status === 'in_progress' || status === 'completed') await t.api.sessions.start({ session_id: session.id });
    if (status === 'completed') await t.api.sessions.complete({ session_id: session.id, ...scores(5, 5) });
    if (status === 'failed') await t.api.sessions.fail({ session_id: session.id });
    if (status === 'cancelled') await t.api.sessions.cancel({ session_id: session.id });
    expect((await t.api.sessions.byId({ id: session.id })).status).toBe(status);
    return { participant, session };
  }

  const commands = {
    start: (session_id: string) => t.api.sessions.start({ session_id }),
    complete: (session_id: string) => t.api.sessions.complete({ session_id, ...scores(9, 9) }),
    fail: (session_id: string) => t.api.sessions.fail({ session_id }),
    cancel: (session_id: string) => t.api.sessions.cancel({ session_id }),
    reschedule: (session_id: string) =>
      t.api.sessions.reschedule({ session_id, scheduled_at: '2026-12-01T09:00:00.000Z' }),
  };

  test.each<[keyof typeof commands, Status, RegExp]>([
    ['start', 'in_progress', /is in progress; only a scheduled session can be started/],
    ['start', 'completed', /is completed; only a scheduled session can be started/],
    ['start', 'failed', /is failed; only a scheduled session can be started/],
    ['start', 'cancelled', /is cancelled; only a scheduled session can be started/],
    ['complete', 'completed', /is completed; only a scheduled or in progress session can be completed/],
    ['complete', 'failed', /is failed; only a scheduled or in progress session can be completed/],
    ['complete', 'cancelled', /is cancelled; only a scheduled or in progress session can be completed/],
    ['fail', 'completed', /is completed; only a scheduled or in progress session can be marked failed/],
    ['fail', 'failed', /is failed; only a scheduled or in progress session can be marked failed/],
    ['fail', 'cancelled', /is cancelled; only a scheduled or in progress session can be marked failed/],
    [
      'cancel',
      'in_progress',
      /is in progress; only a scheduled session can be cancelled \(mark an in-progress session failed instead\)/,
    ],
    ['cancel', 'completed', /is completed; only a scheduled session can be cancelled/],
    ['cancel', 'failed', /is failed; only a scheduled session can be cancelled/],
    ['cancel', 'cancelled', /is cancelled; only a scheduled session can be cancelled/],
    ['reschedule', 'in_progress', /is in progress; only a scheduled session can be rescheduled/],
    ['reschedule', 'completed', /is completed; only a scheduled session can be rescheduled/],
  ])('%s a %s session → CONFLICT', async (command, status, why) => {
    const { participant, session } = await sessionIn(status);
    const before = await eventCount(participant.id);
    const error = await expectTRPCError(commands[command](session.id), 'CONFLICT', { message: why });
    // The caller named the session: the message says what is wrong with it, without repeating its id.
    expect(error.message).toMatch(/^the session is /);
    expect(error.message).not.toContain(session.id);
    expect((await t.api.sessions.byId({ id: session.id })).status).toBe(status);
    expect(await eventCount(participant.id)).toBe(before);
  });

  test('a session nobody knows → NOT_FOUND, in any workspace but its own', async () => {
    for (const command of Object.values(commands)) {
      await expectTRPCError(command(UNKNOWN), 'NOT_FOUND', { message: new RegExp(`Session ${UNKNOWN}`) });
    }
    const { session } = await sessionIn('scheduled');
    await expectTRPCError(t.other.sessions.start({ session_id: session.id }), 'NOT_FOUND');
  });
});

describe('terminal participants accept no command but reading', () => {
  type Terminal = 'completed' | 'rejected' | 'withdrawn';

  /** A participant made terminal the way the product does it, with a session left from before. */
  async function terminal(status: Terminal) {
    const { enrol, final } = await seedPipeline();
    const jane = await enrol();
    const { session } = await t.api.sessions.schedule({ participant_id: jane.id });
    if (status === 'withdrawn') {
      await t.api.participants.withdraw({ participant_id: jane.id, note: 'Accepted another offer' });
    } else if (status === 'rejected') {
      await t.api.sessions.complete({ session_id: session.id, ...scores(7, 7) });
      await t.api.participants.reject({ participant_id: jane.id });
    } else {
      await t.api.sessions.complete({ session_id: session.id, ...scores(7, 7) });
      await t.api.sessions.recordResult({ participant_id: jane.id, ...scores(9, 9) });
      const [decision] = await t.api.decisions.list();
      await t.api.decisions.decide({ decision_id: decision!.id, outcome: 'advance' });
      expect((await t.api.participants.byId({ id: jane.id })).current_stage_id).toBe(final.id);
      await t.api.sessions.recordResult({ participant_id: jane.id, overall_score: 90 });
    }
    const page = await t.api.participants.byId({ id: jane.id });
    expect(page.status).toBe(status);
    return { participant: jane, session, decisions: page.decisions };
  }

  const STATUSES: Terminal[] = ['completed', 'rejected', 'withdrawn'];
  const commands: Record<string, (participantId: string, sessionId: string) => Promise<unknown>> = {
    'sessions.schedule': (id) => t.api.sessions.schedule({ participant_id: id }),
    'sessions.schedule with force': (id) => t.api.sessions.schedule({ participant_id: id, force: true }),
    'sessions.recordResult': (id) => t.api.sessions.recordResult({ participant_id: id, overall_score: 100 }),
    'sessions.start': (_, sessionId) => t.api.sessions.start({ session_id: sessionId }),
    'sessions.complete': (_, sessionId) => t.api.sessions.complete({ session_id: sessionId, overall_score: 100 }),
    'sessions.fail': (_, sessionId) => t.api.sessions.fail({ session_id: sessionId }),
    'sessions.cancel': (_, sessionId) => t.api.sessions.cancel({ session_id: sessionId }),
    'participants.advance': (id) => t.api.participants.advance({ participant_id: id, note: 'Please' }),
    'participants.reject': (id) => t.api.participants.reject({ participant_id: id, note: 'Again' }),
    'participants.withdraw': (id) => t.api.participants.withdraw({ participant_id: id, note: 'Again' }),
    'participants.update': (id) => t.api.participants.update({ id, name: 'Jane Doe' }),
  };

  describe.each(STATUSES)('%s', (status) => {
    test.each(Object.keys(commands))('%s → CONFLICT', async (command) => {
      const { participant, session } = await terminal(status);
      const before = await t.api.participants.byId({ id: participant.id });
      const eventsBefore = (await t.api.participants.timeline({ id: participant.id, limit: 100 })).items;
      const error = await expectTRPCError(commands[command]!(participant.id, session.id), 'CONFLICT');
      // Either the participant is named as terminal, or the session as already ended.
      expect(error.message).toMatch(
        new RegExp(
          `^Jane Smith is ${status}; a ${status} participant accepts no more commands$|^the session is (completed|cancelled)`,
        ),
      );
      const after = await t.api.participants.byId({ id: participant.id });
      expect((await t.api.participants.timeline({ id: participant.id, limit: 100 })).items).toEqual(eventsBefore);
      expect(after).toMatchObject({ status, name: 'Jane Smith', recommendation: before.recommendation });
    });
  });

  test.each(STATUSES)('a %s participant can still be read', async (status) => {
    const { participant } = await terminal(status);
    const page = await t.api.participants.byId({ id: participant.id });
    expect(page.actions).toMatchObject({ schedule: false, record_result: false, advance: false, withdraw: false });
    expect((await t.api.participants.list({ status })).items.map((p) => p.id)).toEqual([participant.id]);
    expect((await t.api.events.list({ participant_id: participant.id })).items.length).toBeGreaterThan(0);
  });

  test('the session command on a terminal participant names the participant, not the session', async () => {
    // Withdrawal cancels what was scheduled; a later start must say the participant is withdrawn.
    const { session } = await terminal('withdrawn');
    expect(await t.api.sessions.byId({ id: session.id })).toMatchObject({ status: 'cancelled' });
    await expectTRPCError(t.api.sessions.start({ session_id: session.id }), 'CONFLICT', {
      message: /^Jane Smith is withdrawn/,
    });
  });
});

describe('decisions.decide', () => {
  /** Jane at Technical awaiting a decision: `approval_required` when she scores 80, `failed_no_retakes` at 50. */
  async function awaiting(passed: boolean) {
    const { enrol, technical } = await seedPipeline();
    const jane = await enrol();
    await t.api.sessions.recordResult({ participant_id: jane.id, ...scores(8, 8) });
    await t.api.sessions.recordResult({ participant_id: jane.id, ...(passed ? scores(8, 8) : scores(5, 5)) });
    const [decision] = await t.api.decisions.list();
    expect(decision).toMatchObject({ suggested: passed ? 'advance' : 'reject', stage_id: technical.id });
    return { jane, decision: decision!, technical };
  }

  test('a second decide on the same decision → CONFLICT', async () => {
    const { decision, jane } = await awaiting(true);
    await t.api.decisions.decide({ decision_id: decision.id, outcome: 'advance' });
    const before = await eventCount(jane.id);
    for (const outcome of ['advance', 'reject', 'retake'] as const) {
      await expectTRPCError(t.api.decisions.decide({ decision_id: decision.id, outcome, note: 'again' }), 'CONFLICT', {
        message: /^the decision was already decided \(advance at .*\); a decision is decided once$/,
      });
    }
    expect(await eventCount(jane.id)).toBe(before);
  });

  test('a decision closed because the participant was withdrawn cannot be decided', async () => {
    const { decision, jane } = await awaiting(true);
    await t.api.participants.withdraw({ participant_id: jane.id });
    await expectTRPCError(t.api.decisions.decide({ decision_id: decision.id, outcome: 'advance' }), 'CONFLICT', {
      message: /was already decided \(closed at/,
    });
    expect(await t.api.decisions.list()).toEqual([]);
  });

  test.each([
    [true, 'reject', /going against the suggestion \(advance\) to reject requires a note/],
    [false, 'advance', /going against the suggestion \(reject\) to advance requires a note/],
    [true, 'retake', /granting Jane Smith a retake at stage "Technical" requires a note/],
    [false, 'retake', /granting Jane Smith a retake at stage "Technical" requires a note/],
  ] as const)('suggested %s: %s without a note → BAD_REQUEST on note', async (passed, outcome, why) => {
    const { decision, jane, technical } = await awaiting(passed);
    for (const note of [undefined, '', '   ']) {
      await expectTRPCError(
        t.api.decisions.decide({ decision_id: decision.id, outcome, ...(note === undefined ? {} : { note }) }),
        'BAD_REQUEST',
        { message: why, issuePath: ['note'] },
      );
    }
    expect(await progressAt(t.api, jane.id, technical.id)).toMatchObject({ state: 'awaiting_decision' });
    expect(await t.api.decisions.openCount()).toBe(1);

    const decided = await t.api.decisions.decide({
      decision_id: decision.id,
      outcome,
      note: 'Discussed with the panel',
    });
    expect(decided.decision).toMatchObject({ status: 'decided', outcome, note: 'Discussed with the panel' });
    const { items } = await t.api.events.list({ participant_id: jane.id });
    expect(items.find((e) => e.type === 'decision_decided')?.data).toMatchObject({
      outcome,
      against_suggestion: true,
      note: 'Discussed with the panel',
    });
  });

  test('following the suggestion needs no note', async () => {
    const { decision } = await awaiting(false);
    const decided = await t.api.decisions.decide({ decision_id: decision.id, outcome: 'reject' });
    expect(decided.participant).toMatchObject({ status: 'rejected', recommendation: 'no_hire' });
  });

  test('a decision nobody knows → NOT_FOUND; a malformed one → BAD_REQUEST', async () => {
    await expectTRPCError(t.api.decisions.decide({ decision_id: UNKNOWN, outcome: 'advance' }), 'NOT_FOUND', {
      message: new RegExp(`Decision ${UNKNOWN}`),
    });
    await expectTRPCError(t.api.decisions.decide({ decision_id: 'nope', outcome: 'advance' }), 'BAD_REQUEST', {
      issuePath: ['decision_id'],
    });
    const { decision } = await awaiting(true);
    await expectTRPCError(
      t.api.decisions.decide({ decision_id: decision.id, outcome: 'hire' as 'advance' }),
      'BAD_REQUEST',
      { issuePath: ['outcome'] },
    );
    await expectTRPCError(t.other.decisions.decide({ decision_id: decision.id, outcome: 'advance' }), 'NOT_FOUND');
  });
});

describe('participants.advance by hand', () => {
  test('someone who has not passed needs a note; with one, the stage is skipped', async () => {
    const { enrol, screen, technical } = await seedPipeline();
    const jane = await enrol();
    await expectTRPCError(t.api.participants.advance({ participant_id: jane.id }), 'BAD_REQUEST', {
      message: /Jane Smith has not passed stage "Phone Screen" \(pending\); advancing them anyway requires a note/,
      issuePath: ['note'],
    });
    await expectTRPCError(t.api.participants.advance({ participant_id: jane.id, note: '  ' }), 'BAD_REQUEST', {
      issuePath: ['note'],
    });
    expect((await t.api.participants.byId({ id: jane.id })).current_stage_id).toBe(screen.id);

    const moved = await t.api.participants.advance({ participant_id: jane.id, note: 'Referred by the CTO' });
    expect(moved.current_stage_id).toBe(technical.id);
    expect(await progressAt(t.api, jane.id, screen.id)).toMatchObject({ state: 'skipped' });
    const { items } = await t.api.events.list({ participant_id: jane.id });
    expect(items.find((e) => e.type === 'stage_skipped')?.data).toMatchObject({
      trigger: 'manual',
      note: 'Referred by the CTO',
    });
  });

  test('a failed result needs a note too; a passed one does not', async () => {
    const failed = await oneStage({ type: 'technical', pass_threshold: 75, automation_rule: 'none' });
    await t.api.sessions.recordResult({ participant_id: failed.participant.id, ...scores(5, 5) });
    await expectTRPCError(t.api.participants.advance({ participant_id: failed.participant.id }), 'BAD_REQUEST', {
      message: /has not passed .* \(failed\); advancing them anyway requires a note/,
      issuePath: ['note'],
    });

    const passed = await oneStage({ type: 'technical', pass_threshold: 75, automation_rule: 'none' });
    await t.api.sessions.recordResult({ participant_id: passed.participant.id, ...scores(9, 9) });
    const done = await t.api.participants.advance({ participant_id: passed.participant.id });
    expect(done).toMatchObject({ status: 'completed', recommendation: 'hire' });
  });

  test('a participant nobody knows → NOT_FOUND', async () => {
    await expectTRPCError(t.api.participants.advance({ participant_id: UNKNOWN, note: 'x' }), 'NOT_FOUND', {
      message: new RegExp(`Participant ${UNKNOWN}`),
    });
  });
});

describe('bad scorecards → BAD_REQUEST naming the field', () => {
  type Scorecard = Omit<CompleteSessionInput, 'session_id'>;
  const dims = (...d: [string, number][]) => ({ dimension_scores: d.map(([name, score]) => ({ name, score })) });

  const cases: [string, Scorecard, (string | number)[], RegExp | undefined][] = [
    [
      'an unknown dimension',
      dims(['Design', 8], ['Coding', 7], ['Humour', 9]),
      ['dimension_scores', 2, 'name'],
      /"Humour" is not a dimension of this interviewer \("Design", "Coding"\)/,
    ],
    ['a missing dimension', dims(['Design', 8]), ['dimension_scores'], /missing a score for "Coding"/],
    [
      'a score above the scale',
      dims(['Design', 8], ['Coding', 11]),
      ['dimension_scores', 1, 'score'],
      /must be from 0 to 10 on the interviewer's 0-10 scale/,
    ],
    ['a negative score', dims(['Design', -1], ['Coding', 7]), ['dimension_scores', 0, 'score'], undefined],
    [
      'a dimension scored twice',
      dims(['Design', 8], ['design', 7], ['Coding', 7]),
      ['dimension_scores', 1, 'name'],
      /"Design" is scored twice/,
    ],
    ['both ways to score', { ...scores(8, 7), overall_score: 70 }, ['overall_score'], undefined],
    ['no score at all', { summary: 'Good' }, ['dimension_scores'], undefined],
    ['an overall score above 100', { overall_score: 101 }, ['overall_score'], undefined],
  ];

  async function inProgress() {
    const { participant, stage } = await oneStage({ type: 'technical', pass_threshold: 75 });
    const { session } = await t.api.sessions.schedule({ participant_id: participant.id });
    await t.api.sessions.start({ session_id: session.id });
    return { participant, stage, session };
  }

  test.each(cases)('sessions.complete with %s', async (_, scorecard, path, why) => {
    const { participant, stage, session } = await inProgress();
    const before = await eventCount(participant.id);
    const error = await expectTRPCError(
      t.api.sessions.complete({ session_id: session.id, ...scorecard }),
      'BAD_REQUEST',
      {
        issuePath: path,
        ...(why ? { message: why } : {}),
      },
    );
    if (why) expect(error.message).toContain(path.join('.'));
    expect(await t.api.sessions.byId({ id: session.id })).toMatchObject({ status: 'in_progress', scorecard: null });
    expect(await progressAt(t.api, participant.id, stage.id)).toMatchObject({ state: 'in_progress', attempts_used: 0 });
    expect(await eventCount(participant.id)).toBe(before);
  });

  test.each(cases)('sessions.recordResult with %s', async (_, scorecard, path, why) => {
    const { participant } = await oneStage({ type: 'technical', pass_threshold: 75 });
    await expectTRPCError(
      t.api.sessions.recordResult({ participant_id: participant.id, ...scorecard }),
      'BAD_REQUEST',
      {
        issuePath: path,
        ...(why ? { message: why } : {}),
      },
    );
    expect(await t.api.sessions.list({ participant_id: participant.id })).toEqual([]);
  });

  test('dimension scores at a stage without an interviewer', async () => {
    const { participant } = await oneStage({ type: 'panel', stage_type: 'manual_review', pass_threshold: 75 });
    await expectTRPCError(
      t.api.sessions.recordResult({ participant_id: participant.id, ...scores(8, 8) }),
      'BAD_REQUEST',
      {
        issuePath: ['dimension_scores'],
        message: /this stage has no interviewer to score dimensions against; give overall_score/,
      },
    );
  });
});
