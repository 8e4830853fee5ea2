import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvaluationStage, EvaluationTemplate } from '@stageflow/domain';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closeDb, createDb, type Db, migrateDb, readTx, writeTx } from '../client.ts';
import type { Pipeline, StoragePort } from '../storage/port.ts';
import { createSqliteStorage } from '../storage/sqlite.ts';
import { createRepositories, type Repositories } from './index.ts';

const NOW = '2026-01-01T00:00:00.000Z';
const WS = '00000000-0000-4000-8000-00000000000a';
const TEMPLATE = '00000000-0000-4000-8000-000000000001';
const STAGE = '00000000-0000-4000-8000-000000000010';

const template: EvaluationTemplate = {
  id: TEMPLATE,
  template_name: 'Backend',
  use_case: 'hiring',
  success_outcome: 'hire_no_hire',
  status: 'active',
  skills: [],
  soft_skills: [],
  default_duration_minutes: 30,
  default_difficulty: 'intermediate',
  language: 'en',
  portal_shows_recommendation: false,
  version: 0,
  created_at: NOW,
  updated_at: NOW,
};

const stage = (stage_name: string): EvaluationStage => ({
  id: STAGE,
  evaluation_template_id: TEMPLATE,
  type: 'review',
  stage_name,
  stage_type: 'manual_review',
  agent_profile_id: null,
  stage_order: 0,
  duration_minutes: 30,
  difficulty: 'intermediate',
  pass_threshold: 60,
  allow_retake: false,
  max_attempts: 1,
  retake_cooldown_hours: 0,
  automation_rule: 'none',
  auto_reject: false,
  status: 'active',
  question_set: [],
  created_at: NOW,
  updated_at: NOW,
});

/** A change as the application makes it (application/pipelines.ts): the stage renamed, the version bumped. */
const renamed =
  (name: string) =>
  (before: Pipeline): Pipeline => ({
    template: { ...before.template, version: before.template.version + 1 },
    stages: [stage(name)],
  });

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
