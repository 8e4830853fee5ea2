import type { AutomationRule, CreateTemplateInput } from '@stageflow/domain';
import { COMPLETION_TABLE } from '@stageflow/domain/testing';
import { hoursAfter, NOW } from '@stageflow/testing';
import { beforeEach, describe, expect, test } from 'vitest';
import { type ApiKit, expectTRPCError, setupEngineApi } from '../testing.ts';
import { buildPipeline, person, scores } from '../testing-pipeline.ts';
import { clockedApi, progressAt } from '../testing-progression.ts';

/**
 * The completion table over the API, against a real (in-memory) database: what a completed session
 * leads to, read back through the public procedures only. The rows are the domain's own
 * (`@stageflow/domain/testing`), so the rules and the API are checked against the same table.
 */

let t: ApiKit;
beforeEach(async () => {
  t = await setupEngineApi();
});

type Api = typeof t.api;

/**
 * Intake (a manual review that advances everyone) → Tested (pass mark 70, the row's rules) → Next.
 *
 * Tested is created as a draft and switched on after enrolment, and the participant reaches it from
 * Intake: `auto_reject` without `auto_advance` is a blocking pipeline problem that refuses enrolment,
 * but a stage edited that way later still snapshots into whoever enters it. That is how those rows
 * (where `auto_reject` must change nothing) can happen in the product, so that is how they are built.
 */
async function participantAtTestedStage(api: Api, rule: AutomationRule, attemptsLeft: boolean, autoReject: boolean) {
  const { template, stages } = await buildPipeline(api, [
    { type: 'intake', stage_type: 'manual_review', automation_rule: 'auto_advance' },
    {
      type: 'tested',
      pass_threshold: 70,
      automation_rule: rule,
      auto_reject: autoReject,
      allow_retake: attemptsLeft,
      ...(attemptsLeft ? { max_attempts: 2 } : {}),
      status: 'draft',
    },
    { type: 'next', stage_type: 'manual_review' },
  ]);
  const [intake, tested, next] = stages as [(typeof stages)[0], (typeof stages)[0], (typeof stages)[0]];
  const p = await api.participants.create({ evaluation_template_id: template.id, ...person() });
  await api.stages.update({ id: tested.id, status: 'active' });
  const intakeResult = await api.sessions.recordResult({ participant_id: p.id, overall_score: 100 });
  expect(intakeResult.participant).toMatchObject({ current_stage_id: tested.id, stage_state: 'pending' });
  expect(intakeResult.participant.progress.find((x) => x.stage_id === intake.id)?.state).toBe('passed');
  return { template, intake, tested, next, participant: p };
}

/** The two ways a result arrives: a session run step by step, or a result recorded in one step. */
const paths = {
  'schedule → start → complete': async (api: Api, participantId: string, scorecard: ReturnType<typeof scores>) => {
    const { session } = await api.sessions.schedule({ participant_id: participantId });
    expect(session).toMatchObject({ status: 'scheduled', attempt: 1 });
    const started = await api.sessions.start({ session_id: session.id });
    expect(started.participant.stage_state).toBe('in_progress');
    return api.sessions.complete({ session_id: session.id, ...scorecard });
  },
  recordResult: (api: Api, participantId: string, scorecard: ReturnType<typeof scores>) =>
    api.sessions.recordResult({ participant_id: participantId, ...scorecard }),
};

