import { MAX_CALLS_PER_BATCH } from '@stageflow/domain';
import { describe, expect, test } from 'vitest';
import { ALL_KEY, restApp } from './rest-testing.ts';
import { trpcCallPaths } from './trpc-calls.ts';

const batchOf = (calls: number, procedure = 'templates.list') =>
  `/trpc/${Array(calls).fill(procedure).join(',')}?batch=1`;

describe('tRPC batches', () => {
  const { app } = restApp();

  test(`a batch of ${MAX_CALLS_PER_BATCH} calls is answered call by call`, async () => {
    const res = await app.request(batchOf(MAX_CALLS_PER_BATCH), { headers: { 'x-api-key': ALL_KEY } });
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveLength(MAX_CALLS_PER_BATCH);
  });

  test('one call more is a 400 that names the maximum, before any call runs or counts', async () => {
    const res = await app.request(batchOf(MAX_CALLS_PER_BATCH + 1), { headers: { 'x-api-key': ALL_KEY } });
    expect(res.status).toBe(400);
    expect(res.headers.get('RateLimit-Remaining')).toBeNull();
    expect(await res.json()).toEqual({
      error: {
        message: `A tRPC batch may carry at most ${MAX_CALLS_PER_BATCH} calls; this one has ${MAX_CALLS_PER_BATCH + 1}: send them in smaller batches`,
        code: -32600,
        data: { code: 'BAD_REQUEST', httpStatus: 400, issues: [] },
      },
    });
  });

  test('the limit holds for mutations, for commas written as %2C, and without credentials', async () => {
    const mutation = await app.request(batchOf(100, 'templates.create'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-stageflow-client': 'web' },
      body: '{}',
    });
    expect(mutation.status).toBe(400);
    const encoded = `/trpc/${Array(MAX_CALLS_PER_BATCH + 1)
      .fill('templates.list')
      .join('%2C')}?batch=1`;
    expect((await app.request(encoded)).status).toBe(400);
  });

  test('a path that is not valid percent-encoding is a 400, not a failure of tRPC', async () => {
    const res = await app.request('/trpc/%E0%A4%A', { headers: { 'x-api-key': ALL_KEY } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { message: 'The procedure path is not valid percent-encoding', data: { code: 'BAD_REQUEST' } },
    });
  });

  test('calls are read as tRPC reads them', () => {
    expect(trpcCallPaths('http://x/trpc/a.b')).toEqual(['a.b']);
    expect(trpcCallPaths('http://x/trpc/a.b,c.d?batch=1')).toEqual(['a.b', 'c.d']);
    expect(trpcCallPaths('http://x/trpc/a.b%2Cc.d?batch=1')).toEqual(['a.b', 'c.d']);
    // Not a batch: one call, whatever its name (tRPC answers that it does not exist).
    expect(trpcCallPaths('http://x/trpc/a.b,c.d')).toEqual(['a.b,c.d']);
    expect(trpcCallPaths('http://x/trpc/%E0?batch=1')).toBeUndefined();
  });
});
