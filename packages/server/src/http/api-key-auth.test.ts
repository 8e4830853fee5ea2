import { createRepositories, createTestDb, writeTx } from '@stageflow/db';
import { pino } from 'pino';
import { beforeEach, describe, expect, test } from 'vitest';
import { generateApiKey } from '../auth/api-keys.ts';
import type { ApiKeyScope } from '../auth/scopes.ts';
import { storeTestKey } from '../testing-keys.ts';
import type { createApp } from './app.ts';
import { createTestApp } from './testing-app.ts';

let app: ReturnType<typeof createApp>;
let logs: string[];
let issue: (scopes: readonly (ApiKeyScope | 'all')[]) => { key: string; id: string };
let revoke: (id: string) => void;

/** The server as main.ts wires it: better-auth, the key resolver, the request log (captured). */
beforeEach(() => {
  const db = createTestDb();
  const repos = createRepositories(db);
  const workspaceId = crypto.randomUUID();
  repos.workspaces.insert({ id: workspaceId, slug: 'a', name: 'A' });
  logs = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  app = createTestApp(db, repos, log);
  issue = (scopes) => {
    const now = new Date().toISOString();
    const { key, summary } = storeTestKey(db, repos, workspaceId, { scopes, now });
    return { key, id: summary.id };
  };
  revoke = (id) => writeTx(db, (tx) => repos.apiKeys.revoke(tx, workspaceId, id, new Date().toISOString()));
});

const trpc = (path: string, key?: string) =>
  app.request(`/trpc/${path}`, { headers: key === undefined ? {} : { 'x-api-key': key } });
const messageOf = async (res: Response) => ((await res.json()) as { error: { message: string } }).error.message;

describe('x-api-key', () => {
  test('a valid key reads over tRPC and REST; a key without the scope gets 403', async () => {
    const { key } = issue(['evaluation_templates.read']);
    expect((await trpc('templates.list', key)).status).toBe(200);
    expect((await app.request('/api/v1/evaluation-templates', { headers: { 'x-api-key': key } })).status).toBe(200);
    const res = await app.request('/trpc/agentProfiles.list', { headers: { 'x-api-key': key } });
    expect(res.status).toBe(403);
    expect(await messageOf(res)).toMatch(/agent_profiles.read/);
  });

  test('a key writes without the browser-only cross-site header', async () => {
    const { key } = issue(['all']);
    const res = await app.request('/trpc/templates.create', {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ template_name: 'T', use_case: 'hiring' }),
    });
    expect(res.status).toBe(200);
  });

  test.each([
    ['mistyped', () => issue(['all']).key.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), /typo/],
    ['not a key at all', () => 'hunter2', /not a Stageflow API key/],
    ['never issued', () => generateApiKey().key, /not valid/],
    [
      'revoked',
      () => {
        const { key, id } = issue(['all']);
        revoke(id);
        return key;
      },
      /revoked/,
    ],
  ])('a %s key is a 401 that says so, over tRPC and REST', async (_, makeKey, message) => {
    const key = makeKey();
    const res = await trpc('templates.list', key);
    expect(res.status).toBe(401);
    expect(await messageOf(res)).toMatch(message);
    const rest = await app.request('/api/v1/evaluation-templates', { headers: { 'x-api-key': key } });
    expect(rest.status).toBe(401);
    expect(((await rest.json()) as { error: string }).error).toMatch(message);
  });

  test('no credentials is a different 401: sign in or send a key', async () => {
    const res = await trpc('templates.list');
    expect(res.status).toBe(401);
    expect(await messageOf(res)).toMatch(/Sign in, or send an API key/);
  });

  test('keys never appear in the logs', async () => {
    const { key } = issue(['evaluation_templates.read']);
    await trpc('templates.list', key);
    await trpc('agentProfiles.list', key);
    await trpc('templates.list', `${key.slice(0, -1)}x`);
    await app.request('/api/v1/evaluation-templates', { headers: { 'x-api-key': key } });
    expect(logs.length).toBeGreaterThanOrEqual(4);
    const text = logs.join('\n');
    expect(text).not.toContain(key.slice(12));
    expect(text).not.toMatch(/x-api-key/i);
  });
});
