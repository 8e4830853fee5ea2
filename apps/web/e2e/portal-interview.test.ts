// The interview in the participant's portal, end to end in Chromium, against a fake OpenAI-compatible
// model server on this machine (the server's default model, INTERVIEWER_*): a participant at the demo's
// Phone Screen opens their link on a 390 px phone, accepts the AI notice, starts, and has a three-turn
// interview whose replies stream in; a reload half-way shows the conversation as it was; they finish, the
// interviewer scores it from the stored turns, and staff read the scorecard with her own words as quotes
// while auto_advance has moved her on (docs/rules.md#the-interview, docs/rules.md#scoring-with-evidence).
// In a second interview the model quotes words never said: the quote is dropped, nobody moves, and the
// Decisions inbox asks a reviewer to check the score.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { screenAnswer, withFakeInterviewer } from './fake-interviewer.ts';
import { saveScreenshot } from './harness.ts';
import { expectPhoneFriendly, portalLinkFor } from './portal.ts';
import { conversation, startInterview, talk } from './portal-interview-kit.ts';

const { fake, test, host: HOST } = await withFakeInterviewer('interview-e2e-model');

const NAME = 'Amara Nwosu';
const GREETING = 'Hello Amara, I am Sam. What draws you to this role at a payments company right now?';
const SECOND = 'Thank you. Tell me about the backend system you know best, and what you owned in it.';
const THIRD = 'That is clear. What would you change in it today, with what you know now?';
const SAID = {
  motivation: 'I want to work on payment rails that millions of people rely on.',
  fit: 'A card-authorisation service in Go; I owned its ledger.',
};
/** Another participant, enrolled by the test at the Phone Screen; and words nobody said. */
const NOOR = 'Noor Haddad';
const NOOR_SAID = 'I want to build the part of payments that has to be right every time.';
const NEVER_SAID = 'I have led payments teams at three banks';

/** The requests for the interviewer's turns (streamed), not the scoring that follows the end. */
const turnRequests = () =>
  (fake.chatRequests() as { messages: { role: string; content: string }[]; stream?: boolean }[]).filter(
    (r) => r.stream === true,
  );

const sessions = (page: Page) => page.getByRole('region', { name: 'Sessions and scorecards' });
const currentStep = (page: Page) => page.locator('.stage-track [aria-current="step"] .stage-step-name');
const timelineTitles = (page: Page) =>
  page.getByRole('list', { name: 'Timeline' }).locator('.timeline-title').allTextContents();

