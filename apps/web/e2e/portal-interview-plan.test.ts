// The interview with no model set up (docs/rules.md#the-interview): the interviewer follows the plan
// built from its profile, one question per dimension, in a participant's portal on a 390 px phone, and
// the session then waits in the Decisions inbox for a reviewer to score it beside the transcript: never
// an invented score (docs/rules.md#when-the-interviewer-cannot-score).
import { describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';
import { expectPhoneFriendly, portalLinkFor } from './portal.ts';
import { conversation, startInterview, talk } from './portal-interview-kit.ts';

const NAME = 'Amara Nwosu';

describe('the interview in the portal, without a model', () => {
  test('the plan greets, asks one question per dimension, and closes; staff see it waiting for a score', async ({
    browser,
    page,
    pageErrors,
  }) => {
    const url = await portalLinkFor(page, NAME);
    const { phone, context, errors, refusals } = await startInterview(browser, url, NAME);
    // Sam, the demo's screener: Motivation, then Experience fit.
    await talk(phone)
      .getByText(/Let's talk about Motivation/)
      .waitFor();
    const answer = phone.getByRole('textbox', { name: 'Your answer' });
    await expect.poll(() => answer.isEditable()).toBe(true);
    await answer.fill('The team and the product.');
    await phone.getByRole('button', { name: 'Send' }).click();
    await talk(phone)
      .getByText(/talk about Experience fit/)
      .waitFor();
    await expect.poll(() => answer.isEditable()).toBe(true);
    await answer.fill('Five years of backend work.');
    await phone.getByRole('button', { name: 'Send' }).click();
    await phone.getByText('The interview is complete. Thank you: your answers are saved').waitFor();

    const turns = await conversation(phone);
    expect(turns.map(([who]) => who)).toEqual(['Interviewer', 'You', 'Interviewer', 'You', 'Interviewer']);
    expect(turns[0]![1]).toMatch(/^Hi, and welcome! I am Sam\./);
    expect(turns[4]![1]).toBe(
      'Thank you for your time and your answers. The team will review the conversation and be in touch.',
    );
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-interview-plan-390');
    expect(errors).toEqual([]);
    expect(refusals).toEqual([]);
    await context.close();

    await page.reload();
    const transcript = page.getByRole('region', { name: 'Transcript, attempt 1' });
    await transcript
      .getByText('The interview is complete: every dimension had its questions. Score it beside the transcript')
      .waitFor();
    expect(await transcript.textContent()).toContain('asked from the plan (no model)');
    await page
      .getByRole('list', { name: 'Timeline' })
      .getByText('Their interview is complete', { exact: true })
      .waitFor();
    expect(await page.getByText('Scored by the interviewer').count()).toBe(0);

    // The inbox lists her interview as waiting for a score, with the way to it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decisions' }).click();
    const waiting = page.getByRole('list', { name: 'Waiting for a score' });
    const card = waiting.getByRole('article', { name: `${NAME} at Phone Screen` });
    await card.getByText('Interview ended').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await card.getByRole('link', { name: 'Score it beside the transcript' }).click();
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await page
      .getByRole('region', { name: 'Sessions and scorecards' })
      .getByRole('button', { name: 'Complete with scores' })
      .waitFor();
    expect(pageErrors).toEqual([]);
  });
});
