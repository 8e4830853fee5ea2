// Validation in the dashboard's forms speaks in plain sentences beside each field, shows a range error as
// soon as the value leaves the range, and never lets one error hide another.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';

/** What the page tells a person about a field: its accessible description (the error beside it). */
const describedAs = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

describe('form errors', () => {
  test('a repeated dimension and a fractional weight are both reported, in plain words', async ({ app, page }) => {
    await page.goto(`${app.url}/agent-profiles/new`);
    await page.getByLabel('Dimension 1 name').fill('Depth');
    await page.getByLabel('Dimension 1 weight').fill('50.5');
    // Leaving the field is enough for an out-of-range value to say so, before any submit.
    await page.keyboard.press('Tab');
    await expect.poll(() => describedAs(page, 'Dimension 1 weight')).toContain('Use a whole number');
    await page.getByRole('button', { name: 'Add dimension' }).click();
    await page.getByLabel('Dimension 2 name').fill('depth');
    await page.getByLabel('Dimension 2 weight').fill('49.5');
    await page
      .getByRole('button', { name: /Create|Save/ })
      .first()
      .click();

    await expect.poll(() => describedAs(page, 'Dimension 2 weight')).toContain('Use a whole number');
    expect(await describedAs(page, 'Dimension 1 weight')).toContain('Use a whole number');
    expect(await describedAs(page, 'Dimension 2 name')).toContain('Dimension name "depth" is used twice');
    // The empty name says what to do, not what the parser expected.
    expect(await describedAs(page, 'Name')).toContain('Enter a value');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/Too small|Too big|Invalid input|expected/);

    // Fixing the weights leaves the repeated name reported.
    await page.getByLabel('Dimension 1 weight').fill('50');
    await page.getByLabel('Dimension 2 weight').fill('50');
    await page
      .getByRole('button', { name: /Create|Save/ })
      .first()
      .click();
    await expect.poll(() => describedAs(page, 'Dimension 1 weight')).not.toContain('whole number');
    expect(await describedAs(page, 'Dimension 2 name')).toContain('is used twice');
  });
});
