import type { Db } from '../../client.ts';
import { createWebhookEndpointRepository } from './endpoints.ts';
import { createWebhookOutboxRepository } from './outbox.ts';

export type { WebhookEndpointRow } from './endpoints.ts';
export type { AttemptRecord, ClaimedDelivery } from './outbox.ts';

/** Webhook endpoints and the outbox of their deliveries (docs/webhooks.md). */
export function createWebhookRepositories(db: Db) {
  const endpoints = createWebhookEndpointRepository(db);
  return { endpoints, outbox: createWebhookOutboxRepository(db, endpoints) };
}
