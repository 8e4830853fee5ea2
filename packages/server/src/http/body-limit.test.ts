import { describe, expect, test } from 'vitest';
import { appRouter } from '../routers/index.ts';
import { BULK_BODY_PROCEDURES, bodyLimitsFromEnv, describeBytes } from './body-limit.ts';
import { restOperations } from './rest-routes.ts';
import { ALL_KEY, restApp } from './rest-testing.ts';

const MB = 1024 * 1024;
/** A JSON object of exactly `bytes` bytes. */
const jsonOfSize = (bytes: number) => {
  const shell = JSON.stringify({ note: '' });
  return JSON.stringify({ note: 'x'.repeat(bytes - shell.length) });
};

const send = (
  app: ReturnType<typeof restApp>['app'],
  path: string,
  body: string,
  headers: Record<string, string> = {},
) =>
  app.request(path, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-api-key': ALL_KEY, ...headers },
  });

describe('settings', () => {
  test('1 MB and 10 MB by default; BODY_LIMIT_BYTES and BULK_BODY_LIMIT_BYTES change them', () => {
    expect(bodyLimitsFromEnv({})).toEqual({ defaultBytes: MB, bulkBytes: 10 * MB });
    expect(bodyLimitsFromEnv({ BODY_LIMIT_BYTES: '2097152', BULK_BODY_LIMIT_BYTES: '52428800' })).toEqual({
      defaultBytes: 2 * MB,
      bulkBytes: 50 * MB,
    });
  });

  test('a value that is not a positive whole number is ignored; the bulk limit is never below the default', () => {
    expect(bodyLimitsFromEnv({ BODY_LIMIT_BYTES: 'lots', BULK_BODY_LIMIT_BYTES: '-1' })).toEqual({
      defaultBytes: MB,
      bulkBytes: 10 * MB,
    });
    expect(bodyLimitsFromEnv({ BODY_LIMIT_BYTES: String(20 * MB) }).bulkBytes).toBe(20 * MB);
  });

  test('limits read as people write them', () => {
    expect([MB, 10 * MB, 512 * 1024, 1000].map(describeBytes)).toEqual(['1 MB', '10 MB', '512 KB', '1000 bytes']);
  });

  test('every bulk procedure exists and answers over REST too', () => {
    const procedures = Object.keys(appRouter._def.procedures);
    const rest = restOperations().map((op) => op.procedure);
    for (const name of BULK_BODY_PROCEDURES) {
      expect(procedures).toContain(name);
      expect(rest).toContain(name);
    }
  });
});

describe('past the limit: 413 before the body is parsed', () => {
  const { app } = restApp();

  test.each([
    ['REST', '/api/v1/evaluation-templates'],
    ['tRPC', '/trpc/templates.create'],
    ['a tRPC batch', '/trpc/templates.create,templates.create?batch=1'],
    ['better-auth', '/api/auth/sign-up/email'],
  ])('%s: one byte over 1 MB is refused, whether streamed or declared', async (_, path) => {
    for (const headers of [{}, { 'content-length': String(MB + 1) }] as Record<string, string>[]) {
      const res = await send(app, path, jsonOfSize(MB + 1), headers);
      expect(res.status).toBe(413);
      const body = await res.json();
      const message = 'The request body is larger than 1 MB';
      if (path.startsWith('/trpc')) {
        expect(body).toEqual({
          error: { message, code: -32013, data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, issues: [] } },
        });
      } else {
        expect(body).toEqual({ error: message, issues: [] });
      }
    }
  });

  test.each([
    ['REST', '/api/v1/evaluation-templates'],
    ['tRPC', '/trpc/templates.create'],
  ])('%s: a body of exactly 1 MB is read (and refused by the schema instead)', async (_, path) => {
    expect((await send(app, path, jsonOfSize(MB))).status).toBe(400);
  });

  test.each([
    ['REST bulk enrolment', '/api/v1/participants/bulk'],
    ['REST stage import', '/api/v1/evaluation-stages/import'],
    ['tRPC bulk enrolment', '/trpc/participants.bulkCreate'],
    ['tRPC stage import', '/trpc/stages.import'],
    ['a tRPC batch with a bulk call', '/trpc/templates.list,participants.bulkCreate?batch=1'],
  ])('%s may send up to 10 MB', async (_, path) => {
    expect((await send(app, path, jsonOfSize(5 * MB))).status).not.toBe(413);
    const refused = await send(app, path, jsonOfSize(10 * MB + 1));
    expect(refused.status).toBe(413);
    expect(JSON.stringify(await refused.json())).toContain('The request body is larger than 10 MB');
  });

  test('the limits are the app’s settings', async () => {
    const small = restApp({ bodyLimits: { defaultBytes: 1024, bulkBytes: 4096 } }).app;
    expect((await send(small, '/api/v1/evaluation-templates', jsonOfSize(1025))).status).toBe(413);
    expect((await send(small, '/api/v1/participants/bulk', jsonOfSize(4096))).status).not.toBe(413);
    const refused = await send(small, '/api/v1/participants/bulk', jsonOfSize(4097));
    expect(await refused.json()).toEqual({ error: 'The request body is larger than 4 KB', issues: [] });
  });
});
