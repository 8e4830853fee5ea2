// A written assessment end to end in Chromium (docs/rules.md#written-assessments): staff give an
// async_assessment stage its questions in the stage editor, a participant on a phone-sized screen starts
// it in their portal, types, reloads mid-way (the text is still there, saved as they typed), and submits;
// a reviewer scores the answers in the dashboard and the participant advances by the stage's rule. No
// page reports a CSP violation: the autosave is a script file of our own.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';
import { createTemplateWithStages } from './pipelines.ts';

const PHONE = { width: 390, height: 844 };
const TEMPLATE = 'Support Engineer';
const PERSON = { name: 'Noor Haddad', email: 'noor.haddad@example.com' };
const PIPELINE = [
  { stage_name: 'Essay', stage_type: 'async_assessment', pass_threshold: 60, automation_rule: 'auto_advance' },
  { stage_name: 'Panel', stage_type: 'manual_review', pass_threshold: 60 },
];
const FIRST = 'Why do you want to work in support?';
const SECOND = 'Tell us about a customer you helped.';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const timelineTitles = (page: Page) =>
  page.getByRole('list', { name: 'Timeline' }).locator('.timeline-title').allTextContents();
/** The pipeline step marked as the participant's current stage. */
const currentStep = (page: Page) => page.locator('.stage-track [aria-current="step"] .stage-step-name');

/** Every CSP refusal the page reports on its console. */
function watchCsp(page: Page): string[] {
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
  });
  return refusals;
}

