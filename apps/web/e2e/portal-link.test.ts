// A participant's portal link (docs/surfaces.md#portal-links), end to end in Chromium: staff make it on
// the participant page (shown once), the participant opens it on a phone-sized screen in a browser of
// their own, continues, and lands in the portal, which shows their real pipeline; the staff page then shows it opened, and a rotation
// stops the old link. No page reports a CSP violation, and axe finds no serious accessibility fault.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';
import { expectNoSidewaysScroll, participantPhone, watchCsp } from './portal.ts';

const PARTICIPANT = 'Amara Nwosu';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const card = (page: Page) => page.getByRole('region', { name: /^Portal link/ });
const timelineTitles = (page: Page) =>
  page.getByRole('list', { name: 'Timeline' }).locator('.timeline-title').allTextContents();

describe('portal link', () => {
  let url = '';

  test('staff create a link on the participant page: shown once, with its state', async ({ page, pageErrors }) => {
    await nav(page).getByRole('link', { name: 'Participants' }).click();
    await page.getByRole('link', { name: PARTICIPANT, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: PARTICIPANT }).waitFor();
    await card(page).getByText('No link yet.').waitFor();

    await card(page).getByRole('button', { name: 'Create link' }).click();
    await card(page).getByText("Copy this link now: you won't see it again.").waitFor();
    url = await card(page)
      .getByRole('textbox', { name: `Portal link for ${PARTICIPANT}` })
      .inputValue();
    expect(url).toMatch(/\/p\/sfp_[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => card(page).textContent()).toContain('Not yet');
    expect(await card(page).getByRole('button', { name: 'Rotate' }).isVisible()).toBe(true);
    await expect.poll(() => timelineTitles(page)).toContain('Portal link made');
    await saveScreenshot(page, 'portal-link-created');
    expect(pageErrors).toEqual([]);
  });

  test('the participant opens it at 390 px in a browser of their own, continues, and is in', async ({
    app,
    browser,
    page,
  }) => {
    const context = await participantPhone(browser);
    const phone = await context.newPage();
    const refusals = watchCsp(phone);
    await phone.goto(url);
    await phone.getByRole('heading', { name: 'Your evaluation' }).waitFor();
    // Nothing scrolls sideways on a phone.
    await expectNoSidewaysScroll(phone);
    await saveScreenshot(phone, 'portal-link-continue-390');
    expect(await seriousAxeViolations(phone)).toEqual([]);

    // Opening the page changed nothing: the staff page still says the link was never opened.
    await page.reload();
    await expect.poll(() => card(page).textContent()).toContain('Not yet');

    await phone.getByRole('button', { name: 'Continue' }).click();
    await phone.getByRole('heading', { name: `Hello ${PARTICIPANT}` }).waitFor();
    expect(new URL(phone.url()).pathname).toBe('/p/');
    // The real pipeline: the demo's backend template, Amara at its first stage, what comes next.
    expect(await phone.textContent('main')).toContain('Senior Backend Engineer');
    const stages = phone.getByRole('region', { name: 'Your stages' }).getByRole('listitem');
    expect(await stages.allTextContents()).toEqual([
      'Phone ScreenAI interview · 20 minutesNow',
      'TechnicalAI interview · 45 minutesComing up',
      'FinalFinal review by the team · 45 minutesComing up',
    ]);
    expect(await phone.locator('[aria-current="step"]').textContent()).toContain('Phone Screen');
    const next = phone.getByRole('region', { name: 'What happens next' });
    expect(await next.textContent()).toContain('Attempts left1 of 1');
    expect(await next.textContent()).toContain('After this stageTechnical');
    await expectNoSidewaysScroll(phone);
    // The same view over the portal API, with the cookie the Continue form set.
    const me = await context.request.get(`${app.url}/api/portal/v1/me`);
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ name: PARTICIPANT, template_name: 'Senior Backend Engineer' });
    const cookies = await context.cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([['stageflow.portal', true, 'Lax']]);
    await saveScreenshot(phone, 'portal-link-in-390');
    expect(await seriousAxeViolations(phone)).toEqual([]);
    expect(refusals).toEqual([]);

    // The portal cookie is no staff session: the staff APIs answer 401 to it.
    expect((await context.request.get(`${app.url}/api/v1/participants`)).status()).toBe(401);
    expect((await context.request.get(`${app.url}/trpc/account.me`)).status()).toBe(401);

    await page.reload();
    await expect.poll(() => card(page).textContent()).not.toContain('Not yet');
    await expect.poll(() => timelineTitles(page)).toContain('Opened their portal link');
    await context.close();
  });

  test('rotating stops the old link: it gets a page that says so', async ({ browser, page }) => {
    const expires = () => card(page).locator('dt:text-is("Expires") + dd').textContent();
    const before = await expires();
    // A new link for 7 days instead of the default 30.
    await card(page).getByLabel('A new link works for').selectOption({ label: '7 days' });
    await card(page).getByRole('button', { name: 'Rotate' }).click();
    await page
      .getByRole('alertdialog', { name: 'Make a new portal link?' })
      .getByRole('button', { name: 'Make new link' })
      .click();
    await card(page).getByText("Copy this link now: you won't see it again.").waitFor();
    const newUrl = await card(page)
      .getByRole('textbox', { name: `Portal link for ${PARTICIPANT}` })
      .inputValue();
    expect(newUrl).not.toBe(url);
    await expect.poll(expires).not.toBe(before);
    await expect.poll(() => timelineTitles(page)).toContain('New portal link made; the old one stopped working');

    const context = await participantPhone(browser);
    const phone = await context.newPage();
    await phone.goto(url);
    await phone.getByRole('heading', { name: 'This link is no longer valid' }).waitFor();
    expect(await seriousAxeViolations(phone)).toEqual([]);

    await card(page).getByRole('button', { name: 'Revoke' }).click();
    await page
      .getByRole('alertdialog', { name: 'Revoke the portal link?' })
      .getByRole('button', { name: 'Revoke link' })
      .click();
    await expect.poll(() => card(page).textContent()).toContain('Revoked');
    await phone.goto(newUrl);
    await phone.getByRole('heading', { name: 'This link is no longer valid' }).waitFor();
    await context.close();
  });
});
