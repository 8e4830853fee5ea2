import type { WebhookDisabledReason, WebhookEndpointRecord, WebhookEventType } from '@stageflow/domain';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../client.ts';
import { webhookEndpoints } from '../../schema/index.ts';

type Row = typeof webhookEndpoints.$inferSelect;

/** An endpoint as the rules see it; its secrets are the sealed text. */
export type WebhookEndpointRow = WebhookEndpointRecord<string>;

export const endpointRecord = (row: Row): WebhookEndpointRow => ({
  id: row.id,
  url: row.url,
  description: row.description,
  event_types: row.event_types as WebhookEventType[],
  enabled: row.enabled,
  disabled_reason: row.disabled_reason as WebhookDisabledReason | null,
  disabled_at: row.disabled_at,
  failing_since: row.failing_since,
  secret: row.secret_encrypted,
  previous_secret: row.previous_secret_encrypted,
  previous_secret_expires_at: row.previous_secret_expires_at,
  created_by: row.created_by,
  created_at: row.created_at,
  updated_at: row.updated_at,
});

/** The row that stores an endpoint (its secrets sealed). */
export const endpointColumns = (workspaceId: string, e: WebhookEndpointRow) => ({
  id: e.id,
  workspace_id: workspaceId,
  url: e.url,
  description: e.description,
  event_types: [...e.event_types],
  enabled: e.enabled,
  disabled_reason: e.disabled_reason,
  disabled_at: e.disabled_at,
  failing_since: e.failing_since,
  secret_encrypted: e.secret,
  previous_secret_encrypted: e.previous_secret,
  previous_secret_expires_at: e.previous_secret_expires_at,
  created_by: e.created_by,
  created_at: e.created_at,
  updated_at: e.updated_at,
});

export function createWebhookEndpointRepository(db: Db) {
  // Read in every transaction that writes a webhook: prepared once.
  const enabledQuery = db
    .select({ id: webhookEndpoints.id, event_types: webhookEndpoints.event_types })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspace_id, sql.placeholder('workspaceId')), eq(webhookEndpoints.enabled, true)))
    .prepare();

  return {
    /** Oldest first, so a list keeps its order as endpoints are added. */
    list(workspaceId: string): WebhookEndpointRow[] {
      return db
        .select()
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.workspace_id, workspaceId))
        .orderBy(asc(webhookEndpoints.created_at), asc(webhookEndpoints.id))
        .all()
        .map(endpointRecord);
    },
    byId(workspaceId: string, id: string): WebhookEndpointRow | undefined {
      const row = db
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.workspace_id, workspaceId), eq(webhookEndpoints.id, id)))
        .get();
      return row && endpointRecord(row);
    },
    count(workspaceId: string): number {
      return (
        db.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.workspace_id, workspaceId)).get()
          ?.n ?? 0
      );
    },
    /** The endpoints a new webhook may go to: the workspace's enabled ones and what they subscribed to. */
    enabled(workspaceId: string): { id: string; event_types: string[] }[] {
      return enabledQuery.all({ workspaceId });
    },
    insert(tx: Tx, workspaceId: string, endpoint: WebhookEndpointRow): void {
      tx.insert(webhookEndpoints).values(endpointColumns(workspaceId, endpoint)).run();
    },
    save(tx: Tx, workspaceId: string, endpoint: WebhookEndpointRow): void {
      const { id, workspace_id, ...set } = endpointColumns(workspaceId, endpoint);
      tx.update(webhookEndpoints)
        .set(set)
        .where(and(eq(webhookEndpoints.workspace_id, workspace_id), eq(webhookEndpoints.id, id)))
        .run();
    },
    /** Its deliveries and their attempts go with it. */
    remove(tx: Tx, workspaceId: string, id: string): void {
      tx.delete(webhookEndpoints)
        .where(and(eq(webhookEndpoints.workspace_id, workspaceId), eq(webhookEndpoints.id, id)))
        .run();
    },
  };
}
