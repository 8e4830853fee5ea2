import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import { COMPRESS_JSON_FROM_BYTES, compressLargeJson } from './compress-json.ts';
import { ALL_KEY, restApp } from './rest-testing.ts';

const gunzipJson = async (res: Response) => JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString());

describe('JSON answers over HTTP', () => {
  const { app, call } = restApp();
  const get = (path: string, acceptEncoding?: string) =>
    app.request(path, {
      headers: { 'x-api-key': ALL_KEY, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
    });

  test('a large answer is gzipped when the client accepts it, and reads the same', async () => {
    const plain = await get('/api/v1/openapi.json');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    const document = await plain.json();
    expect(JSON.stringify(document).length).toBeGreaterThan(COMPRESS_JSON_FROM_BYTES);

    const zipped = await get('/api/v1/openapi.json', 'gzip, deflate, br');
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip');
    expect(zipped.headers.get('Vary')).toMatch(/Accept-Encoding/i);
    expect(await gunzipJson(zipped)).toEqual(document);
  });

  test('over tRPC too', async () => {
    for (let i = 0; i < 12; i++)
      await call('POST', '/evaluation-templates', { template_name: `T${i}`, use_case: 'hiring' });
    const res = await get('/trpc/templates.list', 'gzip');
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect((await gunzipJson(res)).result.data).toHaveLength(12);
  });

  test('an answer under 1 KB goes as it is', async () => {
    const res = await get('/trpc/templates.byId?input=%7B%22id%22%3A%22nope%22%7D', 'gzip');
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Encoding')).toBeNull();
    expect(await res.json()).toMatchObject({ error: { message: expect.stringMatching(/^id: /) } });
  });
});

describe('compressLargeJson', () => {
  const answer = (body: string) => {
    const app = new Hono();
    const res = new Response(body, { headers: { 'content-type': 'application/json' } });
    app.use(compressLargeJson);
    app.get('/', () => res);
    return { app, res };
  };

  test('without Accept-Encoding the handler’s own response goes out, untouched (the Node server’s fast path)', async () => {
    const { app, res } = answer(JSON.stringify({ big: 'x'.repeat(10_000) }));
    expect(await app.request('/')).toBe(res);
  });

  test('1 KB and more is compressed; less is not', async () => {
    const big = JSON.stringify({ big: 'x'.repeat(COMPRESS_JSON_FROM_BYTES) });
    const small = JSON.stringify({ small: 'x'.repeat(COMPRESS_JSON_FROM_BYTES - 20) });
    const zipped = await answer(big).app.request('/', { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(big);
    const plain = await answer(small).app.request('/', { headers: { 'accept-encoding': 'gzip' } });
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(await plain.text()).toBe(small);
  });
});
