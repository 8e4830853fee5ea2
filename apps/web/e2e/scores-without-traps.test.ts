// Scores without traps, in Chromium (docs/rules.md#correcting-a-score): every score field and scorecard says
// its scale; a person's score is corrected with a note and the rules act on the new one while the participant
// is still at the stage; a reviewer's advance on a failing score reads as what it was, never as a pass.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { createTemplateWithStages } from './pipelines.ts';

const TEMPLATE = 'Scores Check';
/** Technical: pass mark 75, one attempt, advancing automatically; then a second stage to land in. */
const PIPELINE = [
  { stage_name: 'Technical', stage_type: 'manual_review', pass_threshold: 75, automation_rule: 'auto_advance' },
  { stage_name: 'Culture', stage_type: 'manual_review', pass_threshold: 60, automation_rule: 'auto_advance' },
];

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const stageCard = (page: Page) => page.getByRole('region', { name: /^Now at / });
const sessions = (page: Page) => page.getByRole('region', { name: 'Sessions and scorecards' });
const currentStep = (page: Page) => page.locator('.stage-track [aria-current="step"] .stage-step-name');
const timelineTitles = (page: Page) =>
  page.getByRole('list', { name: 'Timeline' }).locator('.timeline-title').allTextContents();

async function addParticipant(page: Page, name: string, email: string) {
  await nav(page).getByRole('link', { name: 'Evaluation Templates' }).click();
  await page.getByRole('link', { name: TEMPLATE, exact: true }).click();
  await heading(page, TEMPLATE).waitFor();
  await page.getByRole('link', { name: 'Participants board' }).click();
  await heading(page, `${TEMPLATE}: participants`).waitFor();
  await page.getByRole('button', { name: 'Add participant' }).first().click();
  const adding = page.getByRole('dialog', { name: 'Add participant' });
  await adding.getByLabel('Name').fill(name);
  await adding.getByLabel('Email').fill(email);
  await adding.getByRole('button', { name: 'Add participant' }).click();
  await adding.waitFor({ state: 'hidden' });
  await page
    .getByRole('region', { name: /^Technical, / })
    .getByRole('link', { name: new RegExp(name) })
    .click();
  await heading(page, name).waitFor();
}

async function recordResult(page: Page, score: string) {
  await stageCard(page).getByRole('button', { name: 'Record result' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a result' });
  // The scale is in the field's own label.
  await dialog.getByLabel('Overall score — out of 100').fill(score);
  await dialog.getByRole('button', { name: 'Save result' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('scores without traps, in Chromium', () => {
  test('a typo of 45 for 80 is corrected with a note, and the rules act on the 80', async ({ page }) => {
    await nav(page).getByRole('link', { name: 'Evaluation Templates' }).click();
    await createTemplateWithStages(page, TEMPLATE, PIPELINE);
    await addParticipant(page, 'Priya Raman', 'priya@example.com');
    await recordResult(page, '45');
    await sessions(page).getByText('out of 100 · pass mark 75').first().waitFor();

    await sessions(page).getByRole('button', { name: 'Correct score' }).click();
    const dialog = page.getByRole('dialog', { name: 'Correct the score' });
    await dialog.getByLabel('Overall score — out of 100').fill('80');
    await dialog.getByRole('button', { name: 'Correct the score' }).click();
    await dialog.getByText('Say why you correct the score').waitFor();
    await dialog.getByLabel('Why you correct it').fill('Typed 45 for 80.');
    await dialog.getByRole('button', { name: 'Correct the score' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(() => currentStep(page).textContent()).toBe('Culture');
    await sessions(page)
      .getByText(/^The earlier score \(45 out of 100\) was corrected by /)
      .waitFor();
    expect(await timelineTitles(page)).toEqual(
      expect.arrayContaining(['Reviewer corrected the score at Technical', 'Passed Technical']),
    );
  });

  test('a reviewer advancing on 45 reads as what it was, never as a pass', async ({ page }) => {
    await addParticipant(page, 'Omar Ali', 'omar@example.com');
    await recordResult(page, '45');
    await page.getByRole('button', { name: 'Advance instead…' }).first().click();
    const note = page.getByRole('dialog', { name: /^Advance Omar Ali against the suggestion/ });
    await note.getByLabel('Note').fill('Strong portfolio makes up for it.');
    await note.getByRole('button', { name: 'Advance' }).click();
    await note.waitFor({ state: 'hidden' });

    await expect.poll(() => currentStep(page).textContent()).toBe('Culture');
    await expect
      .poll(() => timelineTitles(page))
      .toEqual(expect.arrayContaining(['Advanced by reviewer at Technical — 45 against a pass mark of 75']));
    expect(await timelineTitles(page)).not.toContain('Passed Technical');
    expect(await page.locator('.stage-track .stage-step-state').first().textContent()).toBe('Advanced without passing');
  });
});
