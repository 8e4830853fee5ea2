import { describe, expect, expectTypeOf, it } from 'vitest';
import { createTestDb } from './client.ts';
import { type Reads, runSnapshotAwaiting, runSnapshotNow, snapshotReads, type Writes } from './reads.ts';
import { createRepositories } from './repositories/index.ts';
import { createSqliteStorage } from './storage/sqlite.ts';

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
});
