import { describe, expect, it } from 'vitest';
import { DecideInput, WithdrawParticipantInput } from './decision-input.ts';
import { CreateParticipantInput, UpdateParticipantInput } from './participant-input.ts';
import { CompleteSessionInput, RecordResultInput, ScheduleSessionInput } from './session-input.ts';
import { S1, TEMPLATE_ID, uuid } from './test-support.ts';

const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join('.'));

describe('CreateParticipantInput', () => {
  const jane = { evaluation_template_id: TEMPLATE_ID, name: 'Jane Smith', email: ' Jane@Example.COM ' };

  it('fills the empty collections and normalizes the email', () => {
    expect(CreateParticipantInput.parse(jane)).toEqual({
      evaluation_template_id: TEMPLATE_ID,
      name: 'Jane Smith',
      email: 'jane@example.com',
      tags: [],
      profile: {},
      background: { skills: [], languages: [] },
      metadata: {},
    });
  });

  it('rejects unknown keys at every level, bad emails and overlong text', () => {
    expect(issuePaths(CreateParticipantInput.safeParse({ ...jane, stage: 'x' }))).toEqual(['']);
    expect(issuePaths(CreateParticipantInput.safeParse({ ...jane, profile: { age: 3 } }))).toEqual(['profile']);
    expect(issuePaths(CreateParticipantInput.safeParse({ ...jane, email: 'jane' }))).toEqual(['email']);
    expect(issuePaths(CreateParticipantInput.safeParse({ ...jane, name: 'x'.repeat(201) }))).toEqual(['name']);
    expect(issuePaths(CreateParticipantInput.safeParse({ ...jane, tags: ['x'.repeat(81)] }))).toEqual(['tags.0']);
  });

  it('keeps metadata flat and small', () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
    expect(CreateParticipantInput.safeParse({ ...jane, metadata: many }).success).toBe(false);
    expect(CreateParticipantInput.safeParse({ ...jane, metadata: { nested: { a: 1 } } }).success).toBe(false);
    expect(
      CreateParticipantInput.parse({ ...jane, metadata: { cohort: '2026-A', score: 3, vip: true } }).metadata,
    ).toEqual({
      cohort: '2026-A',
      score: 3,
      vip: true,
    });
  });

  it('does not let an update move a participant to another template', () => {
    expect(UpdateParticipantInput.safeParse({ id: uuid(9), evaluation_template_id: TEMPLATE_ID }).success).toBe(false);
  });
});

describe('ScheduleSessionInput', () => {
  it('defaults to UTC and no force', () => {
    expect(ScheduleSessionInput.parse({ participant_id: uuid(9) })).toEqual({
      participant_id: uuid(9),
      timezone: 'UTC',
      force: false,
    });
  });

  it('takes UTC times only and IANA zone names', () => {
    const base = { participant_id: uuid(9) };
    expect(ScheduleSessionInput.safeParse({ ...base, scheduled_at: '2026-03-02T10:00:00+02:00' }).success).toBe(false);
    expect(ScheduleSessionInput.safeParse({ ...base, scheduled_at: '2026-03-02T08:00:00Z' }).success).toBe(true);
    expect(ScheduleSessionInput.safeParse({ ...base, timezone: 'America/Argentina/Buenos_Aires' }).success).toBe(true);
    expect(issuePaths(ScheduleSessionInput.safeParse({ ...base, timezone: 'next tuesday' }))).toEqual(['timezone']);
  });
});

describe('the scorecard inputs', () => {
  const session_id = uuid(7);

  it('take either dimension scores or an overall score, not both and not neither', () => {
    expect(CompleteSessionInput.safeParse({ session_id, overall_score: 80 }).success).toBe(true);
    expect(CompleteSessionInput.safeParse({ session_id, dimension_scores: [{ name: 'A', score: 4 }] }).success).toBe(
      true,
    );
    expect(issuePaths(CompleteSessionInput.safeParse({ session_id }))).toEqual(['dimension_scores']);
    expect(
      issuePaths(
        CompleteSessionInput.safeParse({ session_id, overall_score: 80, dimension_scores: [{ name: 'A', score: 4 }] }),
      ),
    ).toEqual(['overall_score']);
    expect(issuePaths(RecordResultInput.safeParse({ participant_id: uuid(9), stage_id: S1 }))).toEqual([
      'dimension_scores',
    ]);
  });

  it('bound the overall score to 0–100 and reject unknown keys in dimensions and transcript lines', () => {
    expect(issuePaths(CompleteSessionInput.safeParse({ session_id, overall_score: 100.5 }))).toEqual(['overall_score']);
    expect(
      issuePaths(
        CompleteSessionInput.safeParse({ session_id, dimension_scores: [{ name: 'A', score: 4, weight: 9 }] }),
      ),
    ).toEqual(['dimension_scores.0']);
    const line = { speaker: 'interviewer', text: 'Hello', at: '2026-03-02T09:00:00Z' };
    expect(CompleteSessionInput.safeParse({ session_id, overall_score: 1, transcript: [line] }).success).toBe(true);
    expect(
      issuePaths(
        CompleteSessionInput.safeParse({ session_id, overall_score: 1, transcript: [{ ...line, mood: 'ok' }] }),
      ),
    ).toEqual(['transcript.0']);
  });
});

describe('the human command inputs', () => {
  it('know the three outcomes and cap the note', () => {
    expect(DecideInput.safeParse({ decision_id: uuid(3), outcome: 'retake', note: 'ok' }).success).toBe(true);
    expect(issuePaths(DecideInput.safeParse({ decision_id: uuid(3), outcome: 'maybe' }))).toEqual(['outcome']);
    expect(issuePaths(WithdrawParticipantInput.safeParse({ participant_id: uuid(3), note: 'x'.repeat(4001) }))).toEqual(
      ['note'],
    );
  });
});
