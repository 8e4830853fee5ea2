import { describe, expect, it } from 'vitest';
import { hoursAfter, interviewer, Journey, S1, S2, stage, T0, template, types } from './test-support.ts';

const twoStages = (first: Parameters<typeof stage>[2] = {}) => template([stage(S1, 0, first), stage(S2, 1)]);
const withRetakes = (cooldown = 0) =>
  twoStages({ allow_retake: true, max_attempts: 2, retake_cooldown_hours: cooldown, interviewer });

describe('schedule', () => {
  it('books the next attempt at the current stage, now and in UTC unless told otherwise', () => {
    const j = Journey.enrolled(twoStages());
    const events = j.run(j.schedule({ notes: 'Bring a laptop' }));
    expect(types(events)).toEqual(['session_scheduled']);
    expect(j.lastSession).toMatchObject({
      participant_id: j.participant.id,
      stage_id: S1,
      attempt: 1,
      status: 'scheduled',
      scheduled_at: T0,
      timezone: 'UTC',
      notes: 'Bring a laptop',
    });
    expect(j.progressAt(S1).state).toBe('scheduled');
  });

  it('refuses another stage than the current one', () => {
    const j = Journey.enrolled(twoStages());
    const error = j.refusal(j.schedule({ stage_id: S2 }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('Jane Smith is at stage "Stage 0", not at the stage this request names');
  });

  it('refuses a second open session unless forced, and forcing supersedes the first', () => {
    const j = Journey.enrolled(twoStages());
    j.run(j.schedule());
    const first = j.lastSession.id;
    const error = j.refusal(j.schedule());
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('a session is already scheduled for Jane Smith at stage "Stage 0"');

    j.run(j.start());
    expect(j.refusal(j.schedule()).message).toContain('already in progress');
    const events = j.run(j.schedule({ force: true }));
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['session_cancelled', expect.objectContaining({ session_id: first, cause: 'superseded' })],
      ['session_scheduled', expect.objectContaining({ via: 'schedule' })],
    ]);
    expect(j.state.sessions.map((s) => s.status)).toEqual(['cancelled', 'scheduled']);
    expect(j.progressAt(S1).state).toBe('scheduled');
  });

  it('answers a reused idempotency key with no new session, and refuses it for another stage', () => {
    const j = Journey.enrolled(twoStages());
    j.run(j.schedule({ idempotency_key: 'ats-42' }));
    expect(j.attempt(j.schedule({ idempotency_key: 'ats-42' }))).toEqual([]);
    expect(j.refusal(j.schedule({ idempotency_key: 'ats-42', stage_id: S2 })).message).toContain(
      'idempotency key "ats-42" was already used for a session at another stage',
    );
  });

  it('refuses while a decision is open, naming it', () => {
    const j = Journey.enrolled(twoStages({ automation_rule: 'require_reviewer_approval' }));
    j.run(j.record(90));
    expect(j.refusal(j.schedule()).message).toBe('Jane Smith is awaiting a reviewer\'s decision at stage "Stage 0"');
  });

  it('refuses when the stage is passed and the participant waits to be advanced', () => {
    const j = Journey.enrolled(twoStages({ automation_rule: 'none' }));
    j.run(j.record(90));
    expect(j.refusal(j.schedule()).message).toContain('has already passed stage');
  });

  it('refuses when no attempts are left', () => {
    const j = Journey.enrolled(twoStages({ automation_rule: 'none' }));
    j.run(j.record(10));
    const error = j.refusal(j.schedule());
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('Jane Smith has no attempts left at stage "Stage 0" (1 of 1 used)');
  });
});

describe('the retake cool-down', () => {
  const afterFailedFirstAttempt = () => {
    const j = Journey.enrolled(withRetakes(24));
    j.run(j.record(20));
    expect(j.progressAt(S1).state).toBe('retake_available');
    return j;
  };

  it('refuses an attempt before completed_at + retake_cooldown_hours', () => {
    const j = afterFailedFirstAttempt().later(23);
    const error = j.refusal(j.schedule());
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(`the 24-hour cool-down after the attempt completed at ${T0} is not over`);
    expect(j.refusal(j.record(80)).code).toBe('CONFLICT');
  });

  it('allows booking a slot that falls after the cool-down, but not starting it early', () => {
    const j = afterFailedFirstAttempt();
    j.run(j.schedule({ scheduled_at: hoursAfter(T0, 24) }));
    expect(j.refusal(j.start()).message).toContain('cool-down');
    expect(j.refusal(j.reschedule(hoursAfter(T0, 12))).message).toContain('cool-down');
    j.later(24);
    j.run(j.start());
    expect(j.lastSession).toMatchObject({ status: 'in_progress', attempt: 2, started_at: j.now });
  });

  it('is over exactly at the end of the cool-down', () => {
    const j = afterFailedFirstAttempt().later(24);
    expect(types(j.run(j.schedule()))).toEqual(['session_scheduled']);
  });
});

