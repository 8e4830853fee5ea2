import { NOW } from '@stageflow/testing';
import { describe, expect, test } from 'vitest';
import { createApiKeyResolver, hashApiKey } from '../auth/api-keys.ts';
import { API_KEY_SCOPES } from '../auth/scopes.ts';
import { createCaller } from '../caller.ts';
import { createInnerContext } from '../context.ts';
import { type ApiKit, expectTRPCError, setupEngineApi } from '../testing.ts';

/** The API as a given key would call it, resolved exactly as the server does. */
async function callerWithKey(t: ApiKit, key: string, now = new Date(NOW)) {
  const identity = await createApiKeyResolver(t.deps.reads, () => now.getTime())(key);
  return identity.kind === 'rejected'
    ? createCaller(createInnerContext(t.deps, null, { authError: identity.message }))
    : createCaller(createInnerContext(t.deps, identity));
}

describe('apiKeys', () => {
  test('create shows the key once; the list shows its prefix, scopes and times, never the key or hash', async () => {
    const t = await setupEngineApi();
    const created = await t.api.apiKeys.create({ name: 'CI pipeline', scopes: ['events.read', 'sessions.write'] });
    expect(created.key).toMatch(/^sf_live_[0-9A-Za-z]{38}$/);
    expect(created.api_key).toMatchObject({
      name: 'CI pipeline',
      prefix: created.key.slice(0, 12),
      scopes: ['sessions.write', 'events.read'],
      created_at: NOW,
      created_by: `user:owner-of-${t.workspaceId}`,
      last_used_at: null,
      status: 'active',
    });
    const list = await t.api.apiKeys.list();
    expect(list).toEqual([created.api_key]);
    const text = JSON.stringify(list);
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(hashApiKey(created.key));
  });

  test('`all` grants every scope; no scope at all and unknown scopes are refused', async () => {
    const t = await setupEngineApi();
    const { api_key } = await t.api.apiKeys.create({ name: 'Everything', scopes: ['all'] });
    expect(api_key.scopes).toEqual([...API_KEY_SCOPES]);
    await expectTRPCError(t.api.apiKeys.create({ name: 'None', scopes: [] }), 'BAD_REQUEST', {
      issuePath: ['scopes'],
    });
    await expectTRPCError(
      // @ts-expect-error: not a scope keys can have
      t.api.apiKeys.create({ name: 'Admin', scopes: ['api_keys.write'] }),
      'BAD_REQUEST',
    );
    await expectTRPCError(t.api.apiKeys.create({ name: ' ', scopes: ['all'] }), 'BAD_REQUEST', {
      issuePath: ['name'],
    });
  });

  test('a key calls the API with its scopes, in its workspace only', async () => {
    const t = await setupEngineApi();
    const { key } = await t.api.apiKeys.create({ name: 'Reader', scopes: ['evaluation_templates.read'] });
    const template = await t.api.templates.create({ template_name: 'Backend', use_case: 'hiring' });
    await t.other.templates.create({ template_name: 'Not yours', use_case: 'hiring' });
    const asKey = await callerWithKey(t, key);
    expect((await asKey.templates.list({})).map((x) => x.id)).toEqual([template.id]);
    await expectTRPCError(asKey.templates.create({ template_name: 'X', use_case: 'hiring' }), 'FORBIDDEN', {
      message: /evaluation_templates.write/,
    });
    await expectTRPCError(asKey.apiKeys.list(), 'FORBIDDEN', { message: /API keys cannot manage/ });
    expect((await t.api.apiKeys.list())[0]?.last_used_at).toBe(NOW);
  });

  test('revoke stops the key at once', async () => {
    const t = await setupEngineApi();
    const { key, api_key } = await t.api.apiKeys.create({ name: 'CI', scopes: ['all'] });
    const revoked = await t.api.apiKeys.revoke({ id: api_key.id });
    expect(revoked).toMatchObject({ status: 'revoked', revoked_at: NOW });
    await expectTRPCError((await callerWithKey(t, key)).templates.list({}), 'UNAUTHORIZED', { message: /revoked/ });
    // Again: nothing changes, still revoked.
    expect(await t.api.apiKeys.revoke({ id: api_key.id })).toEqual(revoked);
  });

  test('roll: a new key with the same name and scopes; the old one works until its grace period ends', async () => {
    const t = await setupEngineApi();
    const first = await t.api.apiKeys.create({ name: 'CI', scopes: ['events.read'] });
    const rolled = await t.api.apiKeys.roll({ id: first.api_key.id, grace_hours: 2 });
    expect(rolled.key).not.toBe(first.key);
    expect(rolled.api_key).toMatchObject({ name: 'CI', scopes: ['events.read'], status: 'active' });
    expect(rolled.previous).toMatchObject({
      id: first.api_key.id,
      status: 'expiring',
      expires_at: '2026-11-29T12:00:00.000Z',
    });

    const inGrace = new Date('2026-11-29T11:59:00.000Z');
    expect(await (await callerWithKey(t, first.key, inGrace)).events.list({})).toBeDefined();
    const after = new Date('2026-11-29T12:00:00.000Z');
    await expectTRPCError((await callerWithKey(t, first.key, after)).events.list({}), 'UNAUTHORIZED', {
      message: /expired.*new key/,
    });
    expect(await (await callerWithKey(t, rolled.key, after)).events.list({})).toBeDefined();

    // The default grace is 24 hours; a revoked key cannot be rolled back to life.
    const again = await t.api.apiKeys.roll({ id: rolled.api_key.id });
    expect(again.previous.expires_at).toBe('2026-11-30T10:00:00.000Z');
    await t.api.apiKeys.revoke({ id: again.api_key.id });
    await expectTRPCError(t.api.apiKeys.roll({ id: again.api_key.id }), 'CONFLICT', { message: /revoked/ });
  });

  test('only admins and owners manage keys; another workspace sees none of them', async () => {
    const t = await setupEngineApi();
    const { api_key } = await t.api.apiKeys.create({ name: 'CI', scopes: ['all'] });
    for (const role of ['viewer', 'reviewer'] as const) {
      await expectTRPCError(t.callerFor(t.workspaceId, role).apiKeys.list(), 'FORBIDDEN');
    }
    expect(await t.callerFor(t.workspaceId, 'admin').apiKeys.list()).toHaveLength(1);
    expect(await t.other.apiKeys.list()).toEqual([]);
    await expectTRPCError(t.other.apiKeys.revoke({ id: api_key.id }), 'NOT_FOUND', { message: /API key/ });
    await expectTRPCError(t.other.apiKeys.roll({ id: api_key.id }), 'NOT_FOUND');
    expect((await t.api.apiKeys.list())[0]?.status).toBe('active');
  });
});
