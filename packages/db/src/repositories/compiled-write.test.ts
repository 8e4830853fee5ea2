import { and, eq, sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { createTestDb, writeTx } from '../client.ts';
import { webhookEndpoints, workspaces } from '../schema/index.ts';
import { compiledWrite } from './compiled-write.ts';

const WS = '00000000-0000-4000-8000-00000000000a';
const ph = sql.placeholder;

function setup() {
  const db = createTestDb();
  db.insert(workspaces)
    .values({ id: WS, slug: 'a', name: 'A', createdAt: new Date('2026-01-01T00:00:00.000Z') })
    .run();
  return db;
}

const endpoint = (id: string, enabled: boolean) => ({
  id,
  workspace_id: WS,
  url: 'https://hooks.example.com',
  description: 'CRM',
  event_types: ['participant.enrolled'],
  enabled,
  disabled_reason: null,
  disabled_at: null,
  failing_since: null,
  secret_encrypted: 'sealed',
  previous_secret_encrypted: null,
  previous_secret_expires_at: null,
  created_by: 'user:a',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});
const placeholders = Object.fromEntries(Object.keys(endpoint('', true)).map((key) => [key, ph(key)]));

test('stores what Drizzle stores: JSON text, booleans as 0/1, nulls; an update by named placeholders', () => {
  const db = setup();
  const insert = compiledWrite(db, db.insert(webhookEndpoints).values(placeholders as never));
  const drizzles = db
    .insert(webhookEndpoints)
    .values(placeholders as never)
    .prepare();
  insert.run(endpoint('00000000-0000-4000-8000-000000000001', true));
  drizzles.run(endpoint('00000000-0000-4000-8000-000000000002', true));
  const raw = db.$client.prepare('select * from webhook_endpoints order by id').raw().all() as unknown[][];
  expect(raw[0]!.slice(1)).toEqual(raw[1]!.slice(1));
  expect(db.select().from(webhookEndpoints).all()[0]).toEqual(endpoint('00000000-0000-4000-8000-000000000001', true));

  const disable = compiledWrite(
    db,
    db
      .update(webhookEndpoints)
      .set({ enabled: ph('enabled'), event_types: ph('event_types') } as never)
      .where(and(eq(webhookEndpoints.workspace_id, ph('ws')), eq(webhookEndpoints.id, ph('id')))),
  );
  const changed = disable.run({ enabled: false, event_types: [], ws: WS, id: '00000000-0000-4000-8000-000000000002' });
  expect(changed.changes).toBe(1);
  const rows = db.select().from(webhookEndpoints).all();
  expect(rows.map((r) => [r.enabled, r.event_types])).toEqual([
    [true, ['participant.enrolled']],
    [false, []],
  ]);
});

test('a placeholder with no value is refused by name, as Drizzle refuses it; a write joins the open transaction', () => {
  const db = setup();
  const insert = compiledWrite(db, db.insert(webhookEndpoints).values(placeholders as never));
  const { enabled: _, ...missing } = endpoint('00000000-0000-4000-8000-000000000001', true);
  expect(() => insert.run(missing)).toThrow('No value for placeholder "enabled" was provided');
  expect(() =>
    writeTx(db, () => {
      insert.run(endpoint('00000000-0000-4000-8000-000000000003', true));
      throw new Error('rolled back');
    }),
  ).toThrow('rolled back');
  expect(db.select().from(webhookEndpoints).all()).toEqual([]);
});
