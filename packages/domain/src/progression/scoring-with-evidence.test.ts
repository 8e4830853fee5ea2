import { describe, expect, it } from 'vitest';
import type { AutomationRule } from '../schemas/stage.ts';
import type { ProgressionStage } from './state.ts';
import {
  interviewer,
  Journey,
  MODEL,
  type ModelDimension,
  modelComplete,
  replaceCommand,
  S1,
  S2,
  stage,
  T0,
  template,
  types,
} from './test-support.ts';

/** docs/rules.md#scoring-with-evidence: the interviewer's scores count only with the participant's own words behind them. */

const TRANSCRIPT = [
  { speaker: 'interviewer', text: 'How do you explain a hard trade-off to your team?', at: T0 },
  {
    speaker: 'participant',
    text: 'I write the options down with what each one costs, and we pick together.',
    at: T0,
  },
  { speaker: 'interviewer', text: 'Tell me about a bug you could not reproduce.', at: T0 },
  { speaker: 'Jane Smith', text: 'I added tracing around the queue until the race showed up.', at: T0 },
];

const SAID = {
  Communication: 'I write the options down with what each one costs',
  'Problem solving': 'added tracing around the queue until the race showed up',
};

/** An interviewer stage (Communication 40 %, Problem solving 60 %, pass mark 70) followed by S2. */
const journey = (settings: Partial<ProgressionStage> = {}) => {
  const j = Journey.enrolled(template([stage(S1, 0, { interviewer, ...settings }), stage(S2, 1)]));
  j.run(j.schedule());
  j.run(j.start());
  return j;
};

const verified = (communication: number, problemSolving: number): ModelDimension[] => [
  ['Communication', communication, [SAID.Communication]],
  ['Problem solving', problemSolving, [SAID['Problem solving']]],
];

