// Participants through the pipeline, the way recruiters and reviewers use the dashboard: one journey
// through the built app in Chromium, on the demo data. The steps share one page and build on each
// other, in order. The demo's "Senior Backend Engineer" template runs Phone Screen (pass mark 60,
// advances automatically) → Technical (75, reviewer approval, a retake after 24 h) → Final (80, final
// review); its retake cool-down is too long for a test, so the retake story uses a template made here.
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';
import { createTemplateWithStages } from './pipelines.ts';

const BACKEND = 'Senior Backend Engineer';

/** Manual review with one retake and no cool-down, then a final review: results are one overall score. */
const RETAKE_PIPELINE = [
  {
    stage_name: 'Skills Check',
    stage_type: 'manual_review',
    pass_threshold: 70,
    automation_rule: 'auto_advance',
    allow_retake: true,
    max_attempts: 2,
    retake_cooldown_hours: 0,
  },
  { stage_name: 'Sign-off', stage_type: 'final_review', pass_threshold: 50 },
];

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
/** The pipeline step marked as the participant's current stage. */
const currentStep = (page: Page) => page.locator('.stage-track [aria-current="step"] .stage-step-name');
const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });
const timelineTitles = (page: Page) => timeline(page).locator('.timeline-title').allTextContents();
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

async function waitForCurrentStage(page: Page, name: string) {
  await expect.poll(() => currentStep(page).textContent()).toBe(name);
}

