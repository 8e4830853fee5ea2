import { setImmediate as nextTurn } from 'node:timers/promises';
import { MAX_BULK_PARTICIPANTS } from '@stageflow/domain';
import { beforeEach, describe, expect, test } from 'vitest';
import { resumeBulkActions } from '../application/bulk-actions.ts';
import { createBulkRunner } from '../application/bulk-runner.ts';
import { createCaller } from '../caller.ts';
import { createInnerContext } from '../context.ts';
import { type ApiKit, anotherProcess, expectTRPCError, rowsOnEngine, setupEngineApi } from '../testing.ts';
import { buildPipeline, person, scores } from '../testing-pipeline.ts';

let t: ApiKit;
const timeline = async (id: string) => (await t.api.participants.timeline({ id, limit: 100 })).items;
// `resumeBulkActions` takes up every workspace's running actions and counts them: each test has a database of
// its own on PostgreSQL too (docs/architecture.md#tests).
beforeEach(async () => {
  t = await setupEngineApi({ ownDatabase: true });
});

/**
 * The seed pipeline (Phone Screen auto-advance → Technical approval → Final) with one person in each
 * situation a bulk advance meets: awaiting a decision after a pass, pending at the first stage,
 * pending after an advance, and rejected.
 */
async function cohort() {
  const { template, stages } = await buildPipeline(t.api);
  const enrol = async (name: string) =>
    t.api.participants.create({ evaluation_template_id: template.id, ...person(name) });
  const awaiting = await enrol('Ada Awaiting');
  await t.api.sessions.recordResult({ participant_id: awaiting.id, ...scores(9, 9) });
  await t.api.sessions.recordResult({ participant_id: awaiting.id, ...scores(9, 9) });
  const fresh = await enrol('Fred Fresh');
  const moved = await enrol('Mo Moved');
  await t.api.sessions.recordResult({ participant_id: moved.id, ...scores(9, 9) });
  const rejected = await enrol('Rita Rejected');
  await t.api.participants.reject({ participant_id: rejected.id });
  return { template, stages, awaiting, fresh, moved, rejected, ids: [awaiting.id, fresh.id, moved.id, rejected.id] };
}

/** A line of a result without who: what previewing and applying must agree on. */
const lines = (items: readonly { outcome: string; summary: string | null; reason: string | null }[]) =>
  items.map(({ outcome, summary, reason }) => ({ outcome, summary, reason }));

