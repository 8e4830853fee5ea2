import { createRepositories, createTestDb, type Repositories, writeTx } from '@stageflow/db';
import { API_KEY_SCOPES, type ApiKeyScopeChoice } from '@stageflow/domain';
import { beforeEach, describe, expect, test } from 'vitest';
import { storeTestKey } from '../testing-keys.ts';
import { API_KEY_LENGTH, apiKeyFormatProblem, createApiKeyResolver, generateApiKey, hashApiKey } from './api-keys.ts';

describe('key format', () => {
  test('sf_live_ + 32 base62 + a 6-character checksum; stored as SHA-256 and a 12-character prefix', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^sf_live_[0-9A-Za-z]{38}$/);
    expect(key).toHaveLength(API_KEY_LENGTH);
    expect(prefix).toBe(key.slice(0, 12));
    expect(hash).toBe(hashApiKey(key));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKeyFormatProblem(key)).toBeNull();
  });

  test('keys do not repeat', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
  });

  test('every one-character typo in the random part or checksum is caught without a lookup', () => {
    const { key } = generateApiKey();
    for (let i = 8; i < key.length; i++) {
      const other = key[i] === 'a' ? 'b' : 'a';
      const typo = key.slice(0, i) + other + key.slice(i + 1);
      expect(apiKeyFormatProblem(typo), typo).toMatch(/typo/);
      // The last answer is kept for the next call with the same key, never for another.
      expect(apiKeyFormatProblem(key)).toBeNull();
    }
    // Two neighbours swapped, the commonest slip when copying by hand.
    const i = [...key.slice(8)].findIndex((c, j, all) => c !== all[j + 1]) + 8;
    const swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
    expect(apiKeyFormatProblem(swapped)).toMatch(/typo/);
  });

  test.each([
    ['empty', ''],
    ['another prefix', `sk_live_${'a'.repeat(38)}`],
    ['too short', generateApiKey().key.slice(0, -1)],
    ['a trailing space', `${generateApiKey().key} `],
    ['not base62', `sf_live_${'-'.repeat(38)}`],
  ])('%s is not a key', (_, key) => {
    expect(apiKeyFormatProblem(key)).toMatch(/not a Stageflow API key.*sf_live_/);
  });
});

describe('resolving a key', () => {
  let repos: Repositories;
  let db: ReturnType<typeof createTestDb>;
  let now: Date;
  const workspaceId = crypto.randomUUID();
  const issue = (scopes: ApiKeyScopeChoice[] = ['events.read']) =>
    storeTestKey(db, repos, workspaceId, { scopes, now: now.toISOString() });
  const resolve = (key: string) => createApiKeyResolver(repos, () => now.getTime())(key);

  beforeEach(() => {
    db = createTestDb();
    repos = createRepositories(db);
    repos.workspaces.insert({ id: workspaceId, slug: 'a', name: 'A' });
    now = new Date('2026-01-01T00:00:00.000Z');
  });

  test('a valid key is its workspace and scopes; the key itself is not stored', async () => {
    const { key, summary } = issue(['all']);
    expect(await resolve(key)).toEqual({
      kind: 'api_key',
      keyId: summary.id,
      workspaceId,
      scopes: [...API_KEY_SCOPES],
    });
    const dump = JSON.stringify(db.$client.prepare('select * from api_keys').all());
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(key.slice(12));
  });

  test('unknown, mistyped, revoked and expired keys are refused with a reason', async () => {
    expect(await resolve(generateApiKey().key)).toEqual({
      kind: 'rejected',
      message: expect.stringMatching(/not valid/),
    });
    expect(await resolve('sf_live_nope')).toEqual({ kind: 'rejected', message: expect.stringMatching(/x-api-key/) });

    const revoked = issue();
    writeTx(db, (tx) => repos.apiKeys.revoke(tx, workspaceId, revoked.summary.id, now.toISOString()));
    expect(await resolve(revoked.key)).toEqual({ kind: 'rejected', message: expect.stringMatching(/revoked/) });

    const rolled = issue();
    writeTx(db, (tx) => repos.apiKeys.expireAt(tx, workspaceId, rolled.summary.id, '2026-01-01T01:00:00.000Z'));
    expect(await resolve(rolled.key)).toMatchObject({ kind: 'api_key' });
    now = new Date('2026-01-01T01:00:00.000Z');
    expect(await resolve(rolled.key)).toEqual({ kind: 'rejected', message: expect.stringMatching(/expired.*rolled/) });
  });

  test('the last use is written at most once a minute', async () => {
    const { key, summary } = issue();
    const lastUsed = () => repos.apiKeys.byId(workspaceId, summary.id)?.last_used_at;
    expect(lastUsed()).toBeNull();
    await resolve(key);
    expect(lastUsed()).toBe('2026-01-01T00:00:00.000Z');
    now = new Date('2026-01-01T00:00:59.000Z');
    await resolve(key);
    expect(lastUsed()).toBe('2026-01-01T00:00:00.000Z');
    now = new Date('2026-01-01T00:01:01.000Z');
    await resolve(key);
    expect(lastUsed()).toBe('2026-01-01T00:01:01.000Z');
  });
});
