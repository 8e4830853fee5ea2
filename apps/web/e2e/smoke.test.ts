import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, type RunningApp, saveScreenshot, signIn, startApp } from './harness.ts';

describe('the built app, started as npm start starts it', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('GET /healthz answers 200 {"status":"ok"}', async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('the home page renders the app in Chromium without script errors', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await signIn(page, app);
    const response = await page.goto(app.url);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Stageflow');
    // React has mounted the shell: the sidebar names the two sections.
    await page.getByRole('link', { name: 'Evaluation Templates' }).waitFor({ state: 'visible' });
    await page.getByRole('link', { name: 'Agent Profiles' }).waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');

    await saveScreenshot(page, 'smoke-home');
    expect(errors).toEqual([]);
  });

  test('a deep link is served the app too (client-side routing)', async () => {
    const page = await browser.newPage();
    await signIn(page, app);
    const response = await page.goto(`${app.url}/templates`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Stageflow');
    await page.getByRole('heading', { level: 1, name: 'Evaluation Templates' }).waitFor();
  });
});
