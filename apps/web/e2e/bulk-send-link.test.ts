// Sending the portal link in bulk, end to end in Chromium (docs/rules.md#bulk-actions): the built server
// sends over SMTP to a local sink (SMTP_URL points at it). A recruiter selects people on the board, previews
// "Send portal link" (the rejected one refused, with the reason), applies it, reads what happened to each,
// and the link arrives at the sink and opens the portal. On a phone, the list offers the same at 390 px.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { saveScreenshot, signIn } from './harness.ts';
import { withSmtpSink } from './smtp-sink.ts';

const { sink, test } = await withSmtpSink();

const BACKEND = 'Senior Backend Engineer';
const bar = (page: Page) => page.getByRole('region', { name: 'Selection' });

/** The demo template's id, from its link on the templates list. */
async function templateId(page: Page, app: { url: string }, name: string) {
  await page.goto(`${app.url}/templates`);
  const href = await page.getByRole('link', { name, exact: true }).first().getAttribute('href');
  return href!.split('/').at(-1)!;
}

describe('sending the portal link in bulk', () => {
  test('from the board: previewed (one refused, with its reason), applied, and the link arrives', async ({
    app,
    browser,
    page,
    pageErrors,
  }) => {
    const id = await templateId(page, app, BACKEND);
    await page.goto(`${app.url}/templates/${id}/board`);
    await page.getByRole('heading', { level: 1, name: `${BACKEND}: participants` }).waitFor();
    await page.getByRole('checkbox', { name: 'Select Priya Raman' }).check();
    await page.getByRole('checkbox', { name: 'Select Lucas Silva' }).check();
    await bar(page).getByRole('button', { name: 'Act on 2 people…' }).click();

    const dialog = page.getByRole('dialog', { name: 'Act on 2 people' });
    await dialog.getByRole('radio', { name: 'Send portal link' }).check();
    await dialog.getByLabel('Each new link works for').selectOption({ label: '14 days' });
    await dialog.getByRole('button', { name: 'Preview' }).click();

    await dialog.getByText('Preview: 1 will be sent a link, 1 refused. Nothing has changed yet.').waitFor();
    const priya = dialog.getByRole('row', { name: /Priya Raman/ });
    const said = (await priya.textContent()) ?? '';
    expect(said).toContain('Will happen');
    const address = said.match(/Emails a new portal link to (\S+), working 14 days/)?.[1];
    expect(address).toBeTruthy();
    const lucas = dialog.getByRole('row', { name: /Lucas Silva/ });
    expect(await lucas.textContent()).toContain('Refused');
    expect(await lucas.textContent()).toContain(
      "Lucas Silva's evaluation has ended (rejected): there is nothing left for them to do in the portal",
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'bulk-send-link-preview');

    await dialog.getByRole('button', { name: 'Send 1 link' }).click();
    await dialog.getByText('Finished: 1 sent a link, 1 not done.').waitFor();
    expect(await dialog.getByRole('row', { name: /Priya Raman/ }).textContent()).toContain('Done');
    expect(await dialog.getByRole('row', { name: /Lucas Silva/ }).textContent()).toContain('Not done');
    await saveScreenshot(page, 'bulk-send-link-result');
    await dialog.getByRole('button', { name: 'Done' }).click();

    // The message arrives at the SMTP sink, and its link opens Priya's portal.
    const mail = await sink.waitFor((m) => m.to.includes(address!));
    const link = mail.text.match(new RegExp(`${app.url}/p/sfp_[\\w-]{43}`))?.[0];
    expect(link).toBeTruthy();
    expect(sink.messages.some((m) => m.text.includes('Lucas Silva'))).toBe(false);
    const visitor = await browser.newContext();
    const portal = await visitor.newPage();
    await portal.goto(link!);
    await portal.getByRole('button', { name: 'Continue' }).click();
    await portal.getByRole('heading', { name: 'Hello Priya Raman' }).waitFor();
    await visitor.close();

    // Her timeline says it was part of a bulk action.
    await page.goto(`${app.url}/participants?q=Priya`);
    await page.getByRole('link', { name: 'Priya Raman', exact: true }).click();
    await page.getByText('Part of a bulk action').first().waitFor();
    expect(pageErrors).toEqual([]);
  });

  test('on a phone, the list offers it and the preview fits 390 px', async ({ app, browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await context.newPage();
    phone.setDefaultTimeout(10_000);
    await signIn(phone, app);
    const sideways = () =>
      phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

    await phone.goto(`${app.url}/participants?q=Chen`);
    await phone.getByRole('checkbox', { name: 'Select Chen Wei' }).check();
    await bar(phone).getByRole('button', { name: 'Act on 1 person…' }).click();
    const dialog = phone.getByRole('dialog', { name: 'Act on 1 person' });
    await dialog.getByRole('radio', { name: 'Send portal link' }).check();
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByText('Preview: 1 will be sent a link. Nothing has changed yet.').waitFor();
    expect(await dialog.getByRole('row', { name: /Chen Wei/ }).textContent()).toContain('working 30 days');
    expect(await sideways()).toBe(0);
    await saveScreenshot(phone, 'bulk-send-link-phone');
    await context.close();
  });
});
