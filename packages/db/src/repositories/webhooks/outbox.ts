import { randomUUID } from 'node:crypto';
import {
  endpointWants,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
  type WebhookEvent,
} from '@stageflow/domain';
import { and, desc, eq, inArray, lt, lte, ne, notExists, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../client.ts';
import { leasedQueue } from '../../leases.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookMessages } from '../../schema/index.ts';
import { limitOf } from '../limit.ts';
import { endpointRecord, type WebhookEndpointRow } from './endpoints.ts';
import { enqueuedSignal } from './signal.ts';

/** A delivery a process has leased to send: the exact body, its attempt count and its endpoint now. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly workspace_id: string;
  readonly message_id: string;
  readonly payload: string;
  readonly attempts_made: number;
  readonly endpoint: WebhookEndpointRow;
}

/** What one attempt recorded. */
export type AttemptRecord = WebhookAttempt;

/** A message's `webhook-id`: `msg_` and a random id, never a caller's text (the signature joins it with dots). */
export const newMessageId = () => `msg_${randomUUID().replaceAll('-', '')}`;

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type AttemptRow = typeof webhookAttempts.$inferSelect;

type NewDelivery = Omit<DeliveryRow, 'lease_owner' | 'lease_expires_at' | 'finished_at'>;
/** A new delivery's row: pending, leased by no one. */
export const deliveryRow = (values: NewDelivery): DeliveryRow => ({
  ...values,
  lease_owner: null,
  lease_expires_at: null,
  finished_at: null,
});

/** A message's row: the exact body every delivery of it sends (and a replay sends again). */
export const messageRow = (id: string, workspaceId: string, event: WebhookEvent) => ({
  id,
  workspace_id: workspaceId,
  type: event.type,
  payload: JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data }),
  created_at: event.timestamp,
});

/** Deliveries as the log shows them, each with its attempts (given oldest first). */
export const deliveryViews = (
  rows: readonly { delivery: DeliveryRow; type: string; payload: string }[],
  attempts: readonly AttemptRow[],
): WebhookDelivery[] =>
  rows.map(({ delivery: d, type, payload }) => ({
    id: d.id,
    endpoint_id: d.endpoint_id,
    webhook_id: d.message_id,
    event_type: type,
    status: d.status as WebhookDeliveryStatus,
    attempts_made: d.attempts_made,
    next_attempt_at: d.status === 'pending' ? d.next_attempt_at : null,
    replay_of: d.replay_of,
    payload,
    created_at: d.created_at,
    finished_at: d.finished_at,
    attempts: attempts
      .filter((a) => a.delivery_id === d.id)
      .map((a) => ({
        attempt: a.attempt,
        started_at: a.started_at,
        latency_ms: a.latency_ms,
        status_code: a.status_code,
        response_body: a.response_body,
        error: a.error,
        succeeded: a.succeeded,
      })),
  }));

/** A claimed delivery as the worker sends it. */
export const claimedDelivery = ({
  delivery,
  payload,
  endpoint,
}: {
  delivery: DeliveryRow;
  payload: string;
  endpoint: typeof webhookEndpoints.$inferSelect;
}): ClaimedDelivery => ({
  id: delivery.id,
  workspace_id: delivery.workspace_id,
  message_id: delivery.message_id,
  payload,
  attempts_made: delivery.attempts_made,
  endpoint: endpointRecord(endpoint),
});

/** Each event's message and the endpoints it goes to: the ones enabled that want it (none: not stored). */
export function routeEvents(
  events: readonly WebhookEvent[],
  targets: readonly { id: string; event_types: string[] }[],
): { event: WebhookEvent; endpointIds: string[] }[] {
  return events.flatMap((event) => {
    const endpointIds = targets.filter((t) => endpointWants(t.event_types, event.type)).map((t) => t.id);
    return endpointIds.length === 0 ? [] : [{ event, endpointIds }];
  });
}

