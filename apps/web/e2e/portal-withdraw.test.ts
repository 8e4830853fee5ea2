// Withdrawing from the portal (docs/surfaces.md#portal-links), end to end in Chromium: the participant
// asks to withdraw on a phone, reads what it means, confirms; their portal then only reads, and staff
// see the withdrawal on the participant page, by the participant's own hand.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';
import { enterPortal, expectPhoneFriendly, portalLinkFor } from './portal.ts';

const PARTICIPANT = 'Amara Nwosu';

const timelineTitles = (page: Page) =>
  page.getByRole('list', { name: 'Timeline' }).locator('.timeline-title').allTextContents();

describe('withdrawing from the portal', () => {
  test('the participant withdraws after a confirmation; the portal then only reads', async ({ browser, page }) => {
    const url = await portalLinkFor(page, PARTICIPANT);
    const { phone, context, refusals } = await enterPortal(browser, url, PARTICIPANT);

    await phone.getByRole('link', { name: 'Withdraw from this evaluation' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Withdraw from your evaluation' }).waitFor();
    expect(await phone.textContent('main')).toContain('you cannot continue later with this link');
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-withdraw-confirm-390');

    // "No" changes nothing.
    await phone.getByRole('link', { name: 'No, go back to your evaluation' }).click();
    await phone.getByRole('heading', { name: `Hello ${PARTICIPANT}` }).waitFor();

    await phone.getByRole('link', { name: 'Withdraw from this evaluation' }).click();
    await phone.getByRole('button', { name: 'Yes, withdraw' }).click();
    await phone.getByRole('heading', { name: `Hello ${PARTICIPANT}` }).waitFor();
    expect(await phone.textContent('main')).toContain('You have withdrawn from this evaluation');
    // Nothing is offered any more: no Start now, no withdraw link, no form.
    expect(await phone.locator('main form').count()).toBe(0);
    expect(await phone.getByRole('link', { name: 'Withdraw from this evaluation' }).count()).toBe(0);
    await expectPhoneFriendly(phone);

    // The withdraw page itself says the evaluation has ended, with no form to send again.
    await phone.goto(new URL('/p/withdraw', url).toString());
    expect(await phone.locator('main form').count()).toBe(0);
    expect(refusals).toEqual([]);
    await context.close();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: PARTICIPANT }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain('Withdrawn');
    await expect.poll(() => timelineTitles(page)).toContain('Withdrawn at Phone Screen');
    // By their own hand: the entry names the participant as who did it.
    const entry = page
      .getByRole('list', { name: 'Timeline' })
      .getByRole('listitem')
      .filter({ hasText: 'Withdrawn at' });
    expect(await entry.first().textContent()).toContain('The participant');
  });
});
