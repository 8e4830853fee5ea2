import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { ParticipantOutlook, participantOutlook } from './outlook.ts';
import type { ProgressionTemplate } from './state.ts';
import { hoursAfter, Journey, S1, S2, S3, stage, T0, template, uuid } from './test-support.ts';

const DRAFT = uuid(0x1d);
/** Three active stages, A (S1), B (S2), C (S3), each passed at 70 and advancing automatically. */
const abc = template([
  stage(S1, 0, { stage_name: 'A' }),
  stage(S2, 1, { stage_name: 'B' }),
  stage(S3, 2, { stage_name: 'C' }),
]);
/** A first stage that allows one retake, 24 hours after the failed attempt; `waitsAfter` allows none and waits. */
const retakes = (settings: Parameters<typeof stage>[2] = {}) =>
  template([
    stage(S1, 0, { allow_retake: true, max_attempts: 2, retake_cooldown_hours: 24, ...settings }),
    stage(S2, 1, { stage_name: 'Next' }),
  ]);
const waitsAfter = retakes({ automation_rule: 'none', allow_retake: false, max_attempts: 1, retake_cooldown_hours: 0 });

interface Row {
  readonly given: string;
  readonly pipeline: ProgressionTemplate;
  /** What happens after enrolment, including the clock moving on. */
  readonly when: (j: Journey) => void;
  /** Then the outlook says (at least) this; `null`: there is none. */
  readonly says: Partial<ParticipantOutlook> | null;
}

const rows: readonly Row[] = [
  {
    given: 'a new participant at A of A, B, C',
    pipeline: abc,
    when: () => {},
    says: {
      stage_id: S1,
      attempts_used: 0,
      attempts_allowed: 1,
      next_stage: { id: S2, name: 'B' },
      can_retake: false,
      cooldown_ends_at: null,
      can_schedule: true,
      can_schedule_now: true,
      can_reschedule: false,
      advance_needs_note: true,
    },
  },
  {
    given: 'A passed and B current, then the stages reordered to B, A, C',
    pipeline: abc,
    when: (j) => {
      j.run(j.record(80));
      j.editStage(S2, { stage_order: 0 }).editStage(S1, { stage_order: 1 });
    },
    // A comes after B now, but was passed already: never entered twice.
    says: { stage_id: S2, next_stage: { id: S3, name: 'C' } },
  },
  {
    given: 'the last stage',
    pipeline: abc,
    when: (j) => {
      j.run(j.record(80));
      j.run(j.record(80));
    },
    says: { stage_id: S3, next_stage: null },
  },
  {
    given: 'a draft stage between the current one and the next active one',
    pipeline: template([stage(S1, 0), stage(DRAFT, 1, { status: 'draft' }), stage(S3, 2, { stage_name: 'C' })]),
    when: () => {},
    says: { next_stage: { id: S3, name: 'C' } },
  },
  {
    given: 'a failed attempt with a retake left, 12 hours into the 24-hour cool-down',
    pipeline: retakes(),
    when: (j) => {
      j.run(j.record(50));
      j.later(12);
    },
    says: {
      attempts_used: 1,
      attempts_allowed: 2,
      can_retake: true,
      cooldown_ends_at: hoursAfter(T0, 24),
      can_schedule: true,
      can_schedule_now: false,
      advance_needs_note: true,
    },
  },
  {
    given: 'a failed attempt with a retake left, the cool-down just over',
    pipeline: retakes(),
    when: (j) => {
      j.run(j.record(50));
      j.later(24);
    },
    says: { can_retake: true, cooldown_ends_at: null, can_schedule: true, can_schedule_now: true },
  },
  {
    given: 'a failed attempt with a retake left and no cool-down',
    pipeline: retakes({ retake_cooldown_hours: 0 }),
    when: (j) => j.run(j.record(50)),
    says: { can_retake: true, cooldown_ends_at: null, can_schedule_now: true },
  },
  {
    given: 'the retake booked for when the cool-down ends',
    pipeline: retakes(),
    when: (j) => {
      j.run(j.record(50));
      j.run(j.schedule({ scheduled_at: hoursAfter(T0, 30) }));
    },
    says: {
      can_retake: true,
      cooldown_ends_at: hoursAfter(T0, 24),
      can_schedule: false,
      can_schedule_now: false,
      can_reschedule: true,
    },
  },
  {
    given: 'a first session scheduled',
    pipeline: abc,
    when: (j) => j.run(j.schedule()),
    says: { can_retake: false, can_schedule: false, can_schedule_now: false, can_reschedule: true },
  },
  {
    given: 'a first session in progress',
    pipeline: abc,
    when: (j) => {
      j.run(j.schedule());
      j.run(j.start());
    },
    says: { can_schedule: false, can_reschedule: false },
  },
  {
    given: 'the stage passed, waiting to be advanced by hand',
    pipeline: waitsAfter,
    when: (j) => j.run(j.record(80)),
    says: { can_retake: false, can_schedule: false, advance_needs_note: false, next_stage: { id: S2, name: 'Next' } },
  },
  {
    given: 'the stage failed, no attempts left',
    pipeline: waitsAfter,
    when: (j) => j.run(j.record(50)),
    says: { attempts_used: 1, attempts_allowed: 1, can_retake: false, can_schedule: false, advance_needs_note: true },
  },
  {
    given: 'a pass waiting for a reviewer’s approval',
    pipeline: template([stage(S1, 0, { automation_rule: 'require_reviewer_approval' }), stage(S2, 1)]),
    when: (j) => j.run(j.record(80)),
    says: { can_schedule: false, advance_needs_note: false },
  },
  {
    given: 'a retake granted by a reviewer after the last attempt failed',
    pipeline: retakes({ max_attempts: 1, allow_retake: false, retake_cooldown_hours: 0 }),
    when: (j) => {
      j.run(j.record(50));
      j.run(j.decide('retake', 'One more try'));
    },
    says: { attempts_used: 1, attempts_allowed: 2, can_retake: true, can_schedule_now: true },
  },
  { given: 'a participant who completed', pipeline: abc, when: completeAll, says: null },
  { given: 'a withdrawn participant', pipeline: abc, when: (j) => j.run(j.withdraw()), says: null },
];

