import { z } from 'zod';
import { ParticipantCursorText } from '../progression/cursor.ts';
import { Uuid } from '../schemas/common.ts';

/**
 * The delivery log (docs/entities.md#webhook-delivery): one delivery per message and endpoint (a
 * replay is a new delivery of the same message), each with its attempts.
 */

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** How much of a receiver's answer the log keeps. */
export const WEBHOOK_RESPONSE_KEEP_BYTES = 1024;

export const WebhookAttempt = z.object({
  attempt: z.int().min(1),
  started_at: z.string(),
  latency_ms: z.int().min(0),
  status_code: z.int().nullable().meta({ description: 'The HTTP status; null when no answer came' }),
  response_body: z.string().nullable().meta({ description: 'The first 1 KB of the answer' }),
  error: z.string().nullable().meta({ description: 'What went wrong, in plain words; null on success' }),
  succeeded: z.boolean(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const WebhookDelivery = z.object({
  id: Uuid,
  endpoint_id: Uuid,
  webhook_id: z.string().meta({ description: 'The `webhook-id` header: the same on every attempt and replay' }),
  event_type: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts_made: z.int().min(0),
  next_attempt_at: z.string().nullable().meta({ description: 'While pending: when the next attempt is due' }),
  replay_of: Uuid.nullable().meta({ description: 'The delivery this one replays, if it is a replay' }),
  payload: z.string().meta({ description: 'The body as sent' }),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  attempts: z.array(WebhookAttempt).meta({ description: 'Oldest first' }),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const ListWebhookDeliveriesInput = z.strictObject({
  id: Uuid.meta({ description: "The endpoint's id" }),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  limit: z.int().min(1).max(100).default(25),
  cursor: ParticipantCursorText.optional(),
  /** Sent by tRPC's `useInfiniteQuery` with every page; pages only go forward, so the server ignores it. */
  direction: z.enum(['forward', 'backward']).optional(),
});
export type ListWebhookDeliveriesInput = z.input<typeof ListWebhookDeliveriesInput>;

export const WebhookDeliveryPage = z.object({
  items: z.array(WebhookDelivery),
  next_cursor: z.string().nullable(),
});
export type WebhookDeliveryPage = z.infer<typeof WebhookDeliveryPage>;

export const ReplayWebhookDeliveryInput = z.strictObject({ id: Uuid, delivery_id: Uuid });
