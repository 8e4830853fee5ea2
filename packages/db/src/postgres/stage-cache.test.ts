import { postgresUnavailable, startPostgres, type TestPostgres } from '@stageflow/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { ReadStep } from '../reads.ts';
import { renamed, stage, TEMPLATE, template, WS } from '../repositories/stage-cache.fixtures.ts';
import { createStorage, type Engine } from '../storage/engine.ts';
import type { StoragePort } from '../storage/port.ts';
import { closePgDb, createPgDb, migratePgDb, type PgDb } from './client.ts';
import { postgresEngine } from './engine.ts';
import { createPgEngineParts } from './repositories.ts';

/**
 * The stage cache on PostgreSQL (stage-cache.ts), as SQLite's is tested (repositories/stage-cache.test.ts): two
 * server processes on one database, each with its own pool, repositories and cache.
 */
const unavailable = postgresUnavailable();
if (unavailable) console.warn(unavailable);

/** One server process: its own pool, engine, repositories and stage cache. */
interface Process {
  readonly db: PgDb;
  readonly engine: Engine;
  readonly storage: StoragePort;
}
const connect = (url: string): Process => {
  const db = createPgDb(url);
  const engine = postgresEngine(db, createPgEngineParts());
  return { db, engine, storage: createStorage(engine) };
};
const stagesIn = async (p: Process, workspaceId = WS) => p.engine.reads.stages.ofTemplate(workspaceId, TEMPLATE);
const namesIn = async (p: Process) => (await stagesIn(p))?.all.map((s) => s.stage_name);

describe.skipIf(unavailable)('a template’s stages kept at its version, on PostgreSQL', () => {
  let server: TestPostgres;
  let url: string;
  let one: Process;
  let other: Process;

  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    url = await server.newDatabase();
    const setup = createPgDb(url);
    await migratePgDb(setup);
    await setup.execute(sql`insert into workspaces (id, slug, name, created_at) values (${WS}, 'a', 'A', now())`);
    await closePgDb(setup);
    one = connect(url);
    other = connect(url);
    await one.storage.pipelines.create(WS, null, () => ({ template, stages: [stage('Screen')] }));
    return async () => {
      await closePgDb(one.db);
      await closePgDb(other.db);
    };
  });

  test('are kept between reads, frozen, and answer no other workspace', async () => {
    const first = await stagesIn(one);
    expect(first?.all.map((s) => s.stage_name)).toEqual(['Screen']);
    expect(await stagesIn(one)).toBe(first);
    expect(Object.isFrozen(first?.all[0])).toBe(true);
    expect(await stagesIn(one, '00000000-0000-4000-8000-00000000000b')).toBeUndefined();
  });

  test('a change stored by this process is read at once, and kept again once its transaction is over', async () => {
    expect(await namesIn(one)).toEqual(['Screen']);
    await one.storage.pipelines.change(WS, TEMPLATE, renamed('Interview'));
    // Later transactions on the connection the change ran on (the pool hands out the last one given back) keep
    // what they read: the first fills, the second finds it.
    const inTransaction = () => one.engine.transaction((t) => t.stages.ofTemplate(WS, TEMPLATE));
    const first = await inTransaction();
    expect(first?.all.map((s) => s.stage_name)).toEqual(['Interview']);
    expect(await inTransaction()).toBe(first);
    expect(await stagesIn(one)).toBe(first);
  });

  test('a change committed by another process is read at once: the version is read in the reader’s snapshot', async () => {
    expect(await namesIn(one)).toEqual(['Screen']);
    await other.storage.pipelines.change(WS, TEMPLATE, renamed('Interview'));
    expect(await namesIn(one)).toEqual(['Interview']);
    const loaded = await one.engine.reads.participants.load.template(WS, TEMPLATE);
    expect(loaded?.stages.map((s) => s.stage_name)).toEqual(['Interview']);
  });

  test('what a rolled-back change read is never kept, even when another process commits the same version', async () => {
    expect(await namesIn(one)).toEqual(['Screen']);
    const undone = one.engine.transaction(function* (t): ReadStep<never> {
      const before = (yield* t.pipelines.load(WS, TEMPLATE))!;
      yield* t.pipelines.store(WS, before, renamed('Rolled back')(before));
      // Read inside the change's own transaction: it sees its own writes, which are then undone.
      const inside = yield* t.stages.ofTemplate(WS, TEMPLATE);
      expect(inside?.all.map((s) => s.stage_name)).toEqual(['Rolled back']);
      throw new Error('undo');
    });
    await expect(undone).rejects.toThrow('undo');
    await other.storage.pipelines.change(WS, TEMPLATE, renamed('Committed'));
    expect(await namesIn(one)).toEqual(['Committed']);
  });
});