describe('a model’s scorecard', () => {
  it('keeps the quotes the participant said, records who scored it, and auto_advance moves them', () => {
    const j = journey();
    const events = j.run(modelComplete(j.lastSession.id, verified(8, 9), TRANSCRIPT));
    expect(types(events)).toEqual(['session_completed', 'stage_passed', 'stage_entered']);
    expect(j.lastSession.scorecard).toMatchObject({
      overall_score: 86,
      passed: true,
      needs_review: false,
      scored_by: MODEL,
      transcript: TRANSCRIPT,
      dimension_scores: [
        { name: 'Communication', evidence: [SAID.Communication], evidence_dropped: 0 },
        { name: 'Problem solving', evidence: [SAID['Problem solving']], evidence_dropped: 0 },
      ],
    });
    expect(j.participant.current_stage_id).toBe(S2);
  });

  it('drops a quote the participant never said and counts it; one verified quote is enough', () => {
    const j = journey();
    j.run(
      modelComplete(
        j.lastSession.id,
        [
          ['Communication', 8, [SAID.Communication, 'I present to the board every quarter']],
          ['Problem solving', 9, [SAID['Problem solving']]],
        ],
        TRANSCRIPT,
      ),
    );
    expect(j.lastSession.scorecard?.dimension_scores[0]).toMatchObject({
      evidence: [SAID.Communication],
      evidence_dropped: 1,
    });
    expect(j.lastSession.scorecard?.needs_review).toBe(false);
    expect(j.participant.current_stage_id).toBe(S2);
  });

  it.each([
    ['a quote the participant never said', ['I managed a team of twenty']],
    ['the interviewer’s own question', ['How do you explain a hard trade-off to your team']],
    ['no quote at all', []],
  ])('a dimension left with %s needs review: nobody moves, a scorecard_needs_review decision opens', (_, quotes) => {
    const j = journey();
    const events = j.run(
      modelComplete(
        j.lastSession.id,
        [
          ['Communication', 9, quotes],
          ['Problem solving', 9, [SAID['Problem solving']]],
        ],
        TRANSCRIPT,
      ),
    );
    expect(types(events)).toEqual(['session_completed', 'decision_opened']);
    expect(j.lastSession.scorecard).toMatchObject({ passed: true, needs_review: true });
    expect(j.lastSession.scorecard?.dimension_scores[0]).toMatchObject({
      evidence: [],
      evidence_dropped: quotes.length,
    });
    expect(j.lastDecision).toMatchObject({
      reason: 'scorecard_needs_review',
      suggested: 'advance',
      session_id: j.lastSession.id,
      status: 'open',
    });
    expect(j.progressAt(S1).state).toBe('awaiting_decision');
    expect(j.participant.current_stage_id).toBe(S1);
    expect(events[1]?.actor).toBe('system');
  });

  it('a score nobody can check never rejects by itself, even with auto_reject on', () => {
    const j = journey({ auto_reject: true });
    j.run(modelComplete(j.lastSession.id, [['Communication', 2, []], verified(0, 2)[1]!], TRANSCRIPT));
    expect(j.participant.status).toBe('active');
    expect(j.lastDecision).toMatchObject({ reason: 'scorecard_needs_review', suggested: 'reject' });
  });

  it('suggests nothing when the rules would have moved nobody: a retake left, or a stage that waits', () => {
    const retake = journey({ allow_retake: true, max_attempts: 2 });
    retake.run(modelComplete(retake.lastSession.id, [['Communication', 2, []], verified(0, 2)[1]!], TRANSCRIPT));
    expect(retake.lastDecision).toMatchObject({ reason: 'scorecard_needs_review', suggested: null });
    expect(retake.progressAt(S1).state).toBe('awaiting_decision');

    const waits = journey({ automation_rule: 'none' });
    waits.run(modelComplete(waits.lastSession.id, [['Communication', 9, []], verified(9, 9)[1]!], TRANSCRIPT));
    expect(waits.lastDecision).toMatchObject({ reason: 'scorecard_needs_review', suggested: null });
  });

  it('a reviewer decides it like any decision: on the suggestion without a note, otherwise with one', () => {
    const j = journey();
    j.run(modelComplete(j.lastSession.id, [['Communication', 9, []], verified(9, 9)[1]!], TRANSCRIPT));
    expect(types(j.run(j.decide('advance')))).toEqual(['decision_decided', 'stage_passed', 'stage_entered']);

    const unsure = journey({ allow_retake: true, max_attempts: 2 });
    unsure.run(modelComplete(unsure.lastSession.id, [['Communication', 2, []], verified(2, 2)[1]!], TRANSCRIPT));
    const refused = unsure.refusal(unsure.decide('reject'));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: ['note'] }] });
    expect(refused.message).toContain('it suggests nothing');
    unsure.run(unsure.decide('retake', 'The transcript cut off halfway: one more try.'));
    expect(unsure.progressAt(S1)).toMatchObject({ state: 'retake_available', retakes_granted: 1 });
  });

  it('quotes are checked only for the model: a reviewer’s scores never need review', () => {
    const j = journey();
    j.run(j.complete({ Communication: 8, 'Problem solving': 9 }));
    expect(j.lastSession.scorecard).toMatchObject({
      needs_review: false,
      scored_by: { kind: 'reviewer', user: j.actor },
      dimension_scores: [
        { evidence: [], evidence_dropped: 0 },
        { evidence: [], evidence_dropped: 0 },
      ],
    });
  });
});

describe('an AI score alone rejects nobody unless the stage has auto_reject (docs/rules.md#completion-table)', () => {
  const failing = verified(3, 4);
  it.each<[AutomationRule, boolean, string, string | null]>([
    ['auto_advance', false, 'active', 'failed_no_retakes'],
    ['auto_advance', true, 'rejected', null],
    ['require_reviewer_approval', true, 'active', 'failed_no_retakes'],
    ['none', true, 'active', null],
  ])('%s, auto_reject %s → participant %s, decision %s', (rule, autoReject, status, reason) => {
    const j = journey({ automation_rule: rule, auto_reject: autoReject });
    j.run(modelComplete(j.lastSession.id, failing, TRANSCRIPT));
    expect(j.lastSession.scorecard).toMatchObject({ passed: false, needs_review: false, scored_by: MODEL });
    expect(j.participant.status).toBe(status);
    expect(j.state.decisions.find((d) => d.status === 'open')?.reason ?? null).toBe(reason);
  });
});

