import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { workspaces } from './workspaces.ts';

/**
 * What a workspace says in the AI notice participants read before an AI-run stage
 * (docs/entities.md#portal-notice-settings): one row per workspace, none until it is first saved.
 */
export const portalNoticeSettings = sqliteTable('portal_notice_settings', {
  workspace_id: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  /** Who runs the evaluation, as participants know them; the workspace's name when null. */
  organization: text('organization'),
  /** How to reach a person, for questions or to ask for one instead of the AI interviewer. */
  contact: text('contact'),
  /** How long the transcript of an AI-run session is kept; null: the notice says so in general words. */
  transcript_retention_days: integer('transcript_retention_days'),
  updated_at: text('updated_at').notNull(),
  /** The actor who saved them, as in the audit trail (`user:<id>`, `api_key:<id>`). */
  updated_by: text('updated_by').notNull(),
});
