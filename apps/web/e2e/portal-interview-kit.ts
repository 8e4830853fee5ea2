// What the interview's browser tests share (portal-interview*.test.ts), on top of the portal kit
// (portal.ts): the way in (the participant opens their link, accepts the AI notice and presses Start
// now, which leads to the interview) and reading the conversation back.
import type { Browser, Page } from 'playwright-core';
import { enterPortal } from './portal.ts';

/**
 * On a 390 px phone of their own, the participant opens their link, reads and accepts the notice of
 * their AI-run stage, and presses Start now: they land on the interview. Answers the phone's page,
 * with its script errors in `errors` and its CSP refusals in `refusals`.
 */
export async function startInterview(browser: Browser, url: string, name: string) {
  const { phone, context, errors, refusals } = await enterPortal(browser, url, name);
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