describe('the preview is the decider run without storing, and applying does what it said', () => {
  test('a bulk advance: previewed, nothing stored; applied, each person as previewed', async () => {
    const c = await cohort();
    const before = await t.api.participants.byId({ id: c.awaiting.id });

    const preview = await t.api.bulkActions.create({ action: 'advance', dry_run: true, participant_ids: c.ids });
    expect(preview).toMatchObject({ id: null, dry_run: true, status: 'preview', total: 4, processed: 4 });
    expect(preview.counts).toEqual({ pending: 0, applied: 1, unchanged: 0, refused: 3 });
    expect(preview.items.map((i) => [i.name, i.outcome, i.code, i.field])).toEqual([
      ['Ada Awaiting', 'applied', null, null],
      ['Fred Fresh', 'refused', 'BAD_REQUEST', 'note'],
      ['Mo Moved', 'refused', 'BAD_REQUEST', 'note'],
      ['Rita Rejected', 'refused', 'CONFLICT', null],
    ]);
    expect(preview.items[0]!.summary).toBe('Closes the open decision, moves to Final');
    expect(preview.items[3]!.reason).toBe('Rita Rejected is rejected; a rejected participant accepts no more commands');
    // The single move refuses Fred in the same words.
    const single = await expectTRPCError(t.api.participants.advance({ participant_id: c.fresh.id }), 'BAD_REQUEST');
    expect(single.message).toBe(`note: ${preview.items[1]!.reason}`);
    // Nothing was stored.
    expect(await t.api.participants.byId({ id: c.awaiting.id })).toEqual(before);

    const started = await t.api.bulkActions.create({ action: 'advance', dry_run: false, participant_ids: c.ids });
    expect(started).toMatchObject({ dry_run: false, status: 'running', total: 4, processed: 0 });
    expect(started.items.every((i) => i.outcome === 'pending')).toBe(true);
    await t.deps.bulkRunner.idle();

    const done = await t.api.bulkActions.byId({ id: started.id! });
    expect(done).toMatchObject({ status: 'completed', processed: 4, finished_at: expect.any(String) });
    expect(lines(done.items)).toEqual(lines(preview.items));
    expect(done.items.map((i) => i.participant_id)).toEqual(c.ids);

    // One command per person, its events carrying the bulk action's id; the refused wrote nothing.
    const ada = await t.api.participants.byId({ id: c.awaiting.id });
    expect(ada.current_stage_id).toBe(c.stages[2]!.id);
    const fromBulk = (await timeline(c.awaiting.id)).filter((e) => e.bulk_action_id === started.id);
    expect(fromBulk.map((e) => e.type)).toEqual(['stage_entered', 'stage_passed', 'decision_closed']);
    expect(fromBulk.every((e) => e.actor === `user:owner-of-${t.workspaceId}`)).toBe(true);
    expect((await timeline(c.fresh.id)).some((e) => e.bulk_action_id !== null)).toBe(false);
  });

  test('where the single move needs a note, the bulk one does; with it, everyone active moves', async () => {
    const c = await cohort();
    const withNote = await t.api.bulkActions.create({
      action: 'advance',
      dry_run: false,
      participant_ids: c.ids,
      note: 'The hiring manager fast-tracks this group',
    });
    await t.deps.bulkRunner.idle();
    const done = await t.api.bulkActions.byId({ id: withNote.id! });
    expect(done.items.map((i) => [i.name, i.outcome, i.summary])).toEqual([
      ['Ada Awaiting', 'applied', 'Closes the open decision, moves to Final'],
      ['Fred Fresh', 'applied', 'Skips Phone Screen (not passed), moves to Technical'],
      ['Mo Moved', 'applied', 'Skips Technical (not passed), moves to Final'],
      ['Rita Rejected', 'refused', null],
    ]);
    expect(done.note).toBe('The hiring manager fast-tracks this group');
    expect((await timeline(c.fresh.id)).find((e) => e.type === 'stage_skipped')?.data).toMatchObject({
      note: 'The hiring manager fast-tracks this group',
      trigger: 'manual',
    });
  });

  test('reject, withdraw, tag and schedule: each the single command', async () => {
    const c = await cohort();
    const apply = async (input: Parameters<typeof t.api.bulkActions.create>[0]) => {
      const started = await t.api.bulkActions.create(input);
      await t.deps.bulkRunner.idle();
      return t.api.bulkActions.byId({ id: started.id! });
    };
    const tagged = await apply({
      action: 'tag',
      dry_run: false,
      participant_ids: [c.fresh.id, c.moved.id, c.rejected.id],
      tags: { add: ['shortlist'] },
    });
    expect(tagged.items.map((i) => i.outcome)).toEqual(['applied', 'applied', 'refused']);
    expect((await t.api.participants.byId({ id: c.fresh.id })).tags).toEqual(['shortlist']);
    const again = await t.api.bulkActions.create({
      action: 'tag',
      dry_run: true,
      participant_ids: [c.fresh.id],
      tags: { add: ['shortlist'] },
    });
    expect(again.items[0]).toMatchObject({ outcome: 'unchanged', summary: 'Already tagged as asked' });

    const booked = await apply({
      action: 'schedule',
      dry_run: false,
      participant_ids: [c.fresh.id, c.awaiting.id],
      schedule: { scheduled_at: '2031-05-04T09:00:00.000Z', timezone: 'Europe/Madrid' },
    });
    expect(booked.items.map((i) => [i.outcome, i.summary ?? i.reason])).toEqual([
      ['applied', 'Books attempt 1 at Phone Screen for 2031-05-04 09:00 UTC'],
      ['refused', 'Ada Awaiting is awaiting a reviewer\'s decision at stage "Technical"'],
    ]);
    const [session] = await t.api.sessions.list({ participant_id: c.fresh.id });
    expect(session).toMatchObject({ status: 'scheduled', timezone: 'Europe/Madrid' });

    const withdrawn = await apply({ action: 'withdraw', dry_run: false, participant_ids: [c.fresh.id], note: 'Moved' });
    expect(withdrawn.items[0]).toMatchObject({
      outcome: 'applied',
      summary: 'Ends the open session (attempt 1), is withdrawn',
    });
    const rejected = await apply({ action: 'reject', dry_run: false, participant_ids: [c.moved.id] });
    expect(rejected.items[0]).toMatchObject({ outcome: 'applied', summary: 'Is rejected (no_hire)' });
  });
});

