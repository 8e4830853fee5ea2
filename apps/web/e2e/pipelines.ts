// Steps several browser tests share: a template made through the dashboard, its stages imported as
// the seed's JSON, as a person would do it.
import type { Page } from 'playwright-core';

/**
 * From the templates list: a new template named `name`, then `stages` (a JSON array of stages) through
 * Import JSON. Leaves the page on the template.
 */
export async function createTemplateWithStages(page: Page, name: string, stages: unknown[]): Promise<void> {
  await page.getByRole('button', { name: 'New template' }).click();
  const create = page.getByRole('dialog', { name: 'New evaluation template' });
  await create.getByLabel('Name', { exact: true }).fill(name);
  await create.getByRole('button', { name: 'Create template' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page
    .getByRole('region', { name: 'Stages', exact: true })
    .getByRole('button', { name: 'Import JSON' })
    .first()
    .click();
  const importing = page.getByRole('dialog', { name: 'Import stages from JSON' });
  await importing.getByLabel('Stages JSON').fill(JSON.stringify(stages));
  await importing
    .getByRole('button', { name: `Import ${stages.length} stage${stages.length === 1 ? '' : 's'}` })
    .click();
  await importing.waitFor({ state: 'hidden' });
}