describe('start, complete, fail, cancel, reschedule', () => {
  it('runs a session from scheduled through in progress to completed with a scorecard', () => {
    const j = Journey.enrolled(withRetakes());
    j.run(j.schedule());
    j.run(j.start());
    expect(j.progressAt(S1).state).toBe('in_progress');
    j.later(1);
    j.run(j.complete({ Communication: 9, 'Problem solving': 8 }));
    expect(j.lastSession).toMatchObject({ status: 'completed', completed_at: j.now, scorecard: { overall_score: 84 } });
    expect(j.participant.current_stage_id).toBe(S2);
  });

  it('completes a session that was only scheduled', () => {
    const j = Journey.enrolled(twoStages());
    j.run(j.schedule());
    expect(types(j.run(j.complete(75)))).toEqual(['session_completed', 'stage_passed', 'stage_entered']);
  });

  it('refuses a second start, and completing a completed session', () => {
    const j = Journey.enrolled(twoStages({ automation_rule: 'none' }));
    j.run(j.schedule());
    j.run(j.start());
    expect(j.refusal(j.start()).message).toBe('the session is in progress; only a scheduled session can be started');
    j.run(j.complete(80));
    expect(j.refusal(j.complete(80)).code).toBe('CONFLICT');
  });

  it('passes scoring refusals through with the field path', () => {
    const j = Journey.enrolled(withRetakes());
    j.run(j.schedule());
    const error = j.refusal(j.complete({ Communication: 9, 'Problem solving': 12 }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: ['dimension_scores', 1, 'score'] }] });
  });

  it('marks a technical failure without using an attempt', () => {
    const j = Journey.enrolled(twoStages());
    j.run(j.schedule());
    j.run(j.start());
    j.run(j.fail());
    expect(j.lastSession).toMatchObject({ status: 'failed', end_reason: 'video dropped' });
    expect(j.progressAt(S1)).toMatchObject({ state: 'pending', attempts_used: 0 });
    j.run(j.schedule());
    expect(j.lastSession.attempt).toBe(1);
  });

  it('returns a failed retake to retake_available', () => {
    const j = Journey.enrolled(withRetakes());
    j.run(j.record(10));
    j.run(j.schedule());
    j.run(j.fail());
    expect(j.progressAt(S1)).toMatchObject({ state: 'retake_available', attempts_used: 1 });
  });

  it('cancels a scheduled session only', () => {
    const j = Journey.enrolled(twoStages());
    j.run(j.schedule());
    j.run(j.cancel());
    expect(j.lastSession.status).toBe('cancelled');
    expect(j.progressAt(S1).state).toBe('pending');

    j.run(j.schedule());
    j.run(j.start());
    expect(j.refusal(j.cancel()).message).toContain('mark an in-progress session failed instead');
  });

  it('reschedules a scheduled session, keeping what was not changed', () => {
    const j = Journey.enrolled(twoStages());
    j.run(j.schedule({ timezone: 'Europe/Paris', notes: 'Room 4' }));
    const events = j.run(j.reschedule(hoursAfter(T0, 48)));
    expect(events[0]?.data).toMatchObject({ previous_scheduled_at: T0, scheduled_at: hoursAfter(T0, 48) });
    expect(j.lastSession).toMatchObject({
      scheduled_at: hoursAfter(T0, 48),
      timezone: 'Europe/Paris',
      notes: 'Room 4',
    });
  });

  it('answers NOT_FOUND for a session the participant does not have', () => {
    const j = Journey.enrolled(twoStages());
    const error = j.refusal(j.start('00000000-0000-4000-8000-0000000fffff'));
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'session 00000000-0000-4000-8000-0000000fffff was not found',
    });
  });
});

describe('record_result', () => {
  it('completes the session already open at the stage instead of creating another', () => {
    const j = Journey.enrolled(twoStages());
    j.run(j.schedule());
    const scheduled = j.lastSession.id;
    expect(types(j.run(j.record(80)))[0]).toBe('session_completed');
    expect(j.state.sessions).toHaveLength(1);
    expect(j.state.sessions[0]).toMatchObject({ id: scheduled, status: 'completed' });
  });

  it('creates and completes a session in one step', () => {
    const j = Journey.enrolled(template([stage(S1, 0, { stage_type: 'manual_review', automation_rule: 'none' })]));
    const events = j.run(j.record(80, { summary: 'Clear and careful' }));
    expect(types(events)).toEqual(['session_scheduled', 'session_completed', 'stage_passed']);
    expect(events[0]?.data).toMatchObject({ via: 'record_result' });
    expect(j.lastSession).toMatchObject({
      status: 'completed',
      attempt: 1,
      scorecard: { summary: 'Clear and careful' },
    });
  });

  it('refuses a result for another stage than the current one', () => {
    const j = Journey.enrolled(twoStages());
    expect(j.refusal(j.record(80, { stage_id: S2 })).code).toBe('CONFLICT');
  });
});
