import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';

describe('the built app, started as npm start starts it', () => {
  test('GET /healthz answers 200 {"status":"ok"}', async ({ app }) => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('the home page renders the app in Chromium without script errors', async ({ app, page, pageErrors }) => {
    const response = await page.goto(app.url);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Stageflow');
    // React has mounted the shell: the sidebar names the two sections.
    await page.getByRole('link', { name: 'Evaluation Templates' }).waitFor({ state: 'visible' });
    await page.getByRole('link', { name: 'Agent Profiles' }).waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');

    await saveScreenshot(page, 'smoke-home');
    expect(pageErrors).toEqual([]);
  });

  test('a deep link is served the app too (client-side routing)', async ({ app, page }) => {
    const response = await page.goto(`${app.url}/templates`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Stageflow');
    await page.getByRole('heading', { level: 1, name: 'Evaluation Templates' }).waitFor();
  });

  test('the app arrives precompressed: brotli for Chromium, scripts cached for good, the shell revalidated', async ({
    app,
    newPage,
  }) => {
    const page = await newPage();
    /** What came over the wire for the page, its scripts and its styles: headers, bytes sent, bytes decoded. */
    const reads: Promise<{ url: string; encoding?: string; cacheControl?: string; sent: number; size: number }>[] = [];
    page.on('requestfinished', (request) => {
      if (!/^(document|script|stylesheet)$/.test(request.resourceType())) return;
      reads.push(
        (async () => {
          const response = (await request.response())!;
          const headers = await response.allHeaders();
          return {
            url: request.url(),
            encoding: headers['content-encoding'],
            cacheControl: headers['cache-control'],
            sent: (await request.sizes()).responseBodySize,
            size: (await response.body()).length,
          };
        })(),
      );
    });
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('Email').waitFor();
    await page.waitForLoadState('networkidle');
    const files = await Promise.all(reads);

    const shell = files.find((f) => f.url.endsWith('/sign-in'));
    expect(shell).toMatchObject({ encoding: 'br', cacheControl: 'no-cache' });
    const assets = files.filter((f) => f.url.includes('/assets/'));
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      expect(asset).toMatchObject({ encoding: 'br', cacheControl: 'public, max-age=31536000, immutable' });
    }
    const sent = assets.reduce((n, f) => n + f.sent, 0);
    const size = assets.reduce((n, f) => n + f.size, 0);
    expect(sent).toBeLessThan(size / 3);
  });

  test('a large JSON answer is gzipped by the running server when asked', async ({ app }) => {
    const res = await fetch(`${app.url}/api/v1/openapi.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.json()).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
  });
});