describe('a reviewer replaces the interviewer’s score (docs/rules.md#replacing-an-interviewers-score)', () => {
  const needingReview = () => {
    const j = journey();
    j.run(
      modelComplete(j.lastSession.id, [['Communication', 2, ['I never said this']], verified(2, 3)[1]!], TRANSCRIPT),
    );
    return j;
  };

  it('keeps both scorecards; while nobody decided, the rules act on the new score', () => {
    const j = needingReview();
    const before = j.lastSession.scorecard;
    const decision = j.lastDecision;
    const events = j.run(replaceCommand(j.lastSession.id, { Communication: 8, 'Problem solving': 9 }));
    expect(types(events)).toEqual(['scorecard_replaced', 'decision_closed', 'stage_passed', 'stage_entered']);
    expect(events[0]).toMatchObject({
      actor: j.actor,
      data: {
        applied: true,
        not_applied: null,
        note: 'I listened to the recording.',
        previous: { overall_score: before?.overall_score, needs_review: true, scored_by: MODEL },
      },
    });
    expect(events[1]?.data).toMatchObject({ decision_id: decision.id, cause: 'scorecard_replaced', outcome: null });
    expect(events[2]?.actor).toBe('system');
    const session = j.state.sessions[0]!;
    expect(session.scorecard).toMatchObject({
      overall_score: 86,
      passed: true,
      needs_review: false,
      scored_by: { kind: 'reviewer', user: j.actor },
      transcript: TRANSCRIPT,
    });
    expect(session.replaced_scorecards).toEqual([
      { scorecard: before, replaced_at: j.now, replaced_by: j.actor, note: 'I listened to the recording.' },
    ]);
    expect(j.participant.current_stage_id).toBe(S2);
  });

  it('a lower score goes through the same rules: no attempts left and no auto_reject → a decision', () => {
    const j = needingReview();
    j.run(replaceCommand(j.lastSession.id, 40));
    expect(j.lastDecision).toMatchObject({ reason: 'failed_no_retakes', suggested: 'reject', status: 'open' });
  });

  it('a retake the AI’s score gave becomes a pass when the reviewer’s score passes', () => {
    const j = journey({ allow_retake: true, max_attempts: 2 });
    j.run(modelComplete(j.lastSession.id, verified(3, 3), TRANSCRIPT));
    expect(j.progressAt(S1).state).toBe('retake_available');
    expect(types(j.run(replaceCommand(j.lastSession.id, 90)))).toEqual([
      'scorecard_replaced',
      'stage_passed',
      'stage_entered',
    ]);
  });

  it.each([
    [
      'they already left the stage',
      'left_stage',
      (j: Journey) => j.run(modelComplete(j.lastSession.id, verified(8, 9), TRANSCRIPT)),
    ],
    [
      'a reviewer already decided on it',
      'decided',
      (j: Journey) => {
        j.run(modelComplete(j.lastSession.id, [['Communication', 9, []], verified(9, 9)[1]!], TRANSCRIPT));
        j.run(j.decide('retake', 'Try again'));
      },
    ],
    [
      'a later attempt came after it',
      'later_attempt',
      (j: Journey) => {
        j.run(modelComplete(j.lastSession.id, verified(3, 3), TRANSCRIPT));
        j.run(j.schedule());
      },
    ],
  ])('when %s, it is recorded and moves nobody', (_, why, before) => {
    const j = journey({ allow_retake: true, max_attempts: 2 });
    before(j);
    const session = j.state.sessions[0]!;
    const where = j.participant.current_stage_id;
    const progressBefore = j.state.progress;
    const events = j.run(replaceCommand(session.id, 10));
    // Recorded, and flagged for a person: a decision that suggests nothing and holds nothing up.
    expect(types(events)).toEqual(['scorecard_replaced', 'decision_opened']);
    expect(events[0]?.data).toMatchObject({ applied: false, not_applied: why });
    expect(events[1]?.data).toMatchObject({
      overall_score: 10,
      decision: { reason: 'scorecard_corrected', suggested: null, session_id: session.id, stage_id: S1 },
    });
    expect(j.state.progress).toEqual(progressBefore);
    expect(j.state.sessions[0]?.scorecard?.scored_by).toEqual({ kind: 'reviewer', user: j.actor });
    expect(j.participant.current_stage_id).toBe(where);
  });

  it('is recorded for a participant whose evaluation ended on the AI’s score', () => {
    const j = journey({ auto_reject: true });
    j.run(modelComplete(j.lastSession.id, verified(1, 1), TRANSCRIPT));
    expect(j.participant.status).toBe('rejected');
    const events = j.run(replaceCommand(j.lastSession.id, 95, 'The model misread the answers.'));
    expect(events[0]?.data).toMatchObject({ applied: false, not_applied: 'left_stage' });
    expect(j.participant.status).toBe('rejected');
  });

  it('corrects a person’s score too, and the rules recompute while they are still at the stage', () => {
    const j = journey({ allow_retake: true, max_attempts: 2 });
    j.run(j.complete(40));
    expect(j.progressAt(S1).state).toBe('retake_available');
    const events = j.run(replaceCommand(j.lastSession.id, 90, 'Typed 40 for 90.'));
    expect(types(events)).toEqual(['scorecard_replaced', 'stage_passed', 'stage_entered']);
    expect(events[0]?.data).toMatchObject({ applied: true, previous: { overall_score: 40, passed: false } });
    // Corrected again: the second correction is recorded, and the stage has been left, so nobody moves.
    const again = j.run(replaceCommand(j.lastSession.id, 20, 'Wrong again.'));
    expect(types(again)).toEqual(['scorecard_replaced', 'decision_opened']);
    expect(again[0]?.data).toMatchObject({ applied: false, not_applied: 'left_stage' });
    expect(j.participant.current_stage_id).not.toBe(S1);
    // One open flag per session: a third correction adds to the timeline, not to the inbox.
    expect(types(j.run(replaceCommand(j.lastSession.id, 25, 'Once more.')))).toEqual(['scorecard_replaced']);

    // The flag is answered with keep and a note; nobody moves; other answers are refused.
    const flag = j.state.decisions.find((d) => d.reason === 'scorecard_corrected')!;
    const where = j.participant.current_stage_id;
    expect(j.refusal({ type: 'decide', decision_id: flag.id, outcome: 'advance', note: 'x' }).issues[0]?.path).toEqual([
      'outcome',
    ]);
    expect(j.refusal({ type: 'decide', decision_id: flag.id, outcome: 'keep' }).issues[0]?.path).toEqual(['note']);
    expect(types(j.run({ type: 'decide', decision_id: flag.id, outcome: 'keep', note: 'Checked: stays.' }))).toEqual([
      'decision_decided',
    ]);
    expect(j.participant.current_stage_id).toBe(where);
    expect(j.state.decisions.find((d) => d.id === flag.id)).toMatchObject({ status: 'decided', outcome: 'keep' });
  });

  it('keeps the flag open while the participant moves on, and refuses keep on any other decision', () => {
    const j = journey({ auto_reject: true });
    j.run(modelComplete(j.lastSession.id, verified(1, 1), TRANSCRIPT));
    j.run(replaceCommand(j.lastSession.id, 95, 'The model misread the answers.'));
    const flag = j.state.decisions.find((d) => d.reason === 'scorecard_corrected');
    expect(flag).toMatchObject({ status: 'open' });
    expect(j.participant.status).toBe('rejected');

    const other = needingReview();
    const decision = other.state.decisions.find((d) => d.status === 'open')!;
    expect(other.refusal({ type: 'decide', decision_id: decision.id, outcome: 'keep', note: 'x' }).code).toBe(
      'BAD_REQUEST',
    );
  });

  it('refuses a session not yet completed, and a correction without a note', () => {
    const open = journey();
    expect(open.refusal(replaceCommand(open.lastSession.id, 90)).code).toBe('CONFLICT');

    const j = needingReview();
    const noNote = j.refusal({ ...replaceCommand(j.lastSession.id, 90), note: '  ' });
    expect(noNote).toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: ['note'] }] });
    expect(j.refusal(replaceCommand(j.lastSession.id, { Communication: 11, 'Problem solving': 1 })).code).toBe(
      'BAD_REQUEST',
    );
  });
});

describe('when the interviewer could not score', () => {
  it('records why and changes nothing else', () => {
    const j = journey();
    const before = j.state;
    const events = j.run({
      type: 'note_scoring_failed',
      session_id: j.lastSession.id,
      reason: 'bad_response',
      message: 'The model server answered, but not with the JSON asked for.',
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'scoring_failed',
        actor: j.actor,
        data: {
          session_id: j.lastSession.id,
          stage_id: S1,
          attempt: 1,
          reason: 'bad_response',
          message: 'The model server answered, but not with the JSON asked for.',
        },
      }),
    ]);
    expect(j.state).toEqual(before);
  });
});
