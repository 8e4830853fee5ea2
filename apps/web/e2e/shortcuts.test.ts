// The dashboard by keyboard (docs/surfaces.md#keyboard-shortcuts): `?` shows every shortcut, `/`
// searches the list, `j`/`k` move through rows and Enter opens one, `g` then a letter goes to a page,
// and Ctrl+K opens the command palette, whose code is not part of the first load. No shortcut fires while
// typing, and nothing typed right after Ctrl+K is lost.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { test } from './fixtures.ts';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/** What the focused element is: its tag and its text (or label). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}` : '';
  });
const path = (page: Page) => new URL(page.url()).pathname;

describe('keyboard shortcuts', () => {
  test('the first page load carries at most 200 kB of gzipped script, and no palette', () => {
    const html = readFileSync(`${dist}index.html`, 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(1);
    const bytes = scripts.reduce((n, file) => n + gzipSync(readFileSync(`${dist}${file}`), { level: 9 }).length, 0);
    expect(bytes).toBeLessThanOrEqual(200 * 1024);
    expect(scripts.some((file) => file.includes('CommandPalette'))).toBe(false);
  });

  test('? opens the help sheet, a dialog that lists every shortcut', async ({ app, page }) => {
    await page.goto(`${app.url}/participants`);
    await page.getByRole('table').waitFor();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    const text = await help.textContent();
    for (const does of ['Search this list', 'Next or previous row in a list', 'Go to Participants', 'Ctrl']) {
      expect(text).toContain(does);
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    // The header's button opens it too, for the pointer.
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await help.waitFor();
    await page.keyboard.press('Escape');
  });

  test('/ goes to the search box, where j, k, g and ? are just letters', async ({ app, page }) => {
    await page.goto(`${app.url}/participants`);
    await page.getByRole('table').waitFor();
    await page.keyboard.press('/');
    const box = page.getByRole('searchbox', { name: 'Search participants' });
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('jkg?/', { delay: 0 });
    expect(await box.inputValue()).toBe('jkg?/');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(path(page)).toBe('/participants');
    await box.fill('');
  });

  test('j and k move through the rows, Enter opens one', async ({ app, page }) => {
    await page.goto(`${app.url}/participants`);
    await page.getByRole('table').waitFor();
    const names = await page.locator('main tbody .row-link').allTextContents();
    await page.keyboard.press('j');
    expect(await focused(page)).toBe(`a:${names[0]}`);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await focused(page)).toBe(`a:${names[2]}`);
    await page.keyboard.press('k');
    expect(await focused(page)).toBe(`a:${names[1]}`);
    // The row shows where the keyboard is, with more than colour.
    const row = page.locator('main tbody tr').nth(1);
    expect(await row.evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: names[1] }).waitFor();

    // The board's cards and the decisions inbox are lists too.
    await page.goto(`${app.url}/decisions`);
    const first = await page.locator('main [data-shortcut-row]').first().textContent();
    await page.keyboard.press('j');
    expect(await focused(page)).toBe(`a:${first}`);
  });

  test('g then a letter goes to a page', async ({ app, page }) => {
    await page.goto(`${app.url}/templates`);
    await page.getByRole('heading', { level: 1, name: 'Evaluation Templates' }).waitFor();
    await page.keyboard.press('g');
    await page.keyboard.press('p');
    await page.getByRole('heading', { level: 1, name: 'Participants' }).waitFor();
    await page.keyboard.press('g');
    await page.keyboard.press('d');
    await page.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
    // A letter alone, or after the wait, does nothing.
    await page.keyboard.press('p');
    expect(path(page)).toBe('/decisions');
  });

  test('Ctrl+K opens the palette, fetched after the page: a combobox that jumps to pages and records', async ({
    app,
    page,
  }) => {
    await page.goto(`${app.url}/templates`);
    await page.getByRole('heading', { level: 1, name: 'Evaluation Templates' }).waitFor();
    // Not part of the first load (see above): fetched once the page is idle.
    await page.waitForFunction(() =>
      performance.getEntriesByType('resource').some((entry) => entry.name.includes('/assets/CommandPalette')),
    );

    // Typing straight after Ctrl+K: every letter lands in the box.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('decis', { delay: 0 });
    const palette = page.getByRole('dialog', { name: 'Search or jump to' });
    const box = palette.getByRole('combobox', { name: 'Search or jump to' });
    expect(await box.inputValue()).toBe('decis');
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await box.getAttribute('aria-expanded')).toBe('true');

    // A page: Enter opens the first match.
    const active = async () => {
      const id = await box.getAttribute('aria-activedescendant');
      return id ? palette.locator(`[id="${id}"]`).textContent() : null;
    };
    await expect.poll(active).toBe('Decisions');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
    await palette.waitFor({ state: 'hidden' });

    // A template's board, chosen with the arrows.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('senior backend', { delay: 0 });
    await expect.poll(active).toBe('Senior Backend EngineerTemplate');
    await page.keyboard.press('ArrowDown');
    await expect.poll(active).toBe('Senior Backend Engineer: boardParticipants board');
    expect(await palette.getByRole('option', { selected: true }).count()).toBe(1);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Senior Backend Engineer: participants' }).waitFor();

    // A participant, found by the server as you type.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Priya Raman', { delay: 0 });
    const option = palette.getByRole('group', { name: 'Participants' }).getByRole('option', { name: /Priya Raman/ });
    await option.waitFor();
    await option.click();
    await page.getByRole('heading', { level: 1, name: 'Priya Raman' }).waitFor();

    // Escape closes it where it was; nothing matches says so.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('zzzz-nothing', { delay: 0 });
    await palette.getByText('Nothing matches “zzzz-nothing”.').waitFor();
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'hidden' });
    expect(await page.getByRole('heading', { level: 1, name: 'Priya Raman' }).isVisible()).toBe(true);
  });
});