describe('the completion table', () => {
  describe.each(Object.keys(paths) as (keyof typeof paths)[])('via %s', (path) => {
    test.each(COMPLETION_TABLE)(
      '%s, passed=%s, attempts left=%s, auto_reject=%s → stage %s, participant %s at %s',
      async (rule, passed, attemptsLeft, autoReject, testedState, status, at, _after, decision) => {
        const { tested, next, participant } = await participantAtTestedStage(t.api, rule, attemptsLeft, autoReject);
        const overall = passed ? 80 : 50;

        const result = await paths[path](t.api, participant.id, passed ? scores(8, 8) : scores(5, 5));

        expect(result.session).toMatchObject({
          status: 'completed',
          attempt: 1,
          stage_id: tested.id,
          scorecard: { overall_score: overall, passed, threshold_applied: 70 },
        });
        const page = await t.api.participants.byId({ id: participant.id });
        const currentStage = at === 'tested' ? tested.id : at === 'next' ? next.id : null;
        expect(page).toMatchObject({
          status,
          current_stage_id: currentStage,
          recommendation: status === 'rejected' ? 'no_hire' : null,
        });
        expect(result.participant).toMatchObject({ status, current_stage_id: currentStage });
        expect(await progressAt(t.api, participant.id, tested.id)).toMatchObject({
          state: testedState,
          attempts_used: 1,
          left_at: at === 'tested' ? null : expect.any(String),
          // The rules the participant entered the stage with, auto_reject included even where it means nothing.
          rules: {
            automation_rule: rule,
            auto_reject: autoReject,
            max_attempts: attemptsLeft ? 2 : 1,
            pass_threshold: 70,
          },
        });
        if (at === 'next') {
          expect(page.progress.find((p) => p.stage_id === next.id)).toMatchObject({
            state: 'pending',
            attempts_used: 0,
          });
          expect(page.stage_state).toBe('pending');
        } else if (at === 'tested') {
          expect(page).toMatchObject({ stage_state: testedState, attempts_used: 1, last_score: overall });
        }

        const open = await t.api.decisions.list();
        if (decision) {
          const expected = {
            participant_id: participant.id,
            stage_id: tested.id,
            session_id: result.session.id,
            reason: decision[0],
            suggested: decision[1],
            status: 'open',
            outcome: null,
          };
          expect(open).toEqual([
            expect.objectContaining({ ...expected, overall_score: overall, threshold_applied: 70 }),
          ]);
          expect(page.decisions).toEqual([expect.objectContaining(expected)]);
          expect(await t.api.decisions.openCount()).toBe(1);
          expect(page.actions?.decision_ids).toEqual([open[0]!.id]);
        } else {
          expect(open).toEqual([]);
          expect(page.decisions).toEqual([]);
        }

        // The audit trail: what the rule did by itself is the system's, with the rules and score that drove it.
        const outcome = (await t.api.participants.timeline({ id: participant.id })).items[0]!;
        expect(outcome.actor).toBe('system');
        expect(outcome.data).toMatchObject(
          outcome.type === 'stage_entered'
            ? { from_stage_id: tested.id, stage_id: next.id }
            : {
                stage_id: tested.id,
                overall_score: overall,
                threshold_applied: 70,
                rules: { automation_rule: rule, auto_reject: autoReject },
              },
        );
      },
    );
  });

  test('the last of several attempts is judged like a stage with no attempts left', async () => {
    const { tested, participant } = await participantAtTestedStage(t.api, 'auto_advance', true, true);
    await t.api.sessions.recordResult({ participant_id: participant.id, ...scores(5, 5) });
    expect(await progressAt(t.api, participant.id, tested.id)).toMatchObject({
      state: 'retake_available',
      attempts_used: 1,
    });
    const second = await t.api.sessions.recordResult({ participant_id: participant.id, ...scores(6, 6) });
    expect(second.session.attempt).toBe(2);
    expect(second.participant).toMatchObject({ status: 'rejected', recommendation: 'no_hire', current_stage_id: null });
    expect(await progressAt(t.api, participant.id, tested.id)).toMatchObject({ state: 'failed', attempts_used: 2 });
  });

  test('a retake passes and the participant moves on', async () => {
    const { tested, next, participant } = await participantAtTestedStage(t.api, 'auto_advance', true, false);
    await t.api.sessions.recordResult({ participant_id: participant.id, ...scores(5, 5) });
    const { session } = await t.api.sessions.schedule({ participant_id: participant.id });
    expect(session.attempt).toBe(2);
    const passed = await t.api.sessions.complete({ session_id: session.id, ...scores(9, 8) });
    expect(passed.participant.current_stage_id).toBe(next.id);
    expect(await progressAt(t.api, participant.id, tested.id)).toMatchObject({ state: 'passed', attempts_used: 2 });
  });
});

