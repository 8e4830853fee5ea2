import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { decideDemographicsAccess } from './access.ts';
import { categoriesOf, RecordSelfIdentificationInput, type SelfIdentificationRecord } from './categories.ts';
import { recordSelfIdentification } from './record.ts';

const ctx = { now: '2026-12-01T10:00:00.000Z', actor: 'participant:p1' };

describe('recording self-identification', () => {
  it('records the answers and logs that they were given, never what they are', () => {
    const change = recordSelfIdentification(null, 'p1', { sex: 'female', race_ethnicity: 'asian' }, ctx);
    expect(change.record).toEqual({
      participant_id: 'p1',
      sex: 'female',
      race_ethnicity: 'asian',
      recorded_at: ctx.now,
      recorded_by: 'participant:p1',
    });
    expect(change.events).toEqual([
      {
        type: 'self_identification_recorded',
        participant_id: 'p1',
        actor: 'participant:p1',
        occurred_at: ctx.now,
        data: { first: true },
      },
    ]);
    expect(JSON.stringify(change.events)).not.toMatch(/female|asian/);
  });

  it('changed answers replace the old; the same answers again change nothing', () => {
    const before = recordSelfIdentification(null, 'p1', { sex: 'male', race_ethnicity: 'white' }, ctx)
      .record as SelfIdentificationRecord;
    const changed = recordSelfIdentification(before, 'p1', { sex: 'male', race_ethnicity: 'decline_to_answer' }, ctx);
    expect(changed.record?.race_ethnicity).toBe('decline_to_answer');
    expect(changed.events[0]?.data).toEqual({ first: false });
    expect(recordSelfIdentification(before, 'p1', { sex: 'male', race_ethnicity: 'white' }, ctx)).toEqual({
      record: null,
      events: [],
    });
  });

  it('takes only the EEO-1 categories or "decline to answer", naming the field otherwise', () => {
    const id = '4a4a4a4a-4a4a-4a4a-8a4a-4a4a4a4a4a4a';
    expect(
      RecordSelfIdentificationInput.safeParse({
        participant_id: id,
        sex: 'female',
        race_ethnicity: 'two_or_more_races',
      }).success,
    ).toBe(true);
    const bad = RecordSelfIdentificationInput.safeParse({ participant_id: id, sex: 'other', race_ethnicity: 'asian' });
    expect(bad.error?.issues.map((i) => i.path)).toEqual([['sex']]);
    const missing = RecordSelfIdentificationInput.safeParse({ participant_id: id, sex: 'male' });
    expect(missing.error?.issues.map((i) => i.path)).toEqual([['race_ethnicity']]);
  });

  it('counts declining as unknown, like not answering', () => {
    expect(categoriesOf({ sex: 'decline_to_answer', race_ethnicity: 'hispanic_or_latino' })).toEqual({
      sex: null,
      race_ethnicity: 'hispanic_or_latino',
    });
    expect(categoriesOf(null)).toEqual({ sex: null, race_ethnicity: null });
  });
});

describe('who an owner lets read the figures', () => {
  const owner = { now: ctx.now, actor: 'user:owner' };
  const grant = (role: string | null, current = false, on = true) =>
    decideDemographicsAccess(role ? { role } : null, current, { user_id: 'u2', grant: on }, owner);

  it('grants an admin, with a workspace event naming them', () => {
    expect(grant('admin')).toEqual({
      change: 'grant',
      events: [
        { type: 'demographics_access_granted', actor: 'user:owner', occurred_at: ctx.now, data: { user_id: 'u2' } },
      ],
    });
    expect(grant('admin', true, false)).toMatchObject({
      change: 'revoke',
      events: [{ type: 'demographics_access_revoked' }],
    });
  });

  it('changes nothing twice', () => {
    expect(grant('admin', true)).toEqual({ change: null, events: [] });
    expect(grant('admin', false, false)).toEqual({ change: null, events: [] });
  });

  it('refuses owners (they have it) and reviewers or viewers (make them admins first) on user_id', () => {
    for (const role of ['owner', 'reviewer', 'viewer']) {
      const refused = grant(role);
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).issues[0]?.path).toEqual(['user_id']);
    }
    // A stale grant of someone no longer an admin can still be taken back.
    expect(grant('reviewer', true, false)).toMatchObject({ change: 'revoke' });
  });

  it('does not find someone outside the workspace', () => {
    expect((grant(null) as DomainError).code).toBe('NOT_FOUND');
  });
});
