import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createRepositories, createTestDb } from '@stageflow/db';
import { beforeEach, describe, expect, test } from 'vitest';
import { createLogger } from '../logger.ts';
import { storeTestKey } from '../testing-keys.ts';
import type { createApp } from './app.ts';
import { type RateLimitOptions, rateLimitsFromEnv } from './rate-limit.ts';
import { createTestApp } from './testing-app.ts';

const BASE = 'http://localhost:3000';
const PASSWORD = 'correct horse battery';
let app: ReturnType<typeof createApp>;
let newKey: () => string;

function setup(limits: Partial<RateLimitOptions> = {}, authRateLimit = false) {
  const db = createTestDb();
  const repos = createRepositories(db);
  const workspaceId = crypto.randomUUID();
  repos.workspaces.insert({ id: workspaceId, slug: 'a', name: 'A' });
  const log = createLogger('silent');
  app = createTestApp(db, repos, log, {
    baseURL: BASE,
    authRateLimit,
    // In-process requests have no connection: the tests name the client in X-Forwarded-For.
    rateLimits: { ...rateLimitsFromEnv({}), apiKeyPerMinute: 3, trustProxy: true, ...limits },
  });
  newKey = () => storeTestKey(db, repos, workspaceId).key;
}

/** Counters (better-auth's per-IP ones too) live in each test's database; fresh addresses keep a test's apart. */
let ipCounter = 0;
const newIp = () => `203.0.113.${++ipCounter}`;

