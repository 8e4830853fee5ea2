import { describe, expect, it } from 'vitest';
import type { ParticipantCommand } from './commands.ts';
import { Journey, S1, S2, S3, stage, template, types } from './test-support.ts';

const approval = () =>
  Journey.enrolled(template([stage(S1, 0, { automation_rule: 'require_reviewer_approval' }), stage(S2, 1)]));
/** A failed last attempt under auto_advance without auto_reject: a decision suggesting reject. */
const failedNoRetakes = () => {
  const j = Journey.enrolled(template([stage(S1, 0, { automation_rule: 'auto_advance' }), stage(S2, 1)]));
  j.run(j.record(30));
  expect(j.lastDecision).toMatchObject({ reason: 'failed_no_retakes', suggested: 'reject' });
  return j;
};

describe('decide', () => {
  it('advances on the suggestion without a note, recording who decided', () => {
    const j = approval();
    j.run(j.record(85));
    const events = j.run(j.decide('advance'));
    expect(types(events)).toEqual(['decision_decided', 'stage_passed', 'stage_entered']);
    expect(j.lastDecision).toMatchObject({
      status: 'decided',
      outcome: 'advance',
      decided_by: j.actor,
      decided_at: j.now,
    });
    expect(j.participant.current_stage_id).toBe(S2);
    expect(events[1]).toMatchObject({
      actor: j.actor,
      data: { trigger: 'decision', decision_id: j.lastDecision.id, overall_score: 85 },
    });
  });

  it('requires a note to go against the suggestion', () => {
    const j = approval();
    j.run(j.record(85));
    const error = j.refusal(j.decide('reject'));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: ['note'] }] });
    expect(error.message).toContain('going against the suggestion (advance)');

    j.run(j.decide('reject', 'References did not check out'));
    expect(j.participant).toMatchObject({ status: 'rejected', recommendation: 'no_hire' });
    expect(j.lastDecision.note).toBe('References did not check out');
    expect(j.history.find((e) => e.type === 'decision_decided')?.data).toMatchObject({ against_suggestion: true });
  });

  it('rejects on a failed_no_retakes suggestion without a note, and advances against it only with one', () => {
    expect(types(failedNoRetakes().run(failedNoRetakes().decide('reject')))).toEqual([
      'decision_decided',
      'stage_failed',
      'participant_rejected',
    ]);
    const j = failedNoRetakes();
    expect(j.refusal(j.decide('advance')).issues[0]?.path).toEqual(['note']);
    const advanced = j.run(j.decide('advance', 'Strong portfolio makes up for it'));
    // Advanced on a failing score: moved past, never recorded as a pass (docs/rules.md#deciding-a-decision).
    expect(types(advanced).slice(0, 2)).toEqual(['decision_decided', 'stage_skipped']);
    expect(advanced[1]?.data).toMatchObject({ trigger: 'decision', overall_score: expect.any(Number) });
    expect(j.progressAt(S1).state).toBe('skipped');
    expect(j.participant.current_stage_id).toBe(S2);
  });

  it('grants a retake only with a note, adding one attempt', () => {
    const j = failedNoRetakes();
    expect(j.refusal(j.decide('retake')).message).toContain('requires a note');
    j.run(j.decide('retake', 'Interviewer had a bad connection'));
    expect(j.progressAt(S1)).toMatchObject({ state: 'retake_available', attempts_used: 1, retakes_granted: 1 });
    j.run(j.record(75));
    expect(j.progressAt(S1)).toMatchObject({ state: 'passed', attempts_used: 2 });
    expect(j.participant.current_stage_id).toBe(S2);
  });

  it('decides a decision once: a second decide is a CONFLICT', () => {
    const j = failedNoRetakes();
    j.run(j.decide('retake', 'one more go'));
    const error = j.refusal(j.decide('reject'));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/^the decision was already decided \(retake at /);
  });

  it('answers NOT_FOUND for an unknown decision', () => {
    const j = failedNoRetakes();
    expect(j.refusal(j.decide('reject', undefined, '00000000-0000-4000-8000-00000000dead')).code).toBe('NOT_FOUND');
  });
});

describe('advance by hand', () => {
  it('moves a participant who passed and waits, without a note', () => {
    const j = Journey.enrolled(template([stage(S1, 0, { automation_rule: 'none' }), stage(S2, 1)]));
    j.run(j.record(90));
    expect(types(j.run(j.advance()))).toEqual(['stage_entered']);
    expect(j.progressAt(S1)).toMatchObject({ state: 'passed', left_at: j.now });
  });

  it('needs a note for someone who has not passed, and marks the stage skipped', () => {
    const j = Journey.enrolled(template([stage(S1, 0), stage(S2, 1)]));
    const error = j.refusal(j.advance());
    expect(error).toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: ['note'] }] });
    expect(error.message).toContain('Jane Smith has not passed stage "Stage 0"');
    const events = j.run(j.advance('Internal referral, screen waived'));
    expect(types(events)).toEqual(['stage_skipped', 'stage_entered']);
    expect(events[0]).toMatchObject({
      data: { trigger: 'manual', note: 'Internal referral, screen waived', session_id: null },
    });
    expect(j.progressAt(S1).state).toBe('skipped');
  });

  it('cancels open sessions and closes open decisions at the stage it leaves', () => {
    const j = approval();
    j.run(j.record(85));
    const decision = j.lastDecision.id;
    expect(types(j.run(j.advance()))).toEqual(['decision_closed', 'stage_passed', 'stage_entered']);
    expect(j.lastDecision).toMatchObject({ id: decision, status: 'decided', outcome: 'advance', decided_by: j.actor });

    j.run(j.schedule());
    expect(types(j.run(j.advance('skip the technical')))).toEqual([
      'session_cancelled',
      'stage_skipped',
      'participant_completed',
    ]);
    expect(j.lastSession).toMatchObject({ status: 'cancelled' });
    expect(j.participant).toMatchObject({ status: 'completed', recommendation: 'hire' });
  });

  it('skips draft stages and completes after the last active one, with the template labels', () => {
    const j = Journey.enrolled(
      template([stage(S1, 0), stage(S2, 1, { status: 'draft' }), stage(S3, 2)], {
        success_outcome: 'custom',
        custom_outcome_labels: { positive: 'graduate', negative: 'repeat' },
      }),
    );
    const entered = j.run(j.record(80)).at(-1);
    expect(entered).toMatchObject({ type: 'stage_entered', data: { stage_id: S3, skipped_draft_stage_ids: [S2] } });
    j.run(j.record(80));
    expect(j.participant).toMatchObject({ status: 'completed', recommendation: 'graduate' });
    expect(j.state.progress.map((p) => p.stage_id)).toEqual([S1, S3]);
  });
});

