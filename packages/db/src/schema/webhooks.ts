import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, workspaceId } from './columns.ts';
import { workspaces } from './workspaces.ts';

/**
 * Outgoing webhooks (docs/webhooks.md): a workspace's endpoints, the outbox of messages written in the
 * same transaction as the change they report, one delivery per message and endpoint (leased by the
 * process sending it), and every attempt, for the delivery log.
 */

export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: id(),
    workspace_id: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description').notNull(),
    /** The subscribed types; empty means every type. */
    event_types: text('event_types', { mode: 'json' }).$type<string[]>().notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    /** `gone` (410), `failing` (5 days of failures), `manual`; null while enabled. */
    disabled_reason: text('disabled_reason'),
    disabled_at: text('disabled_at'),
    failing_since: text('failing_since'),
    /** The signing secret, sealed (AES-256-GCM under AUTH_SECRET, bound to the endpoint's id). */
    secret_encrypted: text('secret_encrypted').notNull(),
    previous_secret_encrypted: text('previous_secret_encrypted'),
    previous_secret_expires_at: text('previous_secret_expires_at'),
    created_by: text('created_by').notNull(),
    created_at: text('created_at').notNull(),
    updated_at: text('updated_at').notNull(),
  },
  (t) => [index('webhook_endpoints_workspace_idx').on(t.workspace_id, t.enabled)],
);

/** One webhook as sent to every endpoint that wants it: `id` is the `webhook-id`, `payload` the exact body. */
export const webhookMessages = sqliteTable(
  'webhook_messages',
  {
    id: text('id').primaryKey(),
    workspace_id: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    payload: text('payload').notNull(),
    created_at: text('created_at').notNull(),
  },
  (t) => [index('webhook_messages_created_idx').on(t.created_at)],
);

/** The outbox proper: a message on its way to one endpoint. A process leases it while it sends. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: id(),
    workspace_id: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    endpoint_id: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    message_id: text('message_id')
      .notNull()
      .references(() => webhookMessages.id, { onDelete: 'cascade' }),
    /** `pending` until it succeeds or is given up (`failed`). */
    status: text('status').notNull(),
    attempts_made: integer('attempts_made').notNull(),
    /** While pending: when the next attempt is due. */
    next_attempt_at: text('next_attempt_at'),
    /** The process sending it now, and until when no other may take it. */
    lease_owner: text('lease_owner'),
    lease_expires_at: text('lease_expires_at'),
    replay_of: text('replay_of'),
    created_at: text('created_at').notNull(),
    finished_at: text('finished_at'),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.next_attempt_at),
    index('webhook_deliveries_endpoint_idx').on(t.workspace_id, t.endpoint_id, t.created_at),
    index('webhook_deliveries_message_idx').on(t.message_id),
  ],
);

/** Each attempt of a delivery; the unique index makes "one send per attempt" a fact of the database. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: id(),
    workspace_id: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    delivery_id: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    started_at: text('started_at').notNull(),
    latency_ms: integer('latency_ms').notNull(),
    status_code: integer('status_code'),
    /** The first 1 KB of the answer. */
    response_body: text('response_body'),
    error: text('error'),
    succeeded: integer('succeeded', { mode: 'boolean' }).notNull(),
  },
  (t) => [uniqueIndex('webhook_attempts_delivery_attempt_uq').on(t.delivery_id, t.attempt)],
);
