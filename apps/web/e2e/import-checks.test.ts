// Import JSON cannot build a broken pipeline: the preview checks the pipeline the import would leave
// (repeated names, a second or misplaced final review, AI stages without an agent profile) and says so
// before anything is saved; a template with stages asks whether to add or replace; the preview table
// fits its dialog with every column, on a desktop and on a phone.
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { test } from './fixtures.ts';
import { saveScreenshot, signIn } from './harness.ts';
import { createTemplateWithStages } from './pipelines.ts';

const PHONE = { width: 390, height: 844 };
const TEMPLATE = 'Import Check';
const CURRENT = [
  { stage_name: 'Screen', stage_type: 'manual_review', pass_threshold: 60 },
  { stage_name: 'Final', stage_type: 'final_review', pass_threshold: 80 },
];
/** Against the current pipeline: a repeated name, a second final review not last, an AI stage without a profile. */
const BROKEN = [
  { stage_name: 'screen', stage_type: 'manual_review' },
  { stage_name: 'Wrap-up', stage_type: 'final_review' },
  { stage_name: 'Talk', stage_type: 'ai_interview', pass_threshold: 70, automation_rule: 'auto_advance' },
];
const COLUMNS = ['Place', 'Stage name', 'Stage type', 'Type label', 'Agent profile', 'Pass threshold', 'On completion'];

const stagesSection = (page: Page) => page.getByRole('region', { name: 'Stages', exact: true });
const stageNames = (page: Page) => page.getByTestId('stage-card').locator('h3').allTextContents();

async function openImport(page: Page): Promise<Locator> {
  await stagesSection(page).getByRole('button', { name: 'Import JSON' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Import stages from JSON' });
  await dialog.waitFor();
  return dialog;
}

/** Nothing in the dialog lies outside it: no sideways scroll, and every cell of the preview inside its box. */
async function previewFits(dialog: Locator) {
  const body = dialog.locator('.dialog-body');
  expect(await body.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
  const box = (await body.boundingBox())!;
  const cells = dialog.locator('table tbody').locator('th, td');
  for (const cell of await cells.all()) {
    await cell.scrollIntoViewIfNeeded();
    const b = (await cell.boundingBox())!;
    expect(b.x >= box.x - 0.5 && b.x + b.width <= box.x + box.width + 0.5, (await cell.textContent()) ?? '').toBe(true);
  }
}

describe('import that cannot build a broken pipeline', () => {
  test('says what the result would break, asks add or replace, and imports only a sound pipeline', async ({
    app,
    page,
    pageErrors,
  }) => {
    await page.goto(`${app.url}/templates`);
    await createTemplateWithStages(page, TEMPLATE, CURRENT);
    const dialog = await openImport(page);
    await dialog.getByLabel('Stages JSON').fill(JSON.stringify(BROKEN));
    const importButton = dialog.locator('footer button[type="submit"]');

    // The template has stages: nothing is chosen for them, and nothing can be imported until it is.
    const mode = dialog.getByRole('group', { name: 'The template has 2 stages already' });
    for (const radio of await mode.getByRole('radio').all()) expect(await radio.isChecked()).toBe(false);
    await mode.getByText('Choose what happens to them before importing.').waitFor();
    expect(await importButton.isDisabled()).toBe(true);

    // Added after them: every problem of the pipeline it would leave, on the stage it is about.
    await mode.getByLabel('Keep them; add these after').check();
    const verdict = dialog.getByRole('alert').filter({ hasText: 'broken pipeline' });
    await verdict.waitFor();
    expect(await verdict.textContent()).toContain('"Final" is a final review but not the last stage');
    const rows = dialog.locator('table tbody tr');
    expect(await rows.nth(0).textContent()).toContain('"screen" is the name of an earlier stage too');
    expect(await rows.nth(1).textContent()).toContain('"Wrap-up" is a second final review');
    expect(await rows.nth(2).textContent()).toContain('"Talk" is an AI interview with no agent profile');
    expect(await rows.nth(2).textContent()).toContain('None: needed');
    expect(await importButton.isDisabled()).toBe(true);
    expect(await dialog.getByRole('table').locator('thead th').allTextContents()).toEqual(COLUMNS);
    await previewFits(dialog);
    await saveScreenshot(page, 'import-checks-broken');

    // Replacing them instead, with an agent profile for the AI stage: only the misplaced final review is left.
    await mode.getByLabel('Replace them (they are archived)').check();
    await dialog.getByLabel('Agent profile for the AI stages without one').selectOption({ index: 1 });
    await expect.poll(() => rows.nth(1).textContent()).toContain('"Wrap-up" is a final review but not the last stage');
    expect(await rows.nth(0).textContent()).not.toContain('earlier stage');
    expect(await rows.nth(2).textContent()).not.toContain('no agent profile');
    expect(await importButton.isDisabled()).toBe(true);

    // Fixed in the JSON: the final review last. Checked, and imported.
    await dialog.getByLabel('Stages JSON').fill(JSON.stringify([BROKEN[0], BROKEN[2], BROKEN[1]]));
    await dialog.getByText('Checked: nothing in this import breaks the pipeline.').waitFor();
    // Replacing: they are the whole pipeline, in the order given.
    expect(await rows.locator('td.import-preview-place').allTextContents()).toEqual(['1', '2', '3']);
    await dialog.getByRole('button', { name: 'Import 3 stages' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => stageNames(page)).toEqual(['screen', 'Talk', 'Wrap-up']);
    expect(await stagesSection(page).getByRole('status').filter({ hasText: 'cannot take participants' }).count()).toBe(
      0,
    );
    expect(pageErrors).toEqual([]);
  });

  test('on a phone the preview shows every column for every stage, inside the sheet', async ({ app, browser }) => {
    const context = await browser.newContext({ viewport: PHONE });
    const phone = await context.newPage();
    phone.setDefaultTimeout(10_000);
    await signIn(phone, app);
    await phone.goto(`${app.url}/templates`);
    await phone.getByRole('link', { name: TEMPLATE }).first().click();
    const dialog = await openImport(phone);
    await dialog.getByLabel('Stages JSON').fill(JSON.stringify(BROKEN));
    await dialog.getByLabel('Keep them; add these after').check();
    await dialog.getByRole('table').waitFor();

    // Each stage is a block of "Column: value" lines: every column is there, none cut off.
    const first = dialog.locator('table tbody tr').first();
    const labels = await first
      .locator('[data-label]')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-label')));
    expect(labels).toEqual(COLUMNS);
    for (const cell of await first.locator('[data-label]').all()) expect(await cell.isVisible()).toBe(true);
    await previewFits(dialog);
    expect(
      await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBe(0);
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await saveScreenshot(phone, 'import-checks-phone');
    await context.close();
  });
});