describe('reject and withdraw by hand', () => {
  it('rejects from any non-terminal state with the negative label, cancelling what is open', () => {
    const j = Journey.enrolled(template([stage(S1, 0), stage(S2, 1)], { success_outcome: 'admit_reject' }));
    j.run(j.schedule());
    const events = j.run(j.reject());
    expect(types(events)).toEqual(['session_cancelled', 'participant_rejected']);
    expect(events[0]?.data).toMatchObject({ cause: 'participant_rejected' });
    expect(j.participant).toMatchObject({ status: 'rejected', recommendation: 'reject', current_stage_id: null });
    expect(j.progressAt(S1).left_at).toBe(j.now);
  });

  it('withdraws without a recommendation and closes an open decision without an outcome', () => {
    const j = approval();
    j.run(j.record(85));
    expect(types(j.run(j.withdraw('Accepted another offer')))).toEqual(['decision_closed', 'participant_withdrawn']);
    expect(j.participant).toMatchObject({ status: 'withdrawn', recommendation: null });
    expect(j.lastDecision).toMatchObject({ status: 'decided', outcome: null, note: 'Accepted another offer' });
  });
});

describe('terminal participants accept no command but reading', () => {
  const finished = () => {
    const j = approval();
    j.run(j.schedule());
    const session = j.lastSession.id;
    j.run(j.withdraw());
    return { j, session };
  };
  const { j, session } = finished();
  const commands: [string, ParticipantCommand][] = [
    ['update', { type: 'update', id: j.participant.id, name: 'Jane Doe' }],
    ['schedule', j.schedule()],
    ['reschedule', j.reschedule('2026-04-01T09:00:00Z', session)],
    ['start', j.start(session)],
    ['complete', j.complete(80, session)],
    ['fail', j.fail(session)],
    ['cancel', j.cancel(session)],
    ['record_result', j.record(80)],
    ['advance', j.advance('please')],
    ['reject', j.reject()],
    ['withdraw', j.withdraw()],
  ];

  it.each(commands)('%s is a CONFLICT that names the participant', (_, command) => {
    const error = j.refusal(command);
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('Jane Smith is withdrawn; a withdrawn participant accepts no more commands');
  });
});

describe('enroll and update', () => {
  it('enrols into the first active stage, passing over drafts', () => {
    const j = new Journey(template([stage(S1, 0, { status: 'draft' }), stage(S2, 1)]));
    const events = j.run(j.enroll({ email: 'Jane@Example.com', tags: ['referral'] }));
    expect(types(events)).toEqual(['participant_enrolled', 'stage_entered']);
    expect(events[1]?.data).toMatchObject({ stage_id: S2, from_stage_id: null, skipped_draft_stage_ids: [S1] });
    expect(j.participant).toMatchObject({
      email: 'jane@example.com',
      status: 'active',
      current_stage_id: S2,
      external_id: null,
    });
    expect(j.progressAt(S2)).toMatchObject({ state: 'pending', entered_at: j.now, rules: { pass_threshold: 70 } });
  });

  it('refuses a template with no active stage, a second enrolment and a different template', () => {
    const empty = new Journey(template([stage(S1, 0, { status: 'draft' })]));
    expect(empty.refusal(empty.enroll()).code).toBe('PRECONDITION_FAILED');
    const j = Journey.enrolled(template([stage(S1, 0)]));
    expect(j.refusal(j.enroll()).code).toBe('CONFLICT');
    const other = new Journey(template([stage(S1, 0)]));
    expect(other.refusal(other.enroll({ evaluation_template_id: S3 })).code).toBe('BAD_REQUEST');
  });

  it('updates only what changed, and clears optional text with ""', () => {
    const j = Journey.enrolled(template([stage(S1, 0)]));
    const events = j.run({ type: 'update', id: j.participant.id, name: 'Jane Smith', phone: '+1 555 0100' });
    expect(events.map((e) => e.data)).toEqual([{ changes: { phone: '+1 555 0100' } }]);
    j.run({ type: 'update', id: j.participant.id, phone: '' });
    expect(j.participant.phone).toBeNull();
    expect(j.run({ type: 'update', id: j.participant.id, name: 'Jane Smith' })).toEqual([]);
  });
});
