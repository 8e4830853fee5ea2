import { describe, expect, it } from 'vitest';
import { DomainError, unwrap } from '../errors.ts';
import { evolveParticipant } from '../progression/evolve.ts';
import { Journey, S1, S2, S3, stage, template, types } from '../progression/test-support.ts';
import type { StageType } from '../schemas/stage.ts';
import { currentConsent, decidePortalConsent } from './consent.ts';
import { decidePortalStart, portalCanStartNow } from './sessions.ts';

const PARTICIPANT = 'participant:00000000-0000-4000-8000-00000000beef';
const REVIEWER = 'user:00000000-0000-4000-8000-00000000a11c';

/** An AI interview (S1) that rejects at once on a fail, then a written assessment (S2), then a panel (S3). */
const pipeline = (first: StageType = 'ai_interview') =>
  template([
    stage(S1, 0, {
      stage_name: 'Interview',
      stage_type: first,
      automation_rule: 'auto_advance',
      auto_reject: true,
      pass_threshold: 70,
    }),
    stage(S2, 1, { stage_name: 'Essay', stage_type: 'async_assessment' }),
    stage(S3, 2, { stage_name: 'Panel', stage_type: 'manual_review' }),
  ]);

/** Jane at the first stage, acting in her portal. */
function participant(first?: StageType) {
  const j = Journey.enrolled(pipeline(first));
  j.actor = PARTICIPANT;
  return j;
}

/** The participant answers; the test fails on a refusal. */
function answer(j: Journey, accepted: boolean, stage_id = S1) {
  const events = unwrap(decidePortalConsent(j.state, { stage_id, accepted }, j.ctx));
  j.state = events.reduce(evolveParticipant, j.state);
  j.history.push(...events);
  return events;
}

/** A reviewer's turn: their commands are recorded as theirs. */
function asReviewer(j: Journey) {
  j.actor = REVIEWER;
  return j;
}

