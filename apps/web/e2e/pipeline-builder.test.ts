// The pipeline builder, the way an admin uses it: one journey through the built app in Chromium.
// The steps share one page and build on each other, in order.
import { SEED_EXAMPLE } from '@stageflow/testing';
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';

/** Stage names as drawn, left to right. */
const stageNames = (page: Page) => page.getByTestId('stage-card').locator('h3').allTextContents();

const stagesSection = (page: Page) => page.getByRole('region', { name: 'Stages', exact: true });

/** What assistive technology reads with a field: the texts its aria-describedby points at. */
const descriptionOf = (field: Locator) =>
  field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

async function createTemplate(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Evaluation Templates' }).click();
  await page.getByRole('button', { name: 'New template' }).click();
  const dialog = page.getByRole('dialog', { name: 'New evaluation template' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Use case').selectOption('hiring');
  await dialog.getByLabel('Objective').fill('Find engineers who can run the platform.');
  await dialog.getByRole('button', { name: 'Create template' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await stagesSection(page).getByRole('heading', { name: 'No stages yet' }).waitFor();
}

describe('the pipeline builder in Chromium', () => {
  test('creates a template and adds three stages through the dialog, drawn in order', async ({ app, page }) => {
    await page.goto(`${app.url}/templates`);
    await createTemplate(page, 'Platform Engineer');

    const stages: Array<[name: string, format: string, passMark: string, rule: string]> = [
      ['Phone Screen', 'ai_interview', '60', 'Advance automatically'],
      ['Technical', 'ai_interview', '75', 'Wait for reviewer approval'],
      ['Final', 'final_review', '80', 'Do nothing automatic'],
    ];
    for (const [name, format, passMark, rule] of stages) {
      await stagesSection(page).getByRole('button', { name: 'Add stage', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Add stage' });
      await dialog.getByLabel('Stage name').fill(name);
      await dialog.getByLabel('Stage type').selectOption(format);
      await dialog.getByLabel('Pass threshold').fill(passMark);
      await dialog.getByRole('radio', { name: rule }).check();
      await dialog.getByRole('button', { name: 'Save stage' }).click();
      await dialog.waitFor({ state: 'hidden' });
    }

    await expect.poll(() => stageNames(page)).toEqual(['Phone Screen', 'Technical', 'Final']);
    const first = page.getByTestId('stage-card').first();
    expect(await first.textContent()).toContain('60 / 100 to pass');
    expect(await first.textContent()).toContain('Advances automatically');
  });

  test('drags the last stage to the front, and the order is still there after a reload', async ({ page }) => {
    const from = await page.getByRole('button', { name: 'Drag Final to reorder' }).boundingBox();
    const to = await page.getByRole('button', { name: 'Drag Phone Screen to reorder' }).boundingBox();
    if (!from || !to) throw new Error('the drag handles are not on screen');

    const saved = page.waitForResponse((r) => r.url().includes('stages.reorder'));
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    // Past the pointer sensor's activation distance, then in steps onto the first stage.
    await page.mouse.move(from.x - 12, from.y + from.height / 2, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 24 });
    await page.mouse.up();
    expect((await saved).ok()).toBe(true);
    await expect.poll(() => stageNames(page)).toEqual(['Final', 'Phone Screen', 'Technical']);

    await page.reload();
    await page.getByTestId('stage-card').first().waitFor();
    expect(await stageNames(page)).toEqual(['Final', 'Phone Screen', 'Technical']);

    // A final review that is not last is a problem the banner names.
    const banner = stagesSection(page).getByRole('status').filter({ hasText: 'not the last stage' });
    expect(await banner.textContent()).toContain('"Final" is a final review but not the last stage');
  });

  test('moves a stage with the keyboard-reachable move buttons', async ({ page }) => {
    const saved = page.waitForResponse((r) => r.url().includes('stages.reorder'));
    await page.getByRole('button', { name: 'Move Final right' }).click();
    expect((await saved).ok()).toBe(true);
    await expect.poll(() => stageNames(page)).toEqual(['Phone Screen', 'Final', 'Technical']);
  });

  test('refuses a pass mark of 150 with the error beside the field', async ({ page }) => {
    await stagesSection(page).getByRole('button', { name: 'Add stage', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add stage' });
    await dialog.getByLabel('Stage name').fill('Bar Raiser');
    const passMark = dialog.getByLabel('Pass threshold');
    await passMark.fill('150');
    await dialog.getByRole('button', { name: 'Save stage' }).click();

    // The message sits in the pass mark's own field, and is the input's accessible description.
    const field = dialog.locator('.field').filter({ has: page.getByLabel('Pass threshold') });
    await field.getByText('Must be between 0 and 100').waitFor();
    expect(await passMark.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(passMark)).toContain('Must be between 0 and 100');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await stageNames(page)).toEqual(['Phone Screen', 'Final', 'Technical']);
  });

  test("imports the seed's example JSON into a new template and draws its three stages", async ({
    page,
    pageErrors,
  }) => {
    await createTemplate(page, 'Imported Pipeline');
    await stagesSection(page).getByRole('button', { name: 'Import JSON' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Import stages from JSON' });
    await dialog.getByLabel('Stages JSON').fill(JSON.stringify(SEED_EXAMPLE, null, 2));

    const preview = dialog.getByRole('table');
    await preview.waitFor();
    expect(await preview.locator('tbody tr').count()).toBe(3);
    expect(await preview.locator('tbody').textContent()).toContain('phone_screen');
    // Its two AI interviews name no agent profile: one is chosen for them before anything is imported.
    await dialog.getByLabel('Agent profile for the AI stages without one').selectOption({ index: 1 });

    await dialog.getByRole('button', { name: 'Import 3 stages' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => stageNames(page)).toEqual(['Phone Screen', 'Technical', 'Final']);
    const cards = page.getByTestId('stage-card');
    expect(await cards.nth(1).textContent()).toContain('Waits for reviewer approval');
    expect(await cards.nth(2).textContent()).toContain('Final review');

    await saveScreenshot(page, 'pipeline-builder');
    expect(pageErrors).toEqual([]);
  });
});
