import { describe, expect, it } from 'vitest';
import { interviewer, Journey, S1, S2, stage, template, uuid } from '../progression/test-support.ts';
import { bulkCommand, decideBulkItem } from './decide.ts';
import { BulkActionInput, type BulkActionRequest, MAX_BULK_PARTICIPANTS } from './input.ts';

const twoStages = (first: Parameters<typeof stage>[2] = {}) => template([stage(S1, 0, first), stage(S2, 1)]);
const BULK_ID = uuid(0xb01);
const advance: BulkActionRequest = { action: 'advance' };

describe('one person of a bulk action is the single command, decided by the decider', () => {
  it('sends exactly the command the single move sends', () => {
    const j = Journey.enrolled(twoStages());
    expect(bulkCommand({ action: 'advance', note: 'n' }, j.state)).toEqual(j.advance('n'));
    expect(bulkCommand({ action: 'reject' }, j.state)).toEqual(j.reject());
    expect(bulkCommand({ action: 'withdraw', note: 'left' }, j.state)).toEqual(j.withdraw('left'));
    expect(bulkCommand({ action: 'schedule', schedule: { timezone: 'Europe/Madrid' } }, j.state)).toEqual(
      j.schedule({ timezone: 'Europe/Madrid' }),
    );
  });

  it('advances someone who passed; refuses someone who has not, without a note, in the single move’s words', () => {
    const passed = Journey.enrolled(twoStages({ automation_rule: 'none' }));
    passed.run(passed.record(90));
    expect(decideBulkItem(passed.state, advance, passed.ctx).item).toEqual({
      participant_id: passed.participant.id,
      name: 'Jane Smith',
      outcome: 'applied',
      summary: 'Moves to Stage 1',
      reason: null,
      code: null,
      field: null,
    });

    const pending = Journey.enrolled(twoStages());
    const single = pending.refusal(pending.advance());
    const { item, events } = decideBulkItem(pending.state, advance, pending.ctx);
    expect(events).toEqual([]);
    expect(item).toMatchObject({ outcome: 'refused', code: 'BAD_REQUEST', field: 'note' });
    expect(single.message).toBe(`note: ${item.reason}`);
    expect(item.reason).toBe(
      'Jane Smith has not passed stage "Stage 0" (pending); advancing them anyway requires a note',
    );

    // With a note, as the single move: the stage is skipped, and the preview says so.
    const withNote = decideBulkItem(pending.state, { action: 'advance', note: 'Referred by the CTO' }, pending.ctx);
    expect(withNote.item).toMatchObject({
      outcome: 'applied',
      summary: 'Skips Stage 0 (not passed), moves to Stage 1',
    });
  });

  it('gives the events the decider gives, each carrying the bulk action’s id', () => {
    const j = Journey.enrolled(twoStages());
    j.run(j.schedule());
    const single = j.attempt(j.reject('No longer hiring'));
    const { events, item } = decideBulkItem(
      j.state,
      { action: 'reject', note: 'No longer hiring' },
      { ...j.ctx, bulk_action_id: BULK_ID },
    );
    expect(events.map(({ bulk_action_id: _, ...e }) => e)).toEqual(single);
    expect(events.every((e) => e.bulk_action_id === BULK_ID)).toBe(true);
    expect(item.summary).toBe('Ends the open session (attempt 1), is rejected (no_hire)');
  });

  it('says why each person is refused: terminal, awaiting a decision, the cool-down', () => {
    const rejected = Journey.enrolled(twoStages());
    rejected.run(rejected.reject());
    expect(decideBulkItem(rejected.state, { action: 'withdraw' }, rejected.ctx).item).toMatchObject({
      outcome: 'refused',
      code: 'CONFLICT',
      reason: 'Jane Smith is rejected; a rejected participant accepts no more commands',
    });

    const awaiting = Journey.enrolled(twoStages({ automation_rule: 'require_reviewer_approval' }));
    awaiting.run(awaiting.record(90));
    expect(decideBulkItem(awaiting.state, { action: 'schedule' }, awaiting.ctx).item.reason).toBe(
      'Jane Smith is awaiting a reviewer\'s decision at stage "Stage 0"',
    );

    const cooling = Journey.enrolled(
      twoStages({ allow_retake: true, max_attempts: 2, retake_cooldown_hours: 24, interviewer }),
    );
    cooling.run(cooling.record(20));
    expect(decideBulkItem(cooling.state, { action: 'schedule' }, cooling.later(1).ctx).item.reason).toContain(
      'the 24-hour cool-down after the attempt completed',
    );
    const booked = decideBulkItem(cooling.state, { action: 'schedule' }, cooling.later(24).ctx).item;
    expect(booked).toMatchObject({ outcome: 'applied' });
    expect(booked.summary).toMatch(/^Books attempt 2 at Stage 0 for \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  });

  it('tags: adds and removes, keeps the rest, and leaves someone already tagged unchanged', () => {
    const j = Journey.enrolled(twoStages());
    j.run({ type: 'update', id: j.participant.id, tags: ['referral', 'berlin'] });
    const tag = (add: string[], remove: string[] = []): BulkActionRequest => ({ action: 'tag', tags: { add, remove } });

    const { item, events } = decideBulkItem(j.state, tag(['shortlist'], ['berlin']), j.ctx);
    expect(events[0]?.data).toEqual({ changes: { tags: ['referral', 'shortlist'] } });
    expect(item).toMatchObject({ outcome: 'applied', summary: 'Adds “shortlist”, removes “berlin”' });
    expect(decideBulkItem(j.state, tag(['referral']), j.ctx).item).toMatchObject({
      outcome: 'unchanged',
      summary: 'Already tagged as asked',
    });

    // The participant's own limit holds: 50 tags at most.
    const full = Array.from({ length: 50 }, (_, i) => `t${i}`);
    j.run({ type: 'update', id: j.participant.id, tags: full });
    expect(decideBulkItem(j.state, tag(['one-more']), j.ctx).item).toMatchObject({
      outcome: 'refused',
      field: 'tags',
      code: 'BAD_REQUEST',
    });
  });
});

describe('BulkActionInput', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => uuid(0x5000 + i));
  const issues = (input: unknown) => {
    const parsed = BulkActionInput.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message]);
  };

  it('takes ids or a filter, never both or neither', () => {
    expect(issues({ action: 'advance', dry_run: true, participant_ids: ids(2) })).toEqual([]);
    expect(issues({ action: 'advance', dry_run: true, filter: { status: 'active' } })).toEqual([]);
    expect(issues({ action: 'advance', dry_run: true })).toEqual([
      ['participant_ids', 'say who: give participant_ids, or a filter'],
    ]);
    expect(issues({ action: 'advance', dry_run: true, participant_ids: ids(1), filter: {} })).toEqual([
      ['filter', 'give participant_ids or a filter, not both'],
    ]);
  });

  it(`names the field past ${MAX_BULK_PARTICIPANTS} people`, () => {
    expect(issues({ action: 'advance', dry_run: true, participant_ids: ids(MAX_BULK_PARTICIPANTS) })).toEqual([]);
    expect(issues({ action: 'advance', dry_run: true, participant_ids: ids(MAX_BULK_PARTICIPANTS + 1) })).toEqual([
      ['participant_ids', 'at most 1,000 participants per bulk action'],
    ]);
  });

  it('refuses a parameter another action takes, rather than ignoring it', () => {
    const who = { dry_run: false, participant_ids: ids(1) };
    expect(issues({ ...who, action: 'advance', tags: { add: ['x'] } })).toEqual([
      ['tags', 'only the tag action takes tags'],
    ]);
    expect(issues({ ...who, action: 'tag', note: 'why' })).toContainEqual(['note', 'tag takes no note']);
    expect(issues({ ...who, action: 'tag' })).toEqual([['tags', 'say which tags to add or remove']]);
    expect(issues({ ...who, action: 'tag', tags: { add: ['a'], remove: ['a'] } })).toEqual([
      ['tags', '"a" cannot be added and removed at once'],
    ]);
    expect(issues({ ...who, action: 'reject', schedule: {} })).toEqual([
      ['schedule', 'only the schedule action takes schedule'],
    ]);
    expect(issues({ ...who, action: 'schedule', schedule: { timezone: 'Mars/Olympus' } })[0]?.[0]).toBe(
      'schedule.timezone',
    );
    expect(issues({ ...who, action: 'promote' })[0]?.[0]).toBe('action');
    expect(issues({ action: 'advance', participant_ids: ids(1) })[0]?.[0]).toBe('dry_run');
  });
});