describe('decidePortalConsent (docs/rules.md#consent-to-an-ai-run-stage)', () => {
  it.each(['ai_interview', 'roleplay_simulation', 'practice_session'] as const)(
    'accepting the notice of a %s stage records it as the participant, and Start now opens',
    (type) => {
      const j = participant(type);
      expect(currentConsent(j.state)).toBe('needed');
      expect(portalCanStartNow(j.state, j.now)).toBe(false);
      const events = answer(j, true);
      expect(events).toMatchObject([
        { type: 'participant_consented_ai', actor: PARTICIPANT, data: { stage_id: S1, stage_type: type } },
      ]);
      expect(j.progressAt(S1)).toMatchObject({ consent: 'accepted', state: 'pending', attempts_used: 0 });
      expect(currentConsent(j.state)).toBe('accepted');
      expect(portalCanStartNow(j.state, j.now)).toBe(true);
      const started = decidePortalStart(j.state, { timezone: 'UTC' }, j.ctx);
      expect(started).not.toBeInstanceOf(DomainError);
    },
  );

  it('declining asks for a person: a human-alternative decision opens, and nothing is held against them', () => {
    const j = participant();
    const events = answer(j, false);
    expect(types(events)).toEqual(['participant_declined_ai', 'decision_opened']);
    expect(events.every((e) => e.actor === PARTICIPANT)).toBe(true);
    expect(j.lastDecision).toMatchObject({
      stage_id: S1,
      reason: 'human_alternative',
      session_id: null,
      suggested: null,
      status: 'open',
    });
    expect(events[0]?.data).toMatchObject({ decision_id: j.lastDecision.id });
    // No attempt used, no auto-reject, the stage not held: staff may still book it or record its result.
    expect(j.participant.status).toBe('active');
    expect(j.progressAt(S1)).toMatchObject({ consent: 'declined', state: 'pending', attempts_used: 0 });
    expect(j.state.sessions).toEqual([]);
    // They cannot start an AI session themselves any more.
    expect(portalCanStartNow(j.state, j.now)).toBe(false);
    expect(decidePortalStart(j.state, { timezone: 'UTC' }, j.ctx)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('you asked for a person to run this stage'),
    });
  });

  type Row = readonly [
    given: string,
    setup: (j: Journey) => unknown,
    input: { stage_id: string; accepted: boolean },
    refusal: { code: string; words: string } | 'no change',
  ];
  const rows: readonly Row[] = [
    ['accepting twice', (j) => answer(j, true), { stage_id: S1, accepted: true }, 'no change'],
    ['declining twice', (j) => answer(j, false), { stage_id: S1, accepted: false }, 'no change'],
    [
      'declining after accepting',
      (j) => answer(j, true),
      { stage_id: S1, accepted: false },
      { code: 'CONFLICT', words: 'You already agreed' },
    ],
    [
      'accepting after declining: declined stays declined',
      (j) => answer(j, false),
      { stage_id: S1, accepted: true },
      { code: 'CONFLICT', words: 'You asked for a person to run Interview' },
    ],
    [
      'a stage that is not their current one',
      () => {},
      { stage_id: S2, accepted: true },
      { code: 'CONFLICT', words: 'only answer for the stage you are at now, Interview' },
    ],
    [
      'a stage that is not AI-run',
      (j) => asReviewer(j).run(j.record(90)),
      { stage_id: S2, accepted: true },
      { code: 'CONFLICT', words: 'Essay is not run by an AI interviewer' },
    ],
    [
      'declining while their session is under way',
      (j) => {
        asReviewer(j).run(j.schedule());
        j.run(j.start());
      },
      { stage_id: S1, accepted: false },
      { code: 'CONFLICT', words: 'is under way' },
    ],
    [
      'a withdrawn participant',
      (j) => j.run(j.withdraw()),
      { stage_id: S1, accepted: true },
      { code: 'CONFLICT', words: 'accepts no more commands' },
    ],
    [
      'a rejected participant',
      (j) => asReviewer(j).run(j.reject()),
      { stage_id: S1, accepted: false },
      { code: 'CONFLICT', words: 'accepts no more commands' },
    ],
  ];
  it.each(rows)('%s', (_, setup, input, refusal) => {
    const j = participant();
    setup(j);
    j.actor = PARTICIPANT;
    const result = decidePortalConsent(j.state, input, j.ctx);
    if (refusal === 'no change') expect(result).toEqual([]);
    else expect(result).toMatchObject({ code: refusal.code, message: expect.stringContaining(refusal.words) });
  });

  it.each([
    ['require_reviewer_approval', 90, 'awaiting_decision'],
    ['none', 90, 'passed'],
    ['none', 10, 'failed'],
  ] as const)('declining once the team has a result (%s, score %i: %s) is refused', (automation_rule, score, state) => {
    const j = Journey.enrolled(template([stage(S1, 0, { stage_name: 'Interview', automation_rule }), stage(S2, 1)]));
    asReviewer(j).run(j.record(score));
    expect(j.progressAt(S1).state).toBe(state);
    j.actor = PARTICIPANT;
    expect(decidePortalConsent(j.state, { stage_id: S1, accepted: false }, j.ctx)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('The team already has your result for Interview'),
    });
    // Accepting changes nothing anyone relies on, and is allowed.
    expect(types(answer(j, true))).toEqual(['participant_consented_ai']);
  });

  it('accepting while a session the team started is under way is fine: it only records the answer', () => {
    const j = participant();
    asReviewer(j).run(j.schedule());
    j.run(j.start());
    j.actor = PARTICIPANT;
    expect(types(answer(j, true))).toEqual(['participant_consented_ai']);
  });

  it('is asked again at the next AI-run stage: an answer belongs to one stage', () => {
    const j = Journey.enrolled(
      template([stage(S1, 0, { stage_name: 'Screen' }), stage(S2, 1, { stage_name: 'Technical' })]),
    );
    j.actor = PARTICIPANT;
    answer(j, true);
    asReviewer(j).run(j.record(90));
    expect(j.participant.current_stage_id).toBe(S2);
    expect(currentConsent(j.state)).toBe('needed');
    expect(j.progressAt(S2).consent).toBeNull();
  });
});

