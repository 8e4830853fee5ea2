// What a participant sees of their results (docs/rules.md#what-a-participant-sees-of-their-results), end to end in
// Chromium on the demo data: staff record a Phone Screen result with improvement feedback (its interviewer, Sam,
// allows it) and the participant reads it under the stage on a 390 px phone, never the summary or a score; Ada's
// feedback at Technical is switched off in her profile, so it stays with the team; once the template is set to
// show the final recommendation, the participant reads "Hire" after the closing words.
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';
import { enterPortal, expectPhoneFriendly } from './portal.ts';

const BACKEND = 'Senior Backend Engineer';
const PARTICIPANT = 'Lena Okafor';
/** Long enough to wrap, with one very long word and characters HTML would otherwise read. */
const FEEDBACK =
  'Give one concrete example per answer, and keep <answers> short & specific. ' +
  'Name the numbers: latency, error rates, the size of the team and what changed because of your work. ' +
  'Avoidlongunbrokenwordslikethisonewhichgoesonandonwithoutanyspaceatalltoseewhetherthepagestillwraps.';
const SUMMARY = 'Summary for the team only: strong motivation.';
const TECHNICAL_FEEDBACK = 'Technical feedback Ada keeps for the team.';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const currentStep = (page: Page) => page.locator('.stage-track [aria-current="step"] .stage-step-name');
const stageItem = (phone: Page, name: string): Locator =>
  phone.getByRole('region', { name: 'Your stages' }).getByRole('listitem').filter({ hasText: name });