describe('final_review: recording it is the decision', () => {
  async function atFinal(rule: AutomationRule, attempts: number) {
    const { template, stages } = await buildPipeline(t.api, [
      {
        type: 'final',
        stage_type: 'final_review',
        pass_threshold: 80,
        automation_rule: rule,
        allow_retake: attempts > 1,
        ...(attempts > 1 ? { max_attempts: attempts } : {}),
      },
    ]);
    const p = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    return { final: stages[0]!, participant: p };
  }
  const RULES = ['none', 'auto_advance', 'require_reviewer_approval'] as const;

  test.each(RULES)('passed under %s → completed with the positive label, no decision', async (rule) => {
    const { final, participant } = await atFinal(rule, 1);
    const result = await t.api.sessions.recordResult({ participant_id: participant.id, overall_score: 85 });
    expect(result.session.scorecard).toMatchObject({ overall_score: 85, passed: true, threshold_applied: 80 });
    const page = await t.api.participants.byId({ id: participant.id });
    expect(page).toMatchObject({ status: 'completed', recommendation: 'hire', current_stage_id: null });
    expect(page.progress).toEqual([expect.objectContaining({ stage_id: final.id, state: 'passed' })]);
    expect(await t.api.decisions.list()).toEqual([]);
    // The reviewer's own result is the decision: the reviewer, not the system, is its actor.
    expect((await t.api.participants.timeline({ id: participant.id })).items[0]).toMatchObject({
      type: 'participant_completed',
      actor: `user:owner-of-${t.workspaceId}`,
      data: { trigger: 'final_review', recommendation: 'hire' },
    });
  });

  test.each(RULES)('not passed under %s with no attempts left → rejected, no decision', async (rule) => {
    const { final, participant } = await atFinal(rule, 1);
    await t.api.sessions.recordResult({ participant_id: participant.id, overall_score: 40 });
    const page = await t.api.participants.byId({ id: participant.id });
    expect(page).toMatchObject({ status: 'rejected', recommendation: 'no_hire', current_stage_id: null });
    expect(page.progress).toEqual([expect.objectContaining({ stage_id: final.id, state: 'failed' })]);
    expect(await t.api.decisions.list()).toEqual([]);
  });

  test.each(RULES)('not passed under %s with attempts left → retake available, then decided', async (rule) => {
    const { final, participant } = await atFinal(rule, 2);
    const first = await t.api.sessions.recordResult({ participant_id: participant.id, overall_score: 40 });
    expect(first.participant).toMatchObject({
      status: 'active',
      current_stage_id: final.id,
      stage_state: 'retake_available',
    });
    expect(await t.api.decisions.list()).toEqual([]);
    const second = await t.api.sessions.recordResult({ participant_id: participant.id, overall_score: 90 });
    expect(second.session.attempt).toBe(2);
    expect(second.participant).toMatchObject({ status: 'completed', recommendation: 'hire' });
  });

  test('a scheduled final review is completed by recording it, not doubled', async () => {
    const { participant } = await atFinal('none', 1);
    const { session } = await t.api.sessions.schedule({ participant_id: participant.id });
    const result = await t.api.sessions.recordResult({ participant_id: participant.id, overall_score: 81 });
    expect(result.session.id).toBe(session.id);
    expect(await t.api.sessions.list({ participant_id: participant.id })).toHaveLength(1);
    expect(result.participant.status).toBe('completed');
  });

  test.each<[CreateTemplateInput, string, string]>([
    [{ template_name: 'Hiring', use_case: 'hiring' }, 'hire', 'no_hire'],
    [{ template_name: 'Admissions', use_case: 'admissions' }, 'admit', 'reject'],
    [{ template_name: 'Onboarding', use_case: 'training' }, 'ready', 'needs_training'],
    [{ template_name: 'Integration', use_case: 'custom_api' }, 'pass', 'fail'],
    [
      { template_name: 'Certification', use_case: 'training', success_outcome: 'certified_not_certified' },
      'certified',
      'not_certified',
    ],
    [
      {
        template_name: 'Custom',
        use_case: 'custom_api',
        success_outcome: 'custom',
        custom_outcome_labels: { positive: 'go', negative: 'no_go' },
      },
      'go',
      'no_go',
    ],
  ])('%o completes with "%s" and rejects with "%s"', async (templateInput, positive, negative) => {
    const template = await t.api.templates.create(templateInput);
    await t.api.stages.create({
      evaluation_template_id: template.id,
      type: 'final',
      stage_type: 'final_review',
      pass_threshold: 50,
    });
    const a = await t.api.participants.create({ evaluation_template_id: template.id, ...person('A') });
    const b = await t.api.participants.create({ evaluation_template_id: template.id, ...person('B') });
    await t.api.sessions.recordResult({ participant_id: a.id, overall_score: 50 });
    await t.api.sessions.recordResult({ participant_id: b.id, overall_score: 49.99 });
    expect(await t.api.participants.byId({ id: a.id })).toMatchObject({
      status: 'completed',
      recommendation: positive,
    });
    expect(await t.api.participants.byId({ id: b.id })).toMatchObject({ status: 'rejected', recommendation: negative });
  });
});

