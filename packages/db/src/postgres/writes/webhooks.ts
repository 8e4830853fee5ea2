import { randomUUID } from 'node:crypto';
import type { WebhookDeliveryStatus, WebhookEvent } from '@stageflow/domain';
import { and, eq, inArray, lt, lte, ne, notExists, sql } from 'drizzle-orm';
import type { Writes } from '../../reads.ts';
import { endpointColumns, type WebhookEndpointRow } from '../../repositories/webhooks/endpoints.ts';
import {
  type AttemptRecord,
  type ClaimedDelivery,
  claimedDelivery,
  deliveryRow,
  messageRow,
  newMessageId,
  routeEvents,
} from '../../repositories/webhooks/outbox.ts';
import type { PgExec } from '../client.ts';
import { pgLeasedQueue } from '../leases.ts';
import { enabledEndpoints } from '../reads/webhooks.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookMessages } from '../schema.ts';
import { slices } from './slices.ts';

type DeliveryRow = typeof webhookDeliveries.$inferSelect;

// A delivery is leased by the process sending it (postgres/leases.ts): docs/webhooks.md#several-processes.
const queue = pgLeasedQueue(webhookDeliveries, {
  id: webhookDeliveries.id,
  owner: webhookDeliveries.lease_owner,
  expiresAt: webhookDeliveries.lease_expires_at,
});

const ofEndpoint = (workspaceId: string, id: string) =>
  and(eq(webhookEndpoints.workspace_id, workspaceId), eq(webhookEndpoints.id, id));

/**
 * The webhook writes on PostgreSQL, inside `tx`, leaving the rows repositories/webhooks/ leaves.
 *
 * `announce` is called when new deliveries are written. It must not wake the webhook worker at once: the
 * transaction is still open (it goes on awaiting), and a worker woken now would not see the rows yet. The engine
 * passes one that notes it and wakes the worker after the COMMIT (postgres/engine.ts).
 */