function completeAll(j: Journey) {
  for (let i = 0; i < 3; i++) j.run(j.record(80));
}

describe('participantOutlook', () => {
  it.each(rows)('given $given', ({ pipeline, when, says }) => {
    const j = Journey.enrolled(pipeline);
    when(j);
    const outlook = participantOutlook(j.state, j.now);
    if (says === null) expect(outlook).toBeNull();
    else expect(outlook).toMatchObject(says);
    // The schema is what the API serves: the answer must fit it.
    if (outlook) expect(ParticipantOutlook.parse(outlook)).toEqual(outlook);
  });

  it.each(rows.filter((r) => r.says !== null))(
    'agrees with the decider on advancing (note, destination): $given',
    ({ pipeline, when }) => {
      const j = Journey.enrolled(pipeline);
      when(j);
      const outlook = participantOutlook(j.state, j.now);
      const withoutNote = j.attempt(j.advance());
      const refusedForNote = withoutNote instanceof DomainError && withoutNote.issues[0]?.path[0] === 'note';
      expect(refusedForNote).toBe(outlook?.advance_needs_note);
      // And advancing takes them where it says.
      j.run(j.advance('Moving on'));
      expect(j.state.participant?.current_stage_id ?? null).toBe(outlook?.next_stage?.id ?? null);
    },
  );

  it('given the reorder, recording a pass at B moves the participant to C, as announced', () => {
    const j = Journey.enrolled(abc);
    j.run(j.record(80));
    j.editStage(S2, { stage_order: 0 }).editStage(S1, { stage_order: 1 });
    expect(participantOutlook(j.state, j.now)?.next_stage?.id).toBe(S3);
    j.run(j.record(80));
    expect(j.participant.current_stage_id).toBe(S3);
  });

  it('is null before enrolment', () => {
    expect(participantOutlook(new Journey(abc).state, T0)).toBeNull();
  });
});
