import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closeDb, createDb, type Db, migrateDb, readTx, writeTx } from '../client.ts';
import type { StoragePort } from '../storage/port.ts';
import { createSqliteStorage } from '../storage/sqlite.ts';
import { createRepositories, type Repositories } from './index.ts';
import { renamed, stage, TEMPLATE, template, WS } from './stage-cache.fixtures.ts';

/** One server process's view of the database file: its own connection, repositories and cache. */
interface Process {
  readonly db: Db;
  readonly repos: Repositories;
  readonly storage: StoragePort;
}
const connect = (file: string): Process => {
  const db = createDb(file);
  const repos = createRepositories(db);
  return { db, repos, storage: createSqliteStorage(db, repos) };
};

let dir: string;
let one: Process;
let other: Process;
const namesIn = (p: Process) => p.repos.stages.ofTemplate(WS, TEMPLATE)?.all.map((s) => s.stage_name);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stage-cache-'));
  const file = join(dir, 'db.sqlite');
  const setup = createDb(file);
  migrateDb(setup);
  closeDb(setup);
  one = connect(file);
  other = connect(file);
  one.repos.workspaces.insert({ id: WS, slug: 'a', name: 'A' });
  writeTx(one.db, (tx) => one.repos.pipelines.store(tx, WS, null, { template, stages: [stage('Screen')] }));
});
afterEach(() => {
  closeDb(one.db);
  closeDb(other.db);
  rmSync(dir, { recursive: true, force: true });
});

describe('a template’s stages kept at its version', () => {
  test('are kept between reads, frozen, and answer no other workspace', () => {
    const first = one.repos.stages.ofTemplate(WS, TEMPLATE);
    expect(first?.all.map((s) => s.stage_name)).toEqual(['Screen']);
    expect(one.repos.stages.ofTemplate(WS, TEMPLATE)).toBe(first);
    expect(Object.isFrozen(first?.all[0])).toBe(true);
    expect(() => {
      (first?.all[0] as { stage_name: string }).stage_name = 'Changed';
    }).toThrow(TypeError);
    expect(one.repos.stages.ofTemplate('00000000-0000-4000-8000-00000000000b', TEMPLATE)).toBeUndefined();
  });

  test('a change stored by this process is read at once', () => {
    expect(namesIn(one)).toEqual(['Screen']);
    one.storage.pipelines.change(WS, TEMPLATE, renamed('Interview'));
    expect(namesIn(one)).toEqual(['Interview']);
    expect(one.repos.pipelines.load(WS, TEMPLATE)?.stages.map((s) => s.stage_name)).toEqual(['Interview']);
  });

  test('after a change, reads inside later transactions (every command and page) keep the stages again', async () => {
    one.storage.pipelines.change(WS, TEMPLATE, renamed('Interview'));
    await Promise.resolve(); // the change's transaction is over: the request that made it has returned
    const inTransaction = () => readTx(one.db, () => one.repos.stages.ofTemplate(WS, TEMPLATE));
    const first = inTransaction();
    expect(first?.all.map((s) => s.stage_name)).toEqual(['Interview']);
    expect(inTransaction()).toBe(first);
  });

  test('a change committed by another process is read at once: the version is read in the reader’s snapshot', () => {
    expect(namesIn(one)).toEqual(['Screen']);
    other.storage.pipelines.change(WS, TEMPLATE, renamed('Interview'));
    expect(namesIn(one)).toEqual(['Interview']);
    expect(one.repos.participants.load.template(WS, TEMPLATE)?.stages.map((s) => s.stage_name)).toEqual(['Interview']);
  });

  test('what a rolled-back change read is never kept, even when another process commits the same version', () => {
    expect(() =>
      writeTx(one.db, (tx) => {
        const before = one.repos.pipelines.load(WS, TEMPLATE)!;
        one.repos.pipelines.store(tx, WS, before, renamed('Rolled back')(before));
        // Read inside the change's own transaction: it sees its own writes, which are then undone.
        expect(namesIn(one)).toEqual(['Rolled back']);
        throw new Error('undo');
      }),
    ).toThrow('undo');
    other.storage.pipelines.change(WS, TEMPLATE, renamed('Committed'));
    expect(namesIn(one)).toEqual(['Committed']);
  });
});
