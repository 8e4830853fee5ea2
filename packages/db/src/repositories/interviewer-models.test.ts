import { conflict } from '@stageflow/domain';
import { beforeEach, describe, expect, test } from 'vitest';
import { createTestDb, type Db } from '../client.ts';
import { createSqliteStorage } from '../storage/sqlite.ts';
import { createRepositories, type InterviewerModelRecord, type Repositories } from './index.ts';

const WS_A = '00000000-0000-4000-8000-00000000000a';
const WS_B = '00000000-0000-4000-8000-00000000000b';
const record = (model: string, api_key: string | null = 'v1.iv.ct.tag'): InterviewerModelRecord => ({
  base_url: 'http://localhost:11434/v1',
  model,
  api_key,
  updated_at: '2026-12-01T10:00:00.000Z',
  updated_by: 'user:1',
});

let db: Db;
let repos: Repositories;
beforeEach(() => {
  db = createTestDb();
  repos = createRepositories(db);
  for (const id of [WS_A, WS_B]) repos.workspaces.insert({ id, slug: id.slice(-1), name: id });
});

describe('interviewer models, through the storage port', () => {
  test('saved, replaced and removed per workspace; another workspace sees none', async () => {
    const storage = createSqliteStorage(db, repos);
    expect(await storage.interviewerModels.change(WS_A, () => record('first'))).toEqual(record('first'));
    expect(
      await storage.interviewerModels.change(WS_A, (before) => ({ ...before!, model: 'second', api_key: null })),
    ).toEqual(record('second', null));
    expect(repos.interviewerModels.byWorkspace(WS_A)).toEqual(record('second', null));
    expect(repos.interviewerModels.byWorkspace(WS_B)).toBeNull();

    expect(await storage.interviewerModels.change(WS_A, () => null)).toBeNull();
    expect(repos.interviewerModels.byWorkspace(WS_A)).toBeNull();
  });

  test('a refused step writes nothing', async () => {
    const storage = createSqliteStorage(db, repos);
    await storage.interviewerModels.change(WS_A, () => record('kept'));
    const refusal = conflict('no');
    expect(await storage.interviewerModels.change(WS_A, () => refusal)).toBe(refusal);
    expect(repos.interviewerModels.byWorkspace(WS_A)?.model).toBe('kept');
  });

  test('deleting a workspace deletes its model', async () => {
    await createSqliteStorage(db, repos).interviewerModels.change(WS_A, () => record('gone'));
    db.$client.prepare('delete from workspaces where id = ?').run(WS_A);
    expect(repos.interviewerModels.byWorkspace(WS_A)).toBeNull();
  });
});
