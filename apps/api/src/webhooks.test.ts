import { type RunningServer, startWebhookReceiver, type WebhookReceiver } from '@stageflow/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { ENGINES, type SharedDatabase, sharedDatabase } from './testing-databases.ts';

/**
 * Webhook delivery across real server processes, on SQLite and on PostgreSQL (docs/webhooks.md#several-processes):
 * the outbox is in the database, so a process killed mid-delivery loses nothing, and two processes on one database
 * send each attempt once. Short timeouts and leases keep it quick; the waits are for conditions.
 */
const ENV = {
  DEMO: '0',
  WEBHOOKS_ALLOW_PRIVATE_NETWORKS: '1',
  WEBHOOKS_TIMEOUT_MS: '4000',
  WEBHOOKS_LEASE_MS: '5000',
  WEBHOOKS_POLL_MS: '50',
};

let database: SharedDatabase | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
  await database?.stop();
  database = undefined;
});

async function call(server: RunningServer, key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}`).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: read by the documented shape
  return (await res.json()) as any;
}

/** Polls the log until every delivery has ended (the receiver's answer is in before the attempt is stored). */
async function settledLog(server: RunningServer, key: string, endpointId: string, count: number) {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const log = await call(server, key, 'GET', `/webhook-endpoints/${endpointId}/deliveries?limit=100`);
    if (log.items.length >= count && log.items.every((d: { status: string }) => d.status !== 'pending'))
      return log.items;
    if (Date.now() > deadline)
      throw new Error(`the log did not settle: ${JSON.stringify(log.items.map((d: { status: string }) => d.status))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(ENGINES)('webhooks across processes on $engine', ({ engine, skip }) => {
  const start = async () => {
    database ??= await sharedDatabase(engine);
    return database.start(ENV);
  };

  test.skipIf(skip)(
    'a server killed mid-delivery: after a restart the webhook is delivered, with the same webhook-id',
    async () => {
      receiver = await startWebhookReceiver();
      const first = await start();
      const key = await database!.apiKey('hooks');
      const { endpoint, secret } = await call(first, key, 'POST', '/webhook-endpoints', { url: receiver.url });
      receiver.secrets = [secret];
      receiver.reply({ hang: true });
      await call(first, key, 'POST', `/webhook-endpoints/${endpoint.id}/test`);
      await receiver.waitFor(1);
      await first.kill();

      const second = await start();
      const [interrupted, delivered] = await receiver.waitFor(2, 40_000);
      expect(delivered).toMatchObject({ id: interrupted!.id, body: interrupted!.body, verified: true, answered: 200 });
      const [delivery] = await settledLog(second, key, endpoint.id, 1);
      expect(delivery).toMatchObject({ status: 'succeeded', attempts_made: 1, webhook_id: interrupted!.id });
    },
    120_000,
  );

  test.skipIf(skip)(
    'two processes on one database send each attempt once',
    async () => {
      receiver = await startWebhookReceiver();
      const a = await start();
      const b = await start();
      const key = await database!.apiKey('hooks');
      const { endpoint, secret } = await call(a, key, 'POST', '/webhook-endpoints', { url: receiver.url });
      receiver.secrets = [secret];
      const count = 30;
      // Half written by each process: each wakes its own worker, and polls for the other's.
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          call(i % 2 === 0 ? a : b, key, 'POST', `/webhook-endpoints/${endpoint.id}/test`),
        ),
      );
      const deliveries = await settledLog(a, key, endpoint.id, count);
      expect(deliveries).toHaveLength(count);
      expect(
        deliveries.every(
          (d: { status: string; attempts_made: number }) => d.status === 'succeeded' && d.attempts_made === 1,
        ),
      ).toBe(true);
      expect(receiver.received).toHaveLength(count);
      expect(new Set(receiver.received.map((r) => r.id)).size).toBe(count);
      expect(receiver.received.every((r) => r.verified)).toBe(true);
    },
    120_000,
  );
});
