import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../logger.ts';
import { createServer, type SqliteServer } from '../server.ts';
import { rateLimitsFromEnv } from './rate-limit.ts';

/**
 * Stageflow behind a TLS-terminating reverse proxy: people open https://stageflow.example.com, the
 * proxy speaks plain http to the server and adds X-Forwarded-For / -Proto / -Host. The server is
 * started as apps/api's main starts it (PUBLIC_URL https, TRUST_PROXY=1) and every request below is
 * what the proxy sends on: the browser's Origin, Sec-Fetch-Site and cookies, over http.
 */
const PUBLIC_URL = 'https://stageflow.example.com';
let server: SqliteServer;
let http: ReturnType<typeof serve>;
let internal: string;

beforeAll(async () => {
  server = createServer({
    databasePath: ':memory:',
    publicUrl: PUBLIC_URL,
    authSecret: 'x'.repeat(32),
    log: createLogger('silent'),
    rateLimits: rateLimitsFromEnv({ TRUST_PROXY: '1' }),
  });
  http = serve({ fetch: server.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => http.once('listening', resolve));
  internal = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
  server.close();
});

/** A browser at PUBLIC_URL behind the proxy: keeps the cookies the server sets, as the browser would. */
function browserBehindProxy(clientAddress: string) {
  const cookies = new Map<string, string>();
  const setCookies: string[] = [];
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${internal}${path}`, {
      method,
      headers: {
        // From the browser, passed on by the proxy:
        origin: PUBLIC_URL,
        'sec-fetch-site': 'same-origin',
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        // Added by the proxy:
        'x-forwarded-for': clientAddress,
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'stageflow.example.com',
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const set of res.headers.getSetCookie()) {
      setCookies.push(set);
      const [pair = ''] = set.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  };
  return { send, cookies, setCookies };
}

describe('behind a TLS-terminating reverse proxy (PUBLIC_URL https, TRUST_PROXY=1)', () => {
  test('sign up, create a workspace, then write over tRPC and REST with the session cookie', async () => {
    const ada = browserBehindProxy('198.51.100.7');
    const signUp = await ada.send('POST', '/api/auth/sign-up/email', {
      email: 'ada@example.com',
      password: 'correct horse battery',
      name: 'Ada',
    });
    expect(signUp.status).toBe(200);
    // https PUBLIC_URL: Secure cookies, with better-auth's __Secure- prefix.
    expect([...ada.cookies.keys()]).toContain('__Secure-stageflow.session_token');
    expect(ada.setCookies.every((c) => /;\s*Secure/i.test(c))).toBe(true);

    const workspace = await ada.send('POST', '/api/auth/organization/create', { name: 'Acme', slug: 'acme' });
    expect(workspace.status).toBe(200);

    const trpc = await ada.send(
      'POST',
      '/trpc/templates.create',
      { template_name: 'Through the proxy', use_case: 'hiring' },
      { 'x-stageflow-client': 'web' },
    );
    expect(trpc.status).toBe(200);

    const rest = await ada.send(
      'POST',
      '/api/v1/evaluation-templates',
      { template_name: 'Through the proxy, over REST', use_case: 'hiring' },
      { 'x-stageflow-client': 'web' },
    );
    expect(rest.status).toBe(200);

    const list = await ada.send('GET', '/trpc/templates.list');
    expect(JSON.stringify(await list.json())).toContain('Through the proxy, over REST');
  });

  test.each([
    ['another site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
    ['another site without Sec-Fetch-Site', { origin: 'https://evil.example', 'sec-fetch-site': '' }],
    ['the plain http address of the public host', { origin: 'http://stageflow.example.com' }],
  ])('a cookie-authenticated write from %s is still refused', async (_, headers) => {
    const bob = browserBehindProxy('198.51.100.8');
    await bob.send('POST', '/api/auth/sign-up/email', {
      email: `bob-${crypto.randomUUID()}@example.com`,
      password: 'correct horse battery',
      name: 'Bob',
    });
    await bob.send('POST', '/api/auth/organization/create', { name: 'Bob', slug: `bob-${crypto.randomUUID()}` });
    const res = await bob.send(
      'POST',
      '/trpc/templates.create',
      { template_name: 'Forged', use_case: 'hiring' },
      { 'x-stageflow-client': 'web', ...headers },
    );
    expect(res.status).toBe(403);
  });
});
