import { type NewBulkAction, schema, writeTx } from '@stageflow/db';
import {
  closePgDb,
  createPgBulkActionsReads,
  createPgBulkActionsWrites,
  createPgDb,
  type PgDb,
} from '@stageflow/db/postgres';
import type { BulkActionItem } from '@stageflow/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BothEngines, demoOnBothEngines, enginesUnavailable, rowsOnBoth } from '../testing-engines.ts';

const unavailable = enginesUnavailable();
if (unavailable) console.warn(unavailable);

const T0 = '2026-06-01T10:00:00.000Z';
const T1 = '2026-06-01T10:01:00.000Z';
const T2 = '2026-06-01T10:03:00.000Z';
const LATER = '2026-06-01T11:00:00.000Z';
const ACTION = 'b0000000-0000-4000-8000-000000000001';
const EMPTY = 'b0000000-0000-4000-8000-000000000002';
const OTHER = 'b0000000-0000-4000-8000-000000000003';

describe.skipIf(unavailable)('bulk actions on PostgreSQL answer and store as on SQLite', () => {
  let both: BothEngines;
  let ws: string;
  /** A second pool on the same database: another server process. */
  let otherProcess: PgDb;
  let people: { participant_id: string; name: string | null }[];
  const pg = () => createPgBulkActionsReads(both.pg);

  const action = (id: string, workspaceId: string, who: typeof people): NewBulkAction => ({
    id,
    workspace_id: workspaceId,
    request: { action: 'tag', tags: { add: ['shortlist'], remove: [] }, note: 'Strong group' },
    filter: { status: 'active', tags: ['x'] },
    created_by: 'demo-owner',
    created_at: T0,
    people: who,
  });
  const line = (participantId: string, outcome: BulkActionItem['outcome']): BulkActionItem => ({
    participant_id: participantId,
    name: 'Someone',
    outcome,
    summary: outcome === 'applied' ? 'Tags shortlist' : null,
    reason: outcome === 'refused' ? 'Already withdrawn' : null,
    code: outcome === 'refused' ? 'CONFLICT' : null,
    field: null,
  });

  async function onBoth<T>(
    sqlite: (tx: Parameters<Parameters<typeof writeTx>[1]>[0]) => T,
    onPg: (w: ReturnType<typeof createPgBulkActionsWrites>) => Promise<T>,
  ): Promise<{ sqlite: T; pg: T }> {
    const onSqlite = writeTx(both.sqliteDb, sqlite);
    return { sqlite: onSqlite, pg: await both.pg.transaction((tx) => onPg(createPgBulkActionsWrites(tx))) };
  }
  const expectSameRows = async () => {
    for (const table of ['bulkActions', 'bulkActionItems'] as const) {
      const rows = await rowsOnBoth(both.sqliteDb, both.pg, table);
      expect(rows.sqlite.length).toBeGreaterThan(0);
      expect(rows.pg, table).toEqual(rows.sqlite);
    }
  };

  beforeAll(async () => {
    both = await demoOnBothEngines();
    ws = both.workspaceId;
    otherProcess = createPgDb(both.pg.$client.options.connectionString!);
    people = both.sqliteDb
      .select({ participant_id: schema.participants.id, name: schema.participants.name })
      .from(schema.participants)
      .where(eq(schema.participants.workspace_id, ws))
      .limit(5)
      .all();
    // One id that names nobody: no name.
    people.push({ participant_id: 'c0000000-0000-4000-8000-000000000009', name: null });
    for (const a of [action(ACTION, ws, people), action(EMPTY, ws, []), action(OTHER, both.otherWorkspaceId, people)]) {
      await onBoth(
        (tx) => both.repos.bulkActions.insert(tx, a),
        (w) => w.insert(a),
      );
    }
  }, 60_000);
  afterAll(async () => {
    if (otherProcess) await closePgDb(otherProcess);
    await both?.stop();
  });

  test('inserted alike, and read alike: the action, its request, what is pending, what runs', async () => {
    await expectSameRows();
    const sqlite = both.repos.bulkActions;
    expect(sqlite.byId(ws, ACTION)?.items).toHaveLength(6);
    expect(await pg().byId(ws, ACTION)).toEqual(sqlite.byId(ws, ACTION));
    expect(await pg().byId(ws, EMPTY)).toEqual(sqlite.byId(ws, EMPTY));
    expect(sqlite.byId(ws, EMPTY)?.status).toBe('completed');
    expect(await pg().request(ws, ACTION)).toEqual(sqlite.request(ws, ACTION));
    expect(await pg().isPending(ws, ACTION, 2)).toBe(true);
    expect(await pg().isPending(ws, ACTION, 99)).toBe(false);
    expect(await pg().nextPending(ws, ACTION)).toEqual(sqlite.nextPending(ws, ACTION));
    expect(sqlite.running()).toHaveLength(2);
    expect(await pg().running()).toEqual(sqlite.running());
    // Nothing of another workspace.
    expect(await pg().byId(both.otherWorkspaceId, ACTION)).toBeUndefined();
    expect(await pg().request(both.otherWorkspaceId, ACTION)).toBeUndefined();
    expect(await pg().isPending(both.otherWorkspaceId, ACTION, 0)).toBe(false);
    expect(await pg().nextPending(both.otherWorkspaceId, ACTION)).toBeUndefined();
  });

  test('settling each person counts them, the last completes the action; a second settle writes nothing', async () => {
    const outcomes: BulkActionItem['outcome'][] = ['applied', 'unchanged', 'refused', 'applied', 'applied', 'refused'];
    for (const [position, outcome] of outcomes.entries()) {
      const who = people[position]!.participant_id;
      const settled = await onBoth(
        (tx) => both.repos.bulkActions.settle(tx, ws, ACTION, position, line(who, outcome), T1),
        (w) => w.settle(ws, ACTION, position, line(who, outcome), T1),
      );
      expect(settled).toEqual({ sqlite: true, pg: true });
      if (position === 2) {
        expect(await pg().byId(ws, ACTION)).toEqual(both.repos.bulkActions.byId(ws, ACTION));
        expect(await pg().nextPending(ws, ACTION)).toEqual({ position: 3, participant_id: people[3]!.participant_id });
      }
    }
    const again = await onBoth(
      (tx) => both.repos.bulkActions.settle(tx, ws, ACTION, 0, line(people[0]!.participant_id, 'refused'), T2),
      (w) => w.settle(ws, ACTION, 0, line(people[0]!.participant_id, 'refused'), T2),
    );
    expect(again).toEqual({ sqlite: false, pg: false });
    await expectSameRows();
    const done = both.repos.bulkActions.byId(ws, ACTION);
    expect(done).toMatchObject({ status: 'completed', processed: 6, finished_at: T1 });
    expect(await pg().byId(ws, ACTION)).toEqual(done);
    expect(await pg().running()).toEqual(both.repos.bulkActions.running());
  });

  test('the lease on a running action: one holder, renewed while held, released, taken over once it ran out', async () => {
    const lease = (owner: string, now = T0, until = T1) => ({ owner, now, until });
    const bulk = both.repos.bulkActions;
    const other = both.otherWorkspaceId;
    type Tx = Parameters<Parameters<typeof writeTx>[1]>[0];
    type PgWrites = ReturnType<typeof createPgBulkActionsWrites>;
    // Each step as the same call on either engine.
    const claim = (workspaceId: string, id: string, l: ReturnType<typeof lease>) =>
      [
        (tx: Tx): unknown => bulk.claim(tx, workspaceId, id, l),
        (w: PgWrites): Promise<unknown> => w.claim(workspaceId, id, l),
      ] as const;
    const release = (owner: string) =>
      [
        (tx: Tx): unknown => bulk.release(tx, other, OTHER, owner),
        (w: PgWrites): Promise<unknown> => w.release(other, OTHER, owner),
      ] as const;
    const ranOut = (owner: string) => lease(owner, LATER, '2026-06-01T11:05:00.000Z');
    const steps = [
      ['a claims', claim(other, OTHER, lease('a'))],
      ['b is refused', claim(other, OTHER, lease('b'))],
      ['a renews', claim(other, OTHER, lease('a', T0, T2))],
      ['b cannot release it', release('b')],
      ['b takes it once it ran out', claim(other, OTHER, ranOut('b'))],
      ['a has lost it', claim(other, OTHER, ranOut('a'))],
      ['a completed action is never claimed', claim(ws, ACTION, lease('a'))],
    ] as const;
    const answers: Record<string, unknown> = {};
    for (const [name, [sqlite, onPg]] of steps) {
      const answer = await onBoth(sqlite, onPg);
      expect(answer.pg, name).toEqual(answer.sqlite);
      answers[name] = answer.sqlite;
    }
    expect(answers).toEqual({
      'a claims': true,
      'b is refused': false,
      'a renews': true,
      'b cannot release it': undefined,
      'b takes it once it ran out': true,
      'a has lost it': false,
      'a completed action is never claimed': false,
    });
    await expectSameRows();
    await onBoth(...release('b'));
    await expectSameRows();
  });

  test('two processes claiming the same action at once: exactly one holds it', async () => {
    const claimOn = (db: PgDb, owner: string) =>
      db.transaction(async (tx) => {
        const got = await createPgBulkActionsWrites(tx).claim(both.otherWorkspaceId, OTHER, {
          owner,
          now: '2026-06-01T12:00:00.000Z',
          until: '2026-06-01T12:05:00.000Z',
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
        return got;
      });
    const answers = await Promise.all([claimOn(both.pg, 'p1'), claimOn(otherProcess, 'p2')]);
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  test('inside an item transaction, isPending locks the item: a second process waits, then sees it settled', async () => {
    let settle!: () => void;
    const go = new Promise<void>((resolve) => {
      settle = resolve;
    });
    let loaded!: () => void;
    const isLoaded = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    const who = people[0]!.participant_id;
    const first = both.pg.transaction(async (tx) => {
      expect(await createPgBulkActionsReads(tx, { inWrite: true }).isPending(both.otherWorkspaceId, OTHER, 0)).toBe(
        true,
      );
      loaded();
      await go;
      return createPgBulkActionsWrites(tx).settle(both.otherWorkspaceId, OTHER, 0, line(who, 'applied'), T1);
    });
    await isLoaded;
    const second = otherProcess.transaction(async (tx) =>
      createPgBulkActionsReads(tx, { inWrite: true }).isPending(both.otherWorkspaceId, OTHER, 0),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    settle();
    expect(await first).toBe(true);
    // It waited for the first to commit, and then the item was no longer pending.
    expect(await second).toBe(false);
  });
});
