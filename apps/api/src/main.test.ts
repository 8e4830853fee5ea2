import { createDb, createRepositories } from '@stageflow/db';
import { DEMO_ACCOUNT } from '@stageflow/server';
import { type RunningServer, startServer } from '@stageflow/testing';
import { afterEach, describe, expect, test } from 'vitest';

/**
 * main.ts as `pnpm dev` runs it (from source), on a fresh database each: the environment decides
 * whether the new database gets demo data (README, Settings: DEMO and PUBLIC_URL), and whether there is a
 * default interviewer model (INTERVIEWER_*).
 */
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** The members of the demo workspace, if there is one. */
function accounts(databasePath: string): string[] {
  const db = createDb(databasePath);
  try {
    const repos = createRepositories(db);
    const demo = repos.workspaces.bySlug('demo');
    return demo ? repos.members.list(demo.id).map((m) => m.email) : [];
  } finally {
    db.$client.close();
  }
}

describe('demo data at start', () => {
  test('a fresh database served locally gets the demo account, and the start says how to sign in', async () => {
    server = await startServer({ from: 'source' });
    expect(accounts(server.databasePath)).toEqual([DEMO_ACCOUNT.email]);
    expect(server.logs()).toContain(`Sign in with the demo account: ${DEMO_ACCOUNT.email}`);
  });

  test("the start prints the demo participant's portal link, which opens her portal", async () => {
    server = await startServer({ from: 'source' });
    const printed = /Open Rosa Jiménez's participant portal \(demo\): (\S+)/.exec(server.logs())?.[1];
    expect(printed).toMatch(new RegExp(`^${server.url}/p/sfp_`));
    expect((await fetch(printed!)).status).toBe(200);
    const continued = await fetch(printed!, { method: 'POST', redirect: 'manual' });
    expect(continued.status).toBe(303);
    const cookie = continued.headers.get('set-cookie')!.split(';')[0]!;
    const portal = await fetch(`${server.url}/p/`, { headers: { cookie } });
    expect(portal.status).toBe(200);
    const html = await portal.text();
    expect(html).toContain('Hello Rosa Jiménez');
    expect(html).toContain('Start now');
  });

  test('a fresh database at a public address gets none; the log says how to have it anyway', async () => {
    server = await startServer({
      from: 'source',
      env: { PUBLIC_URL: 'https://stageflow.example.com', LOG_LEVEL: 'info' },
    });
    expect(accounts(server.databasePath)).toEqual([]);
    expect(server.logs()).toContain('not local (DEMO=1 seeds it anyway)');
    expect(server.logs()).not.toContain('Sign in with the demo account');
    expect(server.logs()).not.toContain('participant portal');
  });

  test('DEMO=0 turns it off locally too; a DEMO value other than 1 or 0 is reported', async () => {
    server = await startServer({ from: 'source', env: { DEMO: '0' } });
    expect(accounts(server.databasePath)).toEqual([]);
    await server.stop();
    server = await startServer({ from: 'source', env: { DEMO: 'yes' } });
    expect(server.logs()).toContain('DEMO=yes is not 1 or 0');
    expect(accounts(server.databasePath)).toEqual([DEMO_ACCOUNT.email]);
  });
});

describe('the default interviewer model (INTERVIEWER_*)', () => {
  test('half given: the server starts without one and says why, never printing the key', async () => {
    server = await startServer({
      from: 'source',
      env: { INTERVIEWER_BASE_URL: 'http://127.0.0.1:11434/v1', INTERVIEWER_API_KEY: 'sk-main-test-secret', DEMO: '0' },
    });
    expect(server.logs()).toContain(
      'INTERVIEWER_MODEL not set: the server runs without a default interviewer model. Set both, or neither.',
    );
    expect(server.logs()).not.toContain('sk-main-test-secret');
  });
});

describe('the log', () => {
  test('what the server logged up to its stop is written before it exits, in order', async () => {
    server = await startServer({ from: 'source', env: { DEMO: '0', LOG_LEVEL: 'info' } });
    expect((await fetch(`${server.url}/api/demo-account`)).status).toBe(404);
    await server.stop();
    const messages = server
      .logs()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; path?: string });
    // Lines are written in batches: the request's line and the last one, logged just before the exit, come out too.
    const request = messages.findIndex((m) => m.msg === 'request' && m.path === '/api/demo-account');
    expect(request).toBeGreaterThan(-1);
    expect(messages.map((m) => m.msg).slice(request + 1)).toEqual(['shutting down', 'closed']);
  });
});
