import type { WebhookDelivery, WebhookDeliveryStatus } from '@stageflow/domain';
import { and, asc, count, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { endpointRecord, type WebhookEndpointRow } from '../../repositories/webhooks/endpoints.ts';
import { deliveryViews } from '../../repositories/webhooks/outbox.ts';
import { type EnqueuedSignal, enqueuedSignal } from '../../repositories/webhooks/signal.ts';
import type { PgExec } from '../client.ts';
import { inWorkspace, prepared } from '../prepared.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookMessages } from '../schema.ts';

/**
 * This process's wake-up for PostgreSQL outboxes, unless the storage is given its own: the reads' `onEnqueued`
 * and the engine's announce after each commit that enqueued (createPgStorage) must share one to reach each other.
 */
export const pgEnqueued: EnqueuedSignal = enqueuedSignal();

const ofEndpoint = (workspaceId: string, id: string) =>
  and(eq(webhookEndpoints.workspace_id, workspaceId), eq(webhookEndpoints.id, id));

/**
 * The endpoints a new webhook may go to, read inside the enqueuing transaction (writes/webhooks.ts): every command
 * that emits asks, so it is built once (docs/decisions/037-prepared-queries-on-postgresql.md).
 */
const enabledOf = prepared('webhook_endpoints_enabled', (db) =>
  db
    .select({ id: webhookEndpoints.id, event_types: webhookEndpoints.event_types })
    .from(webhookEndpoints)
    .where(and(inWorkspace(webhookEndpoints.workspace_id), eq(webhookEndpoints.enabled, true))),
);
export const enabledEndpoints = (exec: PgExec, workspaceId: string) => enabledOf(exec, { workspaceId });

/**
 * Webhook endpoints and the delivery log on PostgreSQL, answering as repositories/webhooks/ does. With `inWrite`
 * (a unit that changes the endpoint: save, disable, remove, send to, settle) `endpoints.byId` locks the row.
 */
export function createPgWebhooksReads(exec: PgExec, options: { inWrite?: boolean; signal?: EnqueuedSignal } = {}) {
  const signal = options.signal ?? pgEnqueued;

  async function views(
    workspaceId: string,
    rows: readonly { delivery: typeof webhookDeliveries.$inferSelect; type: string; payload: string }[],
  ): Promise<WebhookDelivery[]> {
    const ids = rows.map((r) => r.delivery.id);
    const attempts =
      ids.length === 0
        ? []
        : await exec
            .select()
            .from(webhookAttempts)
            .where(and(eq(webhookAttempts.workspace_id, workspaceId), inArray(webhookAttempts.delivery_id, ids)))
            .orderBy(webhookAttempts.attempt);
    return deliveryViews(rows, attempts);
  }
  const withMessage = () =>
    exec
      .select({ delivery: webhookDeliveries, type: webhookMessages.type, payload: webhookMessages.payload })
      .from(webhookDeliveries)
      .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.message_id));

  const endpoints = {
    async list(workspaceId: string): Promise<WebhookEndpointRow[]> {
      const rows = await exec
        .select()
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.workspace_id, workspaceId))
        .orderBy(asc(webhookEndpoints.created_at), asc(webhookEndpoints.id));
      return rows.map(endpointRecord);
    },
    async byId(workspaceId: string, id: string): Promise<WebhookEndpointRow | undefined> {
      const query = exec.select().from(webhookEndpoints).where(ofEndpoint(workspaceId, id));
      const [row] = await (options.inWrite ? query.for('update') : query);
      return row && endpointRecord(row);
    },
    async count(workspaceId: string): Promise<number> {
      const [row] = await exec
        .select({ n: count() })
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.workspace_id, workspaceId));
      return row?.n ?? 0;
    },
    enabled: async (workspaceId: string): Promise<{ id: string; event_types: string[] }[]> =>
      enabledEndpoints(exec, workspaceId),
  } satisfies Reads['webhooks']['endpoints'];

  const outbox = {
    onEnqueued: (listener: () => void): (() => void) => signal.onEnqueued(listener),
    async view(workspaceId: string, id: string): Promise<WebhookDelivery | undefined> {
      const [row] = await withMessage().where(
        and(eq(webhookDeliveries.workspace_id, workspaceId), eq(webhookDeliveries.id, id)),
      );
      return row && (await views(workspaceId, [row]))[0];
    },
    async delivery(workspaceId: string, id: string) {
      const [row] = await exec
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.workspace_id, workspaceId), eq(webhookDeliveries.id, id)));
      return row;
    },
    async page(
      workspaceId: string,
      endpointId: string,
      query: {
        status?: WebhookDeliveryStatus | undefined;
        limit: number;
        after?: { created_at: string; id: string } | undefined;
      },
    ): Promise<{ items: WebhookDelivery[]; last: { created_at: string; id: string } | null }> {
      const rows = await withMessage()
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
        .limit(query.limit + 1);
      const pageRows = rows.slice(0, query.limit);
      const items = await views(workspaceId, pageRows);
      const lastRow = pageRows.at(-1);
      return {
        items,
        last:
          rows.length > query.limit && lastRow
            ? { created_at: lastRow.delivery.created_at, id: lastRow.delivery.id }
            : null,
      };
    },
  } satisfies Reads['webhooks']['outbox'];

  return { endpoints, outbox } satisfies Reads['webhooks'];
}
