import { LOG_FLUSH_EVERY_MS } from '@stageflow/server';
import { freePort, startFakeModelServer } from '@stageflow/testing';
import type { Page, Response } from 'playwright-core';
import { afterAll, describe, expect } from 'vitest';
import { test as base } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';

// Settings → Interviewer model against a fake OpenAI-compatible server on this machine. The app's
// own default (INTERVIEWER_*) points at a port nothing listens on, so its test fails in plain words.
const KEY = 'sk-e2e-secret-0123456789abcdef';
const WRONG_KEY = 'sk-e2e-wrong-9876543210fedcba';
const fake = await startFakeModelServer({ apiKey: KEY, models: ['llama3.1:8b'] });
afterAll(() => fake.close());
/** Where the server's default points: a port nothing listens on. */
const closedPort = await freePort();

const test = base.override(
  'appOptions',
  { scope: 'file' },
  {
    env: {
      INTERVIEWER_BASE_URL: `http://127.0.0.1:${closedPort}/v1`,
      INTERVIEWER_MODEL: 'server-default-model',
      // Everything the server logs, so that the check below covers it all.
      LOG_LEVEL: 'debug',
    },
  },
);

/** Every answer the page received from the API, read in full, for the check that no key is in one. */
function recordAnswers(page: Page) {
  const bodies: Promise<string>[] = [];
  page.on('response', (response: Response) => {
    if (/\/(trpc|api)\//.test(new URL(response.url()).pathname)) bodies.push(response.text().catch(() => ''));
  });
  return () => Promise.all(bodies);
}

const inUse = (page: Page) => page.getByRole('region', { name: 'In use' });

describe('Settings → Interviewer model', () => {
  test('save a model, test it, a wrong key says so plainly, and the key never comes back', async ({
    app,
    page,
    pageErrors,
  }) => {
    const answers = recordAnswers(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Interviewer model' }).click();
    await page.getByRole('heading', { level: 1, name: 'Interviewer model' }).waitFor();
    expect(page.url()).toBe(`${app.url}/settings/interviewer-model`);

    // The server's default is in use; nothing listens there, and the test says so.
    await inUse(page).getByText("Interviews run on the server's default model, server-default-model.").waitFor();
    await inUse(page).getByRole('button', { name: 'Test connection' }).click();
    const refused = inUse(page).getByRole('alert');
    await expect
      .poll(() => refused.textContent())
      .toBe(
        `The test failed. Could not connect to http://127.0.0.1:${closedPort}: the connection was refused. Check the base URL and that the model server is running.`,
      );

    // A wrong address is refused beside its field, with the server's own rule; nothing is saved.
    const form = page.getByRole('region', { name: "This workspace's model" });
    await form.getByLabel('Base URL').fill('localhost:11434');
    await form.getByLabel('Model').fill('llama3.1:8b');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.getByText('must be an http:// or https:// address such as "http://localhost:11434/v1"').waitFor();

    // Save the fake server with its key: the key field becomes "A key is saved".
    await form.getByLabel('Base URL').fill(fake.url);
    await form.getByLabel('API key').fill(KEY);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await inUse(page).getByText('Interviews run on llama3.1:8b, set for this workspace.').waitFor();
    await form.getByText('A key is saved.').waitFor();
    expect(await form.getByLabel('API key').count()).toBe(0);

    await inUse(page).getByRole('button', { name: 'Test connection' }).click();
    const connected = inUse(page).getByRole('status').filter({ hasText: 'Connected' });
    await expect.poll(() => connected.textContent()).toMatch(/^Connected: llama3\.1:8b answered in \d+ ms\.$/);
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);
    await saveScreenshot(page, 'interviewer-model-connected');

    // Replace the key with a wrong one: the test says what is wrong, in plain words.
    await form.getByRole('button', { name: 'Replace' }).click();
    await form.getByLabel('New API key').fill(WRONG_KEY);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.getByText('A key is saved.').waitFor();
    await inUse(page).getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => inUse(page).getByRole('alert').textContent())
      .toBe('The test failed. The model server refused the API key (401 Unauthorized): check the key.');
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${WRONG_KEY}`);
    await saveScreenshot(page, 'interviewer-model-wrong-key');

    // At 390 px wide: everything fits, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await form.getByText('A key is saved.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'interviewer-model-390');
    await page.setViewportSize({ width: 1440, height: 900 });

    // Back to the server's default: the workspace's model and its key are deleted.
    await form.getByRole('button', { name: "Use the server's default" }).click();
    await page
      .getByRole('alertdialog', { name: "Use the server's default model" })
      .getByRole('button', { name: "Use the server's default" })
      .click();
    await inUse(page).getByText("Interviews run on the server's default model, server-default-model.").waitFor();

    // The key was sent to the server, and never came back: in no answer, on no page, in no log line.
    const bodies = await answers();
    expect(bodies.length).toBeGreaterThan(5);
    for (const body of bodies) {
      expect(body).not.toContain(KEY);
      expect(body).not.toContain(WRONG_KEY);
    }
    expect(await page.content()).not.toContain(KEY);
    // The server writes its log in batches, at least every so often: every line of this test is out after that.
    await new Promise((resolve) => setTimeout(resolve, LOG_FLUSH_EVERY_MS + 500));
    expect(app.logs()).not.toContain(KEY);
    expect(app.logs()).not.toContain(WRONG_KEY);
    expect(pageErrors).toEqual([]);
  });
});