export function createPgWebhooksWrites(tx: PgExec, options: { announce: () => void }) {
  const { announce } = options;

  async function insertMessage(workspaceId: string, event: WebhookEvent): Promise<string> {
    const id = newMessageId();
    await tx.insert(webhookMessages).values(messageRow(id, workspaceId, event));
    return id;
  }
  const pending = (
    workspaceId: string,
    values: { id: string; endpoint_id: string; message_id: string; at: string; replay_of: string | null },
  ) =>
    deliveryRow({
      id: values.id,
      workspace_id: workspaceId,
      endpoint_id: values.endpoint_id,
      message_id: values.message_id,
      status: 'pending',
      attempts_made: 0,
      next_attempt_at: values.at,
      replay_of: values.replay_of,
      created_at: values.at,
    });

  /** Gives up every delivery still pending to an endpoint that was just disabled. */
  async function failPending(workspaceId: string, endpointId: string, now: string, exceptId?: string): Promise<void> {
    await tx
      .update(webhookDeliveries)
      .set({ status: 'failed', next_attempt_at: null, finished_at: now, ...queue.released })
      .where(
        and(
          eq(webhookDeliveries.workspace_id, workspaceId),
          eq(webhookDeliveries.endpoint_id, endpointId),
          eq(webhookDeliveries.status, 'pending'),
          exceptId ? ne(webhookDeliveries.id, exceptId) : undefined,
        ),
      );
  }

  const endpoints = {
    async insert(workspaceId: string, endpoint: WebhookEndpointRow): Promise<void> {
      await tx.insert(webhookEndpoints).values(endpointColumns(workspaceId, endpoint));
    },
    async save(workspaceId: string, endpoint: WebhookEndpointRow): Promise<void> {
      const { id, workspace_id, ...set } = endpointColumns(workspaceId, endpoint);
      await tx.update(webhookEndpoints).set(set).where(ofEndpoint(workspace_id, id));
    },
    /** Its deliveries and their attempts go with it (the foreign keys cascade, as on SQLite). */
    async remove(workspaceId: string, id: string): Promise<void> {
      await tx.delete(webhookEndpoints).where(ofEndpoint(workspaceId, id));
    },
  } satisfies Writes['webhooks']['endpoints'];

  const outbox = {
    /** Each event to every enabled endpoint of the workspace that wants it; an event none wants is not stored. */
    async enqueue(workspaceId: string, events: readonly WebhookEvent[]): Promise<number> {
      if (events.length === 0) return 0;
      const targets = await enabledEndpoints(tx, workspaceId);
      if (targets.length === 0) return 0;
      const messages: ReturnType<typeof messageRow>[] = [];
      const deliveries: DeliveryRow[] = [];
      // Ids drawn in SQLite's order (each message, then its deliveries), so the same writes leave the same rows.
      for (const { event, endpointIds } of routeEvents(events, targets)) {
        const message = messageRow(newMessageId(), workspaceId, event);
        messages.push(message);
        for (const endpointId of endpointIds) {
          deliveries.push(
            pending(workspaceId, {
              id: randomUUID(),
              endpoint_id: endpointId,
              message_id: message.id,
              at: event.timestamp,
              replay_of: null,
            }),
          );
        }
      }
      if (deliveries.length === 0) return 0;
      // A statement per table for the whole batch (PostgreSQL pays a round trip for each), not one per row.
      for (const slice of slices(messages)) await tx.insert(webhookMessages).values(slice);
      for (const slice of slices(deliveries)) await tx.insert(webhookDeliveries).values(slice);
      announce();
      return deliveries.length;
    },

    async enqueueTo(workspaceId: string, endpointId: string, event: WebhookEvent): Promise<string> {
      const id = randomUUID();
      const messageId = await insertMessage(workspaceId, event);
      await tx.insert(webhookDeliveries).values(
        pending(workspaceId, {
          id,
          endpoint_id: endpointId,
          message_id: messageId,
          at: event.timestamp,
          replay_of: null,
        }),
      );
      announce();
      return id;
    },

    async replay(
      workspaceId: string,
      of: { id: string; endpoint_id: string; message_id: string },
      now: string,
    ): Promise<string> {
      const id = randomUUID();
      await tx.insert(webhookDeliveries).values(
        pending(workspaceId, {
          id,
          endpoint_id: of.endpoint_id,
          message_id: of.message_id,
          at: now,
          replay_of: of.id,
        }),
      );
      announce();
      return id;
    },

    /** Leases up to `limit` due deliveries to enabled endpoints, passing over those another claim is taking. */
    async claim(owner: string, now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]> {
      const enabled = tx
        .select({ id: webhookEndpoints.id })
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.enabled, true));
      const due = await queue.claim(
        tx,
        { owner, now, until: leaseUntil },
        {
          due: and(
            eq(webhookDeliveries.status, 'pending'),
            lte(webhookDeliveries.next_attempt_at, now),
            inArray(webhookDeliveries.endpoint_id, enabled),
          ),
          order: webhookDeliveries.next_attempt_at,
          limit,
        },
      );
      if (due.length === 0) return [];
      const rows = await tx
        .select({ delivery: webhookDeliveries, payload: webhookMessages.payload, endpoint: webhookEndpoints })
        .from(webhookDeliveries)
        .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.message_id))
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpoint_id))
        .where(inArray(webhookDeliveries.id, due))
        .orderBy(webhookDeliveries.next_attempt_at);
      return rows.map(claimedDelivery);
    },

    /**
     * The delivery as its lease holder left it, locked for the settling; undefined when another holds it now.
     * Its endpoint is locked first, as every unit that changes an endpoint and its deliveries locks them: a settle
     * that disables the endpoint gives up its other deliveries, so two settles of one endpoint each holding their
     * own delivery first would wait on each other in a circle.
     */
    async leased(id: string, owner: string): Promise<DeliveryRow | undefined> {
      await tx
        .select({ id: webhookEndpoints.id })
        .from(webhookEndpoints)
        .where(
          inArray(
            webhookEndpoints.id,
            tx
              .select({ id: webhookDeliveries.endpoint_id })
              .from(webhookDeliveries)
              .where(eq(webhookDeliveries.id, id)),
          ),
        )
        .for('update');
      const [row] = await tx
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.id, id), queue.heldBy(owner), eq(webhookDeliveries.status, 'pending')))
        .for('update');
      return row;
    },

    async recordAttempt(
      delivery: DeliveryRow,
      attempt: AttemptRecord,
      after: { status: WebhookDeliveryStatus; next_attempt_at: string | null; finished_at: string | null },
    ): Promise<void> {
      await tx
        .insert(webhookAttempts)
        .values({ id: randomUUID(), workspace_id: delivery.workspace_id, delivery_id: delivery.id, ...attempt });
      await tx
        .update(webhookDeliveries)
        .set({ ...after, attempts_made: attempt.attempt, ...queue.released })
        .where(eq(webhookDeliveries.id, delivery.id));
    },

    failPending,

    /** Forgets deliveries that ended before `before` and messages no delivery needs; pending ones stay. */
    async sweep(before: string): Promise<number> {
      const gone = await tx
        .delete(webhookDeliveries)
        .where(and(ne(webhookDeliveries.status, 'pending'), lt(webhookDeliveries.created_at, before)));
      await tx
        .delete(webhookMessages)
        .where(
          and(
            lt(webhookMessages.created_at, before),
            notExists(
              tx
                .select({ one: sql`1` })
                .from(webhookDeliveries)
                .where(eq(webhookDeliveries.message_id, webhookMessages.id)),
            ),
          ),
        );
      return gone.rowCount ?? 0;
    },
  } satisfies Writes['webhooks']['outbox'];

  return { endpoints, outbox } satisfies Writes['webhooks'];
}
