import type { BulkAction } from '@stageflow/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { bulkActionView, bulkItemOf, type PendingBulkItem } from '../../repositories/bulk-actions.ts';
import type { PgExec } from '../client.ts';
import { bulkActionItems, bulkActions } from '../schema.ts';

const ofAction = (workspaceId: string, id: string) =>
  and(eq(bulkActions.workspace_id, workspaceId), eq(bulkActions.id, id));
const ofItems = (workspaceId: string, id: string) =>
  and(eq(bulkActionItems.workspace_id, workspaceId), eq(bulkActionItems.bulk_action_id, id));

/**
 * Bulk actions on PostgreSQL, answering as repositories/bulk-actions.ts does. With `inWrite` (the transaction
 * of one person's item) `isPending` locks the item it asks about and `byId` the action's row, so two processes
 * never settle the same person twice.
 */
export function createPgBulkActionsReads(exec: PgExec, options: { inWrite?: boolean } = {}) {
  return {
    async byId(workspaceId: string, id: string): Promise<BulkAction | undefined> {
      const query = exec.select().from(bulkActions).where(ofAction(workspaceId, id));
      const [row] = await (options.inWrite ? query.for('update') : query);
      if (!row) return undefined;
      const items = await exec
        .select()
        .from(bulkActionItems)
        .where(ofItems(workspaceId, id))
        .orderBy(asc(bulkActionItems.position));
      return bulkActionView(row, items.map(bulkItemOf));
    },

    async request(workspaceId: string, id: string) {
      const [row] = await exec
        .select({ request: bulkActions.request, created_by: bulkActions.created_by, status: bulkActions.status })
        .from(bulkActions)
        .where(ofAction(workspaceId, id));
      return row;
    },

    async isPending(workspaceId: string, id: string, position: number): Promise<boolean> {
      const query = exec
        .select({ outcome: bulkActionItems.outcome })
        .from(bulkActionItems)
        .where(and(ofItems(workspaceId, id), eq(bulkActionItems.position, position)));
      const [row] = await (options.inWrite ? query.for('update') : query);
      return row?.outcome === 'pending';
    },

    async nextPending(workspaceId: string, id: string): Promise<PendingBulkItem | undefined> {
      const [row] = await exec
        .select({ position: bulkActionItems.position, participant_id: bulkActionItems.participant_id })
        .from(bulkActionItems)
        .where(and(ofItems(workspaceId, id), eq(bulkActionItems.outcome, 'pending')))
        .orderBy(asc(bulkActionItems.position))
        .limit(1);
      return row;
    },

    async running(): Promise<{ workspace_id: string; id: string; created_by: string }[]> {
      return exec
        .select({ workspace_id: bulkActions.workspace_id, id: bulkActions.id, created_by: bulkActions.created_by })
        .from(bulkActions)
        .where(eq(bulkActions.status, 'running'))
        .orderBy(asc(bulkActions.created_at));
    },
  } satisfies Reads['bulkActions'];
}
