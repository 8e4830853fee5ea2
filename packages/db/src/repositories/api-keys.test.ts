import { beforeEach, describe, expect, test } from 'vitest';
import { createTestDb, type Db, writeTx } from '../client.ts';
import { ciKey, KEY_ID as KEY, KEY_HASH } from './api-keys.fixtures.ts';
import { createRepositories, type Repositories } from './index.ts';

const WS_A = '00000000-0000-4000-8000-00000000000a';
const WS_B = '00000000-0000-4000-8000-00000000000b';

let db: Db;
let repos: Repositories;
beforeEach(() => {
  db = createTestDb();
  repos = createRepositories(db);
  for (const id of [WS_A, WS_B]) repos.workspaces.insert({ id, slug: id.slice(-1), name: id });
  writeTx(db, (tx) => repos.apiKeys.insert(tx, ciKey(WS_A)));
});

describe('api keys', () => {
  test('listed without their hash, and only in their workspace', () => {
    const [key] = repos.apiKeys.list(WS_A);
    expect(key).toMatchObject({ id: KEY, name: 'CI', prefix: 'sf_live_Ab3x', scopes: ['events.read'] });
    expect(key).not.toHaveProperty('key_hash');
    expect(repos.apiKeys.list(WS_B)).toEqual([]);
    expect(repos.apiKeys.byId(WS_B, KEY)).toBeUndefined();
  });

  test('found by hash', () => {
    expect(repos.apiKeys.byHash(KEY_HASH)?.workspace_id).toBe(WS_A);
    expect(repos.apiKeys.byHash('x'.repeat(64))).toBeUndefined();
  });

  test('revoking or expiring from another workspace changes nothing', () => {
    writeTx(db, (tx) => {
      repos.apiKeys.revoke(tx, WS_B, KEY, '2026-01-02T00:00:00.000Z');
      repos.apiKeys.expireAt(tx, WS_B, KEY, '2026-01-02T00:00:00.000Z');
    });
    expect(repos.apiKeys.byId(WS_A, KEY)).toMatchObject({ revoked_at: null, expires_at: null });
  });

  test('a second roll never extends the first grace period; a revocation keeps its time', () => {
    writeTx(db, (tx) => repos.apiKeys.expireAt(tx, WS_A, KEY, '2026-01-02T00:00:00.000Z'));
    writeTx(db, (tx) => repos.apiKeys.expireAt(tx, WS_A, KEY, '2026-01-05T00:00:00.000Z'));
    expect(repos.apiKeys.byId(WS_A, KEY)?.expires_at).toBe('2026-01-02T00:00:00.000Z');
    writeTx(db, (tx) => repos.apiKeys.expireAt(tx, WS_A, KEY, '2026-01-01T12:00:00.000Z'));
    expect(repos.apiKeys.byId(WS_A, KEY)?.expires_at).toBe('2026-01-01T12:00:00.000Z');

    writeTx(db, (tx) => repos.apiKeys.revoke(tx, WS_A, KEY, '2026-01-01T01:00:00.000Z'));
    writeTx(db, (tx) => repos.apiKeys.revoke(tx, WS_A, KEY, '2026-01-01T02:00:00.000Z'));
    expect(repos.apiKeys.byId(WS_A, KEY)?.revoked_at).toBe('2026-01-01T01:00:00.000Z');
  });

  test('a use is recorded only when the last one is older than the interval', () => {
    repos.apiKeys.touch(KEY, '2026-01-01T00:00:10.000Z', '2026-01-01T00:00:00.000Z');
    expect(repos.apiKeys.byId(WS_A, KEY)?.last_used_at).toBe('2026-01-01T00:00:10.000Z');
    repos.apiKeys.touch(KEY, '2026-01-01T00:00:40.000Z', '2025-12-31T23:59:40.000Z');
    expect(repos.apiKeys.byId(WS_A, KEY)?.last_used_at).toBe('2026-01-01T00:00:10.000Z');
    repos.apiKeys.touch(KEY, '2026-01-01T00:01:20.000Z', '2026-01-01T00:00:20.000Z');
    expect(repos.apiKeys.byId(WS_A, KEY)?.last_used_at).toBe('2026-01-01T00:01:20.000Z');
  });

  test('deleting the workspace deletes its keys', () => {
    db.$client.prepare('delete from workspaces where id = ?').run(WS_A);
    expect(repos.apiKeys.byHash(KEY_HASH)).toBeUndefined();
  });
});