describe('written assessment', () => {
  let url = '';

  test('staff give the Essay stage its questions in the stage editor', async ({ page, pageErrors }) => {
    await nav(page).getByRole('link', { name: 'Evaluation Templates' }).click();
    await createTemplateWithStages(page, TEMPLATE, PIPELINE);
    const essay = page.getByRole('article', { name: /Essay/ });
    await essay.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit stage' });
    const questions = dialog.getByRole('group', { name: 'Questions' });
    await questions.getByText('No questions yet.').waitFor();

    await questions.getByRole('button', { name: 'Add question' }).click();
    await questions.getByLabel('Question 1', { exact: true }).fill(SECOND);
    await questions.getByRole('button', { name: 'Add question' }).click();
    await questions.getByLabel('Question 2', { exact: true }).fill(FIRST);
    await questions.getByLabel('Answer limit for question 2').fill('300');
    // Reordered: the motivation question comes first, with its limit.
    await questions.getByRole('button', { name: 'Move question 2 up' }).click();
    expect(await questions.getByLabel('Question 1', { exact: true }).inputValue()).toBe(FIRST);
    expect(await questions.getByLabel('Answer limit for question 1').inputValue()).toBe('300');
    // A third one, added and removed again.
    await questions.getByRole('button', { name: 'Add question' }).click();
    await questions.getByRole('button', { name: 'Remove question 3' }).click();
    // The dimension a question informs comes from the stage's interviewer (a demo profile).
    const dimension = questions.getByLabel('Dimension for question 2');
    expect(await dimension.locator('option').allTextContents()).toEqual(['None']);
    await dialog.getByLabel('Agent profile').selectOption({ index: 1 });
    await expect.poll(() => dimension.locator('option').count()).toBeGreaterThan(1);
    const informs = (await dimension.locator('option').nth(1).textContent()) ?? '';
    await dimension.selectOption({ label: informs });
    await saveScreenshot(page, 'written-assessment-editor');
    await dialog.getByRole('button', { name: 'Save stage' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => essay.textContent()).toContain('2 questions');

    // Reopened, the editor shows the questions as saved.
    await essay.getByRole('button', { name: 'Edit' }).click();
    expect(await questions.getByLabel('Question 1', { exact: true }).inputValue()).toBe(FIRST);
    expect(await questions.getByLabel('Question 2', { exact: true }).inputValue()).toBe(SECOND);
    expect(await questions.getByLabel('Question 3', { exact: true }).count()).toBe(0);
    expect(await dimension.inputValue()).toBe(informs);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(pageErrors).toEqual([]);
  });

  test('staff enrol a participant and make their portal link', async ({ page }) => {
    await nav(page).getByRole('link', { name: 'Participants' }).click();
    await page.getByRole('button', { name: 'Add participant' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add participant' });
    await dialog.getByLabel('Evaluation template').selectOption({ label: TEMPLATE });
    await dialog.getByLabel('Name').fill(PERSON.name);
    await dialog.getByLabel('Email').fill(PERSON.email);
    await dialog.getByRole('button', { name: 'Add participant' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: PERSON.name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: PERSON.name }).waitFor();
    const card = page.getByRole('region', { name: /^Portal link/ });
    await card.getByRole('button', { name: 'Create link' }).click();
    url = await card.getByRole('textbox', { name: `Portal link for ${PERSON.name}` }).inputValue();
    expect(url).toMatch(/\/p\/sfp_/);
  });

  test('on a phone, the participant starts the essay, types, reloads mid-way, and submits', async ({
    browser,
    page,
  }) => {
    const context = await browser.newContext({ viewport: PHONE });
    const phone = await context.newPage();
    phone.setDefaultTimeout(10_000);
    const refusals = watchCsp(phone);
    await phone.goto(url);
    await phone.getByRole('button', { name: 'Continue' }).click();
    await phone.getByRole('heading', { name: `Hello ${PERSON.name}` }).waitFor();
    await phone.getByRole('button', { name: 'Start now' }).click();
    await phone.getByRole('link', { name: 'Answer your written assessment' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Essay' }).waitFor();

    const first = phone.getByRole('textbox', { name: /Question 1.*Why do you want to work in support/ });
    const second = phone.getByRole('textbox', { name: /Question 2.*Tell us about a customer you helped/ });
    expect(await first.getAttribute('maxlength')).toBe('300');
    // Typed as a person types (by keyboard): the script saves after a pause and says so.
    await first.click();
    await phone.keyboard.type('I like untangling problems for people.');
    await expect.poll(() => phone.getByRole('status').textContent()).toBe('Saved');
    expect(await phone.locator('.hint').first().textContent()).toBe('38 of 300 characters');
    await second.click();
    await phone.keyboard.type('A shop owner whose orders');
    await expect.poll(() => phone.getByRole('status').textContent()).toBe('Saved');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await saveScreenshot(phone, 'written-assessment-answering-390');

    // Mid-way: a reload loses nothing.
    await phone.reload();
    expect(await first.inputValue()).toBe('I like untangling problems for people.');
    expect(await second.inputValue()).toBe('A shop owner whose orders');
    await second.press('End');
    await phone.keyboard.type(' vanished; we found them together.');

    await phone.getByRole('button', { name: 'Submit answers' }).click();
    await phone.getByRole('heading', { name: 'Submit your answers?' }).waitFor();
    expect(await phone.textContent('main')).toContain('You answered 2 of 2 questions.');
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await phone.getByRole('button', { name: 'Yes, submit my answers' }).click();
    await phone.getByRole('heading', { name: 'Your answers are submitted' }).waitFor();
    expect(await phone.textContent('main')).toContain('A shop owner whose orders vanished; we found them together.');
    expect(await phone.locator('textarea').count()).toBe(0);
    await saveScreenshot(phone, 'written-assessment-submitted-390');
    expect(refusals).toEqual([]);

    await page.reload();
    await expect
      .poll(() => timelineTitles(page))
      .toContain('Submitted their answers at Essay; they wait for a reviewer to score them');
    await context.close();
  });

  test('a reviewer scores the answers; the participant advances and their portal shows the next stage', async ({
    browser,
    page,
  }) => {
    const session = page.getByRole('article', { name: 'Essay, attempt 1' });
    const answers = session.getByRole('region', { name: 'Submitted answers' });
    await expect.poll(() => answers.textContent()).toContain('I like untangling problems for people.');
    expect(await answers.textContent()).toMatch(/Tell us about a customer you helped\. · informs \S/);
    await session.getByRole('button', { name: 'Complete with scores' }).click();
    const dialog = page.getByRole('dialog', { name: 'Complete the session' });
    // The answers sit beside the scoring form.
    await expect
      .poll(() => dialog.getByRole('region', { name: 'Submitted answers' }).textContent())
      .toContain('we found them together.');
    // The stage's interviewer scores by dimension: 80 % of its scale on each.
    for (const score of await dialog.locator('input.score-number').all()) {
      await score.fill(String(Number(await score.getAttribute('max')) * 0.8));
    }
    await expect
      .poll(() => dialog.getByRole('region', { name: 'Preview' }).textContent())
      .toContain('Advances to Panel automatically.');
    await saveScreenshot(page, 'written-assessment-scoring');
    await dialog.getByRole('button', { name: 'Save result' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => currentStep(page).textContent()).toBe('Panel');
    expect(await session.textContent()).toContain('Why do you want to work in support?');

    const context = await browser.newContext({ viewport: PHONE });
    const phone = await context.newPage();
    await phone.goto(url);
    await phone.getByRole('button', { name: 'Continue' }).click();
    await phone.getByRole('heading', { name: `Hello ${PERSON.name}` }).waitFor();
    expect(await phone.locator('[aria-current="step"]').textContent()).toContain('Panel');
    expect(await phone.getByRole('link', { name: 'Answer your written assessment' }).count()).toBe(0);
    await context.close();
  });
});
