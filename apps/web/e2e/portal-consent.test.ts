// The AI notice and consent (docs/rules.md#consent-to-an-ai-run-stage), end to end in Chromium: an
// admin words the workspace's part of the notice in Settings → Portal notice; a participant at the
// demo's Phone Screen (an AI interview) opens their link on a 390 px phone, reads the notice, accepts
// and starts their session; another declines and asks for a person, and staff see that request in
// the Decisions inbox in plain words. No page reports a CSP violation or scrolls sideways.
import type { Browser, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';
import { enterPortal, expectPhoneFriendly, portalLinkFor } from './portal.ts';

const ACCEPTS = 'Lukas Becker';
const DECLINES = 'Priya Raman';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const timelineTitles = (page: Page) =>
  page.getByRole('list', { name: 'Timeline' }).locator('.timeline-title').allTextContents();

/**
 * The participant opens their link on a phone of their own, continues, and reads the notice of their
 * stage; the phone as `enterPortal` answers it.
 */
async function openNotice(browser: Browser, url: string, name: string) {
  const entered = await enterPortal(browser, url, name);
  const { phone } = entered;
  const next = phone.getByRole('region', { name: 'What happens next' });
  expect(await next.textContent()).toContain('An AI interviewer runs this stage. Read about it first');
  // No Start now before the notice is answered.
  expect(await phone.getByRole('button', { name: 'Start now' }).count()).toBe(0);
  await next.getByRole('link', { name: 'Read about this stage' }).click();
  await phone.getByRole('heading', { level: 1, name: 'About Phone Screen' }).waitFor();
  return entered;
}

describe('the AI notice, consent and the human alternative', () => {
  test('an admin words the workspace’s part of the notice in Settings → Portal notice', async ({
    page,
    pageErrors,
  }) => {
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Portal notice' }).click();
    await page.getByRole('heading', { level: 1, name: 'Portal notice' }).waitFor();

    await page.getByLabel('Organisation').fill('Demo Hiring Team');
    await page.getByLabel('Contact').fill('Write to hiring@demo.example or call +44 20 7946 0000.');
    // A retention of no days is refused beside its field, and nothing is saved.
    await page.getByLabel('Transcript kept for (days)').fill('0');
    await page.getByRole('button', { name: 'Save notice settings' }).click();
    await page.getByText('at least 1 day').waitFor();
    await page.getByLabel('Transcript kept for (days)').fill('30');
    // The preview is the notice's own words for what the form holds.
    await page.getByText('Demo Hiring Team keeps the transcript of your session for 30 days.').waitFor();
    await page.getByRole('button', { name: 'Save notice settings' }).click();
    await page.getByText('Notice settings saved').waitFor();
    await page.reload();
    expect(await page.getByLabel('Organisation').inputValue()).toBe('Demo Hiring Team');
    expect(await page.getByLabel('Transcript kept for (days)').inputValue()).toBe('30');
    await saveScreenshot(page, 'portal-notice-settings');
    expect(pageErrors).toEqual([]);
  });

  test('at 390 px a participant reads the notice for an AI stage, accepts, and starts the session', async ({
    browser,
    page,
  }) => {
    const url = await portalLinkFor(page, ACCEPTS);
    const { phone, context, refusals } = await openNotice(browser, url, ACCEPTS);

    const notice = await phone.textContent('main');
    expect(notice).toContain('It is a computer program, not a person.');
    expect(notice).toContain('Motivation'); // the interviewer's dimensions
    expect(notice).toContain('It takes about 20 minutes.');
    expect(notice).toContain('Demo Hiring Team keeps the transcript of your session for 30 days.');
    expect(notice).toContain('Questions? Write to hiring@demo.example');
    for (const heading of ['What it looks at', 'How long it takes', 'Who decides', 'Your transcript']) {
      await phone.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-notice-390');

    await phone.getByRole('button', { name: 'Accept' }).click();
    await phone.getByRole('heading', { name: `Hello ${ACCEPTS}` }).waitFor();
    expect(await phone.getByRole('link', { name: 'Read about this stage' }).count()).toBe(0);
    await phone.getByRole('button', { name: 'Start now' }).click();
    // Start now leads to the interview (docs/rules.md#the-interview); the evaluation page links back to it.
    await phone.getByRole('heading', { level: 1, name: 'Phone Screen' }).waitFor();
    await phone.getByRole('link', { name: 'Back to your evaluation' }).click();
    await phone.getByText('Your session for this stage is under way.').waitFor();
    await phone.getByRole('link', { name: 'Continue your interview' }).waitFor();
    expect(await phone.getByRole('region', { name: 'Your sessions' }).textContent()).toContain('Under way');
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-consent-started-390');
    expect(refusals).toEqual([]);
    await context.close();

    await page.reload();
    await expect
      .poll(() => timelineTitles(page))
      .toContain('Accepted the AI notice for Phone Screen: they can start the AI session themselves');
    expect(await timelineTitles(page)).toContain('Session started at Phone Screen');
  });

  test('another participant asks for a person; staff see the request in the inbox in plain words', async ({
    browser,
    page,
    pageErrors,
  }) => {
    const url = await portalLinkFor(page, DECLINES);
    const { phone, context, refusals } = await openNotice(browser, url, DECLINES);

    await phone.getByRole('button', { name: "I'd rather speak with a person" }).click();
    await phone.getByRole('heading', { level: 1, name: 'A person will run Phone Screen' }).waitFor();
    expect(await phone.textContent('main')).toContain(
      'A person from Demo Hiring Team will run Phone Screen with you instead of the AI interviewer, and will be in touch to arrange it.',
    );
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-declined-390');
    await phone.getByRole('link', { name: 'Back to your evaluation' }).click();
    await phone.getByText('You asked for a person to run this stage.').waitFor();
    expect(await phone.getByRole('button', { name: 'Start now' }).count()).toBe(0);
    expect(refusals).toEqual([]);
    await context.close();

    await page.reload();
    await expect
      .poll(() => timelineTitles(page))
      .toContain('Asked for a person to run Phone Screen instead of the AI interviewer');

    await nav(page).getByRole('link', { name: 'Decisions' }).click();
    const request = page.getByRole('article', { name: `${DECLINES} at Phone Screen` });
    await request
      .getByText(`${DECLINES} asked for a person to run Phone Screen instead of the AI interviewer.`)
      .waitFor();
    expect(await request.textContent()).toContain('then record its result on their page');
    expect(await request.getByRole('button', { name: 'Advance…' }).isVisible()).toBe(true);
    expect(await request.getByRole('button', { name: 'Reject…' }).isVisible()).toBe(true);
    expect(await request.getByRole('button', { name: /Grant a retake/ }).count()).toBe(0);
    await saveScreenshot(page, 'decisions-human-alternative');

    await request.getByRole('link', { name: 'Open their page to record the result' }).click();
    await page.getByRole('heading', { level: 1, name: DECLINES }).waitFor();
    await page.getByText('Declined: they asked for a person to run this stage').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