describe('the retake cool-down', () => {
  async function failedOnce(clock: ReturnType<typeof clockedApi>) {
    const { template, stages } = await buildPipeline(clock.api, [
      {
        type: 'technical',
        pass_threshold: 75,
        automation_rule: 'auto_advance',
        allow_retake: true,
        max_attempts: 2,
        retake_cooldown_hours: 24,
      },
      { type: 'final', stage_type: 'final_review', pass_threshold: 80 },
    ]);
    const p = await clock.api.participants.create({ evaluation_template_id: template.id, ...person() });
    await clock.api.sessions.recordResult({ participant_id: p.id, ...scores(5, 5) });
    return { participant: p, technical: stages[0]!, final: stages[1]! };
  }

  test('no attempt before completed_at + retake_cooldown_hours, any attempt from then on', async () => {
    const clock = clockedApi(t);
    const { participant, technical, final } = await failedOnce(clock);
    expect(await progressAt(clock.api, participant.id, technical.id)).toMatchObject({
      state: 'retake_available',
      attempts_used: 1,
    });

    const coolDown = /24-hour cool-down/;
    await expectTRPCError(clock.api.sessions.schedule({ participant_id: participant.id }), 'CONFLICT', {
      message: coolDown,
    });
    await expectTRPCError(
      clock.api.sessions.schedule({ participant_id: participant.id, scheduled_at: hoursAfter(NOW, 23.5) }),
      'CONFLICT',
      { message: coolDown },
    );
    await expectTRPCError(
      clock.api.sessions.recordResult({ participant_id: participant.id, ...scores(9, 9) }),
      'CONFLICT',
      { message: coolDown },
    );

    // Booked for when the cool-down is over: fine, but it cannot start (or be completed) before then.
    const { session } = await clock.api.sessions.schedule({
      participant_id: participant.id,
      scheduled_at: hoursAfter(NOW, 24),
    });
    expect(session).toMatchObject({ attempt: 2, scheduled_at: hoursAfter(NOW, 24) });
    await expectTRPCError(clock.api.sessions.start({ session_id: session.id }), 'CONFLICT', { message: coolDown });
    await expectTRPCError(
      clock.api.sessions.reschedule({ session_id: session.id, scheduled_at: hoursAfter(NOW, 12) }),
      'CONFLICT',
      { message: coolDown },
    );

    clock.advanceHours(24);
    await clock.api.sessions.start({ session_id: session.id });
    const passed = await clock.api.sessions.complete({ session_id: session.id, ...scores(9, 8) });
    expect(passed.participant.current_stage_id).toBe(final.id);
  });

  test('recording a result directly is allowed once the cool-down is over', async () => {
    const clock = clockedApi(t);
    const { participant, technical } = await failedOnce(clock);
    clock.advanceHours(24);
    const second = await clock.api.sessions.recordResult({ participant_id: participant.id, ...scores(9, 9) });
    expect(second.session.attempt).toBe(2);
    expect(await progressAt(clock.api, participant.id, technical.id)).toMatchObject({
      state: 'passed',
      attempts_used: 2,
    });
  });
});

