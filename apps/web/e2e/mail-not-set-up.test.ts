// Without SMTP settings (docs/mail.md#statuses), in Chromium: nothing is emailed, and the app says so
// where the link was to go. Sending a participant's link shows it to copy; an invitation says it was not
// sent; enrolling with "Send them their portal link" shows the link to copy; Developer → Mail keeps the
// messages, marked Not sent, with the link inside for the owner to read.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';

const PARTICIPANT = 'Lukas Becker';
const NOT_SET_UP = 'Mail is not set up: the link was not sent — copy it instead';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const card = (page: Page) => page.getByRole('region', { name: /^Portal link/ });

describe('mail not set up', () => {
  let link = '';

  test("Send link on a participant's page: not sent, the link shown to copy", async ({ page, pageErrors }) => {
    await nav(page).getByRole('link', { name: 'Participants' }).click();
    await page.getByRole('link', { name: PARTICIPANT, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: PARTICIPANT }).waitFor();
    await card(page).getByRole('button', { name: 'Send link' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Email the portal link?' });
    await confirm.getByText(/Mail is not set up on this server/).waitFor();
    await confirm.getByRole('button', { name: 'Send link' }).click();

    await card(page).getByText(NOT_SET_UP).waitFor();
    link = await card(page)
      .getByRole('textbox', { name: `Portal link for ${PARTICIPANT}` })
      .inputValue();
    expect(link).toMatch(/\/p\/sfp_[\w-]{43}$/);
    await expect
      .poll(() => page.getByRole('list', { name: 'Timeline' }).locator('.timeline-title').allTextContents())
      .toContainEqual(expect.stringMatching(/^Portal link for .+ not emailed: mail is not set up$/));
    await saveScreenshot(page, 'mail-not-set-up-link');
    expect(pageErrors).toEqual([]);
  });

  test('an invitation says it was not sent, and gives the link', async ({ page, pageErrors }) => {
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Invite member' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Invite member' });
    await dialog.getByLabel('Email').fill('kept.invite@example.com');
    await dialog.getByRole('button', { name: 'Create invite link' }).click();
    const done = page.getByRole('dialog', { name: 'Send the invite link' });
    await done.getByText('Mail is not set up: the invitation was not sent — copy the link instead.').waitFor();
    await done.getByRole('button', { name: 'Done' }).click();
    expect(pageErrors).toEqual([]);
  });

  test('enrolling with the link emailed: the link is shown to copy instead', async ({ page, pageErrors }) => {
    await nav(page).getByRole('link', { name: 'Participants' }).click();
    await page.getByRole('button', { name: 'Add participant' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add participant' });
    await dialog.getByLabel('Name').fill('Noor Kept');
    await dialog.getByLabel('Email').fill('noor.kept@example.com');
    await dialog.getByRole('checkbox', { name: 'Send them their portal link' }).check();
    await dialog.getByRole('button', { name: 'Add participant' }).click();
    const copy = page.getByRole('dialog', { name: 'Copy their portal link' });
    await copy.getByText(NOT_SET_UP).waitFor();
    expect(await copy.getByRole('textbox', { name: 'Portal link for Noor Kept' }).inputValue()).toMatch(/\/p\/sfp_/);
    await copy.getByRole('button', { name: 'Done' }).click();
    expect(pageErrors).toEqual([]);
  });

  test('Developer → Mail keeps every message, marked Not sent, with its link to read', async ({ page, pageErrors }) => {
    await page.goto(new URL('/developer/mail', page.url()).toString());
    await page.getByRole('heading', { level: 1, name: 'Mail' }).waitFor();
    await page.getByText('Mail is not set up: nothing is sent.').waitFor();
    const table = page.getByRole('table', { name: 'Mail outbox' });
    await expect.poll(() => table.getByRole('cell', { name: 'Not sent', exact: true }).count()).toBe(3);
    await table.getByRole('button', { name: 'Your link to Senior Backend Engineer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Message' });
    await dialog.getByText(/kept here, never sent/).waitFor();
    expect(await dialog.locator('pre').first().textContent()).toContain(link);
    await saveScreenshot(page, 'mail-not-set-up-outbox');
    expect(pageErrors).toEqual([]);
  });
});
