// Scoring with evidence from the staff side (docs/rules.md#scoring-with-evidence), end to end in Chromium
// against a fake OpenAI-compatible model server on this machine (the server's INTERVIEWER_* default points
// at it): the demo's finished phone screen waits in the Decisions inbox (it ended with no model); staff open
// it from there, score it with the interviewer, see each dimension with the participant's own words, and
// auto_advance moves him on. A reviewer then replaces the AI's unchecked score of another demo interview
// with a note: both stay in the record. (The portal's own journey: portal-interview.test.ts.)
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { screenAnswer, withFakeInterviewer } from './fake-interviewer.ts';
import { saveScreenshot } from './harness.ts';

const { fake, test, host: HOST } = await withFakeInterviewer('llama3.1:8b');

/** The demo's finished, unscored phone screen (packages/server/src/seed/demo-interviews.ts): his own words. */
const YUSUF = 'Yusuf Demir';
const YUSUF_SAID = {
  motivation: 'I want to move closer to the money: the ledger itself',
  fit: 'The order service at Trendyol, which takes the Black Friday peak',
};
/** The demo's technical interview whose Communication quote was never said (demo-interviews.ts): its score needs review. */
const KWAME = 'Kwame Mensah';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const sessions = (page: Page) => page.getByRole('region', { name: 'Sessions and scorecards' });
const currentStep = (page: Page) => page.locator('.stage-track [aria-current="step"] .stage-step-name');
const timelineTitles = (page: Page) =>
  page.getByRole('list', { name: 'Timeline' }).locator('.timeline-title').allTextContents();

/**
 * Closes the toasts on the page: sonner's coloured success toast is itself below the contrast axe asks
 * for, and it is not what these checks are about.
 */
async function dismissToasts(page: Page) {
  for (const close of await page.getByRole('button', { name: 'Close toast' }).all()) await close.click();
  await page.locator('[data-sonner-toast]').first().waitFor({ state: 'detached' });
}

describe('scoring with evidence, humans in charge', () => {
  test('a finished interview waits in the inbox; staff score it with the interviewer: quotes per dimension, and auto_advance moves him', async ({
    page,
    pageErrors,
  }) => {
    await nav(page).getByRole('link', { name: 'Decisions' }).click();
    const waiting = page.getByRole('list', { name: 'Waiting for a score' });
    await waiting
      .getByRole('article', { name: `${YUSUF} at Phone Screen` })
      .getByText('Interview ended')
      .waitFor();
    await waiting.getByRole('link', { name: 'Score it beside the transcript' }).first().click();
    await page.getByRole('heading', { level: 1, name: YUSUF }).waitFor();
    const list = sessions(page);
    // The demo's interview has ended without a model: the transcript, and the way to score it.
    await list.getByText('The participant is done and nobody has scored it yet', { exact: false }).waitFor();
    await list.getByText(YUSUF_SAID.fit, { exact: false }).waitFor();

    fake.enqueue({ type: 'json', value: screenAnswer([YUSUF_SAID.motivation], [YUSUF_SAID.fit]) });
    await list.getByRole('button', { name: 'Score with the interviewer' }).click();
    await list.getByText(`Scored by the interviewer (model llama3.1:8b at ${HOST}, prompt interviewer-v3)`).waitFor();
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

    // Scored, he leaves the inbox's waiting list.
    await nav(page).getByRole('link', { name: 'Decisions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
    await expect.poll(() => page.getByRole('article', { name: `${YUSUF} at Phone Screen` }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  test('a reviewer replaces the AI’s unchecked score with a note: both stay, and the rules act on the new one', async ({
    page,
    pageErrors,
  }) => {
    // The inbox asks a reviewer to check Kwame's score: a quote for Communication was not his.
    await nav(page).getByRole('link', { name: 'Decisions' }).click();
    const card = page
      .getByRole('list', { name: 'Open decisions' })
      .getByRole('article', { name: new RegExp(`^${KWAME} at `) });
    await card
      .getByText(`The AI interviewer scored ${KWAME}, but nothing they said backs its score for Communication`)
      .waitFor();
    await card.getByRole('link', { name: 'Check the quotes and the transcript' }).click();
    await page.getByRole('heading', { level: 1, name: KWAME }).waitFor();
    await sessions(page).getByRole('note').getByText('Needs review.').first().waitFor();

    // Any completed session's score can be corrected now: take the Technical one.
    await sessions(page)
      .getByRole('article', { name: /^Technical, attempt/ })
      .getByRole('button', { name: 'Correct score' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Correct the score' });
    await dialog.getByLabel('System design (40%)').fill('8');
    await dialog.getByLabel('Coding (35%)').fill('8');
    await dialog.getByLabel('Communication (25%)').fill('7');
    await dialog.getByRole('button', { name: 'Correct the score' }).click();
    // No note: refused beside the field, nothing saved.
    await dialog.getByText('Say why you correct the score').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog
      .getByLabel('Why you correct it')
      .fill('The Communication quote was not his; from the transcript, 7 is fair.');
    await dialog.getByRole('button', { name: 'Correct the score' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The Technical session's card (Kwame's Phone Screen was scored by a reviewer too).
    const list = sessions(page).getByRole('article', { name: /^Technical, attempt/ });
    await list.getByText('Scored by Dana Demo').waitFor();
    await list.getByText(/^The earlier score \(84 out of 100\) was corrected by Dana Demo on /).waitFor();
    // 77.5 is above the Technical's 75, which wants a reviewer's approval: the unchecked score's decision
    // closed, and an approval opens on the new score.
    expect(await timelineTitles(page)).toEqual(
      expect.arrayContaining([
        'Reviewer corrected the score at Technical',
        'Open decision at Technical closed: a reviewer corrected the score',
      ]),
    );
    await nav(page).getByRole('link', { name: 'Decisions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
    const again = page
      .getByRole('list', { name: 'Open decisions' })
      .getByRole('article', { name: new RegExp(`^${KWAME} at `) });
    await expect.poll(() => again.getByText('but nothing they said backs its score').count()).toBe(0);
    await expect.poll(() => again.count()).toBe(1);
    await saveScreenshot(page, 'scoring-evidence-inbox-after');
    expect(pageErrors).toEqual([]);
  });
});