describe('failed and cancelled sessions use no attempt', () => {
  async function oneAttemptStage() {
    const { template, stages } = await buildPipeline(t.api, [
      { type: 'technical', pass_threshold: 75, automation_rule: 'require_reviewer_approval' },
    ]);
    const p = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    return { participant: p, technical: stages[0]! };
  }

  test('a technical failure and a cancellation leave the single attempt to use', async () => {
    const { participant, technical } = await oneAttemptStage();

    const first = await t.api.sessions.schedule({ participant_id: participant.id });
    await t.api.sessions.start({ session_id: first.session.id });
    const failed = await t.api.sessions.fail({ session_id: first.session.id, reason: 'video dropped' });
    expect(failed.session).toMatchObject({ status: 'failed', end_reason: 'video dropped', completed_at: null });
    expect(failed.participant).toMatchObject({ stage_state: 'pending', attempts_used: 0 });

    const second = await t.api.sessions.schedule({ participant_id: participant.id });
    const cancelled = await t.api.sessions.cancel({ session_id: second.session.id, reason: 'candidate asked' });
    expect(cancelled.session.status).toBe('cancelled');
    expect(cancelled.participant).toMatchObject({ stage_state: 'pending', attempts_used: 0 });

    const third = await t.api.sessions.schedule({ participant_id: participant.id });
    expect(third.session.attempt).toBe(1);
    const done = await t.api.sessions.complete({ session_id: third.session.id, ...scores(8, 8) });
    expect(done.participant).toMatchObject({ stage_state: 'awaiting_decision', attempts_used: 1 });
    expect(await progressAt(t.api, participant.id, technical.id)).toMatchObject({ attempts_used: 1 });
    expect((await t.api.sessions.list({ participant_id: participant.id })).map((s) => s.status).sort()).toEqual([
      'cancelled',
      'completed',
      'failed',
    ]);
  });

  test('a failed retake session goes back to retake available, attempts unchanged', async () => {
    const { template, stages } = await buildPipeline(t.api, [
      { type: 'technical', pass_threshold: 75, automation_rule: 'none', allow_retake: true, max_attempts: 2 },
    ]);
    const p = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    await t.api.sessions.recordResult({ participant_id: p.id, ...scores(5, 5) });
    const { session } = await t.api.sessions.schedule({ participant_id: p.id });
    expect(session.attempt).toBe(2);
    const failed = await t.api.sessions.fail({ session_id: session.id });
    expect(failed.participant).toMatchObject({ stage_state: 'retake_available', attempts_used: 1 });
    const last = await t.api.sessions.recordResult({ participant_id: p.id, ...scores(5, 5) });
    expect(last.session.attempt).toBe(2);
    expect(await progressAt(t.api, p.id, stages[0]!.id)).toMatchObject({ state: 'failed', attempts_used: 2 });
  });
});

