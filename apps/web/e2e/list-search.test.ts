// Searching the dashboard's lists as a quick typist does: every keystroke lands in the box (typing
// "Priya Raman" at full speed once found "Prya Raman"), the list follows, and the search is kept in the
// URL, so a reload and Back show the same list. On the participants list, the board and the decisions
// inbox.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';

const PERSON = 'Priya Raman';

/** Types into the search box as fast as the keyboard can, after putting focus in it. */
async function typeFast(page: Page, label: string, text: string) {
  const box = page.getByRole('searchbox', { name: label });
  await box.click();
  await page.keyboard.type(text, { delay: 0 });
  return box;
}

const rowNames = (page: Page) => page.locator('main tbody th[scope="row"] .row-link').allTextContents();
const cardNames = (page: Page) => page.locator('main .board-card-name').allTextContents();
const q = (page: Page) => new URL(page.url()).searchParams.get('q');

describe('search that never drops a keystroke', () => {
  test('the participants list: every letter lands, the list narrows, the URL keeps it', async ({ app, page }) => {
    await page.goto(`${app.url}/participants`);
    await page.getByRole('table').waitFor();
    const box = await typeFast(page, 'Search participants', PERSON);
    expect(await box.inputValue()).toBe(PERSON);
    await expect.poll(() => rowNames(page)).toEqual([PERSON]);
    await expect.poll(() => q(page)).toBe(PERSON);

    // Another filter beside it, then a reload: both stay.
    await page.getByRole('combobox', { name: 'Status' }).selectOption('active');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('active');
    await page.reload();
    await expect.poll(() => rowNames(page)).toEqual([PERSON]);
    expect(await page.getByRole('searchbox', { name: 'Search participants' }).inputValue()).toBe(PERSON);
    expect(await page.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('active');

    // Open the person, come Back: the list is as it was.
    await page.getByRole('link', { name: PERSON }).click();
    await page.getByRole('heading', { level: 1, name: PERSON }).waitFor();
    await page.goBack();
    await expect.poll(() => rowNames(page)).toEqual([PERSON]);
    expect(await page.getByRole('searchbox', { name: 'Search participants' }).inputValue()).toBe(PERSON);

    // Clearing the filters clears the box too.
    await page.getByRole('searchbox', { name: 'Search participants' }).fill('nobody-by-this-name');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByRole('searchbox', { name: 'Search participants' }).inputValue()).toBe('');
    await expect.poll(async () => (await rowNames(page)).length).toBeGreaterThan(1);
    expect(q(page)).toBeNull();
  });

  test('the board: every letter lands, only matching cards stay, the URL keeps it', async ({ app, page }) => {
    await page.goto(`${app.url}/templates`);
    await page.getByRole('link', { name: 'Senior Backend Engineer' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Senior Backend Engineer' }).waitFor();
    await page.getByRole('link', { name: 'Participants board' }).first().click();
    await page.locator('main .board-card').first().waitFor();
    expect((await cardNames(page)).length).toBeGreaterThan(10);

    const box = await typeFast(page, 'Search the board', PERSON);
    expect(await box.inputValue()).toBe(PERSON);
    await expect.poll(() => cardNames(page)).toEqual([PERSON]);
    await expect.poll(() => q(page)).toBe(PERSON);
    await page.reload();
    await expect.poll(() => cardNames(page)).toEqual([PERSON]);
    expect(await page.getByRole('searchbox', { name: 'Search the board' }).inputValue()).toBe(PERSON);

    await page.getByRole('searchbox', { name: 'Search the board' }).fill('zz-nobody');
    await page.getByRole('heading', { name: 'Nobody matches' }).waitFor();
    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect.poll(async () => (await cardNames(page)).length).toBeGreaterThan(10);
  });

  test('the decisions inbox: every letter lands, the list narrows, the URL keeps view and search', async ({
    app,
    page,
  }) => {
    await page.goto(`${app.url}/decisions`);
    const cards = page.getByRole('list', { name: 'Open decisions' }).locator('.decision-title a');
    await cards.first().waitFor();
    const names = await cards.allTextContents();
    expect(names.length).toBeGreaterThan(1);
    const [first] = names;

    const box = await typeFast(page, 'Search decisions', first!);
    expect(await box.inputValue()).toBe(first);
    await expect.poll(async () => new Set(await cards.allTextContents())).toEqual(new Set([first]));
    await expect.poll(() => q(page)).toBe(first);

    // Decided, then back to Open: the search stays through both, and through a reload.
    await page.getByRole('button', { name: 'Decided' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('decided');
    expect(q(page)).toBe(first);
    await page.reload();
    expect(await page.getByRole('searchbox', { name: 'Search decisions' }).inputValue()).toBe(first);
    expect(await page.getByRole('button', { name: 'Decided' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: /^Open/ }).click();
    await expect.poll(async () => new Set(await cards.allTextContents())).toEqual(new Set([first]));
  });
});
