import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cookieHeaderFrom, NOW, postgresUnavailable, startPostgres, type TestPostgres } from '@stageflow/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../logger.ts';
import { createPostgresServer, type StageflowServer } from '../server.ts';

/**
 * The whole server on PostgreSQL (`DATABASE_URL`): migrated at start, the demo seeded once (copied in whole),
 * signing in through better-auth on PostgreSQL, and a second server on the same database taking the first's
 * session, as a second process behind a load balancer would.
 */
const unavailable = postgresUnavailable();
const BASE = 'http://localhost:3000';

describe.skipIf(unavailable)('the server on PostgreSQL', () => {
  let database: TestPostgres;
  let dir: string;
  const servers: StageflowServer[] = [];
  const start = async () => {
    const server = await createPostgresServer({
      databaseUrl: database.url,
      publicUrl: BASE,
      secretFile: join(dir, 'secret'),
      log: createLogger('silent'),
      rateLimits: {
        apiKeyPerMinute: 600,
        failedSignIns: 10,
        failedSignInMinutes: 15,
        trustProxy: false,
        store: 'memory',
      },
    });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    database = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'stageflow-pg-server-'));
  }, 60_000);
  afterAll(async () => {
    for (const server of servers) server.close();
    await database?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (server: StageflowServer, path: string, init: RequestInit = {}) =>
    server.fetch(
      new Request(`${BASE}${path}`, {
        ...init,
        headers: { origin: BASE, 'content-type': 'application/json', 'x-stageflow-client': 'web', ...init.headers },
      }),
    );

  test('serves the demo: seeded once, signed in on one server and read on another', async () => {
    const first = await start();
    expect(await first.seedDemo(NOW)).toBe(true);
    const second = await start();
    expect(await second.seedDemo(NOW)).toBe(false);

    const signIn = await call(first, '/api/auth/sign-in/email', {
      method: 'POST',
      body: JSON.stringify({ email: 'demo@stageflow.dev', password: 'stageflow-demo' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = cookieHeaderFrom(signIn);
    for (const server of [first, second]) {
      const res = await call(server, '/trpc/templates.list', { headers: { cookie } });
      expect(res.status).toBe(200);
      const { result } = (await res.json()) as { result: { data: { template_name: string }[] } };
      expect(result.data.map((t) => t.template_name).sort()).toEqual([
        'Customer Support Onboarding',
        'Senior Backend Engineer',
      ]);
    }
  }, 120_000);
});
