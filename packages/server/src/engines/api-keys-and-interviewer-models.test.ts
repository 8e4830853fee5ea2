import { writeTx } from '@stageflow/db';
import {
  createPgApiKeyReads,
  createPgApiKeyWrites,
  createPgInterviewerModelReads,
  createPgInterviewerModelWrites,
} from '@stageflow/db/postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BothEngines, demoOnBothEngines, enginesUnavailable, rowsOnBoth } from '../testing-engines.ts';
import { arrangeSmallGroups, fromAnotherConnection, SMALL } from './arrange-small-groups.ts';

const unavailable = enginesUnavailable();
if (unavailable) console.warn(unavailable);

describe.skipIf(unavailable)('API keys and interviewer models on PostgreSQL answer as on SQLite', () => {
  let both: BothEngines;
  let pg: {
    apiKeys: ReturnType<typeof createPgApiKeyReads>;
    interviewerModels: ReturnType<typeof createPgInterviewerModelReads>;
  };
  const expectSameRows = async (table: 'apiKeys' | 'interviewerModels') => {
    const { sqlite, pg: onPg } = await rowsOnBoth(both.sqliteDb, both.pg, table);
    expect(sqlite.length).toBeGreaterThan(0);
    expect(onPg).toEqual(sqlite);
  };

  beforeAll(async () => {
    both = await demoOnBothEngines(arrangeSmallGroups);
    pg = { apiKeys: createPgApiKeyReads(both.pg), interviewerModels: createPgInterviewerModelReads(both.pg) };
  }, 60_000);
  afterAll(() => both?.stop());

  test('keys newest first (same millisecond by id), one by id, one by hash; none of another workspace', async () => {
    const { apiKeys } = both.repos;
    const list = apiKeys.list(both.workspaceId);
    expect(list.map((k) => k.id)).toEqual(['k-d', 'k-c', 'k-a', 'k-b']);
    expect(await pg.apiKeys.list(both.workspaceId)).toEqual(list);
    expect(await pg.apiKeys.list(both.otherWorkspaceId)).toEqual([]);
    for (const id of ['k-a', 'k-c', 'missing']) {
      expect(await pg.apiKeys.byId(both.workspaceId, id)).toEqual(apiKeys.byId(both.workspaceId, id));
      expect(await pg.apiKeys.byId(both.otherWorkspaceId, id)).toBeUndefined();
    }
    expect(apiKeys.byId(both.workspaceId, 'k-a')?.expires_at).toBeTruthy();
    for (const hash of ['hash-k-a', 'hash-k-c', 'missing']) {
      expect(await pg.apiKeys.byHash(hash)).toEqual(apiKeys.byHash(hash));
    }
    expect(apiKeys.byHash('hash-k-c')?.revoked_at).toBeTruthy();
  });

  test('a use is noted at most once an interval, on both alike', async () => {
    const { apiKeys } = both.repos;
    for (const [id, now, staleBefore] of [
      ['k-d', SMALL.at(20), SMALL.at(25)],
      ['k-d', SMALL.at(19), SMALL.at(24)],
      ['k-d', SMALL.at(5), SMALL.at(19.5)],
      ['k-b', SMALL.at(5), SMALL.at(10)],
    ] as const) {
      apiKeys.touch(id, now, staleBefore);
      await pg.apiKeys.touch(id, now, staleBefore);
    }
    expect(apiKeys.byId(both.workspaceId, 'k-d')?.last_used_at).toBe(SMALL.at(5));
    await expectSameRows('apiKeys');
  });

  test('issue, revoke and let expire (an earlier end stays; another workspace changes nothing)', async () => {
    const key = {
      id: 'k-new',
      workspace_id: both.workspaceId,
      name: 'New key',
      prefix: 'sf_new',
      key_hash: 'hash-k-new',
      scopes: ['participants.read'],
      created_by: 'user:u-admin',
      created_at: SMALL.at(4),
    };
    writeTx(both.sqliteDb, (tx) => {
      const { apiKeys } = both.repos;
      apiKeys.insert(tx, key);
      apiKeys.revoke(tx, both.workspaceId, 'k-d', SMALL.at(3));
      apiKeys.revoke(tx, both.workspaceId, 'k-d', SMALL.at(2));
      apiKeys.revoke(tx, both.otherWorkspaceId, 'k-b', SMALL.at(2));
      apiKeys.expireAt(tx, both.workspaceId, 'k-a', SMALL.at(-30));
      apiKeys.expireAt(tx, both.workspaceId, 'k-b', SMALL.at(-90));
      apiKeys.expireAt(tx, both.workspaceId, 'k-b', SMALL.at(-120));
      apiKeys.expireAt(tx, both.otherWorkspaceId, 'k-new', SMALL.at(-10));
    });
    await both.pg.transaction(async (tx) => {
      const apiKeys = createPgApiKeyWrites(tx);
      await apiKeys.insert(key);
      await apiKeys.revoke(both.workspaceId, 'k-d', SMALL.at(3));
      await apiKeys.revoke(both.workspaceId, 'k-d', SMALL.at(2));
      await apiKeys.revoke(both.otherWorkspaceId, 'k-b', SMALL.at(2));
      await apiKeys.expireAt(both.workspaceId, 'k-a', SMALL.at(-30));
      await apiKeys.expireAt(both.workspaceId, 'k-b', SMALL.at(-90));
      await apiKeys.expireAt(both.workspaceId, 'k-b', SMALL.at(-120));
      await apiKeys.expireAt(both.otherWorkspaceId, 'k-new', SMALL.at(-10));
    });
    expect(both.repos.apiKeys.byId(both.workspaceId, 'k-b')?.expires_at).toBe(SMALL.at(-90));
    expect(both.repos.apiKeys.byId(both.workspaceId, 'k-d')?.revoked_at).toBe(SMALL.at(3));
    await expectSameRows('apiKeys');
    expect(await pg.apiKeys.list(both.workspaceId)).toEqual(both.repos.apiKeys.list(both.workspaceId));
  });

  test('in a write unit the key is locked; other keys and plain reads are not', async () => {
    await both.pg.transaction(async (tx) => {
      expect(await createPgApiKeyReads(tx, { inWrite: true }).byId(both.workspaceId, 'k-a')).toBeDefined();
      const byId = (id: string, inWrite: boolean) => (other: Parameters<typeof createPgApiKeyReads>[0]) =>
        createPgApiKeyReads(other, { inWrite }).byId(both.workspaceId, id);
      expect(await fromAnotherConnection(both.pg, byId('k-a', true))).toBe('waits for a lock');
      expect(await fromAnotherConnection(both.pg, byId('k-a', false))).toMatchObject({ id: 'k-a' });
      expect(await fromAnotherConnection(both.pg, byId('k-b', true))).toMatchObject({ id: 'k-b' });
    });
  });

  test('the workspace model, none for another; saved, replaced and removed alike', async () => {
    const { interviewerModels } = both.repos;
    const model = interviewerModels.byWorkspace(both.workspaceId);
    expect(model?.api_key).toBe('v1.iv.cipher.tag');
    expect(await pg.interviewerModels.byWorkspace(both.workspaceId)).toEqual(model);
    expect(await pg.interviewerModels.byWorkspace(both.otherWorkspaceId)).toBeNull();

    const replaced = { ...model!, model: 'qwen', api_key: null, updated_at: SMALL.at(1) };
    const other = { ...model!, base_url: 'https://models.example.test/v1', updated_by: 'user:x' };
    writeTx(both.sqliteDb, (tx) => {
      interviewerModels.save(tx, both.workspaceId, replaced);
      interviewerModels.save(tx, both.otherWorkspaceId, other);
      interviewerModels.save(tx, SMALL.thirdWorkspace.id, other);
      interviewerModels.remove(tx, SMALL.thirdWorkspace.id);
    });
    await both.pg.transaction(async (tx) => {
      const writes = createPgInterviewerModelWrites(tx);
      await writes.save(both.workspaceId, replaced);
      await writes.save(both.otherWorkspaceId, other);
      await writes.save(SMALL.thirdWorkspace.id, other);
      await writes.remove(SMALL.thirdWorkspace.id);
    });
    await expectSameRows('interviewerModels');
    for (const ws of [both.workspaceId, both.otherWorkspaceId, SMALL.thirdWorkspace.id]) {
      expect(await pg.interviewerModels.byWorkspace(ws)).toEqual(interviewerModels.byWorkspace(ws));
    }
    expect(interviewerModels.byWorkspace(both.workspaceId)?.api_key).toBeNull();
  });

  test('in a write unit the model row is locked', async () => {
    await both.pg.transaction(async (tx) => {
      await createPgInterviewerModelReads(tx, { inWrite: true }).byWorkspace(both.workspaceId);
      expect(
        await fromAnotherConnection(both.pg, (other) =>
          createPgInterviewerModelReads(other, { inWrite: true }).byWorkspace(both.workspaceId),
        ),
      ).toBe('waits for a lock');
      expect(
        await fromAnotherConnection(both.pg, (other) =>
          createPgInterviewerModelReads(other).byWorkspace(both.workspaceId),
        ),
      ).toMatchObject({ model: 'qwen' });
    });
  });
});
