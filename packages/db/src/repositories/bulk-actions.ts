import { type BulkAction, type BulkActionItem, type BulkActionRequest, bulkCounts } from '@stageflow/domain';
import { and, asc, type Column, eq, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { type Lease, leasedQueue } from '../leases.ts';
import { bulkActionItems, bulkActions } from '../schema/index.ts';
import { limitOf } from './limit.ts';

/** A bulk action about to run: every item starts `pending`. */
export interface NewBulkAction {
  readonly id: string;
  readonly workspace_id: string;
  readonly request: BulkActionRequest;
  readonly filter: Record<string, unknown> | null;
  readonly created_by: string;
  readonly created_at: string;
  /** Who, in order: the id as named, and the name when it names someone in the workspace. */
  readonly people: readonly { readonly participant_id: string; readonly name: string | null }[];
}

/** The next person a running bulk action has not settled yet. */
export interface PendingBulkItem {
  readonly position: number;
  readonly participant_id: string;
}

type ActionRow = typeof bulkActions.$inferSelect;
type ItemRow = typeof bulkActionItems.$inferSelect;

/** A new action's row: running, or completed at once when it names no one. */
export const bulkActionRow = (action: NewBulkAction) => ({
  id: action.id,
  workspace_id: action.workspace_id,
  action: action.request.action,
  request: action.request,
  filter: action.filter,
  status: action.people.length === 0 ? ('completed' as const) : ('running' as const),
  total: action.people.length,
  processed: 0,
  created_by: action.created_by,
  created_at: action.created_at,
  finished_at: action.people.length === 0 ? action.created_at : null,
});

/** The rows of the action's people from position `from` to before `to`, each pending. */
export const bulkItemRows = (action: NewBulkAction, from: number, to: number) =>
  action.people.slice(from, to).map((p, i) => ({
    workspace_id: action.workspace_id,
    bulk_action_id: action.id,
    position: from + i,
    participant_id: p.participant_id,
    name: p.name,
    outcome: 'pending' as const,
  }));

export const bulkItemOf = (row: ItemRow): BulkActionItem => ({
  participant_id: row.participant_id,
  name: row.name,
  outcome: row.outcome,
  summary: row.summary,
  reason: row.reason,
  code: row.code,
  field: row.field,
});

/** The action with every person's line, as `GET /participants/bulk-actions/{id}` answers it. */
export const bulkActionView = (row: ActionRow, items: BulkActionItem[]): BulkAction => ({
  id: row.id,
  dry_run: false,
  action: row.action,
  status: row.status,
  note: row.request.note ?? null,
  tags: row.request.tags ?? null,
  schedule: row.request.schedule ?? null,
  expires_in_days: row.request.expires_in_days ?? null,
  filter: row.filter,
  total: row.total,
  processed: row.processed,
  counts: bulkCounts(items),
  created_by: row.created_by,
  created_at: row.created_at,
  finished_at: row.finished_at,
  items,
});

/** What settling one person writes on their line. */
export const bulkItemSettled = (item: BulkActionItem, now: string) => ({
  name: item.name,
  outcome: item.outcome,
  summary: item.summary,
  reason: item.reason,
  code: item.code,
  field: item.field,
  processed_at: now,
});

/**
 * One more person counted on the action's row, the last completing it: the same expression on either
 * engine's twin of the table.
 */
export const countedOne = (
  table: { readonly processed: Column; readonly total: Column },
  now: string,
): { processed: SQL; status: SQL; finished_at: SQL } => ({
  processed: sql`${table.processed} + 1`,
  status: sql`case when ${table.processed} + 1 >= ${table.total} then 'completed' else 'running' end`,
  finished_at: sql`case when ${table.processed} + 1 >= ${table.total} then ${now} else null end`,
});

/** Applied bulk actions and what happened to each person (docs/rules.md#bulk-actions). */
export function createBulkActionRepository(db: Db) {
  // The process running an action holds it (leases.ts): docs/rules.md#bulk-actions.
  const runs = leasedQueue(bulkActions, {
    id: bulkActions.id,
    owner: bulkActions.lease_owner,
    expiresAt: bulkActions.lease_expires_at,
  });
  return {
    insert(tx: Tx, action: NewBulkAction): void {
      tx.insert(bulkActions).values(bulkActionRow(action)).run();
      // In slices: SQLite takes at most 32,766 bound values in one statement.
      for (let at = 0; at < action.people.length; at += 500) {
        tx.insert(bulkActionItems)
          .values(bulkItemRows(action, at, at + 500))
          .run();
      }
    },

    /** The bulk action with every person's line, as `GET /participants/bulk-actions/{id}` answers it. */
    byId(workspaceId: string, id: string): BulkAction | undefined {
      const row = db
        .select()
        .from(bulkActions)
        .where(and(eq(bulkActions.workspace_id, workspaceId), eq(bulkActions.id, id)))
        .get();
      if (!row) return undefined;
      const items = db
        .select()
        .from(bulkActionItems)
        .where(and(eq(bulkActionItems.workspace_id, workspaceId), eq(bulkActionItems.bulk_action_id, id)))
        .orderBy(asc(bulkActionItems.position))
        .all()
        .map(bulkItemOf);
      return bulkActionView(row, items);
    },

    /** What each person's command is made from, and who it runs as. */
    request(workspaceId: string, id: string) {
      return db
        .select({ request: bulkActions.request, created_by: bulkActions.created_by, status: bulkActions.status })
        .from(bulkActions)
        .where(and(eq(bulkActions.workspace_id, workspaceId), eq(bulkActions.id, id)))
        .get();
    },

    isPending(workspaceId: string, id: string, position: number): boolean {
      const row = db
        .select({ outcome: bulkActionItems.outcome })
        .from(bulkActionItems)
        .where(
          and(
            eq(bulkActionItems.workspace_id, workspaceId),
            eq(bulkActionItems.bulk_action_id, id),
            eq(bulkActionItems.position, position),
          ),
        )
        .get();
      return row?.outcome === 'pending';
    },

    nextPending(workspaceId: string, id: string): PendingBulkItem | undefined {
      return db
        .select({ position: bulkActionItems.position, participant_id: bulkActionItems.participant_id })
        .from(bulkActionItems)
        .where(
          and(
            eq(bulkActionItems.workspace_id, workspaceId),
            eq(bulkActionItems.bulk_action_id, id),
            eq(bulkActionItems.outcome, 'pending'),
          ),
        )
        .orderBy(asc(bulkActionItems.position))
        .limit(limitOf(1))
        .get();
    },

    /**
     * Settles one pending item and counts it; the last one completes the action. Inside the item's
     * transaction, with that person's command. False when the item was settled already (nothing written).
     */
    settle(tx: Tx, workspaceId: string, id: string, position: number, item: BulkActionItem, now: string): boolean {
      const updated = tx
        .update(bulkActionItems)
        .set(bulkItemSettled(item, now))
        .where(
          and(
            eq(bulkActionItems.workspace_id, workspaceId),
            eq(bulkActionItems.bulk_action_id, id),
            eq(bulkActionItems.position, position),
            eq(bulkActionItems.outcome, 'pending'),
          ),
        )
        .run();
      if (updated.changes === 0) return false;
      tx.update(bulkActions)
        .set(countedOne(bulkActions, now))
        .where(and(eq(bulkActions.workspace_id, workspaceId), eq(bulkActions.id, id)))
        .run();
      return true;
    },

    /**
     * Leases a running action to `lease.owner`, or extends the lease it holds already; false when another
     * process holds it (or it is over). Inside an immediate transaction.
     */
    claim(tx: Tx, workspaceId: string, id: string, lease: Lease): boolean {
      if (runs.renew(tx, lease, id)) return true;
      const due = and(
        eq(bulkActions.workspace_id, workspaceId),
        eq(bulkActions.id, id),
        eq(bulkActions.status, 'running'),
      );
      return runs.claim(tx, lease, { due, order: bulkActions.created_at, limit: 1 }).length === 1;
    },

    /** Ends `owner`'s lease on the action, so another process may take up what is left at once. */
    release(tx: Tx, workspaceId: string, id: string, owner: string): void {
      tx.update(bulkActions)
        .set(runs.released)
        .where(and(eq(bulkActions.workspace_id, workspaceId), eq(bulkActions.id, id), runs.heldBy(owner)))
        .run();
    },

    /** The actions still running, in every workspace: what a start resumes. */
    running(): { workspace_id: string; id: string; created_by: string }[] {
      return db
        .select({ workspace_id: bulkActions.workspace_id, id: bulkActions.id, created_by: bulkActions.created_by })
        .from(bulkActions)
        .where(eq(bulkActions.status, 'running'))
        .orderBy(asc(bulkActions.created_at))
        .all();
    },
  };
}
