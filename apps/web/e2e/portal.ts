// What the portal's browser tests share: a phone-sized browser of the participant's own, the staff
// step that makes a portal link, and the checks every portal page is held to.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';

export const PHONE = { width: 390, height: 844 };

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** Every CSP refusal the page reports on its console. */
export function watchCsp(page: Page): string[] {
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
  });
  return refusals;
}

/** Nothing on the page scrolls sideways on a phone. */
export async function expectNoSidewaysScroll(phone: Page): Promise<void> {
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

/** A portal page as a participant must find it: no sideways scroll, no serious accessibility fault. */
export async function expectPhoneFriendly(phone: Page): Promise<void> {
  await expectNoSidewaysScroll(phone);
  expect(await seriousAxeViolations(phone)).toEqual([]);
}

/** Staff open the participant's page and make their portal link (shown once); answers its URL. */
export async function portalLinkFor(page: Page, name: string): Promise<string> {
  await nav(page).getByRole('link', { name: 'Participants' }).click();
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  const card = page.getByRole('region', { name: /^Portal link/ });
  await card.getByRole('button', { name: 'Create link' }).click();
  return card.getByRole('textbox', { name: `Portal link for ${name}` }).inputValue();
}

/** A phone of the participant's own: a browser context with its own cookies, at 390×844. */
export async function participantPhone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE });
}

/** The participant opens their link, presses Continue and lands on their portal page. */
export async function openPortal(context: BrowserContext, url: string, name: string): Promise<Page> {
  const phone = await context.newPage();
  phone.setDefaultTimeout(10_000);
  await phone.goto(url);
  await phone.getByRole('button', { name: 'Continue' }).click();
  await phone.getByRole('heading', { level: 1, name: `Hello ${name}` }).waitFor();
  return phone;
}

/**
 * On a phone of their own (`participantPhone`), the participant opens their link and continues into their
 * portal (`openPortal`). Watched from the moment the phone's page opens, before it loads anything: its
 * script errors in `errors`, its CSP refusals in `refusals`. Close `context` when done.
 */
export async function enterPortal(browser: Browser, url: string, name: string) {
  const context = await participantPhone(browser);
  const errors: string[] = [];
  let refusals: string[] = [];
  context.once('page', (page) => {
    page.on('pageerror', (error) => errors.push(error.message));
    refusals = watchCsp(page);
  });
  const phone = await openPortal(context, url, name);
  return { phone, context, errors, refusals };
}