describe('who: ids or the list’s filter', () => {
  test('a filter selects whom the list shows', async () => {
    const c = await cohort();
    const technical = c.stages[1]!.id;
    const preview = await t.api.bulkActions.create({
      action: 'advance',
      dry_run: true,
      filter: { evaluation_template_id: c.template.id, stage_id: technical, status: 'active' },
    });
    // In the list's order (newest first; here one instant, so by id).
    expect(preview.items.map((i) => i.name).sort()).toEqual(['Ada Awaiting', 'Mo Moved']);
    expect(preview.filter).toEqual({ evaluation_template_id: c.template.id, stage_id: technical, status: 'active' });
    expect(await t.api.participants.count({ evaluation_template_id: c.template.id, stage_id: technical })).toEqual({
      count: 2,
    });
    await expectTRPCError(
      t.api.bulkActions.create({ action: 'advance', dry_run: true, filter: { search: 'nobody-like-this' } }),
      'BAD_REQUEST',
      { issuePath: ['filter'], message: /no participant matches the filter/ },
    );
  });

  test(`more than ${MAX_BULK_PARTICIPANTS} matching is refused on filter, by number; ids past it on participant_ids`, async () => {
    const { template } = await buildPipeline(t.api);
    for (const size of [500, 500, 1]) {
      await t.api.participants.bulkCreate({
        evaluation_template_id: template.id,
        participants: Array.from({ length: size }, () => person('Many')),
      });
    }
    await expectTRPCError(
      t.api.bulkActions.create({ action: 'tag', dry_run: true, filter: {}, tags: { add: ['x'] } }),
      'BAD_REQUEST',
      { issuePath: ['filter'], message: /1,001 participants match; a bulk action takes at most 1,000/ },
    );
    const ids = Array.from({ length: MAX_BULK_PARTICIPANTS + 1 }, () => crypto.randomUUID());
    await expectTRPCError(
      t.api.bulkActions.create({ action: 'reject', dry_run: true, participant_ids: ids }),
      'BAD_REQUEST',
      { issuePath: ['participant_ids'], message: /at most 1,000 participants per bulk action/ },
    );
  });

  test('each parameter is checked and named: a missing dry_run, a note on a tag, tags on an advance', async () => {
    const c = await cohort();
    await expectTRPCError(
      // @ts-expect-error: dry_run is required, so the caller says whether anything happens
      t.api.bulkActions.create({ action: 'advance', participant_ids: c.ids }),
      'BAD_REQUEST',
      { issuePath: ['dry_run'] },
    );
    await expectTRPCError(
      t.api.bulkActions.create({
        action: 'tag',
        dry_run: true,
        participant_ids: c.ids,
        note: 'n',
        tags: { add: ['a'] },
      }),
      'BAD_REQUEST',
      { issuePath: ['note'] },
    );
    await expectTRPCError(
      t.api.bulkActions.create({ action: 'advance', dry_run: true, participant_ids: c.ids, tags: { add: ['a'] } }),
      'BAD_REQUEST',
      { issuePath: ['tags'] },
    );
  });
});

describe('isolation and access', () => {
  test('another workspace’s people are not found, and its bulk actions are not readable', async () => {
    const c = await cohort();
    await expectTRPCError(
      t.other.bulkActions.create({ action: 'withdraw', dry_run: false, participant_ids: [c.fresh.id] }),
      'NOT_FOUND',
      { issuePath: ['participant_ids', 0] },
    );
    // A filter in the other workspace matches none of this one's people.
    await expectTRPCError(
      t.other.bulkActions.create({
        action: 'withdraw',
        dry_run: true,
        filter: { evaluation_template_id: c.template.id },
      }),
      'BAD_REQUEST',
      { issuePath: ['filter'] },
    );
    const mine = await t.api.bulkActions.create({ action: 'reject', dry_run: false, participant_ids: [c.fresh.id] });
    await t.deps.bulkRunner.idle();
    await expectTRPCError(t.other.bulkActions.byId({ id: mine.id! }), 'NOT_FOUND');
    expect((await t.api.participants.byId({ id: c.fresh.id })).status).toBe('rejected');
  });

  test('reviewers cannot; scheduling in bulk needs the scope to schedule one', async () => {
    const c = await cohort();
    await expectTRPCError(
      t.callerFor(t.workspaceId, 'reviewer').bulkActions.create({
        action: 'advance',
        dry_run: true,
        participant_ids: c.ids,
      }),
      'FORBIDDEN',
    );
    const keyCaller = (scopes: ('participants.write' | 'participants.read' | 'sessions.write')[]) =>
      createCaller(createInnerContext(t.deps, { kind: 'api_key', keyId: 'k', workspaceId: t.workspaceId, scopes }, {}));
    const schedule = { action: 'schedule' as const, dry_run: true, participant_ids: [c.fresh.id] };
    await expectTRPCError(keyCaller(['participants.write']).bulkActions.create(schedule), 'FORBIDDEN', {
      message: /sessions.write/,
    });
    expect((await keyCaller(['participants.write', 'sessions.write']).bulkActions.create(schedule)).items).toHaveLength(
      1,
    );
  });
});

