// Stages reordered under a participant, in Chromium: the page must announce the stage the server will
// move them to. Aptitude, Behaviour, Casework; Rita passes Aptitude and sits at Behaviour; the admin moves
// Behaviour to the front. Going by order alone, Aptitude would come next, but she has passed it already:
// the server moves her to Casework, and the page, the result dialog and the move itself must all agree.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';
import { createTemplateWithStages } from './pipelines.ts';

const TEMPLATE = 'Reorder Check';
/** Three manual reviews (one overall score), each passed at 60 and advancing automatically. */
const PIPELINE = ['Aptitude', 'Behaviour', 'Casework'].map((stage_name) => ({
  stage_name,
  stage_type: 'manual_review',
  pass_threshold: 60,
  automation_rule: 'auto_advance',
}));

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const currentStep = (page: Page) => page.locator('.stage-track [aria-current="step"] .stage-step-name');
const stageCard = (page: Page) => page.getByRole('region', { name: /^Now at / });
const stageNames = (page: Page) => page.getByTestId('stage-card').locator('h3').allTextContents();

/** How far the page reaches past the window's right edge, in CSS pixels. */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));

async function waitForCurrentStage(page: Page, name: string) {
  await expect.poll(() => currentStep(page).textContent()).toBe(name);
}

/** Records an overall score from the current-stage card once the preview says what will happen. */
async function recordResult(page: Page, score: string, expectNext: string, screenshot?: string) {
  await stageCard(page).getByRole('button', { name: 'Record result' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a result' });
  await dialog.getByLabel('Overall score').fill(score);
  await expect.poll(() => dialog.getByRole('region', { name: 'Preview' }).textContent()).toContain(expectNext);
  if (screenshot) await saveScreenshot(page, screenshot);
  await dialog.getByRole('button', { name: 'Save result' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function openTemplate(page: Page) {
  await nav(page).getByRole('link', { name: 'Evaluation Templates' }).click();
  await page.getByRole('link', { name: TEMPLATE, exact: true }).click();
  await heading(page, TEMPLATE).waitFor();
}

async function openParticipant(page: Page, name: string) {
  await nav(page).getByRole('link', { name: 'Participants' }).click();
  await heading(page, 'Participants').waitFor();
  await page.getByRole('link', { name, exact: true }).click();
  await heading(page, name).waitFor();
}

describe('a reorder under a participant, in Chromium', () => {
  test('Rita passes Aptitude and waits at Behaviour', async ({ page }) => {
    await nav(page).getByRole('link', { name: 'Evaluation Templates' }).click();
    await createTemplateWithStages(page, TEMPLATE, PIPELINE);

    await page.getByRole('link', { name: 'Participants board' }).click();
    await heading(page, `${TEMPLATE}: participants`).waitFor();
    await page.getByRole('button', { name: 'Add participant' }).first().click();
    const adding = page.getByRole('dialog', { name: 'Add participant' });
    await adding.getByLabel('Name').fill('Rita Moreno');
    await adding.getByLabel('Email').fill('rita@example.com');
    await adding.getByRole('button', { name: 'Add participant' }).click();
    await adding.waitFor({ state: 'hidden' });
    await page
      .getByRole('region', { name: /^Aptitude, / })
      .getByRole('link', { name: /Rita Moreno/ })
      .click();
    await heading(page, 'Rita Moreno').waitFor();

    await recordResult(page, '80', 'Advances to Behaviour automatically.');
    await waitForCurrentStage(page, 'Behaviour');
  });

  test('the admin moves Behaviour to the front', async ({ page }) => {
    await openTemplate(page);
    const saved = page.waitForResponse((r) => r.url().includes('stages.reorder'));
    await page.getByRole('button', { name: 'Move Behaviour left' }).click();
    expect((await saved).ok()).toBe(true);
    await expect.poll(() => stageNames(page)).toEqual(['Behaviour', 'Aptitude', 'Casework']);
  });

  test('her page says Casework comes next, not Aptitude, also at 390 px without overflow', async ({ page }) => {
    await openParticipant(page, 'Rita Moreno');
    await waitForCurrentStage(page, 'Behaviour');
    await expect.poll(() => stageCard(page).textContent()).toContain('next: Casework');
    expect(await stageCard(page).textContent()).not.toContain('next: Aptitude');

    await page.setViewportSize({ width: 390, height: 844 });
    await stageCard(page).waitFor();
    // Wider than the window means the page scrolls sideways: nothing may stick out.
    await expect.poll(() => horizontalOverflow(page)).toBe(0);
    await saveScreenshot(page, 'reorder-outlook-390');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test('the result dialog says "Advances to Casework", and passing Behaviour moves her there', async ({
    page,
    pageErrors,
  }) => {
    await recordResult(page, '75', 'Advances to Casework automatically.', 'reorder-outlook-record-result');
    await waitForCurrentStage(page, 'Casework');
    await expect.poll(() => stageCard(page).textContent()).toContain('next: none, they complete');
    expect(await page.locator('.stage-track .stage-step-name').allTextContents()).toEqual([
      'Aptitude',
      'Behaviour',
      'Casework',
    ]);
    await saveScreenshot(page, 'reorder-outlook');
    expect(pageErrors).toEqual([]);
  });
});
