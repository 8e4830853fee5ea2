import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateApiKey } from '../auth/api-keys.ts';
import { createLogger } from '../logger.ts';
import { createServer, type SqliteServer } from '../server.ts';
import { rateLimitsFromEnv } from './rate-limit.ts';

let webRoot: string;
beforeAll(() => {
  webRoot = mkdtempSync(join(tmpdir(), 'stageflow-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Stageflow</title><div id="root"></div>');
  writeFileSync(join(webRoot, 'assets/index-Ab12.js'), 'export {};');
});
afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

const servers: SqliteServer[] = [];
afterAll(() => {
  for (const server of servers) server.close();
});
function start(publicUrl: string) {
  const server = startServer(publicUrl);
  return (path: string, init?: RequestInit) => server.fetch(new Request(new URL(path, publicUrl), init));
}
function startServer(publicUrl: string) {
  const server = createServer({
    databasePath: ':memory:',
    publicUrl,
    authSecret: 'x'.repeat(32),
    webRoot,
    log: createLogger('silent'),
    rateLimits: { ...rateLimitsFromEnv({}), apiKeyPerMinute: 1 },
  });
  servers.push(server);
  return server;
}

/** Every kind of answer the server gives outside its two APIs: the app, its assets, auth, health, a 404. */
const PAGES: [string, string, RequestInit?][] = [
  ['the app (index.html)', '/'],
  ['a client route (the app shell)', '/templates/123'],
  ['a fingerprinted asset', '/assets/index-Ab12.js'],
  ['better-auth', '/api/auth/get-session'],
  ['the health check', '/healthz'],
  ['an unknown route (404)', '/api/nothing', { method: 'POST' }],
  [
    'a malformed sign-in (400)',
    '/api/auth/sign-in/email',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
  ],
];

/** The APIs' answers, refusals included: JSON read by code. */
const API_ANSWERS: [string, string, RequestInit?][] = [
  ['tRPC (401 without credentials)', '/trpc/templates.list'],
  ['REST (401 without credentials)', '/api/v1/evaluation-templates'],
  ['the OpenAPI document', '/api/v1/openapi.json'],
  [
    'a cross-site write (403)',
    '/trpc/templates.create',
    { method: 'POST', headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, body: '{}' },
  ],
];
const ANSWERS = [...PAGES, ...API_ANSWERS];

/** A Content-Security-Policy's directives by name. */
const directivesOf = (res: Response) =>
  new Map(
    (res.headers.get('Content-Security-Policy') ?? '').split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );

describe('security headers', () => {
  let request: ReturnType<typeof start>;
  beforeAll(() => {
    request = start('http://localhost:3000');
  });

  test.each(PAGES)('on %s', async (_, path, init) => {
    const res = await request(path, init);
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    const directives = directivesOf(res);
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'self'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('style-src')).toMatch(/^'self'( 'sha256-[\w+/=]+')*$/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    // http PUBLIC_URL: no HSTS (a browser would pin https on a host that does not serve it).
    expect(res.headers.get('Strict-Transport-Security')).toBeNull();
  });

  test.each(API_ANSWERS)('on %s: the API’s few', async (_, path, init) => {
    const res = await request(path, init);
    expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
    expect(Object.keys(securityOf(res)).sort()).toEqual([
      'content-security-policy',
      'cross-origin-resource-policy',
      'x-content-type-options',
      'x-frame-options',
    ]);
  });

  test('each kind of answer above is what it says', async () => {
    const statuses = await Promise.all(ANSWERS.map(async ([, path, init]) => (await request(path, init)).status));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404, 400, 401, 401, 200, 403]);
    expect(await (await request('/templates/123')).text()).toContain('<div id="root">');
  });

  test('a 429 from the per-API-key limit carries them too', async () => {
    // A well-formed key is counted before it is looked up; the limit here is 1 a minute.
    const { key } = generateApiKey();
    const call = () => request('/trpc/templates.list', { headers: { 'x-api-key': key } });
    expect((await call()).status).toBe(401);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('X-Frame-Options')).toBe('DENY');
    expect(refused.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  });

  test('HSTS only when PUBLIC_URL is https', async () => {
    const https = start('https://stageflow.example.com');
    for (const [, path, init] of ANSWERS) {
      expect((await https(path, init)).headers.get('Strict-Transport-Security'), path).toMatch(/^max-age=\d{7,}/);
    }
  });
});

/** The headers of an answer that are security headers (what the in-process answer carries beyond its own). */
const SECURITY =
  /^(content-security-policy|cross-origin-|origin-agent-cluster|referrer-policy|strict-transport-|x-(content-type|dns|download|frame|permitted|xss)-)/;
const securityOf = (res: Response) => Object.fromEntries([...res.headers].filter(([name]) => SECURITY.test(name)));

describe('served by Node, as in production', () => {
  let http: Server;
  let inProcess: ReturnType<typeof start>;
  let port: number;
  beforeAll(async () => {
    const server = startServer('http://localhost:3000');
    inProcess = (path, init) => server.fetch(new Request(new URL(path, 'http://localhost:3000'), init));
    // There the headers go on Node's own response before the handler runs (node-response-headers.ts).
    http = serve({ fetch: server.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise((resolve) => http.once('listening', resolve));
    port = (http.address() as AddressInfo).port;
  });
  afterAll(() => {
    http.closeAllConnections();
    http.close();
  });

  test.each(ANSWERS)('on %s: the same security headers as in-process', async (_, path, init) => {
    const served = await fetch(`http://127.0.0.1:${port}${path}`, init);
    const expected = securityOf(await inProcess(path, init));
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(API_ANSWERS.some(([, api]) => api === path) ? 4 : 10);
    expect(securityOf(served)).toEqual(expected);
  });

  test('and the rate limit’s headers on an API key’s answers', async () => {
    const { key } = generateApiKey();
    const res = await fetch(`http://127.0.0.1:${port}/trpc/templates.list`, { headers: { 'x-api-key': key } });
    expect(res.headers.get('RateLimit-Limit')).toBe('1');
    expect(res.headers.get('RateLimit-Remaining')).toBe('0');
  });
});
