// What every browser test starts from, as Vitest fixtures: import `test` from here instead of 'vitest'
// and ask for what the test needs by name.
//
//   test('…', async ({ app, page, pageErrors }) => {
//     await page.goto(`${app.url}/templates`);   // already signed in as the demo account
//     expect(pageErrors).toEqual([]);
//   });
//
// app, browser, page and pageErrors are made once per file (the first test that asks for one starts
// it) and shared by the file's tests, which build on each other in order; they are stopped when the
// file ends. A test that fails leaves a screenshot of every open page in apps/web/test-results/.
import { basename } from 'node:path';
import { type RunningServer, type StartServerOptions, startServer } from '@stageflow/testing';
import type { Browser, Page } from 'playwright-core';
import { test as base } from 'vitest';
import { chromiumPath, launchBrowser, saveScreenshot, signIn } from './harness.ts';

/** The viewport of every page the fixtures open: wide enough for the pipeline builder and the board. */
const VIEWPORT = { width: 1440, height: 900 };

export const test = base
  /** More options for `startServer` (extra environment, a longer wait); none by default. */
  .extend('appOptions', { scope: 'file' }, {} as StartServerOptions)
  /** The built app, running on a free port with a fresh database of its own. */
  .extend('app', { scope: 'file' }, async ({ appOptions }, { onCleanup }): Promise<RunningServer> => {
    const app = await startServer({ from: 'built', ...appOptions });
    onCleanup(() => app.stop());
    return app;
  })
  /** Where Chromium is: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
  .extend('chromiumPath', { scope: 'file' }, chromiumPath)
  /** Debian's Chromium, headless. */
  .extend('browser', { scope: 'file' }, async ({ chromiumPath }, { onCleanup }): Promise<Browser> => {
    const browser = await launchBrowser(chromiumPath);
    onCleanup(() => browser.close());
    return browser;
  })
  /** Script errors (`pageerror`) of every page `newPage` opened in this file; a test expects none. */
  .extend('pageErrors', { scope: 'file' }, (): string[] => [])
  /**
   * Opens a page in a browser context of its own (its own cookies: one person), signed in as nobody,
   * with a 10 s default timeout and its script errors collected in `pageErrors`.
   */
  .extend('newPage', { scope: 'file' }, ({ browser, pageErrors }) => async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  })
  /** A page signed in as the demo account (the owner of the demo workspace), through the sign-in page. */
  .extend('page', { scope: 'file' }, async ({ app, newPage }): Promise<Page> => {
    const page = await newPage();
    await signIn(page, app);
    return page;
  })
  /** On failure, a screenshot of every page still open: test-results/failed-<file>-<test>[-n].png. */
  .extend('screenshotOnFailure', { auto: true }, ({ browser, task, onTestFailed }) => {
    onTestFailed(async () => {
      const pages = browser.contexts().flatMap((context) => context.pages());
      const name = `failed-${basename(task.file.name, '.test.ts')}-${task.name}`.slice(0, 120);
      for (const [i, page] of pages.entries()) {
        await saveScreenshot(page, pages.length > 1 ? `${name}-${i + 1}` : name).catch(() => undefined);
      }
    });
  });
