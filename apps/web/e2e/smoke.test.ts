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
});
