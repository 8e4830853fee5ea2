import type { BulkActionItem, BulkActionKind, BulkActionRequest, BulkItemOutcome } from '@stageflow/domain';
import { foreignKey, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, workspaceId } from './columns.ts';

/**
 * An applied bulk action (docs/rules.md#bulk-actions): what was asked, by whom, and how far it has
 * run. A preview is never stored. `processed` counts the items settled so far; the item that
 * settles the last one marks it `completed`, in the same transaction as that person's command.
 */
export const bulkActions = sqliteTable(
  'bulk_actions',
  {
    id: id(),
    workspace_id: workspaceId(),
    action: text('action').$type<BulkActionKind>().notNull(),
    /** The action's parameters (note, tags, schedule) as each person's command reads them. */
    request: text('request', { mode: 'json' }).$type<BulkActionRequest>().notNull(),
    /** The selection when it was the list's filter (null: named by id), as sent. */
    filter: text('filter', { mode: 'json' }).$type<Record<string, unknown>>(),
    status: text('status').$type<'running' | 'completed'>().notNull(),
    total: integer('total').notNull(),
    processed: integer('processed').notNull().default(0),
    /** The actor of every person's command, as in the audit trail (`user:<id>`, `api_key:<id>`). */
    created_by: text('created_by').notNull(),
    created_at: text('created_at').notNull(),
    finished_at: text('finished_at'),
    /**
     * The process running it now, and until when no other may take it (leases.ts): a second process
     * leaves it alone, and takes it up once a crashed holder's lease has run out.
     */
    lease_owner: text('lease_owner'),
    lease_expires_at: text('lease_expires_at'),
  },
  (t) => [
    uniqueIndex('bulk_actions_workspace_id_uq').on(t.workspace_id, t.id),
    // What a start resumes: the actions still running, in any workspace.
    index('bulk_actions_status_idx').on(t.status, t.created_at),
  ],
);

/**
 * One person of a bulk action, in the order named or matched. `participant_id` is kept as sent,
 * without a foreign key: an id that names nobody in the workspace is a refused item, not a failure.
 */
export const bulkActionItems = sqliteTable(
  'bulk_action_items',
  {
    workspace_id: workspaceId(),
    bulk_action_id: text('bulk_action_id').notNull(),
    position: integer('position').notNull(),
    participant_id: text('participant_id').notNull(),
    name: text('name'),
    outcome: text('outcome').$type<BulkItemOutcome>().notNull(),
    summary: text('summary'),
    reason: text('reason'),
    code: text('code').$type<BulkActionItem['code']>(),
    field: text('field'),
    processed_at: text('processed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.bulk_action_id, t.position] }),
    index('bulk_action_items_workspace_action_outcome_idx').on(t.workspace_id, t.bulk_action_id, t.outcome),
    foreignKey({
      columns: [t.workspace_id, t.bulk_action_id],
      foreignColumns: [bulkActions.workspace_id, bulkActions.id],
    }),
  ],
);
