// The stage dialog reads like the walkthrough it was written from: "Set the Stage name and type · Pick the
// Agent profile · Set the order and the pass threshold, then choose what happens on completion · Save".
// The API underneath keeps the seed's fields; only the words and the order are the walkthrough's.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { test } from './fixtures.ts';
import { saveScreenshot, signIn } from './harness.ts';
import { createTemplateWithStages } from './pipelines.ts';

const PHONE = { width: 390, height: 844 };
const TEMPLATE = 'Walkthrough Check';
const PIPELINE = [
  { stage_name: 'Phone Screen', stage_type: 'manual_review', pass_threshold: 60 },
  { stage_name: 'Technical', stage_type: 'manual_review', pass_threshold: 75 },
];

const stagesSection = (page: Page) => page.getByRole('region', { name: 'Stages', exact: true });
const stageNames = (page: Page) => page.getByTestId('stage-card').locator('h3').allTextContents();

/** What assistive technology reads with a field: the texts its aria-describedby points at. */
const describedAs = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

/** A template's stages as the API gives them: the seed's fields, unchanged by the dialog's words. */
const apiStages = (page: Page, templateId: string) =>
  page.evaluate(async (id) => {
    const input = encodeURIComponent(JSON.stringify({ evaluation_template_id: id }));
    const response = await fetch(`/trpc/stages.list?input=${input}`);
    return ((await response.json()) as { result: { data: Record<string, unknown>[] } }).result.data;
  }, templateId);

describe('the stage dialog in the walkthrough’s words', () => {
  test('adding a stage follows the steps, chooses its place in words and saves the seed’s fields', async ({
    app,
    page,
    pageErrors,
  }) => {
    await page.goto(`${app.url}/templates`);
    await createTemplateWithStages(page, TEMPLATE, PIPELINE);
    const templateId = new URL(page.url()).pathname.split('/').pop()!;

    await stagesSection(page).getByRole('button', { name: 'Add stage', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add stage' });
    await dialog.waitFor();
    // The steps, in order, as the groups of the form.
    const legends = await dialog.locator('fieldset > legend').allTextContents();
    expect(legends).toEqual(['Stage name and type', 'Agent profile', 'Order and pass threshold', 'On completion']);
    expect(await dialog.getByRole('button', { name: 'Save stage' }).isVisible()).toBe(true);

    // Step 1: the stage type is the format select; the short type label is folded under More.
    const stageType = dialog.getByLabel('Stage type');
    expect(await stageType.locator('option').allTextContents()).toEqual([
      'AI interview',
      'Role-play simulation',
      'Practice session',
      'Manual review',
      'Async assessment',
      'Final review',
    ]);
    expect(await dialog.getByLabel('Type label').isVisible()).toBe(false);
    await dialog.getByLabel('Stage name').fill('Bar Raiser');
    await stageType.selectOption('manual_review');

    // Step 2: the agent profile, named so.
    expect(
      await dialog
        .getByLabel(/^Agent profile/)
        .locator('option')
        .first()
        .textContent(),
    ).toBe('No agent profile');

    // Step 3: the position in words, at the end unless chosen; an empty pass threshold says what it means.
    const position = dialog.getByLabel('Position');
    expect(await position.locator('option').allTextContents()).toEqual([
      'First',
      'After Phone Screen',
      'After Technical',
    ]);
    expect(await position.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe(
      'After Technical',
    );
    const threshold = dialog.getByLabel(/^Pass threshold/);
    expect(await threshold.inputValue()).toBe('');
    expect(await threshold.getAttribute('placeholder')).toBeNull();
    expect(await describedAs(page, 'Pass threshold (optional)')).toContain(
      'No pass mark — everyone who completes passes.',
    );
    await threshold.fill('70');
    await expect.poll(() => describedAs(page, 'Pass threshold (optional)')).toContain('A score of 70 or more');
    await threshold.fill('');
    await expect.poll(() => describedAs(page, 'Pass threshold (optional)')).toContain('No pass mark');
    await position.selectOption({ label: 'After Phone Screen' });

    // More: the type label was made from the name.
    await dialog.locator('summary', { hasText: 'More' }).click();
    expect(await dialog.getByLabel('Type label').inputValue()).toBe('bar_raiser');
    await saveScreenshot(page, 'stage-walkthrough-dialog');

    await dialog.getByRole('button', { name: 'Save stage' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => stageNames(page)).toEqual(['Phone Screen', 'Bar Raiser', 'Technical']);
    const saved = (await apiStages(page, templateId)).find((s) => s.stage_name === 'Bar Raiser');
    expect(saved).toMatchObject({
      type: 'bar_raiser',
      stage_type: 'manual_review',
      stage_order: 1,
      pass_threshold: null,
      agent_profile_id: null,
    });
    expect(pageErrors).toEqual([]);
  });

  test('editing shows the stage’s own place, and a name is the first thing asked for', async ({ page }) => {
    await page
      .getByRole('article', { name: /Technical/ })
      .getByRole('button', { name: 'Edit' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Edit stage' });
    const position = dialog.getByLabel('Position');
    expect(await position.locator('option').allTextContents()).toEqual([
      'First',
      'After Phone Screen',
      'After Bar Raiser',
    ]);
    expect(await position.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe(
      'After Bar Raiser',
    );
    expect(await dialog.getByLabel(/^Pass threshold/).inputValue()).toBe('75');

    await dialog.getByLabel('Stage name').fill('');
    await dialog.getByRole('button', { name: 'Save stage' }).click();
    await expect.poll(() => describedAs(page, 'Stage name')).toContain('Enter a stage name');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await stageNames(page)).toEqual(['Phone Screen', 'Bar Raiser', 'Technical']);
  });

  test('on a phone the dialog is one column, with nothing sideways and no serious axe finding', async ({
    app,
    browser,
  }) => {
    const context = await browser.newContext({ viewport: PHONE });
    const phone = await context.newPage();
    phone.setDefaultTimeout(10_000);
    await signIn(phone, app);
    await phone.goto(`${app.url}/templates`);
    await phone.getByRole('link', { name: TEMPLATE }).first().click();
    await stagesSection(phone).getByRole('button', { name: 'Add stage', exact: true }).click();
    const dialog = phone.getByRole('dialog', { name: 'Add stage' });
    await dialog.waitFor();
    await dialog.locator('summary', { hasText: 'More' }).click();
    const body = dialog.locator('.dialog-body');
    expect(await body.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
    for (const label of ['Stage name', 'Stage type', 'Position', 'Type label']) {
      const box = await dialog.getByLabel(label, { exact: true }).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, label).toBe(true);
    }
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await saveScreenshot(phone, 'stage-walkthrough-phone');
    await context.close();
  });
});
