// The portal in the template's language (docs/surfaces.md#portal-language), end to end in Chromium on the demo
// data: staff set Senior Backend Engineer's language to Spanish in the template's details; a participant at its
// Phone Screen (an AI interview) opens their link on a 390 px phone and reads the Continue page, their portal
// and the AI notice in Spanish (`<html lang="es">`), accepts and starts the session, all in Spanish. No page
// reports a CSP violation, scrolls sideways or has a serious accessibility fault.
import { portalCopy } from '@stageflow/domain';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';
import { expectPhoneFriendly, participantPhone, portalLinkFor, watchCsp } from './portal.ts';

const BACKEND = 'Senior Backend Engineer';
const PARTICIPANT = 'Lukas Becker';
const es = portalCopy('es');

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const htmlLang = (phone: Page) => phone.evaluate(() => document.documentElement.lang);

describe('the portal in Spanish', () => {
  let url = '';

  test("staff set the template's language to Spanish and make a portal link", async ({ page }) => {
    await nav(page).getByRole('link', { name: 'Evaluation Templates' }).click();
    await page.getByRole('link', { name: BACKEND, exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: BACKEND }).waitFor();
    await page.getByRole('button', { name: 'Edit details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit template details' });
    const language = dialog.getByLabel('Language');
    expect(await language.inputValue()).toBe('en');
    await language.fill('es');
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByRole('button', { name: 'Edit details' }).click();
    expect(await page.getByRole('dialog', { name: 'Edit template details' }).getByLabel('Language').inputValue()).toBe(
      'es',
    );
    await page.keyboard.press('Escape');

    url = await portalLinkFor(page, PARTICIPANT);
    expect(url).toMatch(/\/p\/sfp_/);
  });

  test('at 390 px the Continue page, the portal and the AI notice are in Spanish', async ({ browser }) => {
    const context = await participantPhone(browser);
    const phone = await context.newPage();
    phone.setDefaultTimeout(10_000);
    const refusals = watchCsp(phone);

    await phone.goto(url);
    await phone.getByRole('heading', { level: 1, name: es.link.heading }).waitFor();
    expect(await htmlLang(phone)).toBe('es');
    expect(await phone.title()).toBe(`${es.link.title} · Stageflow`);
    expect(await phone.textContent('main')).toContain(es.link.text);
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-es-continue-390');
    await phone.getByRole('button', { name: es.link.continue }).click();

    await phone.getByRole('heading', { level: 1, name: `Hola, ${PARTICIPANT}` }).waitFor();
    expect(await htmlLang(phone)).toBe('es');
    const next = phone.getByRole('region', { name: es.home.next });
    expect(await next.textContent()).toContain(es.next.readNoticeFirst);
    const stages = phone.getByRole('region', { name: es.home.stages });
    expect(await stages.textContent()).toContain(es.stageTypes.ai_interview);
    expect(await stages.textContent()).toContain(es.stageStates.current);
    const main = (await phone.textContent('main')) ?? '';
    for (const english of ['Hello', 'What happens next', 'Your stages', 'AI interview', 'Withdraw']) {
      expect(main).not.toContain(english);
    }
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-es-home-390');

    await next.getByRole('link', { name: es.home.readNotice }).click();
    await phone.getByRole('heading', { level: 1, name: 'Sobre Phone Screen' }).waitFor();
    expect(await htmlLang(phone)).toBe('es');
    for (const heading of [es.noticePage.evaluates, es.noticePage.duration, es.noticePage.review]) {
      await phone.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    const notice = (await phone.textContent('main')) ?? '';
    expect(notice).toContain('Es un programa informático, no una persona.');
    expect(notice).not.toContain('computer program');
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-es-notice-390');

    await phone.getByRole('button', { name: es.noticePage.accept }).click();
    await phone.getByRole('heading', { level: 1, name: `Hola, ${PARTICIPANT}` }).waitFor();
    await phone.getByRole('button', { name: es.home.startNow }).click();
    // An AI-run stage leads straight to its interview, in Spanish too.
    await phone.waitForURL(/\/p\/sessions\/[0-9a-f-]+\/interview$/);
    await phone.getByRole('region', { name: es.interview.conversation }).waitFor();
    await phone.getByRole('button', { name: es.interview.finish }).waitFor();
    expect(await htmlLang(phone)).toBe('es');
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-es-interview-390');
    await phone.getByRole('link', { name: es.common.back }).click();
    await phone.getByText(es.next.underWay).waitFor();
    await phone.getByRole('link', { name: es.interview.continue }).waitFor();
    expect(await phone.getByRole('region', { name: es.home.sessions }).textContent()).toContain(
      es.sessionStatuses.in_progress,
    );
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-es-started-390');
    expect(refusals).toEqual([]);
    await context.close();
  });
});