describe('the interview in the portal, on a model', () => {
  test('at 390 px: accept, start, a three-turn interview streamed in, a reload keeps it, finish; scored with her quotes, and she moves on', async ({
    browser,
    page,
    pageErrors,
  }) => {
    const url = await portalLinkFor(page, NAME);
    // Word by word, slowly enough to see a reply arrive in pieces.
    fake.enqueue(
      { type: 'text', text: GREETING, chunkDelayMs: 40 },
      { type: 'text', text: SECOND, chunkDelayMs: 120 },
      { type: 'text', text: THIRD, chunkDelayMs: 40 },
    );
    const { phone, context, errors, refusals } = await startInterview(browser, url, NAME);

    // The page begins the interview by itself: the greeting streams in.
    await phone.getByRole('heading', { level: 1, name: 'Phone Screen' }).waitFor();
    await talk(phone).getByText(GREETING).waitFor();
    expect(await phone.locator('#time-left').textContent()).toMatch(/^About \d+ minutes left\.$/);
    const answer = phone.getByRole('textbox', { name: 'Your answer' });
    await expect.poll(() => answer.isEditable()).toBe(true);

    await answer.fill(SAID.motivation);
    await phone.getByRole('button', { name: 'Send' }).click();
    // Part of the reply shows while the rest is still being written.
    const streaming = phone.locator('#conversation > li.interviewer[aria-busy="true"] p');
    await expect
      .poll(async () => {
        const text = (await streaming.count()) > 0 ? await streaming.first().textContent() : '';
        return text !== null && text.length > 0 && text.length < SECOND.length + 2;
      })
      .toBe(true);
    await talk(phone).getByText(SECOND).waitFor();
    expect(await phone.locator('#announce').textContent()).toBe(`Interviewer: ${SECOND}`);
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-interview-390');

    // A reload half-way: the conversation is as it was, and the interview goes on.
    await phone.reload();
    expect(await conversation(phone)).toEqual([
      ['Interviewer', GREETING],
      ['You', SAID.motivation],
      ['Interviewer', SECOND],
    ]);
    await phone.getByRole('textbox', { name: 'Your answer' }).fill(SAID.fit);
    // Ctrl+Enter sends, from the keyboard.
    await phone.getByRole('textbox', { name: 'Your answer' }).press('Control+Enter');
    await talk(phone).getByText(THIRD).waitFor();
    expect((await conversation(phone)).map(([who]) => who)).toEqual([
      'Interviewer',
      'You',
      'Interviewer',
      'You',
      'Interviewer',
    ]);

    // The interviewer scores the conversation once it ends: each quote is hers.
    fake.enqueue({ type: 'json', value: screenAnswer([SAID.motivation], [SAID.fit]) });
    await phone.getByRole('button', { name: 'Finish interview' }).click();
    await phone.getByText('You finished the interview. Thank you: your answers are saved').waitFor();
    expect(await phone.getByRole('textbox', { name: 'Your answer' }).isVisible()).toBe(false);
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-interview-finished-390');
    expect(errors).toEqual([]);
    expect(refusals).toEqual([]);
    // The model heard the conversation, the participant's words as their own messages.
    expect(turnRequests().at(-1)!.messages.at(-1)).toEqual({ role: 'user', content: SAID.fit });
    await context.close();

    // Staff: the scorecard, who scored it and her own words per dimension; auto_advance moved her on.
    await page.reload();
    const list = sessions(page);
    await list
      .getByText(`Scored by the interviewer (model interview-e2e-model at ${HOST}, prompt interviewer-v3)`)
      .waitFor();
    const motivation = list.getByRole('list', { name: 'What they said about Motivation' });
    expect(await motivation.locator('blockquote').allTextContents()).toEqual([SAID.motivation]);
    const fit = list.getByRole('list', { name: 'What they said about Experience fit' });
    expect(await fit.locator('blockquote').allTextContents()).toEqual([SAID.fit]);
    expect(await list.getByText('Needs review').count()).toBe(0);
    // The transcript the scorecard keeps is the conversation the portal stored, turn by turn.
    await list.getByText('Transcript (6 turns)').click();
    const turns = list.locator('.scorecard .transcript-turn p');
    expect(await turns.allTextContents()).toEqual([
      GREETING,
      SAID.motivation,
      SECOND,
      SAID.fit,
      THIRD,
      expect.stringMatching(/^Thank you for your time/),
    ]);
    // 4 and 4 of 5 are 80, above the Phone Screen's 60.
    await expect.poll(() => currentStep(page).textContent()).toBe('Technical');
    expect(await timelineTitles(page)).toEqual(
      expect.arrayContaining(['Finished their interview', 'Passed Phone Screen']),
    );
    await saveScreenshot(page, 'participant-scored-interview');
    expect(pageErrors).toEqual([]);
  });

  test('the model quotes words never said: the quote is dropped, nobody moves, and the inbox asks a reviewer', async ({
    browser,
    page,
    pageErrors,
  }) => {
    // Noor joins the evaluation at its Phone Screen.
    const enrolled = await page.evaluate(async (name) => {
      const call = async (path: string, body?: unknown) => {
        const res = await fetch(`/api/v1${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { 'content-type': 'application/json', 'x-stageflow-client': 'web' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return res.json();
      };
      const templates = (await call('/evaluation-templates')) as { id: string; template_name: string }[];
      const backend = templates.find((t) => t.template_name === 'Senior Backend Engineer')!;
      return call('/participants', { evaluation_template_id: backend.id, name, email: 'noor.haddad@example.com' });
    }, NOOR);
    expect(enrolled).toMatchObject({ name: NOOR });
    const url = await portalLinkFor(page, NOOR);
    fake.enqueue({ type: 'text', text: 'Hello Noor, I am Sam. What made you apply for this role?' });
    const { phone, context } = await startInterview(browser, url, NOOR);
    const answer = phone.getByRole('textbox', { name: 'Your answer' });
    await expect.poll(() => answer.isEditable()).toBe(true);
    fake.enqueue({ type: 'text', text: 'Which systems have you run in production?' });
    await answer.fill(NOOR_SAID);
    await phone.getByRole('button', { name: 'Send' }).click();
    await talk(phone).getByText('Which systems have you run in production?').waitFor();
    // Its only quote for Motivation is one she never said.
    fake.enqueue({ type: 'json', value: screenAnswer([NEVER_SAID], [NOOR_SAID], [5, 4]) });
    await phone.getByRole('button', { name: 'Finish interview' }).click();
    await phone.getByText('You finished the interview. Thank you: your answers are saved').waitFor();
    await context.close();

    await page.reload();
    const list = sessions(page);
    await list.getByRole('note').getByText('Needs review.').waitFor();
    await list.getByText('1 quote the participant never said was dropped', { exact: false }).waitFor();
    await list.getByText('No quote of the participant backs this score.').waitFor();
    expect(await list.getByText(NEVER_SAID).count()).toBe(0);
    // Nobody moved: she waits at the Phone Screen for a reviewer.
    expect(await currentStep(page).textContent()).toBe('Phone Screen');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decisions' }).click();
    const card = page
      .getByRole('list', { name: 'Open decisions' })
      .getByRole('article', { name: new RegExp(`^${NOOR} at `) });
    await card
      .getByText(`The AI interviewer scored ${NOOR}, but nothing they said backs its score for Motivation`)
      .waitFor();
    await saveScreenshot(page, 'interview-needs-review-inbox');
    expect(pageErrors).toEqual([]);
  });
});
