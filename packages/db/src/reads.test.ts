import { describe, expect, expectTypeOf, it } from 'vitest';
import { createTestDb } from './client.ts';
import { type Reads, runSnapshotAwaiting, runSnapshotNow, snapshotReads, txSteps, type Writes } from './reads.ts';
import { createRepositories } from './repositories/index.ts';
import { createSqliteStorage, sqliteEngine } from './storage/sqlite.ts';

const fakeReads = (answer: (value: number) => unknown) =>
  ({ counts: { double: (n: number) => answer(n * 2) } }) as unknown as Reads;

describe('reads on either engine', () => {
  it('leaves the writes (a transaction first) out of Reads', () => {
    expectTypeOf<Reads['stages']>().toHaveProperty('byId');
    expectTypeOf<Reads['stages']>().not.toHaveProperty('insert');
    expectTypeOf<Reads['participants']['load']>().toHaveProperty('participant');
    expectTypeOf<Reads['stages']>().not.toHaveProperty('changing');
  });

  it('keeps only the writes, their transaction bound, in Writes', () => {
    expectTypeOf<Writes['stages']>().toHaveProperty('insert');
    expectTypeOf<Writes['stages']>().not.toHaveProperty('byId');
    expectTypeOf<Parameters<Writes['stages']['delete']>>().toEqualTypeOf<[workspaceId: string, id: string]>();
    expectTypeOf<Writes['participants']>().toHaveProperty('store');
    expectTypeOf<Writes['participants']>().not.toHaveProperty('load');
  });

  it('runs a snapshot synchronously when every answer is a value', () => {
    const r = snapshotReads(fakeReads((n) => n));
    const answer = runSnapshotNow(function* (steps) {
      const fake = steps as unknown as { counts: { double(n: number): Generator<unknown, number> } };
      const a = yield* fake.counts.double(2);
      const b = yield* fake.counts.double(a);
      return a + b;
    }, r);
    expect(answer).toBe(12);
  });

  it('refuses to wait inside a synchronous snapshot', () => {
    const r = snapshotReads(fakeReads((n) => Promise.resolve(n)));
    expect(() =>
      runSnapshotNow(function* (steps) {
        return yield* (steps as unknown as { counts: { double(n: number): Generator<unknown, number> } }).counts.double(
          1,
        );
      }, r),
    ).toThrow(/wait inside a snapshot/);
  });

  it('awaits each step in turn on an asynchronous engine, and throws a failed read where the work waited', async () => {
    const r = snapshotReads(fakeReads((n) => (n > 10 ? Promise.reject(new Error('too big')) : Promise.resolve(n))));
    const fake = r as unknown as { counts: { double(n: number): Generator<unknown, number> } };
    const caught = await runSnapshotAwaiting(function* () {
      const a = yield* fake.counts.double(3);
      try {
        yield* fake.counts.double(a);
        return 'read';
      } catch (error) {
        return `caught ${(error as Error).message} after ${a}`;
      }
    }, r);
    expect(caught).toBe('caught too big after 6');
  });

  it('runs a SQLite snapshot inside one transaction', () => {
    const db = createTestDb();
    const storage = createSqliteStorage(db, createRepositories(db));
    const inside = storage.snapshot(function* (r) {
      const templates = yield* r.templates.list('ws-none', { status: 'all' });
      return { templates, open: db.$client.inTransaction };
    });
    expect(inside).toEqual({ templates: [], open: true });
    expect(db.$client.inTransaction).toBe(false);
  });

  it("merges reads and writes group by group as one transaction's steps", () => {
    const reads = { counts: { double: (n: number) => n * 2 }, only: { read: () => 'r' } } as unknown as Reads;
    const writes = { counts: { add: (n: number) => Promise.resolve(n + 1) } } as unknown as Writes;
    const t = txSteps(reads, writes) as unknown as {
      counts: { double(n: number): Generator<unknown, number>; add(n: number): Generator<unknown, number> };
      only: { read(): Generator<unknown, string> };
    };
    expect(t.counts.double(2).next()).toEqual({ done: true, value: 4 });
    expect(t.counts.add(2).next().done).toBe(false);
    expect(t.only.read().next()).toEqual({ done: true, value: 'r' });
  });

  it('runs a SQLite transaction in one immediate transaction, its writes bound, and rolls back on a throw', () => {
    const db = createTestDb();
    const engine = sqliteEngine(db, createRepositories(db));
    const row = {
      workspace_id: 'ws-a',
      key: 'k',
      scope: 's',
      request_hash: 'h',
      response: { ok: 1 },
      created_at: 'now',
    };
    const stored = engine.transaction(function* (t) {
      yield* t.idempotency.remember(row);
      return { seen: yield* t.idempotency.seen('ws-a', 'k'), open: db.$client.inTransaction };
    });
    expect(stored).toEqual({ seen: { scope: 's', request_hash: 'h', response: { ok: 1 } }, open: true });
    expect(() =>
      engine.transaction(function* (t) {
        yield* t.idempotency.remember({ ...row, key: 'k2' });
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(engine.reads.idempotency.seen('ws-a', 'k2')).toBeUndefined();
    expect(engine.reads.idempotency.seen('ws-b', 'k')).toBeUndefined();
  });
});
