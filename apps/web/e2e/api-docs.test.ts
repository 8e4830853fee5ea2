import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';

describe('Developer → API docs', () => {
  test('renders the OpenAPI document by resource, with fields and a curl to copy', async ({
    app,
    page,
    pageErrors,
  }) => {
    await page.goto(`${app.url}/developer/api-docs`);
    await page.getByRole('heading', { level: 1, name: 'API docs' }).waitFor();

    for (const tag of ['Evaluation templates', 'Evaluation stages', 'Agent profiles', 'Participants', 'Sessions']) {
      await page.getByRole('heading', { level: 2, name: tag }).waitFor();
    }
    // The seed's route: its body fields with types, and a curl with the key variable and the seed's body.
    const createStage = page.locator('details', { hasText: 'Add a stage to a template' });
    await createStage.locator('summary').click();
    const body = createStage.getByRole('table', { name: /Body of post \/evaluation-stages/ });
    await expect.poll(() => body.getByRole('row').count()).toBeGreaterThan(10);
    const row = body.getByRole('row', { name: /automation_rule/ });
    await expect.poll(() => row.textContent()).toContain('"none" | "auto_advance" | "require_reviewer_approval"');
    const curl = await createStage.locator('pre').textContent();
    expect(curl).toContain(`curl -X POST "${app.url}/api/v1/evaluation-stages"`);
    expect(curl).toContain('-H "x-api-key: $STAGEFLOW_API_KEY"');
    expect(curl).toContain('"automation_rule": "require_reviewer_approval"');
    await expect.poll(() => createStage.textContent()).toContain('evaluation_stages.write');

    // A response names its schema; following the link opens it.
    await createStage.getByRole('link', { name: 'PipelineResult' }).click();
    const schema = page.locator('details#schema-pipelineresult');
    await expect.poll(() => schema.getAttribute('open')).not.toBeNull();

    await page.goto(`${app.url}/developer/api-docs#tag-sessions`);
    await saveScreenshot(page, 'api-docs');
    expect(pageErrors).toEqual([]);
  });

  test("the participant portal's API: how it signs in, and its routes with the portal token in curl", async ({
    app,
    page,
    pageErrors,
  }) => {
    await page.goto(`${app.url}/developer/api-docs`);
    const intro = page.getByRole('region', { name: 'The participant portal’s API' });
    await expect.poll(() => intro.textContent()).toContain(`${app.url}/api/portal/v1`);
    expect(await intro.textContent()).toContain('Authorization: Bearer');
    await page.getByRole('heading', { level: 2, name: 'Participant portal', exact: true }).waitFor();
    const start = page.locator('details', { hasText: 'Start your current stage now, or book it' });
    await start.locator('summary').click();
    const curl = await start.locator('pre').textContent();
    expect(curl).toContain(`curl -X POST "${app.url}/api/portal/v1/sessions"`);
    expect(curl).toContain('-H "Authorization: Bearer $PORTAL_TOKEN"');
    expect(curl).not.toContain('x-api-key');
    await expect.poll(() => start.textContent()).toContain('Idempotency-Key');
    await start.getByRole('link', { name: 'PortalSessionDetail' }).click();
    await expect.poll(() => page.locator('details#schema-portalsessiondetail').getAttribute('open')).not.toBeNull();
    await page.goto(`${app.url}/developer/api-docs#tag-participant-portal`);
    await saveScreenshot(page, 'api-docs-portal');
    expect(pageErrors).toEqual([]);
  });

  test('the document itself is public JSON', async ({ app }) => {
    const res = await fetch(`${app.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { info: { title: string } }).info.title).toBe('Stageflow');
  });
});
