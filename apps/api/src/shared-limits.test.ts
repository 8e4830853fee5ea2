import { randomUUID } from 'node:crypto';
import type { RunningServer } from '@stageflow/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { ENGINES, type SharedDatabase, sharedDatabase } from './testing-databases.ts';

/**
 * Rate limits across real server processes on one database, SQLite or PostgreSQL
 * (docs/decisions/035-shared-state-in-the-database.md): the counters live in the database, so a
 * limit holds however the calls are spread over the processes.
 */
const PER_MINUTE = 6;
const ENV = { DEMO: '0', RATE_LIMIT_PER_MINUTE: String(PER_MINUTE), RATE_LIMIT_STORE: 'database' };

let database: SharedDatabase | undefined;
afterEach(async () => {
  await database?.stop();
  database = undefined;
});

/** better-auth accepts a browser's request only from the origin the server is opened at. */
const authPost = (server: RunningServer, path: string, body: unknown) =>
  fetch(`${server.url}/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify(body),
  });

describe.each(ENGINES)('two server processes on one $engine database share every rate limit', ({ engine, skip }) => {
  /** Two processes serving one database, as behind a load balancer. */
  async function twoProcesses(): Promise<[RunningServer, RunningServer]> {
    database = await sharedDatabase(engine);
    return [await database.start(ENV), await database.start(ENV)];
  }

  test.skipIf(skip)(
    "an API key's limit holds across both: its calls split between them pass, the next on either is 429",
    async () => {
      const [a, b] = await twoProcesses();
      const key = await database!.apiKey('limits');
      const list = (server: RunningServer) =>
        fetch(`${server.url}/api/v1/webhook-endpoints`, { headers: { 'x-api-key': key } });
      const remaining: string[] = [];
      for (let i = 0; i < PER_MINUTE; i++) {
        const res = await list(i % 2 === 0 ? a : b);
        expect(res.status).toBe(200);
        remaining.push(res.headers.get('RateLimit-Remaining') ?? '');
      }
      // One count, whichever process answered.
      expect(remaining).toEqual(['5', '4', '3', '2', '1', '0']);
      for (const server of [a, b]) {
        const refused = await list(server);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
        expect(await refused.json()).toMatchObject({
          error: expect.stringMatching(/Too many calls with this API key/),
        });
      }
    },
    120_000,
  );

  test.skipIf(skip)(
    'failed sign-ins count across both, and so does better-auth’s own per-address limit',
    async () => {
      const [a, b] = await twoProcesses();
      const email = 'ada@example.com';
      const signedUp = await authPost(a, '/sign-up/email', { email, password: 'correct horse battery', name: 'Ada' });
      expect(signedUp.status).toBe(200);

      // Ten wrong passwords for one account from one address (failedSignIns), five at each process.
      for (let i = 0; i < 10; i++) {
        const res = await authPost(i % 2 === 0 ? a : b, '/sign-in/email', { email, password: `wrong ${i}` });
        expect(res.status).toBe(401);
      }
      for (const server of [a, b]) {
        const refused = await authPost(server, '/sign-in/email', { email, password: 'correct horse battery' });
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
        expect(await refused.json()).toMatchObject({ code: 'TOO_MANY_FAILED_SIGN_INS' });
      }

      // Sign-up: five a minute per address (better-auth's limiter, in the database), one taken above.
      for (let i = 0; i < 4; i++) {
        const res = await authPost(i % 2 === 0 ? b : a, '/sign-up/email', {
          email: `person${i}@example.com`,
          password: 'correct horse battery',
          name: `Person ${i}`,
        });
        expect(res.status).toBe(200);
      }
      for (const server of [a, b]) {
        const refused = await authPost(server, '/sign-up/email', {
          email: `late-${server.url.length}-${randomUUID()}@example.com`,
          password: 'correct horse battery',
          name: 'Late',
        });
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
      }
    },
    120_000,
  );
});
