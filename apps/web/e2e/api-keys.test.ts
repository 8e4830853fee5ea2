import type { RunningServer } from '@stageflow/testing';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';

/** A REST call as a script makes it, with the key in the x-api-key header. */
const callWith = (app: RunningServer, key: string) =>
  fetch(`${app.url}/api/v1/evaluation-templates`, { headers: { 'x-api-key': key } }).then((r) => r.status);

/** The key in the "shown once" panel of the open dialog. */
async function shownKey(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Your new API key' });
  await dialog.getByText("Copy this key now: you won't see it again.").waitFor();
  const key = await dialog.getByRole('textbox', { name: /New API key for/ }).inputValue();
  expect(key).toMatch(/^sf_live_[0-9A-Za-z]{38}$/);
  return { dialog, key };
}

describe('Developer → API keys', () => {
  test('create a key (shown once), use it, roll it with a grace period, revoke it', async ({
    app,
    page,
    pageErrors,
  }) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Developer' }).click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    expect(page.url()).toBe(`${app.url}/developer/api-keys`);
    await page.getByRole('region', { name: 'No API keys yet' }).waitFor();

    // Create: a name and two scopes; the server's rules speak first when nothing is chosen.
    await page.getByRole('button', { name: 'Create API key' }).click();
    const create = page.getByRole('dialog', { name: 'Create API key' });
    await create.getByRole('button', { name: 'Create key' }).click();
    await create.getByText('choose at least one scope').waitFor();
    await create.getByLabel('Name').fill('ATS sync');
    await create.getByRole('checkbox', { name: 'Evaluation templates: read' }).check();
    await create.getByRole('checkbox', { name: 'Participants: write' }).check();
    await saveScreenshot(page, 'api-keys-create');
    await create.getByRole('button', { name: 'Create key' }).click();
    const first = await shownKey(page);
    await saveScreenshot(page, 'api-keys-created');
    await first.dialog.getByRole('button', { name: 'Done' }).click();

    const row = page.getByRole('row', { name: /ATS sync/ });
    await expect.poll(() => row.textContent()).toContain(`${first.key.slice(0, 12)}…`);
    expect(await row.textContent()).toContain('Evaluation templates: read');
    expect(await row.textContent()).toContain('Never');
    expect(await page.content()).not.toContain(first.key);

    // The key works; the page then says when it was last used.
    expect(await callWith(app, first.key)).toBe(200);
    await page.reload();
    await expect.poll(() => row.locator('td').nth(2).textContent()).not.toBe('Never');

    // Roll: a new key; the old one keeps working for the hour chosen.
    await row.getByRole('button', { name: 'Roll' }).click();
    const roll = page.getByRole('dialog', { name: 'Roll API key' });
    await roll.getByLabel('The old key keeps working for').selectOption({ label: '1 hour' });
    await roll.getByRole('button', { name: 'Roll key' }).click();
    const second = await shownKey(page);
    await expect.poll(() => second.dialog.textContent()).toMatch(/keeps working until/);
    expect(second.key).not.toBe(first.key);
    await second.dialog.getByRole('button', { name: 'Done' }).click();
    expect(await callWith(app, first.key)).toBe(200);
    expect(await callWith(app, second.key)).toBe(200);
    const oldRow = page.getByRole('row', { name: new RegExp(first.key.slice(0, 12)) });
    await expect.poll(() => oldRow.textContent()).toMatch(/Rolled.*works until/);

    // Revoke the new key: refused at once.
    const newRow = page.getByRole('row', { name: new RegExp(second.key.slice(0, 12)) });
    await newRow.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('alertdialog', { name: 'Revoke API key' }).getByRole('button', { name: 'Revoke key' }).click();
    await expect.poll(() => newRow.textContent()).toContain('Revoked');
    expect(await callWith(app, second.key)).toBe(401);
    await saveScreenshot(page, 'api-keys');
    expect(pageErrors).toEqual([]);
  });
});
