import { type WebhookEndpointRow, writeTx } from '@stageflow/db';
import {
  closePgDb,
  createPgDb,
  createPgStorage,
  createPgWebhooksReads,
  createPgWebhooksWrites,
  type PgDb,
  type PgExec,
  pgEnqueued,
} from '@stageflow/db/postgres';
import type { WebhookEvent } from '@stageflow/domain';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  type BothEngines,
  demoOnBothEngines,
  enginesUnavailable,
  rowsOnBoth,
  signal,
  someoneWaitsForALock,
} from '../testing-engines.ts';

// The outbox draws its message and delivery ids at random; here they are drawn from a counter that each
// engine's write starts at the same number, so the same writes must leave the very same rows on both.
const ids = vi.hoisted(() => ({ n: 0 }));
vi.mock('node:crypto', async (original) => ({
  ...(await original<typeof import('node:crypto')>()),
  randomUUID: () => `00000000-0000-4000-8000-${String(++ids.n).padStart(12, '0')}`,
}));

const unavailable = enginesUnavailable();
if (unavailable) console.warn(unavailable);

const T0 = '2026-06-01T10:00:00.000Z';
const T1 = '2026-06-01T10:01:00.000Z';
const T2 = '2026-06-01T10:05:00.000Z';

const endpoint = (n: number, over: Partial<WebhookEndpointRow> = {}): WebhookEndpointRow => ({
  id: `e0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  url: `https://hooks.example.com/${n}`,
  description: `Endpoint ${n}`,
  event_types: [],
  enabled: true,
  disabled_reason: null,
  disabled_at: null,
  failing_since: null,
  secret: `sealed-${n}`,
  previous_secret: null,
  previous_secret_expires_at: null,
  created_by: 'demo-owner',
  created_at: `2026-05-0${n}T09:00:00.000Z`,
  updated_at: `2026-05-0${n}T09:00:00.000Z`,
  ...over,
});

const event = (type: WebhookEvent['type'], n: number): WebhookEvent => ({
  type,
  timestamp: T0,
  data: { n, nested: { b: 1, a: [2, 1] } },
});

