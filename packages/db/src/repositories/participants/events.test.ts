import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { createTestDb, type Db } from '../../client.ts';
import { events } from '../../schema/index.ts';

/**
 * The audit log is append-only in the database itself (migration 0002's triggers), so no code path,
 * script or hand-typed SQL can rewrite or remove what happened.
 */

const WS = '00000000-0000-4000-8000-00000000000a';
const PARTICIPANT = '00000000-0000-4000-8000-000000000001';

let db: Db;
const insert = (type: string) =>
  db.$client
    .prepare(
      `insert into events (workspace_id, participant_id, evaluation_template_id, type, actor, occurred_at, data)
       values (?, ?, null, ?, 'system', '2026-11-29T10:00:00.000Z', '{}')`,
    )
    .run(WS, PARTICIPANT, type);
const rows = () => db.$client.prepare('select seq, type, actor from events order by seq').all();

beforeEach(() => {
  db = createTestDb();
  insert('participant_enrolled');
  insert('stage_entered');
});

describe('the events table', () => {
  test('takes new rows, numbered in order', () => {
    const { lastInsertRowid } = insert('session_scheduled');
    expect(Number(lastInsertRowid)).toBe(3);
    expect(rows()).toEqual([
      { seq: 1, type: 'participant_enrolled', actor: 'system' },
      { seq: 2, type: 'stage_entered', actor: 'system' },
      { seq: 3, type: 'session_scheduled', actor: 'system' },
    ]);
  });

  test.each([
    ['update events set type = ? where seq = 1', ['participant_withdrawn']],
    ["update events set actor = 'user:someone-else'", []],
    ['update events set data = \'{"overall_score":100}\' where seq = 2', []],
  ])('refuses UPDATE: %s', (sql, params) => {
    expect(() => db.$client.prepare(sql).run(...params)).toThrow(/events are append-only: UPDATE is not allowed/);
    expect(rows()).toEqual([
      { seq: 1, type: 'participant_enrolled', actor: 'system' },
      { seq: 2, type: 'stage_entered', actor: 'system' },
    ]);
  });

  test.each([
    'delete from events where seq = 1',
    'delete from events',
    `delete from events where workspace_id = '${WS}'`,
  ])('refuses DELETE: %s', (sql) => {
    expect(() => db.$client.prepare(sql).run()).toThrow(/events are append-only: DELETE is not allowed/);
    expect(rows()).toHaveLength(2);
  });

  test('refuses an upsert that would rewrite an event, and a REPLACE that would swap one', () => {
    expect(() =>
      db.$client
        .prepare(
          `insert into events (seq, workspace_id, type, actor, occurred_at, data)
           values (1, ?, 'forged', 'system', '2026-01-01T00:00:00.000Z', '{}')
           on conflict (seq) do update set type = excluded.type`,
        )
        .run(WS),
    ).toThrow(/events are append-only/);
    // REPLACE removes the conflicting row without firing DELETE triggers: a trigger of its own refuses it.
    for (const verb of ['insert or replace', 'replace']) {
      expect(() =>
        db.$client
          .prepare(
            `${verb} into events (seq, workspace_id, type, actor, occurred_at, data)
             values (1, ?, 'forged', 'system', '2026-01-01T00:00:00.000Z', '{}')`,
          )
          .run(WS),
      ).toThrow(/events are append-only: replacing an event is not allowed/);
    }
    expect(rows()).toEqual([
      { seq: 1, type: 'participant_enrolled', actor: 'system' },
      { seq: 2, type: 'stage_entered', actor: 'system' },
    ]);
    // A plain insert that names a used seq is refused too (by the same trigger, before the primary key).
    expect(() =>
      db.$client
        .prepare(
          `insert into events (seq, workspace_id, type, actor, occurred_at, data)
           values (2, ?, 'forged', 'system', '2026-01-01T00:00:00.000Z', '{}')`,
        )
        .run(WS),
    ).toThrow(/append-only/);
  });

  test('refuses the same through the query builder, inside a transaction that then rolls back', () => {
    expect(() =>
      db.transaction((tx) => {
        tx.insert(events)
          .values({
            workspace_id: WS,
            participant_id: PARTICIPANT,
            type: 'participant_updated',
            actor: 'system',
            occurred_at: '2026-11-29T10:00:00.000Z',
            data: {},
          })
          .run();
        tx.update(events).set({ type: 'participant_withdrawn' }).where(eq(events.seq, 1)).run();
      }),
    ).toThrow(/UPDATE is not allowed/);
    expect(() => db.delete(events).where(eq(events.seq, 2)).run()).toThrow(/DELETE is not allowed/);
    expect(rows()).toHaveLength(2);
  });
});
