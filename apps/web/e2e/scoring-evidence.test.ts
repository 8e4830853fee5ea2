// Scoring with evidence (docs/rules.md#scoring-with-evidence), end to end in Chromium against a fake
// OpenAI-compatible model server on this machine (the server's INTERVIEWER_* default points at it):
// staff score the demo's finished AI phone screen with the interviewer, see each dimension with the
// participant's own words, and the stage's auto_advance moves him on; in another interview the model
// quotes words never said, the quote is dropped and the Decisions inbox asks a reviewer to check it;
// the reviewer replaces the AI's score with a note, and both stay in the record.
import { type FakeModelServer, startFakeModelServer } from '@stageflow/testing';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { test as base } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';

const fake: FakeModelServer = await startFakeModelServer({ models: ['llama3.1:8b'] });
afterAll(() => fake.close());
const HOST = new URL(fake.url).host;

const test = base.override(
  'appOptions',
  { scope: 'file' },
  { env: { INTERVIEWER_BASE_URL: fake.url, INTERVIEWER_MODEL: 'llama3.1:8b' } },
);

/** The demo's finished, unscored phone screen (packages/server/src/seed/demo-interviews.ts): his own words. */
const YUSUF = 'Yusuf Demir';
const YUSUF_SAID = {
  motivation: 'I want to move closer to the money: the ledger itself',
  fit: 'The order service at Trendyol, which takes the Black Friday peak',
};
/** Someone this test enrols, whose phone screen record it hands over through the API. */
const NOOR = 'Noor Haddad';
const NOOR_SAID = {
  motivation: 'I want to build the part of payments that has to be right every time',
  fit: 'I ran the refunds service at my last company for three years',
};
const NEVER_SAID = 'I have led payments teams at three banks';

/** Sam's scorecard (Motivation and Experience fit, 0 to 5), as the model answers it. */
const screenAnswer = (motivation: string[], fit: string[], scores = [4, 4]) => ({
  dimension_scores: [
    { name: 'Motivation', score: scores[0], reasoning: 'Knows why this role.', evidence: motivation },
    { name: 'Experience fit', score: scores[1], reasoning: 'Has run production payments.', evidence: fit },
  ],
  summary: 'A motivated engineer with relevant production experience.',
  improvement_feedback: 'Give one number for the scale of the systems you ran.',
});

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const sessions = (page: Page) => page.getByRole('region', { name: 'Sessions and scorecards' });
const currentStep = (page: Page) => page.locator('.stage-track [aria-current="step"] .stage-step-name');
const timelineTitles = (page: Page) =>
  page.getByRole('list', { name: 'Timeline' }).locator('.timeline-title').allTextContents();

async function openParticipant(page: Page, name: string) {
  await nav(page).getByRole('link', { name: 'Participants' }).click();
  await page.getByRole('heading', { level: 1, name: 'Participants' }).waitFor();
  await page.getByLabel('Search participants').fill(name);
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/**
 * Closes the toasts on the page: sonner's coloured success toast is itself below the contrast axe asks
 * for, and it is not what these checks are about.
 */
async function dismissToasts(page: Page) {
  for (const close of await page.getByRole('button', { name: 'Close toast' }).all()) await close.click();
  await page.locator('[data-sonner-toast]').first().waitFor({ state: 'detached' });
}

/** A REST call from the signed-in page, as the dashboard's own client would send it. */
function rest(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-stageflow-client': 'web' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await res.json() };
    },
    { method, path, body },
  );
}