describe.skipIf(unavailable)('webhook endpoints and the outbox on PostgreSQL answer and store as on SQLite', () => {
  let both: BothEngines;
  let ws: string;
  const pgReads = (exec?: PgExec) => createPgWebhooksReads(exec ?? both.pg);
  type PgWrites = ReturnType<typeof createPgWebhooksWrites>;
  /** The writes inside `tx`, waking nobody (the engine's wake-up is tested below, through the storage). */
  const pgWrites = (tx: PgExec): PgWrites => createPgWebhooksWrites(tx, { announce: () => {} });

  /** The same write on both engines, ids drawn from the same counter: SQLite's answer and PostgreSQL's. */
  async function onBoth<T>(
    sqlite: (tx: Parameters<Parameters<typeof writeTx>[1]>[0]) => T,
    pg: (w: PgWrites) => Promise<T>,
  ): Promise<{ sqlite: T; pg: T }> {
    const start = ids.n;
    const onSqlite = writeTx(both.sqliteDb, sqlite);
    ids.n = start;
    const onPg = await both.pg.transaction((tx) => pg(pgWrites(tx)));
    return { sqlite: onSqlite, pg: onPg };
  }
  const expectSameRows = async (...tables: Parameters<typeof rowsOnBoth>[2][]) => {
    for (const table of tables) {
      const rows = await rowsOnBoth(both.sqliteDb, both.pg, table);
      expect(rows.pg, table).toEqual(rows.sqlite);
    }
  };

  beforeAll(async () => {
    both = await demoOnBothEngines();
    ws = both.workspaceId;
    const { endpoints } = both.repos.webhooks;
    // Every type; two types; disabled; and one of the other workspace.
    const made: [string, WebhookEndpointRow][] = [
      [ws, endpoint(1)],
      [ws, endpoint(2, { event_types: ['participant.enrolled', 'stage.created'] })],
      [ws, endpoint(3, { enabled: false, disabled_reason: 'failing', disabled_at: T0 })],
      [both.otherWorkspaceId, endpoint(4)],
    ];
    for (const [workspaceId, e] of made) {
      await onBoth(
        (tx) => endpoints.insert(tx, workspaceId, e),
        (w) => w.endpoints.insert(workspaceId, e),
      );
    }
  }, 60_000);
  afterAll(() => both?.stop());

  test('endpoints: inserted and saved alike, and read alike (list, by id, count, the enabled ones)', async () => {
    const saved = { ...endpoint(2), description: 'Renamed', failing_since: T0, updated_at: T1 };
    await onBoth(
      (tx) =>
        both.repos.webhooks.endpoints.save(tx, ws, {
          ...saved,
          event_types: ['participant.enrolled', 'stage.created'],
        }),
      (w) => w.endpoints.save(ws, { ...saved, event_types: ['participant.enrolled', 'stage.created'] }),
    );
    await expectSameRows('webhookEndpoints');

    const sqlite = both.repos.webhooks.endpoints;
    const pg = pgReads().endpoints;
    expect(sqlite.list(ws)).toHaveLength(3);
    expect(await pg.list(ws)).toEqual(sqlite.list(ws));
    expect(await pg.byId(ws, endpoint(2).id)).toEqual(sqlite.byId(ws, endpoint(2).id));
    expect(sqlite.byId(ws, endpoint(2).id)?.description).toBe('Renamed');
    expect(await pg.count(ws)).toBe(3);
    expect(sqlite.enabled(ws)).toHaveLength(2);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect((await pg.enabled(ws)).sort(byId)).toEqual([...sqlite.enabled(ws)].sort(byId));
    // Nothing of another workspace.
    expect(await pg.byId(both.otherWorkspaceId, endpoint(1).id)).toBeUndefined();
    expect((await pg.list(both.otherWorkspaceId)).map((e) => e.id)).toEqual([endpoint(4).id]);
  });

  test('enqueue picks the enabled endpoints subscribed to each event, the same rows on both', async () => {
    const events = [
      event('participant.enrolled', 1), // endpoints 1 and 2
      event('decision.opened', 2), // endpoint 1 only
      event('stage.created', 3), // endpoints 1 and 2
    ];
    const written = await onBoth(
      (tx) => both.repos.webhooks.outbox.enqueue(tx, ws, events),
      (w) => w.outbox.enqueue(ws, events),
    );
    expect(written.sqlite).toBe(5);
    expect(written.pg).toBe(5);
    // No events: nothing written, nothing read.
    const none = await onBoth(
      (tx) => both.repos.webhooks.outbox.enqueue(tx, ws, []),
      (w) => w.outbox.enqueue(ws, []),
    );
    expect(none).toEqual({ sqlite: 0, pg: 0 });
    const sent = await onBoth(
      (tx) => both.repos.webhooks.outbox.enqueueTo(tx, ws, endpoint(3).id, event('webhook.test', 4)),
      (w) => w.outbox.enqueueTo(ws, endpoint(3).id, event('webhook.test', 4)),
    );
    expect(sent.pg).toBe(sent.sqlite);
    const replayOf = both.repos.webhooks.outbox.delivery(ws, sent.sqlite)!;
    await onBoth(
      (tx) => both.repos.webhooks.outbox.replay(tx, ws, replayOf, T1),
      (w) => w.outbox.replay(ws, replayOf, T1),
    );
    await expectSameRows('webhookMessages', 'webhookDeliveries');
  });

  test('the delivery log reads alike: a page, its cursor, one delivery, nothing of another workspace', async () => {
    const sqlite = both.repos.webhooks.outbox;
    const pg = pgReads().outbox;
    const first = sqlite.page(ws, endpoint(1).id, { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.last).not.toBeNull();
    expect(await pg.page(ws, endpoint(1).id, { limit: 2 })).toEqual(first);
    const rest = { limit: 10, after: first.last! };
    expect(sqlite.page(ws, endpoint(1).id, rest).items).toHaveLength(1);
    expect(await pg.page(ws, endpoint(1).id, rest)).toEqual(sqlite.page(ws, endpoint(1).id, rest));
    expect(await pg.page(ws, endpoint(3).id, { status: 'pending', limit: 5 })).toEqual(
      sqlite.page(ws, endpoint(3).id, { status: 'pending', limit: 5 }),
    );
    const id = first.items[0]!.id;
    expect(await pg.view(ws, id)).toEqual(sqlite.view(ws, id));
    expect(await pg.delivery(ws, id)).toEqual(sqlite.delivery(ws, id));
    expect(await pg.view(both.otherWorkspaceId, id)).toBeUndefined();
    expect(await pg.delivery(both.otherWorkspaceId, id)).toBeUndefined();
    expect((await pg.page(both.otherWorkspaceId, endpoint(1).id, { limit: 5 })).items).toEqual([]);
  });

  test('claim, attempt, disable and sweep leave the same rows; attempts read alike', async () => {
    const outbox = both.repos.webhooks.outbox;
    // Endpoint 3 is disabled: its deliveries are not claimed. Both claim the same four (ordered by due time).
    const claimed = await onBoth(
      (tx) => outbox.claim(tx, 'worker-a', T1, T2, 4),
      (w) => w.outbox.claim('worker-a', T1, T2, 4),
    );
    expect(claimed.sqlite).toHaveLength(4);
    expect(claimed.sqlite.every((c) => c.endpoint.id !== endpoint(3).id)).toBe(true);
    const sortById = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(sortById(claimed.pg)).toEqual(sortById(claimed.sqlite));
    await expectSameRows('webhookDeliveries');

    const target = claimed.sqlite[0]!;
    const attempt = {
      attempt: 1,
      started_at: T1,
      latency_ms: 120,
      status_code: 500,
      response_body: 'oops',
      error: null,
      succeeded: false,
    };
    const after = { status: 'pending' as const, next_attempt_at: T2, finished_at: null };
    await onBoth(
      (tx) => {
        const row = outbox.leased(tx, target.id, 'worker-a');
        if (row) outbox.recordAttempt(tx, row, attempt, after);
        return row;
      },
      async (w) => {
        const row = await w.outbox.leased(target.id, 'worker-a');
        if (row) await w.outbox.recordAttempt(row, attempt, after);
        return row;
      },
    );
    // Another worker's lease is not held: nothing to settle.
    const notHeld = await onBoth(
      (tx) => outbox.leased(tx, claimed.sqlite[1]!.id, 'worker-b'),
      (w) => w.outbox.leased(claimed.sqlite[1]!.id, 'worker-b'),
    );
    expect(notHeld).toEqual({ sqlite: undefined, pg: undefined });
    await onBoth(
      (tx) => outbox.failPending(tx, ws, endpoint(2).id, T2),
      (w) => w.outbox.failPending(ws, endpoint(2).id, T2),
    );
    await expectSameRows('webhookAttempts', 'webhookDeliveries');
    expect(await pgReads().outbox.view(ws, target.id)).toEqual(outbox.view(ws, target.id));
    expect(outbox.view(ws, target.id)?.attempts).toHaveLength(1);

    const swept = await onBoth(
      (tx) => outbox.sweep(tx, '2026-07-01T00:00:00.000Z'),
      (w) => w.outbox.sweep('2026-07-01T00:00:00.000Z'),
    );
    expect(swept.sqlite).toBeGreaterThan(0);
    expect(swept.pg).toBe(swept.sqlite);
    await expectSameRows('webhookMessages', 'webhookDeliveries', 'webhookAttempts');
  });

  test('removing an endpoint takes its deliveries with it, on both', async () => {
    await onBoth(
      (tx) => both.repos.webhooks.endpoints.remove(tx, ws, endpoint(1).id),
      (w) => w.endpoints.remove(ws, endpoint(1).id),
    );
    await expectSameRows('webhookEndpoints', 'webhookDeliveries', 'webhookAttempts');
    expect(await pgReads().endpoints.byId(ws, endpoint(1).id)).toBeUndefined();
  });

  /**
   * A check PostgreSQL runs at the COMMIT of a transaction that wrote deliveries (a deferred trigger): a slow
   * commit, or one that refuses. Answers how to drop it.
   */
  async function atCommit(body: string): Promise<() => Promise<unknown>> {
    const run = (statement: string) => both.pg.$client.query(statement);
    await run(`create function at_commit() returns trigger language plpgsql as $$ begin ${body}; return null; end $$`);
    await run(`create constraint trigger at_commit after insert on webhook_deliveries
      deferrable initially deferred for each row execute function at_commit()`);
    return () => run('drop trigger at_commit on webhook_deliveries; drop function at_commit()');
  }
  const deliveriesSeen = async () =>
    (await both.pg.$client.query<{ n: number }>('select count(*)::int as n from webhook_deliveries')).rows[0]!.n;
  const sendTest = (storage: ReturnType<typeof createPgStorage>, n: number) =>
    storage.webhooks.sendTo(ws, endpoint(2).id, () => event('stage.created', n));

  // The server's wake-up: createPgStorage announces on `pgEnqueued` unless given a signal of its own.
  test('the wake-up follows the commit: a listener woken by an enqueue already sees the delivery', async () => {
    const storage = createPgStorage(both.pg);
    const before = await deliveriesSeen();
    const dropCheck = await atCommit('perform pg_sleep(0.3)');
    try {
      // What another connection counts when the listener is called.
      const seen = new Promise<number>((resolve) => {
        const stop = pgEnqueued.onEnqueued(() => {
          stop();
          resolve(deliveriesSeen());
        });
      });
      await sendTest(storage, 30);
      expect(await seen).toBe(before + 1);
    } finally {
      await dropCheck();
    }
  });

  test('a transaction whose COMMIT fails wakes nobody', async () => {
    const storage = createPgStorage(both.pg);
    const before = await deliveriesSeen();
    const dropCheck = await atCommit("raise exception 'refused at commit'");
    const woken = vi.fn();
    const stop = pgEnqueued.onEnqueued(woken);
    try {
      await expect(sendTest(storage, 31)).rejects.toThrow('refused at commit');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(woken).not.toHaveBeenCalled();
      expect(await deliveriesSeen()).toBe(before);
    } finally {
      stop();
      await dropCheck();
    }
  });

  test('inside a write, byId locks the endpoint: a second writer waits for the first to commit', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const first = both.pg.transaction(async (tx) => {
      await createPgWebhooksReads(tx, { inWrite: true }).endpoints.byId(ws, endpoint(2).id);
      locked();
      await held;
      order.push('first commits');
    });
    await isLocked;
    const second = both.pg.transaction(async (tx) => {
      await createPgWebhooksReads(tx, { inWrite: true }).endpoints.byId(ws, endpoint(2).id);
      order.push('second loaded');
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first commits', 'second loaded']);
  });

  test('two processes claiming deliveries at once never take the same one', async () => {
    const otherProcess = createPgDb(both.pg.$client.options.connectionString!);
    try {
      const events = Array.from({ length: 8 }, (_, n) => event('participant.enrolled', 20 + n));
      await both.pg.transaction((tx) => pgWrites(tx).outbox.enqueue(ws, events));
      const claimOn = (db: PgDb, owner: string) =>
        db.transaction(async (tx) => {
          const got = await pgWrites(tx).outbox.claim(owner, T1, T2, 4);
          await new Promise((resolve) => setTimeout(resolve, 150));
          return got;
        });
      const [a, b] = await Promise.all([claimOn(both.pg, 'process-a'), claimOn(otherProcess, 'process-b')]);
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
      const ids = [...a, ...b].map((d) => d.id);
      expect(new Set(ids).size).toBe(ids.length);
      // Only enabled endpoints' deliveries, each with its endpoint as it is now.
      expect([...a, ...b].every((d) => d.endpoint.enabled)).toBe(true);
    } finally {
      await closePgDb(otherProcess);
    }
  });

  test('two settles of one endpoint at once, one disabling it, wait for each other and never deadlock', async () => {
    // Settled last in the file: its deliveries stay leased.
    const storage = createPgStorage(both.pg);
    const target = endpoint(5, { event_types: ['participant.withdrawn'] });
    await both.pg.transaction((tx) => pgWrites(tx).endpoints.insert(ws, target));
    const events = [event('participant.withdrawn', 40), event('participant.withdrawn', 41)];
    await both.pg.transaction((tx) => pgWrites(tx).outbox.enqueue(ws, events));
    const claimed = await storage.webhooks.claim('worker', T1, T2, 100);
    const mine = claimed.filter((d) => d.endpoint.id === target.id);
    expect(mine).toHaveLength(2);

    // Another writer holds the endpoint while both settles start, so both reach it before either goes on.
    const release = signal();
    const locked = signal();
    const holder = both.pg.transaction(async (tx) => {
      await createPgWebhooksReads(tx, { inWrite: true }).endpoints.byId(ws, target.id);
      locked.fire();
      await release.fired;
    });
    await locked.fired;
    const settle = (id: string) =>
      storage.webhooks.settle(
        id,
        'worker',
        {
          attempt: 1,
          started_at: T1,
          latency_ms: 1,
          status_code: 503,
          response_body: '',
          error: null,
          succeeded: false,
        },
        T2,
        () => ({
          delivery: { status: 'failed', reason: 'endpoint_disabled' },
          endpoint: { failing_since: T0, disable: 'failing' },
        }),
      );
    const settled = Promise.all(mine.map((d) => settle(d.id)));
    await someoneWaitsForALock(both.pg, 2);
    release.fire();
    await holder;
    // The first disables the endpoint and gives up the other's delivery; the second finds its lease gone.
    const outcomes = await settled;
    expect(outcomes.map((s) => s.recorded).sort()).toEqual([false, true]);
    expect(outcomes.find((s) => s.recorded)?.disabled).toMatchObject({ id: target.id, enabled: false });
  });
});
