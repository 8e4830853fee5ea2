import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closeDb, createDb, type Db, migrateDb, readTx, startupTx, writeTx } from '../client.ts';
import type { StoragePort } from '../storage/port.ts';
import { createSqliteStorage } from '../storage/sqlite.ts';
import { createRepositories, type Repositories } from './index.ts';
import { interviewer, renamed, stage, TEMPLATE, template, WS } from './stage-cache.fixtures.ts';

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

describe('a template loaded whole, kept while the database is unchanged', () => {
  const ADA = '00000000-0000-4000-8000-000000000020';
  const load = (p: Process, ws = WS) => readTx(p.db, () => p.repos.participants.load.template(ws, TEMPLATE));
  const interviewerOf = (p: Process) => load(p)?.stages[0]?.interviewer;
  /** Ada, scoring out of 100 instead of 10. */
  const outOf100 = { ...interviewer(ADA), scoring: { scale: '0-100', scoring_method: 'weighted_average' } } as const;
  beforeEach(() => {
    writeTx(one.db, (tx) => {
      one.repos.agentProfiles.insert(tx, WS, interviewer(ADA));
      const before = one.repos.pipelines.load(WS, TEMPLATE)!;
      one.repos.pipelines.store(tx, WS, before, {
        template: { ...before.template, version: before.template.version + 1 },
        stages: [{ ...stage('Interview'), stage_type: 'ai_interview', agent_profile_id: ADA }],
      });
    });
  });

  test('is kept between loads in transactions (every page and command), frozen, and answers no other workspace', () => {
    const first = load(one);
    expect(first?.stages[0]?.interviewer?.scoring.scale).toBe('0-10');
    expect(load(one)).toBe(first);
    expect(writeTx(one.db, () => one.repos.participants.load.template(WS, TEMPLATE))).toBe(first);
    expect(Object.isFrozen(first?.stages[0]?.interviewer?.scoring)).toBe(true);
    expect(load(one, '00000000-0000-4000-8000-00000000000b')).toBeUndefined();
  });

  test("an interviewer's edit, which leaves the template's version as it was, is seen by the next load, made here or elsewhere", () => {
    expect(interviewerOf(one)?.scoring.scale).toBe('0-10');
    writeTx(one.db, (tx) => one.repos.agentProfiles.update(tx, WS, outOf100));
    expect(interviewerOf(one)?.scoring.scale).toBe('0-100');
    writeTx(other.db, (tx) => other.repos.agentProfiles.update(tx, WS, interviewer(ADA)));
    expect(interviewerOf(one)?.scoring.scale).toBe('0-10');
  });

  test('kept across transactions that write anything else, as every command does (participants, events)', () => {
    const first = load(one);
    writeTx(one.db, () => {
      expect(one.repos.participants.load.template(WS, TEMPLATE)).toBe(first);
      one.db.$client.prepare("UPDATE workspaces SET name = 'Renamed' WHERE id = ?").run(WS);
      expect(one.repos.participants.load.template(WS, TEMPLATE)).toBe(first);
    });
    expect(load(one)).toBe(first);
  });

  test("a change to the template's row or a stage, by this process, is read by the next load", () => {
    const first = load(one);
    writeTx(one.db, (tx) =>
      one.repos.templates.update(tx, WS, { ...template, version: 1, portal_shows_recommendation: true }),
    );
    const afterTemplate = load(one);
    expect(afterTemplate).not.toBe(first);
    expect(afterTemplate?.portal_shows_recommendation).toBe(true);
    // Any write to the tables counts (a cascade, SQL typed on this connection), not only the repositories' own.
    one.db.$client
      .prepare('UPDATE agent_profiles SET scoring = ? WHERE workspace_id = ?')
      .run(JSON.stringify(outOf100.scoring), WS);
    expect(interviewerOf(one)?.scoring.scale).toBe('0-100');
  });

  test('a write inside an asynchronous transaction (start-up’s) keeps nothing it reads until it has ended', async () => {
    expect(interviewerOf(one)?.scoring.scale).toBe('0-10');
    await expect(
      startupTx(one.db, async () => {
        writeTx(one.db, (tx) => one.repos.agentProfiles.update(tx, WS, outOf100));
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(one.repos.participants.load.template(WS, TEMPLATE)?.stages[0]?.interviewer?.scoring.scale).toBe('0-100');
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(interviewerOf(one)?.scoring.scale).toBe('0-10');
  });

  test("a load after the transaction's own write is not kept: rolled back, the next load reads what is stored", () => {
    expect(interviewerOf(one)?.scoring.scale).toBe('0-10');
    expect(() =>
      writeTx(one.db, (tx) => {
        one.repos.agentProfiles.update(tx, WS, outOf100);
        expect(one.repos.participants.load.template(WS, TEMPLATE)?.stages[0]?.interviewer?.scoring.scale).toBe('0-100');
        throw new Error('undo');
      }),
    ).toThrow('undo');
    expect(interviewerOf(one)?.scoring.scale).toBe('0-10');
  });
});
