import { createRepositories, createSqliteStorage, createTestDb } from '@stageflow/db';
import type { SmartRouter } from 'hono/router/smart-router';
import { beforeEach, describe, expect, test } from 'vitest';
import { createAuth } from '../auth/better-auth.ts';
import type { Principal } from '../auth/principal.ts';
import { contextDeps, createRequestContext } from '../context.ts';
import { createLogger } from '../logger.ts';
import { createApp } from './app.ts';
import { databaseLimiters } from './limiter-store.ts';

let app: ReturnType<typeof createApp>;
let ready: boolean;
let signedIn: boolean;
beforeEach(() => {
  const db = createTestDb();
  const repos = createRepositories(db);
  const ws = repos.workspaces.insert({ id: crypto.randomUUID(), slug: 'a', name: 'A' });
  ready = true;
  signedIn = true;
  const log = createLogger('silent');
  const owner: Principal = { kind: 'user', userId: 'u1', workspaceId: ws.id, role: 'owner' };
  const auth = createAuth({ db, baseURL: 'http://localhost', secret: 'x'.repeat(32), rateLimit: false });
  app = createApp({
    createContext: createRequestContext(contextDeps(db, repos, log), async () => (signedIn ? owner : null)),
    authHandler: auth.handler,
    log,
    isReady: () => ready,
    limiterStore: databaseLimiters(db),
  });
});

/** The parts of tRPC's HTTP envelope these tests read. */
interface Envelope {
  result: { data: { id: string } & Record<string, unknown> };
  error: { message: string; data: { issues: { path: unknown[] }[] } };
}
const body = async (res: Response) => (await res.json()) as Envelope;

const post = (path: string, body: string, headers: Record<string, string> = { 'x-stageflow-client': 'web' }) =>
  app.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('HTTP', () => {
  test('GET /healthz answers ok, and 503 while shutting down', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    ready = false;
    expect((await app.request('/healthz')).status).toBe(503);
  });

  test('a tRPC mutation over HTTP creates and a query reads back', async () => {
    const res = await post('/trpc/templates.create', JSON.stringify({ template_name: 'T', use_case: 'hiring' }));
    expect(res.status).toBe(200);
    const { result } = await body(res);
    const read = await app.request(
      `/trpc/templates.byId?input=${encodeURIComponent(JSON.stringify({ id: result.data.id }))}`,
    );
    expect((await body(read)).result.data).toMatchObject({ template_name: 'T', stages: [] });
  });

  test('bad input is a 400 naming the field, with issues and no stack trace', async () => {
    const res = await post(
      '/trpc/templates.create',
      JSON.stringify({ template_name: 'T', use_case: 'hiring', default_duration_minutes: 999 }),
    );
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.message).toMatch(/^default_duration_minutes: /);
    expect(error.data.issues[0]?.path).toEqual(['default_duration_minutes']);
    expect(JSON.stringify(error)).not.toMatch(/stack|\.ts:\d+/);
  });

  test.each([
    ['malformed JSON', '{"template_name": '],
    ['a JSON array', '[1,2]'],
    ['a string', '"x"'],
    ['null', 'null'],
  ])('%s is a 4xx, never a 500', async (_, body) => {
    const res = await post('/trpc/templates.create', body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  test('an unknown id is a 404 that names the entity and id', async () => {
    const id = crypto.randomUUID();
    const res = await app.request(`/trpc/templates.byId?input=${encodeURIComponent(JSON.stringify({ id }))}`);
    expect(res.status).toBe(404);
    expect((await body(res)).error.message).toBe(`Evaluation template ${id} was not found`);
  });

  test.each([
    [
      'a form posted from another site',
      {
        'content-type': 'multipart/form-data; boundary=x',
        'sec-fetch-site': 'cross-site',
        origin: 'https://evil.example',
      },
    ],
    ['a request without the client header', {}],
    ['a request from another origin', { 'x-stageflow-client': 'web', origin: 'https://evil.example' }],
  ])('%s cannot write with the session cookie', async (_, headers) => {
    const res = await post(
      '/trpc/templates.create',
      JSON.stringify({ template_name: 'T', use_case: 'hiring' }),
      headers,
    );
    expect(res.status).toBe(403);
    const list = await app.request('/trpc/templates.list');
    expect(JSON.stringify(await list.json())).not.toContain('"template_name":"T"');
  });

  test('a cross-site POST to a mutation without input changes nothing', async () => {
    const res = await app.request('/trpc/decisions.openCount', {
      method: 'POST',
      body: '--x--',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(403);
  });

  test('without credentials a procedure answers 401', async () => {
    signedIn = false;
    const res = await app.request('/trpc/templates.list');
    expect(res.status).toBe(401);
    expect((await body(res)).error.message).toMatch(/x-api-key/);
  });

  test('better-auth answers under /api/auth', async () => {
    const res = await app.request('/api/auth/get-session');
    expect(res.status).toBe(200);
  });

  test("every route fits Hono's fastest router, the portal's pages included", async () => {
    const db = createTestDb();
    const withPortal = createApp({
      createContext: async () => ({}) as never,
      authHandler: async () => new Response(null, { status: 404 }),
      log: createLogger('silent'),
      isReady: () => true,
      limiterStore: databaseLimiters(db),
      portal: { storage: createSqliteStorage(db, createRepositories(db)), secret: 'portal-test-secret' },
    });
    await withPortal.request('/healthz');
    // One route it refuses puts every request of the app on the trie router, which searches and sorts per request.
    expect((withPortal.router as SmartRouter<unknown>).activeRouter.name).toBe('RegExpRouter');
  });

  test('an unknown procedure or path is a 404', async () => {
    expect((await app.request('/trpc/nope.nothing')).status).toBe(404);
    expect((await app.request('/api/nothing')).status).toBe(404);
  });
});