describe('scoring with evidence, humans in charge', () => {
  test('staff score a finished AI interview with the interviewer: quotes per dimension, and auto_advance moves him', async ({
    page,
    pageErrors,
  }) => {
    await openParticipant(page, YUSUF);
    const list = sessions(page);
    // The demo's interview has ended without a model: its record waits beside the button.
    await list.getByText('The interview has ended and its record is kept').waitFor();
    await list.getByText('Transcript (7 turns)').click();
    await list.getByText(YUSUF_SAID.fit, { exact: false }).waitFor();

    fake.enqueue({ type: 'json', value: screenAnswer([YUSUF_SAID.motivation], [YUSUF_SAID.fit]) });
    await list.getByRole('button', { name: 'Score with the interviewer' }).click();
    await page.getByText('Scored by the interviewer', { exact: true }).waitFor();

    await list.getByText(`Scored by the interviewer (model llama3.1:8b at ${HOST}, prompt interviewer-v2)`).waitFor();
    const motivation = list.getByRole('list', { name: 'What they said about Motivation' });
    expect(await motivation.locator('blockquote').allTextContents()).toEqual([YUSUF_SAID.motivation]);
    const fit = list.getByRole('list', { name: 'What they said about Experience fit' });
    expect(await fit.locator('blockquote').allTextContents()).toEqual([YUSUF_SAID.fit]);
    expect(await list.getByText('Needs review').count()).toBe(0);
    // 4 and 4 of 5 are 80, above the Phone Screen's 60: auto_advance moved him to Technical.
    await expect.poll(() => currentStep(page).textContent()).toBe('Technical');
    expect(await timelineTitles(page)).toEqual(
      expect.arrayContaining(['Result recorded at Phone Screen: passed', 'Passed Phone Screen']),
    );
    // The model was asked once, with his words inside the data block.
    const [request] = fake.chatRequests();
    expect(JSON.stringify(request)).toContain('participant_data');
    await saveScreenshot(page, 'scoring-evidence-quotes');
    // The quotes, the flag and the transcript read by assistive technology too.
    await list.getByText('Transcript (7 turns)').click();
    await dismissToasts(page);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('a quote never said is dropped, and the inbox asks a reviewer to check the score', async ({
    page,
    pageErrors,
  }) => {
    // Noor is at the demo's Phone Screen, her session under way; her record arrives, but the model's
    // first answers are not JSON: nothing is scored, and staff are told why.
    const templates = await rest(page, 'GET', '/evaluation-templates');
    const backend = templates.body.find(
      (t: { template_name: string }) => t.template_name === 'Senior Backend Engineer',
    );
    const noor = await rest(page, 'POST', '/participants', {
      evaluation_template_id: backend.id,
      name: NOOR,
      email: 'noor.haddad@example.com',
    });
    const { session } = (await rest(page, 'POST', '/sessions', { participant_id: noor.body.id })).body;
    await rest(page, 'POST', `/sessions/${session.id}/start`);
    const at = new Date().toISOString();
    const transcript = [
      { speaker: 'interviewer', text: 'Hi Noor, I am Sam. What made you apply for this role?', at },
      { speaker: 'participant', text: `${NOOR_SAID.motivation}.`, at },
      { speaker: 'interviewer', text: 'Which systems have you run in production?', at },
      { speaker: 'participant', text: `${NOOR_SAID.fit}, on call included.`, at },
    ];
    fake.enqueue({ type: 'malformed' }, { type: 'malformed' });
    const failed = await rest(page, 'POST', `/sessions/${session.id}/score`, { transcript });
    expect(failed).toMatchObject({ status: 200, body: { scoring: { status: 'not_scored', reason: 'bad_response' } } });

    await openParticipant(page, NOOR);
    expect(await timelineTitles(page)).toContain('The AI interviewer could not score the session at Phone Screen');

    // Scored again: the model's only quote for Motivation is one she never said.
    fake.enqueue({ type: 'json', value: screenAnswer([NEVER_SAID], [NOOR_SAID.fit], [5, 4]) });
    await sessions(page).getByRole('button', { name: 'Score with the interviewer' }).click();
    await page.getByText('Scored, but a dimension has no quote the participant said: a reviewer decides.').waitFor();
    const list = sessions(page);
    await list.getByRole('note').getByText('Needs review.').waitFor();
    await list.getByText('No quote of the participant backs this score.').waitFor();
    await list.getByText('1 quote dropped: the participant never said it').waitFor();
    expect(await list.getByText(NEVER_SAID).count()).toBe(0);
    // Nobody moved: she waits at the Phone Screen for a reviewer.
    expect(await currentStep(page).textContent()).toBe('Phone Screen');
    await dismissToasts(page);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await nav(page).getByRole('link', { name: 'Decisions' }).click();
    const card = page
      .getByRole('list', { name: 'Open decisions' })
      .getByRole('article', { name: new RegExp(`^${NOOR} at `) });
    await card
      .getByText(`The AI interviewer scored ${NOOR}, but nothing they said backs its score for Motivation`)
      .waitFor();
    expect(await card.getByRole('button', { name: 'Approve: advance' }).isVisible()).toBe(true);
    await saveScreenshot(page, 'scoring-evidence-inbox');
    expect(pageErrors).toEqual([]);
  });

  test('a reviewer replaces the AI’s score with a note: both stay, and the rules act on the new one', async ({
    page,
    pageErrors,
  }) => {
    await openParticipant(page, NOOR);
    await sessions(page).getByRole('button', { name: 'Replace the AI’s score' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replace the AI’s score' });
    await dialog.getByLabel('Motivation (50%)').fill('3.5');
    await dialog.getByRole('button', { name: 'Replace the score' }).click();
    // No note: refused beside the field, nothing saved.
    await dialog.getByText('Say why you replace the interviewer’s score').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog
      .getByLabel('Why you replace it')
      .fill('The quote for Motivation was not hers; from the transcript, 3.5 is fair.');
    await dialog.getByRole('button', { name: 'Replace the score' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const list = sessions(page);
    await list.getByText('Scored by Dana Demo').waitFor();
    await list.getByText(/^The interviewer’s score \(90\) was replaced by Dana Demo on /).waitFor();
    // 3.5 and 4 of 5 are 75, above 60: the open decision closed and auto_advance moved her on.
    await expect.poll(() => currentStep(page).textContent()).toBe('Technical');
    expect(await timelineTitles(page)).toEqual(
      expect.arrayContaining([
        'Reviewer replaced the AI interviewer’s score at Phone Screen',
        'Open decision at Phone Screen closed: a reviewer replaced the AI interviewer’s score',
        'Passed Phone Screen',
      ]),
    );
    await nav(page).getByRole('link', { name: 'Decisions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
    // Her decision closed with the replacement: it leaves the inbox.
    await expect
      .poll(() =>
        page
          .getByRole('list', { name: 'Open decisions' })
          .getByRole('article', { name: new RegExp(`^${NOOR} at `) })
          .count(),
      )
      .toBe(0);
    await saveScreenshot(page, 'scoring-evidence-inbox-after');
    expect(pageErrors).toEqual([]);
  });
});
