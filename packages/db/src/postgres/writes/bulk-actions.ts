import type { BulkActionItem } from '@stageflow/domain';
import { and, eq } from 'drizzle-orm';
import type { Lease } from '../../leases.ts';
import type { Writes } from '../../reads.ts';
import {
  bulkActionRow,
  bulkItemRows,
  bulkItemSettled,
  countedOne,
  type NewBulkAction,
} from '../../repositories/bulk-actions.ts';
import type { PgExec } from '../client.ts';
import { pgLeasedQueue } from '../leases.ts';
import { bulkActionItems, bulkActions } from '../schema.ts';

// The process running an action holds it (postgres/leases.ts): docs/rules.md#bulk-actions.
const runs = pgLeasedQueue(bulkActions, {
  id: bulkActions.id,
  owner: bulkActions.lease_owner,
  expiresAt: bulkActions.lease_expires_at,
});

const ofAction = (workspaceId: string, id: string) =>
  and(eq(bulkActions.workspace_id, workspaceId), eq(bulkActions.id, id));

/** The bulk action writes on PostgreSQL, inside `tx`, leaving the rows repositories/bulk-actions.ts leaves. */
export function createPgBulkActionsWrites(tx: PgExec) {
  return {
    async insert(action: NewBulkAction): Promise<void> {
      await tx.insert(bulkActions).values(bulkActionRow(action));
      // In slices of 500 people, as on SQLite: a statement binds a bounded number of values.
      for (let at = 0; at < action.people.length; at += 500) {
        await tx.insert(bulkActionItems).values(bulkItemRows(action, at, at + 500));
      }
    },

    /** Settles one pending item and counts it; false when it was settled already (nothing written). */
    async settle(workspaceId: string, id: string, position: number, item: BulkActionItem, now: string) {
      const updated = await tx
        .update(bulkActionItems)
        .set(bulkItemSettled(item, now))
        .where(
          and(
            eq(bulkActionItems.workspace_id, workspaceId),
            eq(bulkActionItems.bulk_action_id, id),
            eq(bulkActionItems.position, position),
            eq(bulkActionItems.outcome, 'pending'),
          ),
        );
      if (!updated.rowCount) return false;
      await tx.update(bulkActions).set(countedOne(bulkActions, now)).where(ofAction(workspaceId, id));
      return true;
    },

    /** Leases a running action to `lease.owner`, or extends the lease it holds; false when another holds it. */
    async claim(workspaceId: string, id: string, lease: Lease): Promise<boolean> {
      if (await runs.renew(tx, lease, id)) return true;
      const due = and(ofAction(workspaceId, id), eq(bulkActions.status, 'running'));
      return (await runs.claim(tx, lease, { due, order: bulkActions.created_at, limit: 1 })).length === 1;
    },

    /** Ends `owner`'s lease on the action, so another process may take up what is left at once. */
    async release(workspaceId: string, id: string, owner: string): Promise<void> {
      await tx
        .update(bulkActions)
        .set(runs.released)
        .where(and(ofAction(workspaceId, id), runs.heldBy(owner)));
    },
  } satisfies Writes['bulkActions'];
}
