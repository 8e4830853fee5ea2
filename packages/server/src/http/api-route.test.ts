import { Writable } from 'node:stream';
import { createRepositories, createTestDb } from '@stageflow/db';
import { pino } from 'pino';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { expect, test } from 'vitest';
import { storeTestKey } from '../testing-keys.ts';
import type { LimiterStore } from './limiter-store.ts';
import { rateLimitsFromEnv } from './rate-limit.ts';
import { createTestApp } from './testing-app.ts';

/** The app over a fresh database, its log lines kept, its rate limit counted by `limiterStore`. */
function setup(limiterStore: LimiterStore = (spec) => new RateLimiterMemory(spec)) {
  const db = createTestDb();
  const repos = createRepositories(db);
  const workspaceId = crypto.randomUUID();
  repos.workspaces.insert({ id: workspaceId, slug: 'a', name: 'A' });
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  const app = createTestApp(db, repos, log, { limiterStore, rateLimits: rateLimitsFromEnv({}) });
  const key = storeTestKey(db, repos, workspaceId).key;
  const call = (path: string) => app.request(path, { headers: { 'x-api-key': key } });
  /** The lines written so far (pino writes through the stream on the next tick). */
  const logged = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return lines;
  };
  return { call, logged };
}

test('a tRPC or REST call is logged once, with its method, path and status', async () => {
  const { call, logged } = setup();
  expect((await call('/trpc/stages.list?input=%7B%7D')).status).toBe(400);
  expect((await call('/trpc/agentProfiles.list')).status).toBe(200);
  expect((await call('/api/v1/agent-profiles')).status).toBe(200);
  expect((await call('/api/v1/no-such-thing')).status).toBe(404);
  const requests = (await logged()).filter((line) => line.msg === 'request');
  expect(requests).toEqual([
    expect.objectContaining({ method: 'GET', path: '/trpc/stages.list', status: 400, ms: expect.any(Number) }),
    expect.objectContaining({ method: 'GET', path: '/trpc/agentProfiles.list', status: 200 }),
    expect.objectContaining({ method: 'GET', path: '/api/v1/agent-profiles', status: 200 }),
    expect.objectContaining({ method: 'GET', path: '/api/v1/no-such-thing', status: 404 }),
  ]);
});

test.each(['/trpc/agentProfiles.list', '/api/v1/agent-profiles'])(
  'an error nothing expected on %s is the app’s 500, with the APIs’ headers, logged with its request line',
  async (path) => {
    const { call, logged } = setup((spec) => {
      const limiter = new RateLimiterMemory(spec);
      limiter.consume = () => Promise.reject(new Error('the counters are gone'));
      return limiter;
    });
    const res = await call(path);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'Something went wrong on our side' });
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const lines = await logged();
    expect(lines.map((line) => line.msg)).toEqual(['unhandled error', 'request']);
    expect(lines[0]).toMatchObject({ level: 50, err: { message: 'the counters are gone' } });
    expect(lines[1]).toMatchObject({ path, status: 500 });
  },
);
