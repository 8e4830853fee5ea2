// Errors where the eye is: a refusal inside a dialog shows inside the dialog, naming things by name; a
// stage card offers only what the server would accept, with the reason; a page whose data could not be
// loaded says what happened and offers Retry.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { test } from './fixtures.ts';
import { saveScreenshot, signIn } from './harness.ts';
import { createTemplateWithStages } from './pipelines.ts';

const PHONE = { width: 390, height: 844 };
const TEMPLATE = 'Refusal Check';
const PIPELINE = ['Screen', 'Panel', 'Debrief'].map((stage_name) => ({
  stage_name,
  stage_type: 'manual_review',
  pass_threshold: 60,
}));
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const card = (page: Page, name: string) => page.getByRole('article', { name: new RegExp(`^${name}`) });
const toasts = (page: Page) => page.locator('[data-sonner-toast]');

/** A tRPC mutation from the signed-in page, as the app sends it. */
const mutate = (page: Page, path: string, input: unknown) =>
  page.evaluate(
    async ([path, input]) => {
      const response = await fetch(`/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-stageflow-client': 'web' },
        body: JSON.stringify(input),
      });
      return { status: response.status, body: await response.json() };
    },
    [path, input] as const,
  );

describe('errors where the eye is', () => {
  let participantId: string;

  test('a stage people are in offers neither Archive nor Delete, and says why; one they went through offers Archive', async ({
    app,
    page,
  }) => {
    await page.goto(`${app.url}/templates`);
    await createTemplateWithStages(page, TEMPLATE, PIPELINE);
    const templateId = new URL(page.url()).pathname.split('/').pop();
    const enrolled = await mutate(page, 'participants.create', {
      evaluation_template_id: templateId,
      name: 'Rosa Park',
      email: 'rosa.park@example.com',
    });
    expect(enrolled.status).toBe(200);
    participantId = enrolled.body.result.data.id;
    await page.reload();

    const screen = card(page, 'Screen');
    await screen.getByText('1 participant is in this stage now: move them on before archiving it.').waitFor();
    expect(await screen.getByRole('button', { name: /^(Archive|Delete)$/ }).count()).toBe(0);
    // Nobody has been in the others yet: both are offered.
    expect(await card(page, 'Panel').getByRole('button', { name: 'Delete' }).count()).toBe(1);

    // Moved on: Screen keeps their history, so it can be archived but not deleted.
    expect(
      (await mutate(page, 'participants.advance', { participant_id: participantId, note: 'Strong referral' })).status,
    ).toBe(200);
    await page.reload();
    await screen.getByText(/can be archived but not deleted/).waitFor();
    expect(await screen.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    const archive = screen.getByRole('button', { name: 'Archive' });
    expect(await archive.evaluate((el) => el.getAttribute('aria-describedby'))).toBeTruthy();
    await saveScreenshot(page, 'refusals-in-view-cards');
  });

  test('a refusal that arrives while a dialog is open shows inside it, by name, with Reload', async ({ page }) => {
    // Delete is offered for Debrief; before it is confirmed, the participant moves into it.
    await card(page, 'Debrief').getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete this stage?' });
    await dialog.waitFor();
    expect(
      (await mutate(page, 'participants.advance', { participant_id: participantId, note: 'Panel waived' })).status,
    ).toBe(200);

    await dialog.getByRole('button', { name: 'Delete stage' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    const said = (await alert.textContent()) ?? '';
    expect(said).toContain(
      'The stage "Debrief" is used by 1 participant record, so it cannot be deleted: archive it instead',
    );
    expect(said).not.toMatch(UUID);
    // Where the eye is: in the dialog, not in a toast behind its backdrop.
    expect(await toasts(page).count()).toBe(0);
    expect(await dialog.isVisible()).toBe(true);
    await saveScreenshot(page, 'refusals-in-view-dialog');

    // Reload refreshes what the page knows; the card then offers no removal for Debrief, and says why.
    await alert.getByRole('button', { name: 'Reload' }).click();
    await alert.waitFor({ state: 'hidden' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await card(page, 'Debrief')
      .getByText(/1 participant is in this stage now/)
      .waitFor();
    expect(
      await card(page, 'Debrief')
        .getByRole('button', { name: /^(Archive|Delete)$/ })
        .count(),
    ).toBe(0);
  });

  test('a page whose data could not be read says what happened and offers Retry', async ({ app, page, pageErrors }) => {
    // A proxy's error page where the API's answer should be.
    await page.route('**/trpc/**templates.list**', (route) =>
      route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body>Bad gateway</body></html>' }),
    );
    await page.goto(`${app.url}/templates`);
    const error = page
      .getByRole('alert')
      .filter({ has: page.getByRole('heading', { name: 'Could not load templates' }) });
    await error.waitFor({ timeout: 15_000 });
    const said = (await error.textContent()) ?? '';
    expect(said).toContain("The server's answer could not be read");
    expect(said).not.toContain('Unable to transform');
    expect(said).not.toContain('JSON');

    await page.unroute('**/trpc/**templates.list**');
    await error.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('link', { name: TEMPLATE }).first().waitFor();
    expect(await error.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  test('on a phone the refusal sits above the dialog’s buttons, on screen', async ({ app, browser }) => {
    const context = await browser.newContext({ viewport: PHONE });
    const phone = await context.newPage();
    phone.setDefaultTimeout(10_000);
    await signIn(phone, app);
    await phone.goto(`${app.url}/templates`);
    await phone.getByRole('link', { name: TEMPLATE }).first().click();
    // Edited by someone else in the meantime: the save is refused as stale.
    await card(phone, 'Panel').getByRole('button', { name: 'Edit' }).click();
    const dialog = phone.getByRole('dialog', { name: 'Edit stage' });
    await dialog.waitFor();
    const templateId = new URL(phone.url()).pathname.split('/').pop();
    const stages = await phone.evaluate(async (id) => {
      const input = encodeURIComponent(JSON.stringify({ evaluation_template_id: id }));
      const response = await fetch(`/trpc/stages.list?input=${input}`);
      return ((await response.json()) as { result: { data: { id: string; stage_name: string }[] } }).result.data;
    }, templateId);
    const panel = stages.find((s) => s.stage_name === 'Panel')!;
    expect((await mutate(phone, 'stages.update', { id: panel.id, duration_minutes: 50 })).status).toBe(200);

    await dialog.getByLabel(/^Pass threshold/).fill('65');
    await dialog.getByRole('button', { name: 'Save stage' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Evaluation template “Refusal Check” was changed by someone else');
    const box = (await alert.boundingBox())!;
    expect(box.y >= 0 && box.y + box.height <= PHONE.height && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(
      true,
    );
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await saveScreenshot(phone, 'refusals-in-view-phone');

    // Reload, then the same save goes through with the template's new version.
    await alert.getByRole('button', { name: 'Reload' }).click();
    await alert.waitFor({ state: 'hidden' });
    await dialog.getByRole('button', { name: 'Save stage' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await context.close();
  });
});
