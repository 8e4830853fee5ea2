import type { LookupAddress } from 'node:dns';
import { startWebhookReceiver, type WebhookReceiver } from '@stageflow/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { createWebhookSender } from './sender.ts';
import { webhookSettingsFromEnv } from './settings.ts';

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const request = (url: string) => ({
  url,
  headers: { 'content-type': 'application/json' },
  body: '{"type":"webhook.test"}',
});

/** A resolver that answers these addresses for every name: what a hostile DNS record would say. */
const resolvesTo =
  (...addresses: string[]) =>
  (_host: string, _options: unknown, callback: (e: Error | null, a: LookupAddress[]) => void) =>
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );

describe('addresses a webhook may not reach (SSRF)', () => {
  const guarded = createWebhookSender({ timeoutMs: 1_000, allowPrivateNetworks: false });

  test.each([
    ['http://127.0.0.1:9/hooks', '127.0.0.1 is a loopback address'],
    ['http://[::1]:9/hooks', '::1 is a loopback address'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254 is a link-local address'],
    ['http://10.0.0.7/hooks', '10.0.0.7 is a private address'],
    ['http://[::ffff:192.168.0.1]/hooks', 'is a private address'],
  ])('%s is refused before any connection', async (url, words) => {
    const answer = await guarded(request(url));
    expect(answer).toMatchObject({ status: null });
    expect(answer.error).toContain(words);
    expect(answer.error).toContain('WEBHOOKS_ALLOW_PRIVATE_NETWORKS=1');
  });

  test('a name is checked by the address it resolves to when sending, not when it was saved', async () => {
    receiver = await startWebhookReceiver();
    const port = new URL(receiver.url).port;
    const hostile = createWebhookSender({
      timeoutMs: 1_000,
      allowPrivateNetworks: false,
      lookup: resolvesTo('93.184.216.34', '127.0.0.1') as never,
    });
    const answer = await hostile(request(`http://hooks.example.com:${port}/hooks`));
    expect(answer.error).toBe(
      "hooks.example.com resolves to 127.0.0.1 is a loopback address: webhooks are not sent to private networks unless the server's operator allows it (WEBHOOKS_ALLOW_PRIVATE_NETWORKS=1)",
    );
    expect(receiver.received).toHaveLength(0);
    const localhost = await guarded(request(`http://localhost:${port}/hooks`));
    expect(localhost.error).toMatch(/^localhost resolves to (127\.0\.0\.1|::1) is a loopback address/);
    expect(receiver.received).toHaveLength(0);
  });

  test('WEBHOOKS_ALLOW_PRIVATE_NETWORKS=1 lets them through', async () => {
    receiver = await startWebhookReceiver();
    const allowed = createWebhookSender({ timeoutMs: 1_000, allowPrivateNetworks: true });
    const port = new URL(receiver.url).port;
    expect(await allowed(request(receiver.url))).toMatchObject({ status: 200, body: 'OK', error: null });
    expect(await allowed(request(`http://localhost:${port}/hooks`))).toMatchObject({ status: 200 });
    expect(receiver.received).toHaveLength(2);
  });
});

describe('the answer kept', () => {
  test('only the first 1 KB of a long answer', async () => {
    receiver = await startWebhookReceiver();
    receiver.reply({ status: 200, body: 'x'.repeat(100_000) });
    const answer = await createWebhookSender({ timeoutMs: 1_000, allowPrivateNetworks: true })(request(receiver.url));
    expect(answer.body).toBe('x'.repeat(1024));
  });

  test('a refused connection says so in plain words', async () => {
    receiver = await startWebhookReceiver();
    const url = receiver.url;
    await receiver.close();
    receiver = undefined;
    const answer = await createWebhookSender({ timeoutMs: 1_000, allowPrivateNetworks: true })(request(url));
    expect(answer).toMatchObject({ status: null, error: `Connection refused by ${new URL(url).host}` });
  });
});

describe('webhookSettingsFromEnv', () => {
  test('defaults: 15 s timeout, 30 days kept, private networks refused, the worker on', () => {
    expect(webhookSettingsFromEnv({})).toEqual({
      settings: {
        allowPrivateNetworks: false,
        retentionDays: 30,
        timeoutMs: 15_000,
        pollMs: 1_000,
        leaseMs: 45_000,
        worker: true,
      },
      problems: [],
    });
  });

  test('reads each setting, and reports a wrong one while using its default', () => {
    const { settings, problems } = webhookSettingsFromEnv({
      WEBHOOKS_ALLOW_PRIVATE_NETWORKS: '1',
      WEBHOOKS_RETENTION_DAYS: '7',
      WEBHOOKS_TIMEOUT_MS: '500',
      WEBHOOKS_LEASE_MS: '1000',
      WEBHOOKS_POLL_MS: 'often',
      WEBHOOKS_WORKER: '0',
    });
    expect(settings).toEqual({
      allowPrivateNetworks: true,
      retentionDays: 7,
      timeoutMs: 500,
      pollMs: 1_000,
      leaseMs: 30_500,
      worker: false,
    });
    expect(problems).toEqual([
      'WEBHOOKS_LEASE_MS=1000 must outlast WEBHOOKS_TIMEOUT_MS=500 by a second: using 30500.',
      'WEBHOOKS_POLL_MS=often is not a whole number from 10 to 600000: using 1000.',
    ]);
  });
});