describe('the rules snapshot', () => {
  test('an edit to a stage after a participant entered it does not change that participant’s rules', async () => {
    const { template, stages } = await buildPipeline(t.api, [
      { type: 'technical', pass_threshold: 70, automation_rule: 'require_reviewer_approval' },
      { type: 'final', stage_type: 'final_review', pass_threshold: 80 },
    ]);
    const [technical, final] = [stages[0]!, stages[1]!];
    const before = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Before') });

    const edit = await t.api.stages.update({
      id: technical.id,
      pass_threshold: 90,
      automation_rule: 'auto_advance',
      auto_reject: true,
    });
    expect(edit.participants_in_flight).toBe(1);
    const after = await t.api.participants.create({ evaluation_template_id: template.id, ...person('After') });

    // 76 passes the 70 the first participant entered with, and their rule asks a reviewer.
    const old = await t.api.sessions.recordResult({ participant_id: before.id, ...scores(8, 7) });
    expect(old.session.scorecard).toMatchObject({ overall_score: 76, passed: true, threshold_applied: 70 });
    expect(old.participant).toMatchObject({ current_stage_id: technical.id, stage_state: 'awaiting_decision' });
    expect(await progressAt(t.api, before.id, technical.id)).toMatchObject({
      rules: { pass_threshold: 70, automation_rule: 'require_reviewer_approval', auto_reject: false },
    });

    // The same 76 fails the 90 the second one entered with, and their rule rejects at once.
    const fresh = await t.api.sessions.recordResult({ participant_id: after.id, ...scores(8, 7) });
    expect(fresh.session.scorecard).toMatchObject({ overall_score: 76, passed: false, threshold_applied: 90 });
    expect(fresh.participant).toMatchObject({ status: 'rejected', recommendation: 'no_hire' });

    // Approving the first one: the next stage is snapshotted as it is when they enter it.
    await t.api.stages.update({ id: final.id, pass_threshold: 60 });
    const [decision] = await t.api.decisions.list();
    const decided = await t.api.decisions.decide({ decision_id: decision!.id, outcome: 'advance' });
    expect(decided.participant.current_stage_id).toBe(final.id);
    expect(await progressAt(t.api, before.id, final.id)).toMatchObject({ rules: { pass_threshold: 60 } });
  });

  test('a stricter pass mark and extra attempts added after entry change nothing for those already in', async () => {
    const { template, stages } = await buildPipeline(t.api, [
      { type: 'screen', pass_threshold: 60, automation_rule: 'auto_advance' },
      { type: 'technical', pass_threshold: 75, automation_rule: 'auto_advance' },
    ]);
    const p = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    await t.api.stages.update({ id: stages[0]!.id, pass_threshold: 100, allow_retake: true, max_attempts: 5 });
    const result = await t.api.sessions.recordResult({ participant_id: p.id, ...scores(6, 6) });
    expect(result.session.scorecard?.threshold_applied).toBe(60);
    expect(result.participant.current_stage_id).toBe(stages[1]!.id);
  });
});

describe('stages reordered under a participant', () => {
  test('a stage already passed is never entered again, even when a reorder moves it ahead', async () => {
    const { template, stages } = await buildPipeline(t.api, [
      { type: 'screen', pass_threshold: 60, automation_rule: 'auto_advance' },
      { type: 'technical', pass_threshold: 60, automation_rule: 'auto_advance' },
      { type: 'final', stage_type: 'final_review', pass_threshold: 80 },
    ]);
    const [screen, technical, final] = [stages[0]!, stages[1]!, stages[2]!];
    const p = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    await t.api.sessions.recordResult({ participant_id: p.id, ...scores(8, 8) });
    // Technical moves to the front: Screen, which she passed, now comes after the stage she is in.
    await t.api.stages.reorder({
      evaluation_template_id: template.id,
      stage_ids: [technical.id, screen.id, final.id],
    });

    const moved = await t.api.sessions.recordResult({ participant_id: p.id, ...scores(8, 8) });

    expect(moved.participant.current_stage_id).toBe(final.id);
    const page = await t.api.participants.byId({ id: p.id });
    // One row per stage (all entered at the test's one instant, so compared without order).
    expect(Object.fromEntries(page.progress.map((x) => [x.stage_id, [x.state, x.attempts_used]]))).toEqual({
      [screen.id]: ['passed', 1],
      [technical.id]: ['passed', 1],
      [final.id]: ['pending', 0],
    });
    expect(page.progress).toHaveLength(3);
    expect(page.sessions.filter((s) => s.stage_id === screen.id)).toHaveLength(1);
  });
});
