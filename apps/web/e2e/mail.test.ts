// Outgoing mail end to end in Chromium (docs/mail.md): the built server sends over SMTP to a local sink
// (SMTP_URL points at it). An owner invites a member and emails a participant their portal link, both
// arrive at the sink, and the link in the mail opens the participant's portal; Developer → Mail lists
// both as sent and opens one; a reviewer's daily digest is turned on in Settings → Notifications.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { saveScreenshot } from './harness.ts';
import { withSmtpSink } from './smtp-sink.ts';

const { sink, test } = await withSmtpSink();

const PARTICIPANT = 'Amara Nwosu';
const INVITED = 'new.reviewer@example.com';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const card = (page: Page) => page.getByRole('region', { name: /^Portal link/ });

describe('mail', () => {
  test('an owner invites a member: the invitation arrives at the SMTP sink', async ({ app, page, pageErrors }) => {
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await page.getByRole('button', { name: 'Invite member' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Invite member' });
    await dialog.getByLabel('Email').fill(INVITED);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();

    const sent = page.getByRole('dialog', { name: 'Invitation sent' });
    await sent.getByText(`We emailed the invitation to ${INVITED}.`).waitFor();
    const link = await sent.getByRole('textbox', { name: 'Invite link' }).inputValue();
    expect(link).toMatch(new RegExp(`^${app.url}/invite/[0-9a-f-]{36}$`));

    const mail = await sink.waitFor((m) => m.to.includes(INVITED));
    expect(mail.subject).toBe('Dana Demo invited you to Demo workspace on Stageflow');
    expect(mail.from).toBe('no-reply@stageflow.test');
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${link}"`);
    await saveScreenshot(page, 'mail-invitation-sent');
    await sent.getByRole('button', { name: 'Done' }).click();
    expect(pageErrors).toEqual([]);
  });

  test("an owner emails a participant's portal link: it arrives, and the link in it opens the portal", async ({
    browser,
    page,
    pageErrors,
  }) => {
    await nav(page).getByRole('link', { name: 'Participants' }).click();
    await page.getByRole('link', { name: PARTICIPANT, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: PARTICIPANT }).waitFor();

    await card(page).getByRole('button', { name: 'Send link' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Email the portal link?' });
    const email = (await confirm.locator('strong').textContent()) ?? '';
    expect(email).toMatch(/@/);
    await confirm.getByRole('button', { name: 'Send link' }).click();
    await card(page).getByText(`Emailed a new link to ${email}.`).waitFor();

    const mail = await sink.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toBe('Your link to Senior Backend Engineer');
    expect(mail.text).toContain(`Hello ${PARTICIPANT},`);
    const url = /https?:\/\/\S+\/p\/sfp_[\w-]{43}/.exec(mail.text)?.[0];
    expect(url).toBeDefined();
    await expect
      .poll(() => page.getByRole('list', { name: 'Timeline' }).locator('.timeline-title').allTextContents())
      .toContain(`Portal link emailed to ${email}`);
    await saveScreenshot(page, 'mail-portal-link-sent');

    // The participant opens the link from their mail in a browser of their own.
    const context = await browser.newContext();
    const participant = await context.newPage();
    await participant.goto(url!);
    await participant.getByRole('button', { name: 'Continue' }).click();
    await participant.getByRole('heading', { name: `Hello ${PARTICIPANT}` }).waitFor();
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  test('Developer → Mail lists both as sent, and opens a message with its text', async ({ page, pageErrors }) => {
    await nav(page).getByRole('link', { name: 'Developer' }).click();
    await page.getByRole('navigation', { name: 'Developer' }).getByRole('link', { name: 'Mail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mail' }).waitFor();
    await page.getByText('Mail is sent from Stageflow <no-reply@stageflow.test>.').waitFor();
    const table = page.getByRole('table', { name: 'Mail outbox' });
    await expect.poll(() => table.getByRole('cell', { name: 'Sent', exact: true }).count()).toBe(2);
    expect(await table.textContent()).toContain(`Invitation to ${INVITED}`);
    expect(await table.textContent()).toContain(`Portal link to ${PARTICIPANT}`);

    await table.getByRole('button', { name: 'Dana Demo invited you to Demo workspace on Stageflow' }).click();
    const dialog = page.getByRole('dialog', { name: 'Message' });
    await dialog.getByText('Accept the invitation:').waitFor();
    expect(await dialog.textContent()).toContain('The mail server took it.');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'mail-outbox-message');
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect(pageErrors).toEqual([]);
  });

  test('Settings → Notifications: the daily digest is turned on, and stays on', async ({ page, pageErrors }) => {
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Notifications' }).click();
    const box = page.getByRole('checkbox', { name: 'Email me the daily digest' });
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.getByText('Daily digest turned on').waitFor();
    await page.reload();
    await expect.poll(() => page.getByRole('checkbox', { name: 'Email me the daily digest' }).isChecked()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
