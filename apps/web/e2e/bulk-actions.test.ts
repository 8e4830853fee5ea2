// Bulk actions and the board's drag and drop, as a recruiter uses them on the demo data: pick a
// filtered set, read the preview (each person's outcome, one refused with its reason), apply it and
// watch it run; select everyone a filter matches beyond the rows loaded; drag cards on the board by
// pointer and by keyboard, to the next stage and to Rejected; and the selection bar on a phone.
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { test } from './fixtures.ts';
import { saveScreenshot, signIn } from './harness.ts';
import { createTemplateWithStages } from './pipelines.ts';

const SUPPORT = 'Customer Support Onboarding';
const BACKEND = 'Senior Backend Engineer';

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const rowNames = (page: Page) => page.locator('main tbody th[scope="row"] .row-link').allTextContents();
const bar = (page: Page) => page.getByRole('region', { name: 'Selection' });
const column = (page: Page, title: string) => page.getByRole('region', { name: new RegExp(`^${title}, `) });
const cardsIn = (page: Page, title: string) => column(page, title).locator('.board-card-name').allTextContents();
const toast = (page: Page, text: string) => page.locator('[data-sonner-toast]', { hasText: text });
/** What the board tells a screen reader while a card is moved (dnd-kit's live region). */
const announced = (page: Page, text: string | RegExp) =>
  expect.poll(() => page.locator('[id^="DndLiveRegion"]').textContent()).toMatch(text);

/** Moves the card lifted by keyboard with `keys`, each once the previous one was announced, as a listener would. */
async function keyboardMove(page: Page, name: string, steps: [key: string, column: string][]) {
  await page.getByRole('button', { name: `Move ${name}` }).focus();
  await page.keyboard.press('Space');
  // Picked up, then at once "over" the column it was in.
  await announced(page, new RegExp(`^(Picked up ${name}\\.|${name} is over )`));
  // dnd-kit listens for the arrow keys from the next turn of the event loop after the lift, as a
  // person's next key press always is; a test's comes sooner.
  await page.waitForTimeout(100);
  for (const [key, column] of steps) {
    await page.keyboard.press(key);
    await announced(page, `${name} is over ${column}.`);
  }
}

/** The demo template's id, from its link on the templates list. */
async function templateId(page: Page, app: { url: string }, name: string) {
  await page.goto(`${app.url}/templates`);
  const href = await page.getByRole('link', { name, exact: true }).first().getAttribute('href');
  return href!.split('/').at(-1)!;
}

/** Drags with the mouse from the middle of `handle` to near the top of `target`, in small steps as a hand does. */
async function drag(page: Page, handle: Locator, target: Locator) {
  await handle.scrollIntoViewIfNeeded();
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 12 });
  await page.mouse.up();
}

