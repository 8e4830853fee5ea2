// The interview in the participant's portal, end to end in Chromium, against a fake OpenAI-compatible
// model server on this machine (the server's default model, INTERVIEWER_*): a participant at the demo's
// Phone Screen opens their link on a 390 px phone, accepts the AI notice, starts, and has a three-turn
// interview whose replies stream in; a reload half-way shows the conversation as it was; they finish,
// and staff read the transcript on the participant's page (docs/rules.md#the-interview).
import { startFakeModelServer } from '@stageflow/testing';
import { afterAll, describe, expect } from 'vitest';
import { test as base } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';
import { expectPhoneFriendly, portalLinkFor } from './portal.ts';
import { conversation, startInterview, talk } from './portal-interview-kit.ts';

const fake = await startFakeModelServer({ models: ['interview-e2e-model'] });
afterAll(() => fake.close());

const test = base.override(
  'appOptions',
  { scope: 'file' },
  { env: { INTERVIEWER_BASE_URL: fake.url, INTERVIEWER_MODEL: 'interview-e2e-model' } },
);

const NAME = 'Amara Nwosu';
const GREETING = 'Hello Amara, I am Sam. What draws you to this role at a payments company right now?';
const SECOND = 'Thank you. Tell me about the backend system you know best, and what you owned in it.';
const THIRD = 'That is clear. What would you change in it today, with what you know now?';

describe('the interview in the portal, on a model', () => {
  test('at 390 px: accept, start, a three-turn interview streamed in, a reload keeps it, finish; staff read the transcript', async ({
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

    await answer.fill('I want to work on payment rails that millions of people rely on.');
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
      ['You', 'I want to work on payment rails that millions of people rely on.'],
      ['Interviewer', SECOND],
    ]);
    await phone
      .getByRole('textbox', { name: 'Your answer' })
      .fill('A card-authorisation service in Go; I owned its ledger.');
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

    await phone.getByRole('button', { name: 'Finish interview' }).click();
    await phone.getByText('You finished the interview. Thank you: your answers are saved').waitFor();
    expect(await phone.getByRole('textbox', { name: 'Your answer' }).isVisible()).toBe(false);
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-interview-finished-390');
    expect(errors).toEqual([]);
    expect(refusals).toEqual([]);
    // The model heard the conversation, the participant's words as their own messages.
    const last = fake.chatRequests().at(-1) as { messages: { role: string; content: string }[] };
    expect(last.messages.at(-1)).toEqual({
      role: 'user',
      content: 'A card-authorisation service in Go; I owned its ledger.',
    });
    await context.close();

    // Staff: the transcript on the participant's page, and the timeline in plain words.
    await page.reload();
    const transcript = page.getByRole('region', { name: 'Transcript, attempt 1' });
    await transcript.getByText('The participant finished the interview. Score it beside the transcript').waitFor();
    await transcript.getByText('I want to work on payment rails that millions of people rely on.').waitFor();
    await transcript.getByText(THIRD).waitFor();
    expect(await transcript.locator('.transcript-turn').count()).toBe(6);
    await page
      .getByRole('list', { name: 'Timeline' })
      .getByText('Finished their interview; it waits for a reviewer to score it beside the transcript')
      .waitFor();
    await saveScreenshot(page, 'participant-transcript');
    expect(pageErrors).toEqual([]);
  });
});