const auth = (path: string, body: unknown, ip: string) =>
  app.request(`/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE, 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
const signUp = (email: string, ip = newIp()) => auth('/sign-up/email', { email, password: PASSWORD, name: 'A' }, ip);
const signIn = (email: string, password: string, ip = newIp()) => auth('/sign-in/email', { email, password }, ip);

function expectRetryAfter(res: Response, atMost: number) {
  expect(res.status).toBe(429);
  const seconds = Number(res.headers.get('Retry-After'));
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(atMost);
}

describe('per API key', () => {
  beforeEach(() => setup());

  test('past the limit a key gets 429 with Retry-After over tRPC and REST; other keys and sessions go on', async () => {
    const key = newKey();
    const call = (k: string) => app.request('/trpc/templates.list', { headers: { 'x-api-key': k } });
    const remaining = [];
    for (let i = 0; i < 3; i++) {
      const res = await call(key);
      expect(res.status).toBe(200);
      remaining.push(res.headers.get('RateLimit-Remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const refused = await call(key);
    expectRetryAfter(refused, 60);
    expect(await refused.json()).toMatchObject({
      error: {
        message: expect.stringMatching(/Too many calls with this API key \(3 a minute\): try again in \d+ seconds/),
        data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429 },
      },
    });
    // Batched tRPC calls get one answer for the whole batch, which tRPC clients give to each call.
    expect(
      (await app.request('/trpc/templates.list,events.list?batch=1', { headers: { 'x-api-key': key } })).status,
    ).toBe(429);

    const rest = await app.request('/api/v1/evaluation-templates', { headers: { 'x-api-key': key } });
    expectRetryAfter(rest, 60);
    expect(await rest.json()).toEqual({ error: expect.stringMatching(/Too many calls/), issues: [] });

    expect((await call(newKey())).status).toBe(200);
  });

  test('each call of a tRPC batch counts against the key', async () => {
    const batch = (key: string, calls: number) =>
      app.request(`/trpc/${Array(calls).fill('templates.list').join(',')}?batch=1`, { headers: { 'x-api-key': key } });
    const key = newKey();
    const two = await batch(key, 2);
    expect(two.status).toBe(200);
    expect(two.headers.get('RateLimit-Remaining')).toBe('1');
    // One call is left: a batch of two does not fit.
    expectRetryAfter(await batch(key, 2), 60);
    // Nor does a batch larger than the whole limit, from a fresh key.
    expectRetryAfter(await batch(newKey(), 4), 60);
  });

  test('a compressed answer keeps the rate-limit headers', async () => {
    const res = await app.request('/api/v1/openapi.json', {
      headers: { 'x-api-key': newKey(), 'accept-encoding': 'gzip' },
    });
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(res.headers.get('RateLimit-Remaining')).toBe('2');
  });

  test('RATE_LIMIT_PER_MINUTE sets the limit; 600 when unset or not a positive integer', () => {
    expect(rateLimitsFromEnv({ RATE_LIMIT_PER_MINUTE: '120' }).apiKeyPerMinute).toBe(120);
    expect(rateLimitsFromEnv({}).apiKeyPerMinute).toBe(600);
    expect(rateLimitsFromEnv({ RATE_LIMIT_PER_MINUTE: 'lots' }).apiKeyPerMinute).toBe(600);
  });

  test('RATE_LIMIT_STORE: memory for one process by default, database on request, anything else refused', () => {
    expect(rateLimitsFromEnv({}).store).toBe('memory');
    expect(rateLimitsFromEnv({ RATE_LIMIT_STORE: 'memory' }).store).toBe('memory');
    expect(rateLimitsFromEnv({ RATE_LIMIT_STORE: 'database' }).store).toBe('database');
    expect(() => rateLimitsFromEnv({ RATE_LIMIT_STORE: 'databse' })).toThrow(
      'RATE_LIMIT_STORE must be "memory" or "database", not "databse"',
    );
  });
});

describe('sign-in and sign-up', () => {
  test('per IP (better-auth): the 11th sign-in a minute from one address is a 429 with Retry-After', async () => {
    setup({}, true);
    const ip = newIp();
    for (let i = 0; i < 10; i++)
      expect((await signIn(`nobody${i}@example.com`, 'wrong password', ip)).status).toBe(401);
    const refused = await signIn('someone@example.com', PASSWORD, ip);
    expectRetryAfter(refused, 60);
    expect(refused.headers.get('X-Retry-After')).toBe(refused.headers.get('Retry-After'));
    // Another address is not affected.
    expect((await signIn('someone@example.com', 'wrong password')).status).toBe(401);
  });

  test('per IP on a real server: the address is the connection, so a made-up X-Forwarded-For does not help', async () => {
    setup({ trustProxy: false }, true);
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const statuses = [];
      for (let i = 0; i < 11; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: BASE, 'x-forwarded-for': newIp() },
          body: JSON.stringify({ email: `spoof${i}@example.com`, password: 'wrong password' }),
        });
        statuses.push(res.status);
        if (res.status === 429) expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([...Array(10).fill(401), 429]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('per IP (better-auth): the 6th sign-up a minute from one address is a 429 with Retry-After', async () => {
    setup({}, true);
    const ip = newIp();
    for (let i = 0; i < 5; i++) expect((await signUp(`new${i}@example.com`, ip)).status).toBe(200);
    expectRetryAfter(await signUp('new5@example.com', ip), 60);
  });

  test('per account and address: 10 wrong passwords from one address never lock the owner out elsewhere', async () => {
    setup();
    expect((await signUp('ada@example.com')).status).toBe(200);
    expect((await signUp('bob@example.com')).status).toBe(200);
    const guesser = newIp();
    for (let i = 0; i < 10; i++) {
      // In any letter case: the account is the lower-cased email.
      const email = i % 2 ? 'ADA@example.com' : 'ada@example.com';
      expect((await signIn(email, `guess ${i} of many`, guesser)).status).toBe(401);
    }
    // The owner, at their desk, signs in with the right password.
    expect((await signIn('ada@example.com', PASSWORD, newIp())).status).toBe(200);
    // The guessing address stays throttled for this account, even with the right password…
    const refused = await signIn('ada@example.com', PASSWORD, guesser);
    expectRetryAfter(refused, 15 * 60);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(14 * 60);
    expect(await refused.json()).toMatchObject({
      message: expect.stringMatching(
        /Too many failed sign-ins for this account from your address: try again in 15 minutes/,
      ),
      code: 'TOO_MANY_FAILED_SIGN_INS',
    });
    // …and only for this account.
    expect((await signIn('bob@example.com', PASSWORD, guesser)).status).toBe(200);
  });

  test('per address: failures over many accounts throttle the address, not the accounts', async () => {
    setup({ failedSignInsPerAddress: 12 });
    await signUp('ada@example.com');
    const sprayer = newIp();
    for (let i = 0; i < 12; i++) {
      expect((await signIn(`person${i % 4}@example.com`, 'wrong password', sprayer)).status).toBe(401);
    }
    const refused = await signIn('ada@example.com', PASSWORD, sprayer);
    expectRetryAfter(refused, 15 * 60);
    expect(await refused.json()).toMatchObject({
      message: expect.stringMatching(/Too many failed sign-ins from your address: try again in \d+ minutes/),
    });
    expect((await signIn('ada@example.com', PASSWORD, newIp())).status).toBe(200);
  });

  test('per account from many addresses: each address that fails waits longer and longer; a fresh one signs in', async () => {
    setup();
    await signUp('ada@example.com');
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      const ip = newIp();
      // A distributed guesser: one try from each address.
      expect((await signIn('ada@example.com', `guess ${i}`, ip)).status).toBe(401);
      const again = await signIn('ada@example.com', `guess ${i} again`, ip);
      waits.push(again.status === 429 ? Number(again.headers.get('Retry-After')) : 0);
      if (again.status === 429) {
        expect(await again.json()).toMatchObject({ message: expect.stringMatching(/many failed sign-ins lately/) });
      } else {
        expect(again.status).toBe(401);
      }
    }
    // The first 5 addresses fail twice each (10 failures) before any wait; then 2, 4, 8, 16 seconds.
    expect(waits).toEqual([0, 0, 0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
    // Never the right password from an address that has not failed.
    expect((await signIn('ada@example.com', PASSWORD, newIp())).status).toBe(200);
  });

  test('per account and address: a successful sign-in starts the count again', async () => {
    setup();
    await signUp('ada@example.com');
    const ip = newIp();
    for (let i = 0; i < 9; i++) expect((await signIn('ada@example.com', 'wrong password', ip)).status).toBe(401);
    expect((await signIn('ada@example.com', PASSWORD, ip)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await signIn('ada@example.com', 'wrong password', ip)).status).toBe(401);
    expect((await signIn('ada@example.com', PASSWORD, ip)).status).toBe(429);
  });

  test('refused requests that are not wrong passwords do not count', async () => {
    setup({ failedSignInsPerAddress: 5 });
    await signUp('ada@example.com');
    const ip = newIp();
    for (let i = 0; i < 12; i++) {
      expect((await auth('/sign-in/email', { email: 'ada@example.com' }, ip)).status).toBe(400);
    }
    expect((await signIn('ada@example.com', PASSWORD, ip)).status).toBe(200);
  });

  test('on a real server the address is the connection: a made-up X-Forwarded-For does not reset the count', async () => {
    setup({ trustProxy: false });
    await signUp('ada@example.com');
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const attempt = (password: string) =>
      fetch(`http://127.0.0.1:${port}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: BASE, 'x-forwarded-for': newIp() },
        body: JSON.stringify({ email: 'ada@example.com', password }),
      });
    try {
      for (let i = 0; i < 10; i++) expect((await attempt('wrong password')).status).toBe(401);
      expect((await attempt(PASSWORD)).status).toBe(429);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
