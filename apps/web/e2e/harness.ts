// The browser side of the browser tests: Debian's Chromium through playwright-core, signing in as a
// person does, and screenshots under apps/web/test-results/. The tests get all of it ready-made from
// fixtures.ts; the server they run against is @stageflow/testing's `startServer`.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNT } from '@stageflow/server';
import type { RunningServer } from '@stageflow/testing';
import { type Browser, chromium, type Page } from 'playwright-core';

export { DEMO_ACCOUNT };

export const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches Debian's Chromium headless (Playwright's own browser download cannot work here). */
export async function launchBrowser(executablePath = chromiumPath): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  // launch() gives every browser a fresh temporary --user-data-dir of its own and deletes it on close.
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Signs in through the sign-in page as a person does (the demo account unless told otherwise) and
 * waits for the app shell. Every page under the shell needs a session.
 */
export async function signIn(
  page: Page,
  app: RunningServer,
  account: { email: string; password: string } = DEMO_ACCOUNT,
): Promise<void> {
  await page.goto(`${app.url}/sign-in`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The navigation on a wide screen, the Menu button that opens it on a narrow one.
  await page.locator('.app-shell #main').waitFor();
}

/** Saves a full-page PNG as apps/web/test-results/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
