// How every dashboard page behaves for keyboard and screen-reader users: each page names its tab,
// moving to a page puts focus on its heading, a dialog starts on its first field, and a page still
// loading shows grey lines where its content will be, announced as loading.
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';

const focused = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim()}` : '';
  });

describe('page manners', () => {
  test('each page names its tab', async ({ app, page }) => {
    const titles: string[] = [];
    for (const path of ['/templates', '/agent-profiles', '/participants', '/decisions', '/developer', '/settings']) {
      await page.goto(`${app.url}${path}`);
      await page.locator('main h1').first().waitFor();
      await expect.poll(() => page.title()).not.toBe('Stageflow');
      titles.push(await page.title());
    }
    expect(titles).toEqual([
      'Evaluation Templates · Stageflow',
      'Agent Profiles · Stageflow',
      'Participants · Stageflow',
      'Decisions · Stageflow',
      // /developer and /settings open their first section.
      'API keys · Stageflow',
      'Members · Stageflow',
    ]);
    expect(new Set(titles).size).toBe(titles.length);
  });

  test('following a link puts focus on the new page’s heading', async ({ page }) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Participants' }).click();
    await page.getByRole('heading', { level: 1, name: 'Participants' }).waitFor();
    await expect.poll(() => focused(page)).toBe('h1:Participants');
    // Back goes to the previous page, and its heading.
    await page.goBack();
    await expect.poll(() => focused(page)).toBe('h1:Members');
  });

  test('a dialog starts on its first field, not on its close button', async ({ app, page }) => {
    await page.goto(`${app.url}/templates`);
    await page
      .getByRole('button', { name: /New template/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const first = dialog.locator('.dialog-body').locator('input, select, textarea').first();
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    // Typing a space types a space: the dialog stays open.
    await page.keyboard.type('A b');
    expect(await first.inputValue()).toBe('A b');
    expect(await dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
  });

  test('a page still loading shows grey lines, announced as loading', async ({ app, page }) => {
    // Hold the participants list back until the skeleton has been seen.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/trpc/participants.list**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${app.url}/participants`);
    const status = page
      .getByRole('status')
      .filter({ has: page.locator('.skeleton-line') })
      .first();
    await status.waitFor();
    expect(await status.getAttribute('aria-busy')).toBe('true');
    expect(await status.textContent()).toMatch(/^Loading/);
    expect(await page.getByText(/Loading…/).isVisible()).toBe(false);
    release();
    await page.getByRole('table').first().waitFor();
    await page.unroute('**/trpc/participants.list**');
  });
});