describe('bulk actions with a preview', () => {
  test('a recruiter bulk-advances a filtered set after reading the preview: one refused, with its reason', async ({
    app,
    page,
    pageErrors,
  }) => {
    await page.goto(`${app.url}/participants`);
    await heading(page, 'Participants').waitFor();
    await page.getByRole('combobox', { name: 'Template' }).selectOption({ label: SUPPORT });
    await page.getByRole('combobox', { name: 'Stage' }).selectOption({ label: 'Live Ticket Shadowing' });
    await expect.poll(async () => (await rowNames(page)).sort()).toEqual(['Liam O’Connor', 'Zara Ahmed']);

    // By keyboard: Tab to a row's box and Space to pick it; then the other with the mouse.
    await page.getByRole('checkbox', { name: 'Select Zara Ahmed' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'Select Liam O’Connor' }).check();
    await expect.poll(() => bar(page).textContent()).toContain('2 selected.');
    expect(await page.getByRole('checkbox', { name: 'Select everyone shown' }).isChecked()).toBe(true);

    await bar(page).getByRole('button', { name: 'Act on 2 people…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Act on 2 people' });
    expect(await dialog.getByRole('radio', { name: 'Advance' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Preview' }).click();

    // The preview: nothing has happened; each person's outcome, in the server's words.
    await dialog.getByText('Preview: 1 will be advanced, 1 refused. Nothing has changed yet.').waitFor();
    const zara = dialog.getByRole('row', { name: /Zara Ahmed/ });
    expect(await zara.textContent()).toContain('Will happen');
    expect(await zara.textContent()).toContain('Moves to Team Lead Sign-off');
    const liam = dialog.getByRole('row', { name: /Liam O’Connor/ });
    expect(await liam.textContent()).toContain('Refused');
    expect(await liam.textContent()).toContain(
      'Liam O’Connor has not passed stage "Live Ticket Shadowing" (failed); advancing them anyway requires a note',
    );
    await dialog
      .getByText('1 person has not passed their stage: go back and add a note to advance them anyway.')
      .waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'bulk-preview');

    // Applied: it runs, then says what happened to each.
    await dialog.getByRole('button', { name: 'Advance 1 person' }).click();
    await dialog.getByText('Finished: 1 advanced, 1 not done.').waitFor();
    expect(await dialog.getByRole('row', { name: /Zara Ahmed/ }).textContent()).toContain('Done');
    expect(await dialog.getByRole('row', { name: /Liam O’Connor/ }).textContent()).toContain('Not done');
    expect(await dialog.locator('progress').evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([2, 2]);
    await saveScreenshot(page, 'bulk-result');
    await dialog.getByRole('button', { name: 'Done' }).click();

    // Zara moved on; Liam stays; the selection is spent.
    await expect.poll(() => rowNames(page)).toEqual(['Liam O’Connor']);
    expect(await bar(page).count()).toBe(0);
    await page.goto(`${app.url}/participants?q=Zara`);
    await page.getByRole('link', { name: 'Zara Ahmed', exact: true }).click();
    await heading(page, 'Zara Ahmed').waitFor();
    await page.getByText('Entered Team Lead Sign-off').first().waitFor();
    await page.getByText('Part of a bulk action').first().waitFor();
    expect(pageErrors).toEqual([]);
  });

  test('“select all N matching the filter” reaches beyond the rows loaded', async ({ app, page, pageErrors }) => {
    await page.goto(`${app.url}/templates`);
    await createTemplateWithStages(page, 'Bulk Cohort', [
      { stage_name: 'Orientation', stage_type: 'manual_review', pass_threshold: 50, automation_rule: 'auto_advance' },
    ]);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    const people = Array.from({ length: 55 }, (_, i) => ({
      name: `Cohort Member ${i + 1}`,
      email: `cohort${i + 1}@example.com`,
    }));
    const status = await page.evaluate(
      async ({ id, people }) =>
        (
          await fetch('/api/v1/participants/bulk', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-stageflow-client': 'web' },
            body: JSON.stringify({ evaluation_template_id: id, participants: people }),
          })
        ).status,
      { id, people },
    );
    expect(status).toBe(200);

    await page.goto(`${app.url}/participants?template=${id}`);
    await expect.poll(async () => (await rowNames(page)).length).toBe(50);
    await page.getByRole('checkbox', { name: 'Select everyone shown' }).check();
    await expect.poll(() => bar(page).textContent()).toContain('50 selected.');
    await bar(page).getByRole('button', { name: 'Select all 55 matching the filters' }).click();
    await expect
      .poll(() => bar(page).textContent())
      .toContain('All 55 participants matching the filters are selected.');

    await bar(page).getByRole('button', { name: 'Act on 55 people…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Act on 55 people' });
    await dialog.getByRole('radio', { name: 'Tag' }).check();
    await dialog.getByLabel('Add tags').fill('wave-1');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByText('Preview: 55 will be tagged.').waitFor();
    await dialog.getByRole('button', { name: 'Tag 55 people' }).click();
    await dialog.getByText('Finished: 55 tagged.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    // Number 1 was never loaded on the first page (the newest come first), and is tagged all the same.
    await page.goto(`${app.url}/participants?template=${id}&q=${encodeURIComponent('Cohort Member 1')}`);
    await page.getByRole('link', { name: 'Cohort Member 1', exact: true }).click();
    await heading(page, 'Cohort Member 1').waitFor();
    await page.getByText('wave-1').first().waitFor();
    expect(pageErrors).toEqual([]);
  });
});

describe('dragging cards on the board', () => {
  test('a card dragged to the next stage advances, with the button’s confirmation and note rule', async ({
    app,
    page,
    pageErrors,
  }) => {
    const id = await templateId(page, app, BACKEND);
    await page.goto(`${app.url}/templates/${id}/board`);
    await heading(page, `${BACKEND}: participants`).waitFor();

    // Emma passed Technical: her advance needs no note.
    await drag(page, page.getByRole('button', { name: 'Move Emma Johansson' }), column(page, 'Final'));
    const advanceEmma = page.getByRole('dialog', { name: 'Advance Emma Johansson?' });
    await advanceEmma.getByText('They move on to Final. Anything open at this stage is closed.').waitFor();
    await saveScreenshot(page, 'board-drop-advance');
    await advanceEmma.getByRole('button', { name: 'Advance' }).click();
    await advanceEmma.waitFor({ state: 'hidden' });
    await expect.poll(() => cardsIn(page, 'Final')).toContain('Emma Johansson');
    expect(await cardsIn(page, 'Technical')).not.toContain('Emma Johansson');

    // Chen has not passed: as on his page, the advance needs a note.
    await drag(page, page.getByRole('button', { name: 'Move Chen Wei' }), column(page, 'Final'));
    const advanceChen = page.getByRole('dialog', { name: 'Advance Chen Wei?' });
    await advanceChen.getByText(/They have not passed Technical\./).waitFor();
    await advanceChen.getByRole('button', { name: 'Advance' }).click();
    await advanceChen.getByText('Advancing someone who has not passed the stage needs a note: say why.').waitFor();
    await advanceChen.getByLabel('Note').fill('Strong referral from the platform team.');
    await advanceChen.getByRole('button', { name: 'Advance' }).click();
    await advanceChen.waitFor({ state: 'hidden' });
    await expect.poll(() => cardsIn(page, 'Final')).toContain('Chen Wei');
    expect(pageErrors).toEqual([]);
  });

  test('other drops are refused in plain words, and nothing moves', async ({ app, page }) => {
    const id = await templateId(page, app, BACKEND);
    // Searched, so every column is short and in view.
    await page.goto(`${app.url}/templates/${id}/board?q=Sofia`);
    await expect.poll(() => cardsIn(page, 'Technical')).toEqual(['Sofia Rossi']);

    await drag(page, page.getByRole('button', { name: 'Move Sofia Rossi' }), column(page, 'Phone Screen'));
    await toast(page, 'The board moves people forward only: Sofia Rossi is at Technical.').waitFor();
    await drag(page, page.getByRole('button', { name: 'Move Sofia Rossi' }), column(page, 'Completed'));
    await toast(page, 'Sofia Rossi still has Final ahead: drop them on Final to advance them.').waitFor();
    await drag(page, page.getByRole('button', { name: 'Move Sofia Rossi' }), column(page, 'Withdrawn'));
    await toast(page, 'To withdraw Sofia Rossi, open their page and choose Withdraw…').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await cardsIn(page, 'Technical')).toContain('Sofia Rossi');
  });

  test('by keyboard: Space lifts a card, the arrow keys choose a column, Space drops it', async ({ app, page }) => {
    const id = await templateId(page, app, BACKEND);
    await page.goto(`${app.url}/templates/${id}/board`);

    // Kwame passed Technical: → is Final.
    await keyboardMove(page, 'Kwame Mensah', [['ArrowRight', 'Final']]);
    await page.keyboard.press('Space');
    const advance = page.getByRole('dialog', { name: 'Advance Kwame Mensah?' });
    await advance.getByRole('button', { name: 'Advance' }).click();
    await advance.waitFor({ state: 'hidden' });
    await expect.poll(() => cardsIn(page, 'Final')).toContain('Kwame Mensah');

    // Tom: → Final, ↓ Completed, ↓ Rejected; rejected with a note.
    await keyboardMove(page, 'Tom Nguyen', [
      ['ArrowRight', 'Final'],
      ['ArrowDown', 'Completed'],
      ['ArrowDown', 'Rejected'],
    ]);
    await page.keyboard.press('Space');
    const reject = page.getByRole('dialog', { name: 'Reject Tom Nguyen?' });
    await reject.getByLabel('Note').fill('Below the bar after both attempts.');
    await reject.getByRole('button', { name: 'Reject' }).click();
    await reject.waitFor({ state: 'hidden' });
    await expect.poll(() => cardsIn(page, 'Rejected')).toContain('Tom Nguyen');

    // Escape puts a lifted card back.
    await keyboardMove(page, 'Ravi Patel', [['ArrowRight', 'Final']]);
    await page.keyboard.press('Escape');
    await announced(page, 'Moving Ravi Patel was cancelled.');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await cardsIn(page, 'Technical')).toContain('Ravi Patel');
  });
});

describe('on a phone', () => {
  test('the selection bar fits 390 px on the list and the board', async ({ app, browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await context.newPage();
    phone.setDefaultTimeout(10_000);
    await signIn(phone, app);
    const sideways = () =>
      phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const fits = async () => {
      const box = (await bar(phone).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(await sideways()).toBe(0);
    };

    await phone.goto(`${app.url}/participants`);
    await phone.getByRole('checkbox', { name: 'Select everyone shown' }).check();
    await bar(phone)
      .getByRole('button', { name: /^Act on / })
      .waitFor();
    await fits();
    await saveScreenshot(phone, 'bulk-phone-list');

    const id = await templateId(phone, app, BACKEND);
    await phone.goto(`${app.url}/templates/${id}/board`);
    await phone.getByRole('checkbox', { name: 'Select Priya Raman' }).check();
    await fits();
    await bar(phone).getByRole('button', { name: 'Act on 1 person…' }).click();
    const dialog = phone.getByRole('dialog', { name: 'Act on 1 person' });
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByText(/^Preview:/).waitFor();
    expect(await sideways()).toBe(0);
    await saveScreenshot(phone, 'bulk-phone-preview');
    await context.close();
  });
});