describe('idempotent, with progress, and nothing lost on a restart', () => {
  test('a retry with the same key answers the same bulk action, and runs nobody twice', async () => {
    const c = await cohort();
    const input = {
      action: 'tag' as const,
      dry_run: false,
      participant_ids: [c.fresh.id, c.moved.id],
      tags: { add: ['batch-7'] },
      idempotency_key: 'client-4b1f',
    };
    const first = await t.api.bulkActions.create(input);
    const retry = await t.api.bulkActions.create(input);
    expect(retry.id).toBe(first.id);
    await t.deps.bulkRunner.idle();
    expect((await timeline(c.fresh.id)).filter((e) => e.type === 'participant_updated')).toHaveLength(1);
    expect((await t.api.bulkActions.create(input)).status).toBe('completed');
    await expectTRPCError(t.api.bulkActions.create({ ...input, tags: { add: ['batch-8'] } }), 'CONFLICT', {
      message: /Idempotency key "client-4b1f" was already used for a different request/,
    });
  });

  test('progress: processed counts up to total while it runs', async () => {
    const { template } = await buildPipeline(t.api);
    const people = await t.api.participants.bulkCreate({
      evaluation_template_id: template.id,
      participants: Array.from({ length: 12 }, () => person('Pat')),
    });
    const started = await t.api.bulkActions.create({
      action: 'tag',
      dry_run: false,
      participant_ids: people.created.map((p) => p.id),
      tags: { add: ['wave-1'] },
    });
    const seen: number[] = [];
    for (let state = started; state.status === 'running'; ) {
      seen.push(state.processed);
      await nextTurn();
      state = await t.api.bulkActions.byId({ id: started.id! });
    }
    expect(seen[0]).toBe(0);
    expect(seen.some((n) => n > 0 && n < 12)).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(await t.api.bulkActions.byId({ id: started.id! })).toMatchObject({ processed: 12, status: 'completed' });
  });

  test('a stop half-way leaves the rest pending; the next start carries on as the person who started it', async () => {
    const c = await cohort();
    // A process that stops at once: the action is stored, nobody is run.
    const stopping = await anotherProcess(t);
    stopping.bulkRunner.stop();
    const owner = {
      kind: 'user',
      userId: `owner-of-${t.workspaceId}`,
      workspaceId: t.workspaceId,
      role: 'owner',
    } as const;
    const api = createCaller(createInnerContext(stopping, owner));
    const started = await api.bulkActions.create({
      action: 'withdraw',
      dry_run: false,
      participant_ids: [c.fresh.id, c.moved.id],
      note: 'Role closed',
    });
    await stopping.bulkRunner.idle();
    expect(await t.api.bulkActions.byId({ id: started.id! })).toMatchObject({ status: 'running', processed: 0 });

    // The next start.
    const next = await anotherProcess(t);
    expect(await resumeBulkActions(next)).toBe(1);
    await next.bulkRunner.idle();
    const done = await t.api.bulkActions.byId({ id: started.id! });
    expect(done).toMatchObject({ status: 'completed', processed: 2, counts: { applied: 2 } });
    expect((await timeline(c.fresh.id)).find((e) => e.type === 'participant_withdrawn')).toMatchObject({
      actor: `user:owner-of-${t.workspaceId}`,
      bulk_action_id: started.id,
      data: { note: 'Role closed' },
    });
  });
});

