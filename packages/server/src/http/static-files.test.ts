import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { createLogger } from '../logger.ts';
import { createApp } from './app.ts';
import { memoryLimiters } from './limiter-store.ts';

/** A web root as `vite build` writes it: each text file beside its `.br` and `.gz`. */
const webRoot = mkdtempSync(join(tmpdir(), 'stageflow-web-'));
const SHELL = '<!doctype html><title>Stageflow</title><script type="module" src="/assets/app-C0ffee12.js"></script>';
const SCRIPT = `console.log(${JSON.stringify('stageflow '.repeat(500))});`;
function writeBuilt(path: string, text: string) {
  mkdirSync(join(webRoot, path, '..'), { recursive: true });
  writeFileSync(join(webRoot, path), text);
  writeFileSync(join(webRoot, `${path}.br`), brotliCompressSync(text));
  writeFileSync(join(webRoot, `${path}.gz`), gzipSync(text));
}
writeBuilt('index.html', SHELL);
writeBuilt('assets/app-C0ffee12.js', SCRIPT);
writeFileSync(join(webRoot, 'assets/logo-Face0ff1.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

const app = createApp({
  createContext: async () => {
    throw new Error('no API calls in these tests');
  },
  authHandler: async () => new Response(null, { status: 404 }),
  log: createLogger('silent'),
  isReady: () => true,
  // No database here, and no API key or sign-in to count: counters of its own.
  limiterStore: memoryLimiters,
  webRoot,
});
const get = (path: string, acceptEncoding?: string) =>
  app.request(path, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('the built web app', () => {
  test.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    [undefined, null],
    ['identity', null],
  ])('Accept-Encoding %s gets the file as %s, the precompressed bytes as built', async (accept, encoding) => {
    const res = await get('/assets/app-C0ffee12.js', accept);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe(encoding);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('Vary')).toMatch(/Accept-Encoding/i);
    const bytes = Buffer.from(await res.arrayBuffer());
    const expected = encoding === 'br' ? brotliCompressSync(SCRIPT) : encoding === 'gzip' ? gzipSync(SCRIPT) : SCRIPT;
    expect(bytes.equals(Buffer.from(expected))).toBe(true);
    expect(Number(res.headers.get('Content-Length'))).toBe(bytes.length);
  });

  test('hashed assets are cached for a year, and never revalidated', async () => {
    for (const path of ['/assets/app-C0ffee12.js', '/assets/logo-Face0ff1.png']) {
      const res = await get(path, 'br');
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    }
  });

  test.each([
    ['/', 'the home page'],
    ['/index.html', 'index.html by name'],
    ['/templates/123/stages', 'a client-side route (the app shell)'],
  ])('%s (%s) is the shell, revalidated on every visit and compressed', async (path) => {
    const res = await get(path, 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(SHELL);
  });

  test('a missing asset is a 404, not the app shell cached for a year', async () => {
    const res = await get('/assets/app-Gone0000.js', 'br');
    expect(res.status).toBe(404);
    expect(res.headers.get('Cache-Control')).toBeNull();
  });

  test.each(['/api/nothing', '/api/v2/participants', '/trpc'])(
    'an API path nobody serves (%s) is a 404, not the app shell',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('Content-Type')).toMatch(/json/);
    },
  );

  test('a client route gets the app shell', async () => {
    const res = await get('/templates/some-id');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(SHELL);
  });
});
