import { startWebhookReceiver } from '@stageflow/testing';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { test as base } from './fixtures.ts';
import { saveScreenshot, signIn } from './harness.ts';

// Developer → Webhooks against a receiver on this machine that checks every signature with the
// `standardwebhooks` package. The server may send to loopback (WEBHOOKS_ALLOW_PRIVATE_NETWORKS=1).
const receiver = await startWebhookReceiver();
afterAll(() => receiver.close());

const test = base.override(
  'appOptions',
  { scope: 'file' },
  { env: { WEBHOOKS_ALLOW_PRIVATE_NETWORKS: '1', WEBHOOKS_POLL_MS: '200' } },
);

const log = (page: Page) => page.getByRole('region', { name: 'Delivery log' });
/** The log's deliveries, newest first: each is a list item holding a <details>. */
const deliveries = (page: Page) => log(page).locator('li.webhook-delivery');

describe('Developer → Webhooks', () => {
  let endpointUrl = '';

  test('an admin adds an endpoint and sees its secret once', async ({ page, pageErrors }) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Developer' }).click();
    await page.getByRole('navigation', { name: 'Developer' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByRole('region', { name: 'No webhook endpoints yet' }).waitFor();

    await page.getByRole('button', { name: 'Add endpoint' }).first().click();
    const add = page.getByRole('dialog', { name: 'Add endpoint' });
    await add.getByLabel('Endpoint URL').fill('not a url');
    await add.getByRole('button', { name: 'Add endpoint' }).click();
    await add.getByText(/Use an http:\/\/ or https:\/\/ address/).waitFor();
    await add.getByLabel('Endpoint URL').fill(receiver.url);
    await add.getByLabel('Description').fill('ATS sync');
    await add.getByRole('radio', { name: 'Only the events I choose' }).check();
    await add.getByRole('checkbox', { name: 'participant.enrolled' }).check();
    await add.getByRole('checkbox', { name: 'participant.advanced' }).check();
    await saveScreenshot(page, 'webhooks-add');
    await add.getByRole('button', { name: 'Add endpoint' }).click();

    const shown = page.getByRole('dialog', { name: 'Your signing secret' });
    await shown.getByText("Copy this secret now: you won't see it again.").waitFor();
    const secret = await shown.getByRole('textbox', { name: /Signing secret for/ }).inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    receiver.secrets = [secret];
    await shown.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('heading', { level: 1, name: 'Webhook endpoint' }).waitFor();
    endpointUrl = page.url();
    expect(endpointUrl).toMatch(/\/developer\/webhooks\/[0-9a-f-]{36}$/);
    expect(await page.content()).not.toContain(secret);
    expect(await page.getByRole('region', { name: 'Settings' }).textContent()).toContain('participant.enrolled');
    expect(pageErrors).toEqual([]);
  });

  test('sends a test event to the receiver and sees it delivered in the log', async ({ page, pageErrors }) => {
    await page.getByRole('button', { name: 'Send test event' }).click();
    await receiver.waitFor(1);
    expect(receiver.received[0]).toMatchObject({ verified: true, json: { type: 'webhook.test' } });

    const first = deliveries(page).first();
    await expect.poll(() => first.textContent(), { timeout: 10_000 }).toMatch(/Delivered.*webhook\.test.*200 ·/);
    await first.locator('summary').click();
    const details = await first.textContent();
    expect(details).toContain(receiver.received[0]!.id);
    expect(details).toContain('Attempt 1');
    expect(details).toContain('HTTP 200');
    await saveScreenshot(page, 'webhooks-log');
    expect(pageErrors).toEqual([]);
  });

  test('a receiver that answers 410 disables the endpoint; enabling it and replaying delivers it', async ({
    page,
    pageErrors,
  }) => {
    receiver.reply({ status: 410, body: 'This hook is gone' });
    await page.getByRole('button', { name: 'Send test event' }).click();
    await receiver.waitFor(2);

    const failed = deliveries(page).first();
    await expect.poll(() => failed.textContent(), { timeout: 10_000 }).toMatch(/Failed.*webhook\.test.*410 ·/);
    await page.getByRole('status').filter({ hasText: 'It answered 410 Gone' }).waitFor();
    await failed.locator('summary').click();
    expect(await failed.textContent()).toContain('This hook is gone');
    expect(await failed.getByRole('button', { name: 'Replay' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'webhooks-disabled');

    await page.getByRole('button', { name: 'Enable', exact: true }).click();
    await page.getByRole('button', { name: 'Disable', exact: true }).waitFor();
    await failed.getByRole('button', { name: 'Replay' }).click();
    await receiver.waitFor(3);
    const [, gone, replayed] = receiver.received;
    expect(replayed).toMatchObject({ id: gone!.id, body: gone!.body, verified: true, answered: 200 });

    const newest = deliveries(page).first();
    await expect.poll(() => newest.textContent(), { timeout: 10_000 }).toMatch(/Delivered.*webhook\.test.*A replay/);
    // The list names what Stageflow turned off no more.
    await page.getByRole('navigation', { name: 'Developer' }).getByRole('link', { name: 'Webhooks' }).click();
    const card = page.getByRole('listitem').filter({ hasText: receiver.url });
    await expect.poll(() => card.textContent()).toContain('Enabled');
    expect(pageErrors).toEqual([]);
  });

  test('the API docs describe each event a receiver gets', async ({ page, pageErrors }) => {
    await page.getByRole('navigation', { name: 'Developer' }).getByRole('link', { name: 'API docs' }).click();
    const events = page.getByRole('region', { name: 'Webhook events' });
    await events.waitFor();
    const advanced = events.locator('details').filter({ hasText: 'participant.advanced' });
    await advanced.locator('summary').click();
    const text = await advanced.textContent();
    for (const words of ['webhook-signature', 'data.from_stage_id', 'WebhookParticipant', 'data.trigger']) {
      expect(text).toContain(words);
    }
    expect(pageErrors).toEqual([]);
  });

  test('the pages work at 390 px wide and pass axe', async ({ app, browser }) => {
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    phone.setDefaultTimeout(10_000);
    await signIn(phone, app);
    for (const path of ['/developer/webhooks', new URL(endpointUrl).pathname]) {
      await phone.goto(`${app.url}${path}`);
      await phone.locator('main h1').first().waitFor();
      await phone.waitForLoadState('networkidle');
      const open = phone.locator('li.webhook-delivery summary');
      if ((await open.count()) > 0) await open.first().click();
      const sideways = await phone.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(sideways, path).toBe(0);
      expect(await seriousAxeViolations(phone), path).toEqual([]);
    }
    await saveScreenshot(phone, 'webhooks-phone');
  });
});