/** Opens the result dialog from the current-stage card, fills it, and saves. */
async function recordResult(page: Page, fields: Record<string, string>) {
  const card = page.getByRole('region', { name: /^Now at / });
  await card.getByRole('button', { name: /^Record (result|final review)$/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Record (a result|the final review)$/ });
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label).fill(value);
  await dialog.getByRole('button', { name: 'Save result' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function openParticipant(page: Page) {
  await nav(page).getByRole('link', { name: 'Participants' }).click();
  await heading(page, 'Participants').waitFor();
  await page.getByRole('link', { name: PARTICIPANT, exact: true }).click();
  await heading(page, PARTICIPANT).waitFor();
}

describe('results in the portal', () => {
  let url = '';

  test("staff keep Ada's feedback for the team: her profile no longer includes it for participants", async ({
    page,
  }) => {
    await nav(page).getByRole('link', { name: 'Agent Profiles' }).click();
    await page.getByRole('link', { name: 'Ada — Backend Interviewer' }).click();
    await heading(page, 'Ada — Backend Interviewer').waitFor();
    const include = page.getByLabel('Include improvement feedback (the participant reads it in their portal)');
    expect(await include.isChecked()).toBe(true);
    await include.uncheck();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Saved “Ada — Backend Interviewer”').waitFor();
    await page.reload();
    expect(await page.getByLabel(/^Include improvement feedback/).isChecked()).toBe(false);
  });

  test('staff record a Phone Screen result with improvement feedback, and make a portal link', async ({ page }) => {
    await nav(page).getByRole('link', { name: 'Participants' }).click();
    await page.getByRole('button', { name: 'Add participant' }).first().click();
    const add = page.getByRole('dialog', { name: 'Add participant' });
    await add.getByLabel('Evaluation template').selectOption({ label: BACKEND });
    await add.getByLabel('Name').fill(PARTICIPANT);
    await add.getByLabel('Email').fill('lena.okafor@example.com');
    await add.getByRole('button', { name: 'Add participant' }).click();
    await add.waitFor({ state: 'hidden' });
    await openParticipant(page);

    // Sam the screener (0 to 5): 4 and 4 are 80, above the pass mark of 60.
    await recordResult(page, {
      Motivation: '4',
      'Experience fit': '4',
      Summary: SUMMARY,
      'What to improve': FEEDBACK,
    });
    await expect.poll(() => currentStep(page).textContent()).toBe('Technical');

    const card = page.getByRole('region', { name: /^Portal link/ });
    await card.getByRole('button', { name: 'Create link' }).click();
    url = await card.getByRole('textbox', { name: `Portal link for ${PARTICIPANT}` }).inputValue();
    expect(url).toMatch(/\/p\/sfp_/);
  });

  test('the participant reads the feedback under the stage on a phone, and nothing else of the result', async ({
    browser,
  }) => {
    const { phone, context, refusals } = await enterPortal(browser, url, PARTICIPANT);

    const screen = stageItem(phone, 'Phone Screen');
    expect(await screen.getByRole('heading', { name: 'Feedback' }).isVisible()).toBe(true);
    // The text as staff typed it: escaped, not read as HTML.
    expect(await screen.locator('.feedback p').textContent()).toBe(FEEDBACK);
    expect(await stageItem(phone, 'Technical').getByRole('heading', { name: 'Feedback' }).count()).toBe(0);
    const main = (await phone.textContent('main')) ?? '';
    expect(main).not.toContain(SUMMARY);
    expect(main).not.toMatch(/\b80\b|pass mark|score/i);
    expect(main).not.toContain('Final recommendation');
    // Long feedback wraps: nothing scrolls sideways, and the text stays inside its card.
    await expectPhoneFriendly(phone);
    const box = await screen.boundingBox();
    const text = await screen.locator('.feedback p').boundingBox();
    expect(text && box && text.x + text.width <= box.x + box.width).toBe(true);
    await saveScreenshot(phone, 'portal-feedback-390');
    expect(refusals).toEqual([]);
    await context.close();
  });

  test('staff set the template to show the final recommendation in the portal', async ({ page }) => {
    await nav(page).getByRole('link', { name: 'Evaluation Templates' }).click();
    await page.getByRole('link', { name: BACKEND, exact: true }).first().click();
    await heading(page, BACKEND).waitFor();
    const overview = page.getByRole('region', { name: 'Overview' });
    expect(await overview.textContent()).toContain('Does not show the final recommendation');

    await page.getByRole('button', { name: 'Edit details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit template details' });
    const control = dialog.getByLabel('Show participants the final recommendation in their portal');
    expect(await control.isChecked()).toBe(false);
    await control.check();
    await control.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'template-portal-recommendation-setting');
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => overview.textContent()).toContain('Shows the final recommendation');
  });

  test('staff finish the evaluation: Technical (a reviewer approves) and the final review', async ({ page }) => {
    await openParticipant(page);
    await recordResult(page, {
      'System design': '8',
      Coding: '8',
      Communication: '8',
      'What to improve': TECHNICAL_FEEDBACK,
    });
    await nav(page)
      .getByRole('link', { name: /Decisions/ })
      .click();
    await heading(page, 'Decisions').waitFor();
    await page
      .getByRole('list', { name: 'Open decisions' })
      .getByRole('article', { name: new RegExp(`^${PARTICIPANT} at `) })
      .getByRole('button', { name: 'Approve: advance' })
      .click();
    await openParticipant(page);
    await expect.poll(() => currentStep(page).textContent()).toBe('Final');
    await recordResult(page, { 'Overall score': '90' });
    await expect.poll(() => page.locator('.page-title .badge').textContent()).toBe('Completed: hire');
  });

  test('the participant reads the closing words, then the final recommendation; Ada’s feedback stays hidden', async ({
    browser,
  }) => {
    const { phone, context, refusals } = await enterPortal(browser, url, PARTICIPANT);

    expect(await phone.locator('.notice').textContent()).toBe(
      'Your evaluation is complete; the team will be in touch.',
    );
    const result = phone.getByRole('region', { name: 'Final recommendation' });
    expect(await result.textContent()).toContain('Hire');
    expect(await stageItem(phone, 'Phone Screen').locator('.feedback p').textContent()).toBe(FEEDBACK);
    expect(await stageItem(phone, 'Technical').getByRole('heading', { name: 'Feedback' }).count()).toBe(0);
    const main = (await phone.textContent('main')) ?? '';
    expect(main).not.toContain(TECHNICAL_FEEDBACK);
    expect(main).not.toMatch(/\b(80|90)\b|pass mark/);
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-recommendation-390');
    expect(refusals).toEqual([]);
    await context.close();
  });
});