export function createWebhookOutboxRepository(
  db: Db,
  endpoints: { enabled(workspaceId: string): { id: string; event_types: string[] }[] },
) {
  const signal = enqueuedSignal();
  // A delivery is leased by the process sending it (leases.ts): docs/webhooks.md#several-processes.
  const queue = leasedQueue(webhookDeliveries, {
    id: webhookDeliveries.id,
    owner: webhookDeliveries.lease_owner,
    expiresAt: webhookDeliveries.lease_expires_at,
  });

  const insertDelivery = (tx: Tx, values: NewDelivery) =>
    tx.insert(webhookDeliveries).values(deliveryRow(values)).run();

  function insertMessage(tx: Tx, workspaceId: string, event: WebhookEvent): string {
    const id = newMessageId();
    tx.insert(webhookMessages)
      .values(messageRow(id, workspaceId, event))
      .run();
    return id;
  }

  /** After the transaction that wrote them commits (it is synchronous): the worker need not wait for its poll. */
  const announce = signal.announce;

  /** Deliveries as the log shows them, each with its attempts (oldest first). */
  function views(
    workspaceId: string,
    rows: readonly { delivery: DeliveryRow; type: string; payload: string }[],
  ): WebhookDelivery[] {
    const ids = rows.map((r) => r.delivery.id);
    const attempts =
      ids.length === 0
        ? []
        : db
            .select()
            .from(webhookAttempts)
            .where(and(eq(webhookAttempts.workspace_id, workspaceId), inArray(webhookAttempts.delivery_id, ids)))
            .orderBy(webhookAttempts.attempt)
            .all();
    return deliveryViews(rows, attempts);
  }

  return {
    /** Called after every write of new deliveries (in this process); answers a function that stops it. */
    onEnqueued(listener: () => void): () => void {
      return signal.onEnqueued(listener);
    },

    /**
     * Writes each event to the outbox for every enabled endpoint of the workspace that wants it, due at
     * once (its `timestamp`). Call inside the transaction of the change the events report. An event no
     * endpoint wants is not stored at all.
     */
    enqueue(tx: Tx, workspaceId: string, events: readonly WebhookEvent[]): number {
      if (events.length === 0) return 0;
      const targets = endpoints.enabled(workspaceId);
      if (targets.length === 0) return 0;
      let written = 0;
      for (const { event, endpointIds } of routeEvents(events, targets)) {
        const messageId = insertMessage(tx, workspaceId, event);
        for (const endpointId of endpointIds) {
          insertDelivery(tx, {
            id: randomUUID(),
            workspace_id: workspaceId,
            endpoint_id: endpointId,
            message_id: messageId,
            status: 'pending',
            attempts_made: 0,
            next_attempt_at: event.timestamp,
            replay_of: null,
            created_at: event.timestamp,
          });
          written++;
        }
      }
      if (written > 0) announce();
      return written;
    },

    /** One event for one endpoint, whatever it subscribed to (Send test event). Answers the delivery's id. */
    enqueueTo(tx: Tx, workspaceId: string, endpointId: string, event: WebhookEvent): string {
      const id = randomUUID();
      insertDelivery(tx, {
        id,
        workspace_id: workspaceId,
        endpoint_id: endpointId,
        message_id: insertMessage(tx, workspaceId, event),
        status: 'pending',
        attempts_made: 0,
        next_attempt_at: event.timestamp,
        replay_of: null,
        created_at: event.timestamp,
      });
      announce();
      return id;
    },

    /** A new delivery of a delivery's message to the same endpoint: the same `webhook-id`, signed when sent. */
    replay(
      tx: Tx,
      workspaceId: string,
      of: { id: string; endpoint_id: string; message_id: string },
      now: string,
    ): string {
      const id = randomUUID();
      insertDelivery(tx, {
        id,
        workspace_id: workspaceId,
        endpoint_id: of.endpoint_id,
        message_id: of.message_id,
        status: 'pending',
        attempts_made: 0,
        next_attempt_at: now,
        replay_of: of.id,
        created_at: now,
      });
      announce();
      return id;
    },

    /** One delivery as the log shows it. */
    view(workspaceId: string, id: string): WebhookDelivery | undefined {
      const row = db
        .select({ delivery: webhookDeliveries, type: webhookMessages.type, payload: webhookMessages.payload })
        .from(webhookDeliveries)
        .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.message_id))
        .where(and(eq(webhookDeliveries.workspace_id, workspaceId), eq(webhookDeliveries.id, id)))
        .get();
      return row && views(workspaceId, [row])[0];
    },

    delivery(workspaceId: string, id: string): DeliveryRow | undefined {
      return db
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.workspace_id, workspaceId), eq(webhookDeliveries.id, id)))
        .get();
    },

    /**
     * Leases up to `limit` deliveries that are due and not leased by a live process, for `owner` until
     * `leaseUntil`. Call inside an immediate transaction: a second process waits for it, then sees the
     * leases, so no two take the same attempt. Only enabled endpoints' deliveries are taken.
     */
    claim(tx: Tx, owner: string, now: string, leaseUntil: string, limit: number): ClaimedDelivery[] {
      const enabledEndpoints = tx
        .select({ id: webhookEndpoints.id })
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.enabled, true));
      const due = queue.claim(
        tx,
        { owner, now, until: leaseUntil },
        {
          due: and(
            eq(webhookDeliveries.status, 'pending'),
            lte(webhookDeliveries.next_attempt_at, now),
            inArray(webhookDeliveries.endpoint_id, enabledEndpoints),
          ),
          order: webhookDeliveries.next_attempt_at,
          limit,
        },
      );
      if (due.length === 0) return [];
      return tx
        .select({ delivery: webhookDeliveries, payload: webhookMessages.payload, endpoint: webhookEndpoints })
        .from(webhookDeliveries)
        .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.message_id))
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpoint_id))
        .where(inArray(webhookDeliveries.id, due))
        .orderBy(webhookDeliveries.next_attempt_at)
        .all()
        .map(claimedDelivery);
    },

    /** The delivery as its lease holder left it, or undefined when another process holds it now (or it ended). */
    leased(tx: Tx, id: string, owner: string): DeliveryRow | undefined {
      return tx
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.id, id), queue.heldBy(owner), eq(webhookDeliveries.status, 'pending')))
        .get();
    },

    /** Records an attempt and where the delivery stands after it; the lease ends. */
    recordAttempt(
      tx: Tx,
      delivery: DeliveryRow,
      attempt: AttemptRecord,
      after: { status: WebhookDeliveryStatus; next_attempt_at: string | null; finished_at: string | null },
    ): void {
      tx.insert(webhookAttempts)
        .values({ id: randomUUID(), workspace_id: delivery.workspace_id, delivery_id: delivery.id, ...attempt })
        .run();
      tx.update(webhookDeliveries)
        .set({ ...after, attempts_made: attempt.attempt, ...queue.released })
        .where(eq(webhookDeliveries.id, delivery.id))
        .run();
    },

    /** Gives up every delivery still pending to an endpoint that was just disabled (a replay can send them later). */
    failPending(tx: Tx, workspaceId: string, endpointId: string, now: string, exceptId?: string): void {
      tx.update(webhookDeliveries)
        .set({ status: 'failed', next_attempt_at: null, finished_at: now, ...queue.released })
        .where(
          and(
            eq(webhookDeliveries.workspace_id, workspaceId),
            eq(webhookDeliveries.endpoint_id, endpointId),
            eq(webhookDeliveries.status, 'pending'),
            exceptId ? ne(webhookDeliveries.id, exceptId) : undefined,
          ),
        )
        .run();
    },

    /** An endpoint's deliveries, newest first, each with its attempts (oldest first) and its message. */
    page(
      workspaceId: string,
      endpointId: string,
      query: {
        status?: WebhookDeliveryStatus | undefined;
        limit: number;
        after?: { created_at: string; id: string } | undefined;
      },
    ): { items: WebhookDelivery[]; last: { created_at: string; id: string } | null } {
      const rows = db
        .select({ delivery: webhookDeliveries, type: webhookMessages.type, payload: webhookMessages.payload })
        .from(webhookDeliveries)
        .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.message_id))
        .where(
          and(
            eq(webhookDeliveries.workspace_id, workspaceId),
            eq(webhookDeliveries.endpoint_id, endpointId),
            query.status ? eq(webhookDeliveries.status, query.status) : undefined,
            query.after
              ? or(
                  lt(webhookDeliveries.created_at, query.after.created_at),
                  and(
                    eq(webhookDeliveries.created_at, query.after.created_at),
                    lt(webhookDeliveries.id, query.after.id),
                  ),
                )
              : undefined,
          ),
        )
        .orderBy(desc(webhookDeliveries.created_at), desc(webhookDeliveries.id))
        .limit(limitOf(query.limit + 1))
        .all();
      const pageRows = rows.slice(0, query.limit);
      const items = views(workspaceId, pageRows);
      const lastRow = pageRows.at(-1);
      return {
        items,
        last:
          rows.length > query.limit && lastRow
            ? { created_at: lastRow.delivery.created_at, id: lastRow.delivery.id }
            : null,
      };
    },

    /**
     * Forgets deliveries that ended before `before` (their attempts go with them) and messages no delivery
     * needs any more. Pending deliveries are kept whatever their age. Answers how many deliveries went.
     */
    sweep(tx: Tx, before: string): number {
      const gone = tx
        .delete(webhookDeliveries)
        .where(and(ne(webhookDeliveries.status, 'pending'), lt(webhookDeliveries.created_at, before)))
        .run().changes;
      tx.delete(webhookMessages)
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
        )
        .run();
      return gone;
    },
  };
}
