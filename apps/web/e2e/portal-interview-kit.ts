// What the interview's browser tests share (portal-interview*.test.ts): a participant's phone, the checks
// every portal page passes (no CSP refusal, no sideways scroll), and the way in: staff make the link, the
// participant opens it, accepts the AI notice and presses Start now, which leads to the interview.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';

export const PHONE = { width: 390, height: 844 };

/** Every CSP refusal the page reports on its console. */
export function watchCsp(page: Page): string[] {
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
  });
  return refusals;
}

export const noSidewaysScroll = async (phone: Page) =>
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

/** Staff open the participant's page and make their portal link (shown once); answers its URL. */
export async function portalLinkFor(page: Page, name: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Participants' }).click();
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  const card = page.getByRole('region', { name: /^Portal link/ });
  await card.getByRole('button', { name: 'Create link' }).click();
  return card.getByRole('textbox', { name: `Portal link for ${name}` }).inputValue();
}

/**
 * On a 390 px phone of their own, the participant opens their link, reads and accepts the notice of
 * their AI-run stage, and presses Start now: they land on the interview. Answers the phone's page,
 * with its script errors in `errors` and its CSP refusals in `refusals`.
 */
export async function startInterview(browser: Browser, url: string, name: string) {
  const context = await browser.newContext({ viewport: PHONE });
  const phone = await context.newPage();
  phone.setDefaultTimeout(10_000);
  const errors: string[] = [];
  phone.on('pageerror', (error) => errors.push(error.message));
  const refusals = watchCsp(phone);
  await phone.goto(url);
  await phone.getByRole('button', { name: 'Continue' }).click();
  await phone.getByRole('heading', { name: `Hello ${name}` }).waitFor();
  await phone.getByRole('link', { name: 'Read about this stage' }).click();
  await phone.getByRole('button', { name: 'Accept' }).click();
  await phone.getByRole('button', { name: 'Start now' }).click();
  await phone.waitForURL(/\/p\/sessions\/[0-9a-f-]+\/interview$/);
  return { phone, context, errors, refusals };
}

/** The conversation's region (the live region beside it repeats the interviewer's last turn). */
export const talk = (phone: Page) => phone.getByRole('region', { name: 'Conversation' });

/** The conversation as the page shows it: each turn's speaker and words. */
export const conversation = (phone: Page) =>
  phone
    .locator('#conversation > li')
    .evaluateAll((items) =>
      items.map((item) => [
        item.querySelector('.speaker')?.textContent ?? '',
        item.querySelector('p')?.textContent ?? '',
      ]),
    );
