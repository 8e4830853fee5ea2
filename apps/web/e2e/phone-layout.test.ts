// The dashboard on a phone (390×844): no page scrolls sideways, the navigation is a drawer behind a
// Menu button, and a dialog is a full-height sheet with its whole form reachable.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { test } from './fixtures.ts';
import { saveScreenshot, signIn } from './harness.ts';

const PHONE = { width: 390, height: 844 };

/** How far the page scrolls sideways: 0 when nothing is wider than the screen. */
/** Resolves once what `selector` matches has finished moving in (drawers slide, dialogs fade). */
const settled = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the dashboard on a phone', () => {
  let phone: Page;

  test('no main page scrolls sideways at 390 px', async ({ app, browser }) => {
    const context = await browser.newContext({ viewport: PHONE });
    phone = await context.newPage();
    phone.setDefaultTimeout(10_000);
    await signIn(phone, app);

    // The pages behind a record: the first template, its board, the first participant and profile.
    await phone.goto(`${app.url}/templates`);
    const template = await phone.locator('main a[href^="/templates/"]').first().getAttribute('href');
    await phone.goto(`${app.url}/participants`);
    const participant = await phone.locator('main a[href^="/participants/"]').first().getAttribute('href');
    await phone.goto(`${app.url}/agent-profiles`);
    const profile = await phone.locator('main a[href^="/agent-profiles/"]').first().getAttribute('href');

    const pages = [
      '/templates',
      template,
      `${template}/board`,
      '/agent-profiles',
      profile,
      '/participants',
      participant,
      '/decisions',
      '/developer',
      '/developer/api-keys',
      '/developer/api-docs',
      '/settings',
      '/settings/members',
    ];
    const overflowing: string[] = [];
    for (const path of pages) {
      await phone.goto(`${app.url}${path}`);
      await phone.locator('main h1').first().waitFor();
      // Wait for what the page loads to be drawn, then measure.
      await phone.waitForLoadState('networkidle');
      const extra = await sideways(phone);
      if (extra > 0) overflowing.push(`${path}: ${extra}px`);
    }
    expect(overflowing).toEqual([]);
  });

  test('the navigation is a drawer behind the Menu button', async ({ app }) => {
    await phone.goto(`${app.url}/templates`);
    const menu = phone.getByRole('button', { name: 'Menu' });
    const nav = phone.getByRole('navigation', { name: 'Main' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    // Closed, the navigation is neither seen nor reachable.
    expect(await nav.isVisible()).toBe(false);

    await menu.click();
    await nav.waitFor();
    await settled(phone, '#app-sidebar');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    // Every item is on screen, the first one has focus.
    for (const link of await nav.getByRole('link').all()) {
      const box = await link.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    }
    expect(await phone.evaluate(() => document.activeElement?.textContent)).toContain('Evaluation Templates');
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await saveScreenshot(phone, 'phone-nav-drawer');

    // Escape puts it away and gives focus back to the button.
    await phone.keyboard.press('Escape');
    await nav.waitFor({ state: 'hidden' });
    expect(await phone.evaluate(() => document.activeElement?.textContent)).toContain('Menu');

    // Following a link goes there and closes the drawer.
    await menu.click();
    await nav.getByRole('link', { name: 'Participants' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Participants' }).waitFor();
    await nav.waitFor({ state: 'hidden' });
    expect(new URL(phone.url()).pathname).toBe('/participants');
  });

  test('a dialog is a full-height sheet with its actions on screen', async ({ app, pageErrors }) => {
    await phone.goto(`${app.url}/templates`);
    await phone
      .getByRole('button', { name: /New template/ })
      .first()
      .click();
    const dialog = phone.getByRole('dialog');
    await dialog.waitFor();
    await settled(phone, 'dialog[open]');
    const box = await dialog.boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    const submit = dialog.locator('footer button[type="submit"]');
    const button = await submit.boundingBox();
    expect(button && button.y + button.height <= PHONE.height).toBe(true);
    expect(await sideways(phone)).toBe(0);
    await saveScreenshot(phone, 'phone-dialog-sheet');
    expect(pageErrors).toEqual([]);
  });
});
