// What keeps a recruiter out of trouble on the lists: a template that cannot take participants says so
// (and is never picked for them), template names are unique among live templates, a bulk import's
// preview knows who is already in the template, and archiving or editing where people are says how
// many and what happens to them (docs/rules.md#template-names, docs/rules.md#pipeline-validation).
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';

const BACKEND = 'Senior Backend Engineer';
const UNREADY = 'Data Engineer (no stages yet)';

const templateRow = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name });

async function openTemplate(page: Page, url: string, name: string) {
  await page.goto(`${url}/templates`);
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('list safeguards', () => {
  test('a template that cannot take participants says so in the list and its header', async ({ app, page }) => {
    await page.goto(`${app.url}/templates`);
    await page.getByRole('button', { name: 'New template' }).click();
    const create = page.getByRole('dialog', { name: 'New evaluation template' });
    await create.getByLabel('Name', { exact: true }).fill(UNREADY);
    await create.getByRole('button', { name: 'Create template' }).click();
    await page.getByRole('heading', { level: 1, name: UNREADY }).waitFor();
    await expect.poll(() => page.locator('main h1').textContent()).toContain('Not ready — 1 problem');

    await page.goto(`${app.url}/templates`);
    await expect.poll(() => templateRow(page, UNREADY).textContent()).toContain('Not ready — 1 problem');
    expect(await templateRow(page, BACKEND).textContent()).not.toContain('Not ready');
  });

  test('Add participant never picks a template that is not ready', async ({ app, page }) => {
    // The new template is the newest, first in every list; the first ready one is picked instead.
    await page.goto(`${app.url}/participants`);
    await page.getByRole('button', { name: 'Add participant' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add participant' });
    const select = dialog.getByRole('combobox', { name: 'Evaluation template' });
    await expect.poll(() => select.locator('option:checked').textContent()).not.toContain('not ready');
    const unready = select.locator('option', { hasText: UNREADY });
    expect(await unready.textContent()).toContain('(not ready — 1 problem)');
    expect(await unready.isDisabled()).toBe(true);
    await page.keyboard.press('Escape');

    // Filtered to that template, the dialog leaves the choice open rather than picking it.
    const id = await page.evaluate(async (name) => {
      const res = await fetch('/api/v1/evaluation-templates?status=all');
      const all = (await res.json()) as { id: string; template_name: string }[];
      return all.find((t) => t.template_name === name)?.id;
    }, UNREADY);
    await page.goto(`${app.url}/participants?template=${id}`);
    await page.getByRole('button', { name: 'Add participant' }).click();
    await expect.poll(() => select.locator('option:checked').textContent()).toBe('Choose a template…');
    expect(await select.inputValue()).toBe('');
    await page.keyboard.press('Escape');
  });

  test('a second live template of the same name is refused beside the name field', async ({ app, page }) => {
    await page.goto(`${app.url}/templates`);
    await page.getByRole('button', { name: 'New template' }).click();
    const create = page.getByRole('dialog', { name: 'New evaluation template' });
    await create.getByLabel('Name', { exact: true }).fill('senior backend  engineer');
    await create.getByRole('button', { name: 'Create template' }).click();
    await create
      .getByText('Another template is already called “senior backend  engineer”: pick another name')
      .waitFor();
    expect(await create.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
  });

  test('the import preview knows who is already in the template', async ({ app, page }) => {
    await page.goto(`${app.url}/participants?q=Priya+Raman`);
    const email = await page.locator('main tbody .row-sub').first().textContent();
    expect(email).toMatch(/@example\.com$/);
    await page.goto(`${app.url}/participants`);
    await page.getByRole('button', { name: 'Import CSV or JSON' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import participants' });
    await dialog.getByRole('combobox', { name: 'Evaluation template' }).selectOption({ label: BACKEND });
    await dialog
      .getByLabel('Participants (CSV or JSON)')
      .fill(`name,email\nPriya Again,${email!.toUpperCase()}\nNew Person,new.person@example.com`);
    const preview = dialog.getByRole('region', { name: 'Preview' });
    await expect
      .poll(() => preview.getByRole('row', { name: /Priya Again/ }).textContent())
      .toContain('already in this template');
    expect(await preview.getByRole('row', { name: /New Person/ }).textContent()).toContain('Will be added');
    await dialog.getByRole('button', { name: 'Import 1 participant' }).waitFor();
    await page.keyboard.press('Escape');
  });

  test('a stage people are in says how many, offers no Archive, and editing says what happens to them', async ({
    app,
    page,
  }) => {
    await openTemplate(page, app.url, BACKEND);
    const screen = page.getByTestId('stage-card').filter({ has: page.getByRole('heading', { name: 'Phone Screen' }) });
    await expect.poll(() => screen.textContent()).toMatch(/People here\d+ people/);
    const here = Number((await screen.textContent())!.match(/People here(\d+) people/)![1]);

    // Archiving is not offered while people are in the stage; the card says why, with the count.
    expect(await screen.getByRole('button', { name: 'Archive' }).count()).toBe(0);
    expect(await screen.textContent()).toContain(
      `${here} participants are in this stage now: move them on before archiving it.`,
    );

    await screen.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit stage' });
    await expect
      .poll(() => edit.getByRole('note').textContent())
      .toBe(
        `${here} people are in Phone Screen now. They keep the rules they entered with; your changes apply to everyone who enters from now on.`,
      );
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Archive', exact: true }).first().click();
    const template = page.getByRole('alertdialog', { name: 'Archive this template?' });
    await expect.poll(() => template.textContent()).toMatch(/\d+ people are in this template, \d+ still in progress/);
    expect(await template.textContent()).toContain('Archiving does not move or stop them');
    await template.getByRole('button', { name: 'Cancel' }).click();
  });
});