/** Opens the result dialog from the current-stage card and fills the scores given by field label. */
async function recordResult(
  page: Page,
  scores: Record<string, string>,
  expectNext: string | RegExp,
  screenshot?: string,
) {
  const card = page.getByRole('region', { name: /^Now at / });
  await card.getByRole('button', { name: /^Record (result|final review)$/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Record (a result|the final review)$/ });
  for (const [label, value] of Object.entries(scores)) await dialog.getByLabel(label).fill(value);
  // The live preview uses the domain's scoring and completion rules: it says what will happen.
  const preview = dialog.getByRole('region', { name: 'Preview' });
  await expect.poll(() => preview.textContent()).toMatch(expectNext);
  if (screenshot) await saveScreenshot(page, screenshot);
  await dialog.getByRole('button', { name: 'Save result' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function addParticipant(page: Page, person: { name: string; email: string }, template?: string) {
  await page.getByRole('button', { name: 'Add participant' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add participant' });
  if (template) await dialog.getByLabel('Evaluation template').selectOption({ label: template });
  await dialog.getByLabel('Name').fill(person.name);
  await dialog.getByLabel('Email').fill(person.email);
  await dialog.getByRole('button', { name: 'Add participant' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function openParticipant(page: Page, name: string) {
  await nav(page).getByRole('link', { name: 'Participants' }).click();
  await heading(page, 'Participants').waitFor();
  await page.getByRole('link', { name, exact: true }).click();
  await heading(page, name).waitFor();
}

/** The sidebar's open-decisions count ("7 open"), as a number: it shows no badge when none are open. */
async function openDecisionCount(page: Page): Promise<number> {
  const count = nav(page).locator('.nav-count');
  return (await count.count()) === 0 ? 0 : Number.parseInt((await count.textContent()) ?? '', 10);
}

const decisionCard = (page: Page, name: string): Locator =>
  page.getByRole('list', { name: 'Open decisions' }).getByRole('article', { name: new RegExp(`^${name} at `) });

describe('participants through the pipeline in Chromium', () => {
  /** The demo data's own open decisions, before this journey opens any: the count is checked against it. */
  let openBefore: number;

  test('adds Jane Smith, who starts at the first stage', async ({ page }) => {
    await nav(page).getByRole('link', { name: 'Participants' }).click();
    await heading(page, 'Participants').waitFor();
    await addParticipant(page, { name: 'Jane Smith', email: 'jane.smith@example.com' }, BACKEND);

    const row = page.getByRole('row', { name: /Jane Smith/ });
    await expect.poll(() => row.textContent()).toContain('Phone Screen');
    expect(await row.textContent()).toContain('Not started');

    await page.getByRole('link', { name: 'Jane Smith', exact: true }).click();
    await heading(page, 'Jane Smith').waitFor();
    await waitForCurrentStage(page, 'Phone Screen');
    expect(await page.locator('.stage-track .stage-step-name').allTextContents()).toEqual([
      'Phone Screen',
      'Technical',
      'Final',
    ]);
  });

  test('a passing phone screen advances her automatically', async ({ page }) => {
    // Sam the screener scores on 0 to 5: 4 and 4 are 80 overall, above the pass mark of 60.
    await recordResult(page, { Motivation: '4', 'Experience fit': '4' }, 'Advances to Technical automatically.');
    await waitForCurrentStage(page, 'Technical');

    // The timeline is read beside the page: wait for it to catch up.
    await expect
      .poll(async () => (await timelineTitles(page)).slice(0, 3))
      .toEqual(['Entered Technical', 'Passed Phone Screen', 'Result recorded at Phone Screen: passed']);
    const passed = timeline(page).getByRole('listitem').filter({ hasText: 'Passed Phone Screen' });
    expect(await passed.textContent()).toContain('Score 80 against a pass mark of 60');
    expect(await passed.textContent()).toContain('Rule: Advance automatically');
    expect(await passed.textContent()).toContain('Automation');
  });

  test('a technical result above the pass mark opens a decision for a reviewer', async ({ page }) => {
    // The sidebar has been up since sign-in, so its count has loaded: the demo's decisions, not ours.
    openBefore = await openDecisionCount(page);
    await recordResult(
      page,
      { 'System design': '8', Coding: '8', Communication: '8' },
      'Goes to a reviewer, who decides (suggested: advance).',
      'participant-record-result',
    );
    const card = page.getByRole('region', { name: /^Now at Technical/ });
    await expect.poll(() => card.textContent()).toContain('Awaiting decision');
    await expect
      .poll(async () => (await timelineTitles(page))[0])
      .toBe('Waiting for a reviewer’s decision at Technical');
    // The scorecard: per dimension with weights, overall against the pass mark that applied.
    const session = page.getByRole('article', { name: 'Technical, attempt 1' });
    expect(await session.textContent()).toContain('pass mark 75');
    expect(await session.getByRole('img', { name: 'System design: 80 out of 100, weight 40%' }).count()).toBe(1);
    await expect.poll(() => openDecisionCount(page)).toBe(openBefore + 1);

    await nav(page)
      .getByRole('link', { name: /Decisions/ })
      .click();
    await heading(page, 'Decisions').waitFor();
    const decision = decisionCard(page, 'Jane Smith');
    expect(await decision.textContent()).toContain('Passed; this stage needs a reviewer’s approval to move on');
    expect(await decision.textContent()).toContain('80 / 75 to pass');
    expect(await decision.textContent()).toContain('Advance');
    await saveScreenshot(page, 'decisions-inbox');
  });

  test('approving the suggestion in one click moves her to Final', async ({ page }) => {
    await decisionCard(page, 'Jane Smith').getByRole('button', { name: 'Approve: advance' }).click();
    // Her decision leaves the inbox; the demo's own open decisions stay.
    await decisionCard(page, 'Jane Smith').waitFor({ state: 'detached' });
    await expect.poll(() => openDecisionCount(page)).toBe(openBefore);

    await openParticipant(page, 'Jane Smith');
    await waitForCurrentStage(page, 'Final');
    const decided = timeline(page).getByRole('listitem').filter({ hasText: 'Reviewer decided at Technical: advance' });
    expect(await decided.textContent()).toContain('As suggested');
    expect(await decided.textContent()).toContain('Dana Demo');
  });

  test('the final review ends with "hire" and the full timeline', async ({ page }) => {
    await recordResult(page, { 'Overall score': '90' }, 'Completes the evaluation: “hire”.');
    await expect.poll(() => page.locator('.page-title .badge').textContent()).toBe('Completed: hire');
    await page.getByRole('heading', { name: 'Completed the evaluation' }).waitFor();

    await expect
      .poll(() => timelineTitles(page))
      .toEqual([
        'Completed: hire',
        'Passed Final',
        'Result recorded at Final: passed',
        'Entered Final',
        'Passed Technical',
        'Reviewer decided at Technical: advance',
        'Waiting for a reviewer’s decision at Technical',
        'Result recorded at Technical: passed',
        'Entered Technical',
        'Passed Phone Screen',
        'Result recorded at Phone Screen: passed',
        'Entered Phone Screen',
        'Enrolled',
      ]);
    // Finished: nothing left to do, so no action is offered.
    for (const name of ['Record result', 'Record final review', 'Advance…', 'Reject…', 'Withdraw…']) {
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
    }
    await saveScreenshot(page, 'participant-page');
  });

  test('a reviewer overrides a suggestion with a note, and the note shows in the timeline', async ({ page }) => {
    await nav(page).getByRole('link', { name: 'Participants' }).click();
    await addParticipant(page, { name: 'Sam Lee', email: 'sam.lee@example.com' }, BACKEND);
    await openParticipant(page, 'Sam Lee');
    await recordResult(page, { Motivation: '5', 'Experience fit': '4' }, 'Advances to Technical automatically.');
    await waitForCurrentStage(page, 'Technical');
    await recordResult(page, { 'System design': '9', Coding: '8', Communication: '7' }, /suggested: advance/);

    await nav(page)
      .getByRole('link', { name: /Decisions/ })
      .click();
    const decision = decisionCard(page, 'Sam Lee');
    await decision.getByRole('button', { name: 'Reject instead…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject Sam Lee against the suggestion?' });
    // Going against the suggestion needs a note: the form says so beside the field before sending.
    await dialog.getByRole('button', { name: 'Reject', exact: true }).click();
    await expect
      .poll(() => dialog.locator('.field-error').textContent())
      .toBe('Going against the suggestion to advance needs a note: say why.');
    await dialog.getByLabel('Note').fill('Strong scores, but the references raised concerns.');
    await dialog.getByRole('button', { name: 'Reject', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await decisionCard(page, 'Sam Lee').waitFor({ state: 'detached' });
    await expect.poll(() => openDecisionCount(page)).toBe(openBefore);

    await openParticipant(page, 'Sam Lee');
    await expect.poll(() => page.locator('.page-title .badge').textContent()).toBe('Rejected: no hire');
    const decided = timeline(page).getByRole('listitem').filter({ hasText: 'Reviewer decided at Technical: reject' });
    expect(await decided.textContent()).toContain('Against the suggestion to advance');
    expect(await decided.locator('blockquote').textContent()).toBe(
      'Strong scores, but the references raised concerns.',
    );
  });

  test('a second participant fails a stage that allows a retake, retakes and passes', async ({ page }) => {
    // A template with a retake and no cool-down, made through the UI.
    await nav(page).getByRole('link', { name: 'Evaluation Templates' }).click();
    await createTemplateWithStages(page, 'Support Trainee', RETAKE_PIPELINE);

    // Added from the template's board, where the template is already chosen.
    await page.getByRole('link', { name: 'Participants board' }).click();
    await heading(page, 'Support Trainee: participants').waitFor();
    await addParticipant(page, { name: 'Omar Haddad', email: 'omar@example.com' });
    const column = page.getByRole('region', { name: /^Skills Check, / });
    await column.getByRole('link', { name: /Omar Haddad/ }).click();
    await heading(page, 'Omar Haddad').waitFor();

    // Below the pass mark with an attempt left: a retake, nothing else.
    await recordResult(page, { 'Overall score': '55' }, 'A retake becomes available (1 of 2 attempts used).');
    const card = page.getByRole('region', { name: /^Now at Skills Check/ });
    await expect.poll(() => card.textContent()).toContain('Retake available');
    expect(await card.textContent()).toContain('1 of 2 used');
    await expect
      .poll(async () => (await timelineTitles(page)).slice(0, 2))
      .toEqual(['Retake available at Skills Check', 'Result recorded at Skills Check: did not pass']);

    // The retake as a scheduled session: schedule, start, complete with a passing score.
    await card.getByRole('button', { name: 'Schedule session' }).click();
    const schedule = page.getByRole('dialog', { name: 'Schedule a session' });
    await schedule.getByRole('button', { name: 'Schedule session' }).click();
    await schedule.waitFor({ state: 'hidden' });
    const retake = page.getByRole('article', { name: 'Skills Check, attempt 2' });
    await retake.getByRole('button', { name: 'Start session' }).waitFor();
    await saveScreenshot(page, 'participant-retake-scheduled');
    await retake.getByRole('button', { name: 'Start session' }).click();
    await expect.poll(() => retake.locator('.badge').first().textContent()).toBe('In progress');
    await retake.getByRole('button', { name: 'Complete with scores' }).click();
    const complete = page.getByRole('dialog', { name: 'Complete the session' });
    await complete.getByLabel('Overall score').fill('85');
    await expect
      .poll(() => complete.getByRole('region', { name: 'Preview' }).textContent())
      .toContain('Advances to Sign-off automatically.');
    await complete.getByRole('button', { name: 'Save result' }).click();
    await complete.waitFor({ state: 'hidden' });

    await waitForCurrentStage(page, 'Sign-off');
    await expect
      .poll(async () => (await timelineTitles(page)).slice(0, 6))
      .toEqual([
        'Entered Sign-off',
        'Passed Skills Check',
        'Result recorded at Skills Check: passed',
        'Session started at Skills Check',
        expect.stringMatching(/^Session scheduled at Skills Check for /),
        'Retake available at Skills Check',
      ]);
    expect(await page.getByRole('article', { name: 'Skills Check, attempt 1' }).textContent()).toContain(
      'Did not pass',
    );
    expect(await retake.textContent()).toContain('Passed');
  });

  test('sessions end without using an attempt, and advancing without a pass needs a note', async ({ page }) => {
    await nav(page).getByRole('link', { name: 'Participants' }).click();
    await addParticipant(page, { name: 'Lena Park', email: 'lena@example.com' }, 'Support Trainee');
    await openParticipant(page, 'Lena Park');
    const card = page.getByRole('region', { name: /^Now at Skills Check/ });

    await card.getByRole('button', { name: 'Schedule session' }).click();
    await page
      .getByRole('dialog', { name: 'Schedule a session' })
      .getByRole('button', { name: 'Schedule session' })
      .click();
    const first = page.getByRole('article', { name: 'Skills Check, attempt 1' });
    await first.getByRole('button', { name: 'Reschedule' }).click();
    const moving = page.getByRole('dialog', { name: 'Reschedule the session' });
    await moving.getByLabel('When').fill('2030-05-04T09:30');
    await moving.getByRole('button', { name: 'Move the session' }).click();
    await moving.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await timelineTitles(page))[0]).toMatch(/^Session at Skills Check moved to .*2030/);
    await first.getByRole('button', { name: 'Mark technical failure' }).click();
    const failing = page.getByRole('dialog', { name: 'Mark as a technical failure?' });
    await failing.getByLabel('What went wrong').fill('The video call dropped twice.');
    await failing.getByRole('button', { name: 'Mark technical failure' }).click();
    await failing.waitFor({ state: 'hidden' });
    await expect.poll(() => first.locator('.badge').first().textContent()).toBe('Technical failure');
    expect(await card.textContent()).toContain('0 of 2 used');
    const failed = timeline(page).getByRole('listitem').filter({ hasText: 'ended by a technical failure' });
    expect(await failed.textContent()).toContain('No attempt used');
    expect(await failed.locator('blockquote').textContent()).toBe('The video call dropped twice.');

    // An admin moves her on by hand: she has not passed, so a note is required.
    await page.getByRole('button', { name: 'Advance…' }).click();
    const advancing = page.getByRole('dialog', { name: 'Advance Lena Park?' });
    await advancing.getByRole('button', { name: 'Advance', exact: true }).click();
    await expect
      .poll(() => advancing.locator('.field-error').textContent())
      .toBe('Advancing someone who has not passed the stage needs a note: say why.');
    await advancing.getByLabel('Note').fill('Passed the same check in another programme.');
    await advancing.getByRole('button', { name: 'Advance', exact: true }).click();
    await advancing.waitFor({ state: 'hidden' });
    await waitForCurrentStage(page, 'Sign-off');
    const skipped = timeline(page)
      .getByRole('listitem')
      .filter({ hasText: 'Moved past Skills Check without passing it' });
    expect(await skipped.textContent()).toContain('By hand');
    expect(await skipped.locator('blockquote').textContent()).toBe('Passed the same check in another programme.');
    expect(await page.locator('.stage-track .stage-step-state').first().textContent()).toBe('Advanced without passing');
  });

  test('imports a CSV list: the preview and the server say what is added and what is skipped', async ({ page }) => {
    await nav(page).getByRole('link', { name: 'Participants' }).click();
    await page.getByRole('button', { name: 'Import CSV or JSON' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import participants' });
    await dialog.getByLabel('Evaluation template').selectOption({ label: BACKEND });
    await dialog
      .getByLabel('Participants (CSV or JSON)')
      .fill(
        'name,email,tags\n"Okafor, Chidi",chidi@example.com,referral;senior\nNo Email,,\nJane Again,jane.smith@example.com,',
      );
    const preview = dialog.getByRole('region', { name: 'Preview' });
    // Jane is already in the template: the preview asks the server and says so before anything is sent.
    await expect
      .poll(() => preview.getByRole('heading').textContent())
      .toBe('Preview: 1 participant will be added, 2 skipped');
    expect(await preview.getByRole('row', { name: /Line 3/ }).textContent()).toContain('email: required');
    expect(await preview.getByRole('row', { name: /Line 4/ }).textContent()).toContain('already in this template');
    await saveScreenshot(page, 'participants-import-preview');

    await dialog.getByRole('button', { name: 'Import 1 participant' }).click();
    await expect.poll(() => dialog.getByRole('status').first().textContent()).toBe('1 participant added, 2 skipped.');
    const skipped = dialog.getByRole('region', { name: 'Skipped' });
    expect(await skipped.getByRole('row', { name: /Line 4/ }).textContent()).toContain('jane.smith@example.com');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('link', { name: 'Okafor, Chidi', exact: true }).waitFor();
    await saveScreenshot(page, 'participants-list');
  });

  test('the board shows everyone in their column, with score against the pass mark', async ({ page, pageErrors }) => {
    await nav(page).getByRole('link', { name: 'Evaluation Templates' }).click();
    await page.getByRole('link', { name: BACKEND, exact: true }).click();
    await page.getByRole('link', { name: 'Participants board' }).click();
    await heading(page, `${BACKEND}: participants`).waitFor();

    const titles = await page.locator('.board-column-title').allTextContents();
    expect(titles).toEqual(['Phone Screen', 'Technical', 'Final', 'Completed', 'Rejected', 'Withdrawn']);
    const completed = page.getByRole('region', { name: /^Completed, / });
    expect(await completed.getByRole('link', { name: /Jane Smith/ }).textContent()).toContain('Completed: hire');
    const rejected = page.getByRole('region', { name: /^Rejected, / });
    expect(await rejected.getByRole('link', { name: /Sam Lee/ }).textContent()).toContain('Rejected: no hire');
    const phone = page.getByRole('region', { name: /^Phone Screen, / });
    expect(await phone.getByRole('link', { name: /Okafor, Chidi/ }).textContent()).toContain('No score yet');
    await saveScreenshot(page, 'participant-board');

    await rejected.getByRole('link', { name: /Sam Lee/ }).click();
    await heading(page, 'Sam Lee').waitFor();
    expect(pageErrors).toEqual([]);
  });

  test('a long timeline shows the newest events first and the older ones on demand', async ({ page, pageErrors }) => {
    // The demo's Ingrid Nilsson has more than twenty events: the page reads the newest twenty.
    await nav(page).getByRole('link', { name: 'Participants' }).click();
    await page.getByRole('searchbox', { name: 'Search participants' }).fill('Ingrid Nilsson');
    await page.getByRole('link', { name: 'Ingrid Nilsson', exact: true }).click();
    await heading(page, 'Ingrid Nilsson').waitFor();
    const older = page.getByRole('button', { name: 'Show older events' });
    await older.waitFor();
    const shown = await timelineTitles(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).not.toContain('Enrolled');

    await older.click();
    await expect.poll(async () => (await timelineTitles(page)).at(-1)).toBe('Enrolled');
    const all = await timelineTitles(page);
    expect(all.slice(0, shown.length)).toEqual(shown);
    expect(all.length).toBeGreaterThan(shown.length);
    await older.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});