describe('several processes on one database: the runner leases the action (docs/rules.md#bulk-actions)', () => {
  /** A bulk action stored by a process that stops at once, so nobody has run it yet. */
  async function storedAction() {
    const c = await cohort();
    const stopping = await anotherProcess(t);
    stopping.bulkRunner.stop();
    const owner = { kind: 'user', userId: 'u-1', workspaceId: t.workspaceId, role: 'owner' } as const;
    const started = await createCaller(createInnerContext(stopping, owner)).bulkActions.create({
      action: 'tag',
      dry_run: false,
      participant_ids: c.ids,
      tags: { add: ['wave-2'] },
    });
    return started.id!;
  }
  const at = (ms: number) => new Date(ms).toISOString();
  /** Another server process over the same database, with its own runner and wall clock. */
  const process = async (owner: string, clock: () => number) => {
    const deps = await anotherProcess(t);
    return { ...deps, bulkRunner: createBulkRunner(deps.log, { owner, clock }) };
  };
  const leaseOf = async (id: string) =>
    (await rowsOnEngine(t, 'select lease_owner, lease_expires_at from bulk_actions where id = ?', id))[0];

  test('an action another live process holds is left alone; once its lease runs out, the next look takes it up', async () => {
    const id = await storedAction();
    const now = Date.parse('2026-03-02T10:00:00.000Z');
    // Process A took it and died without a word: its lease holds for a minute.
    expect(
      await t.deps.storage.bulkActions.claim(t.workspaceId, id, {
        owner: 'A',
        now: at(now),
        until: at(now + 60_000),
      }),
    ).toBe(true);

    const b = await process('B', () => now + 30_000);
    expect(await resumeBulkActions(b)).toBe(1);
    await b.bulkRunner.idle();
    expect(await t.api.bulkActions.byId({ id })).toMatchObject({ status: 'running', processed: 0 });
    expect(await leaseOf(id)).toEqual({ lease_owner: 'A', lease_expires_at: at(now + 60_000) });

    const later = await process('B', () => now + 61_000);
    expect(await resumeBulkActions(later)).toBe(1);
    await later.bulkRunner.idle();
    expect(await t.api.bulkActions.byId({ id })).toMatchObject({ status: 'completed', processed: 4 });
    // Done: the lease is given up.
    expect(await leaseOf(id)).toEqual({ lease_owner: null, lease_expires_at: null });
  });

  test('two processes told to run the same action at once: one runs every person, the other none', async () => {
    const id = await storedAction();
    const now = Date.now();
    const a = await process('A', () => now);
    const b = await process('B', () => now);
    const ranBy: Record<string, number> = { A: 0, B: 0 };
    for (const [name, p] of [
      ['A', a],
      ['B', b],
    ] as const) {
      const apply = p.storage.bulkActions.applyItem;
      p.storage.bulkActions.applyItem = (...args) => {
        ranBy[name]! += 1;
        return apply(...args);
      };
    }
    expect([await resumeBulkActions(a), await resumeBulkActions(b)]).toEqual([1, 1]);
    await Promise.all([a.bulkRunner.idle(), b.bulkRunner.idle()]);
    expect(await t.api.bulkActions.byId({ id })).toMatchObject({ status: 'completed', processed: 4 });
    expect(ranBy).toEqual({ A: 4, B: 0 });
  });

  test('a fault stops the action: the next look in that process leaves it, the next start carries on', async () => {
    const id = await storedAction();
    const now = Date.now();
    const a = await process('A', () => now);
    const apply = a.storage.bulkActions.applyItem;
    let tries = 0;
    a.storage.bulkActions.applyItem = () => {
      tries += 1;
      throw new Error('disk full');
    };
    await resumeBulkActions(a);
    await a.bulkRunner.idle();
    await resumeBulkActions(a); // the periodic look, a minute later
    await a.bulkRunner.idle();
    expect(tries).toBe(1);
    expect(await t.api.bulkActions.byId({ id })).toMatchObject({ status: 'running', processed: 0 });

    a.storage.bulkActions.applyItem = apply;
    const restarted = await process('A2', () => now);
    await resumeBulkActions(restarted);
    await restarted.bulkRunner.idle();
    expect(await t.api.bulkActions.byId({ id })).toMatchObject({ status: 'completed', processed: 4 });
  });

  test('a process that stops half-way gives its lease up: another goes on at once', async () => {
    const id = await storedAction();
    const now = Date.now();
    const a = await process('A', () => now);
    await resumeBulkActions(a);
    await nextTurn(); // A has claimed and run its first person, and yields
    a.bulkRunner.stop();
    await a.bulkRunner.idle();
    const halfway = await t.api.bulkActions.byId({ id });
    expect(halfway.status).toBe('running');
    expect(halfway.processed).toBeLessThan(4);
    expect(await leaseOf(id)).toEqual({ lease_owner: null, lease_expires_at: null });

    const b = await process('B', () => now);
    await resumeBulkActions(b);
    await b.bulkRunner.idle();
    expect(await t.api.bulkActions.byId({ id })).toMatchObject({ status: 'completed', processed: 4 });
  });
});
