import { cookieHeaderFrom } from '@stageflow/testing';
/**
 * Whatever body a caller sends to `/trpc`, `/api/auth` or `/api/v1` (malformed or valid JSON, the
 * wrong or no content type, binary, empty, deeply nested, over the limit), with or without
 * credentials, the answer is never a 5xx: a 5xx means a bug, and a caller can cause none
 * (docs/errors.md). rest.test.ts also feeds every REST route garbage one by one.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../logger.ts';
import { createServer, type SqliteServer } from '../server.ts';
import { storeTestKey } from '../testing-keys.ts';
import { CLIENT_HEADER } from './csrf.ts';

const ORIGIN = 'http://127.0.0.1';
let server: SqliteServer;
let credentials: Record<string, Record<string, string>>;

beforeAll(async () => {
  server = createServer({
    databasePath: ':memory:',
    publicUrl: ORIGIN,
    authSecret: 'x'.repeat(32),
    log: createLogger('silent'),
    // Every run is one caller: the per-key limit must not turn answers into 429s halfway.
    rateLimits: { apiKeyPerMinute: 1_000_000, failedSignIns: 1_000_000, failedSignInMinutes: 1, trustProxy: false },
  });
  const workspaceId = crypto.randomUUID();
  server.repos.workspaces.insert({ id: workspaceId, slug: 'a', name: 'A' });
  const { key } = storeTestKey(server.db, server.repos, workspaceId);
  const signUp = await server.fetch(
    new Request(`${ORIGIN}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email: 'fuzz@example.com', password: 'correct horse battery', name: 'F' }),
    }),
  );
  expect(signUp.status).toBe(200);
  const cookie = cookieHeaderFrom(signUp);
  credentials = {
    none: {},
    'an API key': { 'x-api-key': key },
    'a mistyped API key': { 'x-api-key': `${key.slice(0, -1)}x` },
    'a session from the app': { cookie, [CLIENT_HEADER]: 'web', origin: ORIGIN },
  };
});
afterAll(() => server.close());

const TRPC_PATHS = [
  '/trpc/templates.list',
  '/trpc/templates.create',
  '/trpc/participants.bulkCreate',
  '/trpc/stages.import',
  '/trpc/decisions.openCount',
  '/trpc/account.me',
  '/trpc/templates.create,stages.create?batch=1',
  '/trpc/templates.list,templates.byId?batch=1',
  '/trpc/nope.nothing',
  '/trpc/',
  '/trpc/%E0%A4%A',
  '/trpc/templates.create?batch=1',
];
const AUTH_PATHS = [
  '/api/auth/sign-in/email',
  '/api/auth/sign-up/email',
  '/api/auth/sign-out',
  '/api/auth/organization/create',
  '/api/auth/organization/set-active',
  '/api/auth/organization/invite-member',
  '/api/auth/organization/accept-invitation',
  '/api/auth/update-user',
  '/api/auth/change-password',
  '/api/auth/nothing-here',
];

const REST_PATHS = [
  '/api/v1/evaluation-templates',
  '/api/v1/participants/bulk',
  '/api/v1/evaluation-stages/import',
  '/api/v1/sessions',
  '/api/v1/evaluation-templates/%E0%A4%A',
];

const CONTENT_TYPES = [
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/JSON',
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/xml',
  'image/png',
  ';;;',
  'application/json; boundary=',
];

const MB = 1024 * 1024;
/** Bodies a caller might send on purpose or by mistake. */
const body: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'null',
    'true',
    '0',
    '-1e999',
    '"x"',
    '[]',
    '{}',
    '{"0":',
    '{"json":{}}',
    '{"0":{"json":null}}',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '{"email":null,"password":null}',
    '{"email":"a@b.c","password":"x".repeat}',
    '{"email":"a@b.c","password":"correct horse battery","name":"","callbackURL":"javascript:alert(1)"}',
    '{"template_name":"T","use_case":"hiring"}',
    '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
    'a=1&b=2',
    '\u0000\uffff\ud800',
  ),
  fc.constantFrom(
    '['.repeat(100_000),
    '{"a":'.repeat(50_000),
    `{"x":"${'y'.repeat(MB)}"}`,
    `[${'1,'.repeat(300_000)}1]`,
  ),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify({ 0: value, 1: { json: value } })),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 512 }),
);

const request = fc.record({
  who: fc.constantFrom('none', 'an API key', 'a mistyped API key', 'a session from the app'),
  method: fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE'),
  contentType: fc.constantFrom(...CONTENT_TYPES),
  body,
});

interface Sent {
  readonly who: string;
  readonly method: string;
  readonly contentType: string | undefined;
  readonly body: string | Uint8Array;
}

async function statusOf(path: string, r: Sent): Promise<number> {
  const headers = { ...credentials[r.who], ...(r.contentType ? { 'content-type': r.contentType } : {}) };
  const res = await server.fetch(new Request(`${ORIGIN}${path}`, { method: r.method, headers, body: r.body }));
  await res.arrayBuffer();
  return res.status;
}

describe.each([
  ['/trpc', TRPC_PATHS],
  ['/api/auth', AUTH_PATHS],
  ['/api/v1', REST_PATHS],
])('any body to %s', (_, paths) => {
  test('is answered without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), request, async (path, r) => {
        const status = await statusOf(path, r);
        expect(status, `${r.method} ${path} as ${r.who}, ${r.contentType}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  test('a body over every limit is a 413 (or the 403 of the cross-site check, which comes first)', async () => {
    const huge = new Uint8Array(10 * MB + 1).fill(0x7b);
    for (const path of paths.slice(0, 4)) {
      for (const who of Object.keys(credentials)) {
        const status = await statusOf(path, { who, method: 'POST', contentType: 'application/json', body: huge });
        expect([413, 403], `${path} as ${who}`).toContain(status);
      }
    }
  });
});