describe('a human-alternative request is resolved by a reviewer (docs/rules.md#consent-to-an-ai-run-stage)', () => {
  /** Jane declined the AI interview; the reviewer takes over. */
  function declined() {
    const j = participant();
    answer(j, false);
    return asReviewer(j);
  }

  it('recording the stage’s result closes the request, then the completion rules apply as for any result', () => {
    const j = declined();
    const request = j.lastDecision.id;
    const events = j.run(j.record(85));
    expect(types(events)).toEqual([
      'session_scheduled',
      'decision_closed',
      'session_completed',
      'stage_passed',
      'stage_entered',
    ]);
    expect(events[1]).toMatchObject({
      actor: REVIEWER,
      data: { decision_id: request, outcome: null, cause: 'result_recorded' },
    });
    expect(j.state.decisions.find((d) => d.id === request)).toMatchObject({ status: 'decided', outcome: null });
    expect(j.participant.current_stage_id).toBe(S2);
  });

  it('a session the team booked first, then completed, closes it too', () => {
    const j = declined();
    j.run(j.schedule());
    expect(j.state.decisions.filter((d) => d.status === 'open')).toHaveLength(1);
    const events = j.run(j.complete(40));
    expect(types(events).slice(0, 2)).toEqual(['decision_closed', 'session_completed']);
    // The stage rejects on a fail by its own rules: the person-run result counts like any other.
    expect(j.participant.status).toBe('rejected');
  });

  it.each([
    ['advance', ['decision_decided', 'stage_passed', 'stage_entered'], 'active'],
    ['reject', ['decision_decided', 'stage_failed', 'participant_rejected'], 'rejected'],
  ] as const)('deciding it directly: %s, with a note', (outcome, emitted, status) => {
    const j = declined();
    const events = j.run(j.decide(outcome, 'Ran it by phone with Sam'));
    expect(types(events)).toEqual(emitted);
    expect(events[0]).toMatchObject({
      data: { outcome, suggested: null, against_suggestion: false, note: 'Ran it by phone with Sam' },
    });
    expect(j.participant.status).toBe(status);
    expect(j.lastDecision).toMatchObject({ status: 'decided', outcome, decided_by: REVIEWER });
  });

  it('deciding it directly needs a note (nothing was scored), and a retake means nothing here', () => {
    const j = declined();
    expect(j.refusal(j.decide('advance'))).toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: ['note'] }] });
    expect(j.refusal(j.decide('retake', 'again'))).toMatchObject({
      code: 'BAD_REQUEST',
      issues: [{ path: ['outcome'] }],
    });
  });

  it('advancing it directly cancels a session booked at the stage', () => {
    const j = declined();
    j.run(j.schedule());
    const events = j.run(j.decide('advance', 'Ran it in person'));
    expect(types(events)).toEqual(['decision_decided', 'session_cancelled', 'stage_passed', 'stage_entered']);
    expect(events[1]).toMatchObject({ data: { cause: 'participant_advanced' } });
  });

  it('moving the participant by hand closes it, as any open decision', () => {
    const j = declined();
    const events = j.run(j.advance('Skipping the screen'));
    expect(types(events)).toEqual(['decision_closed', 'stage_skipped', 'stage_entered']);
    expect(events[0]).toMatchObject({ data: { cause: 'participant_advanced', outcome: 'advance' } });
  });

  it('is decided once', () => {
    const j = declined();
    j.run(j.decide('advance', 'Done in person'));
    expect(j.refusal(j.decide('advance', 'again'))).toMatchObject({ code: 'CONFLICT' });
  });
});
