import type { TranscriptEntry } from '@stageflow/domain';
import { foreignKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { workspaceId } from './columns.ts';
import { sessions } from './participants.ts';

/**
 * The record of a session that has not been scored yet (docs/entities.md#session-transcript): handed
 * to the interviewer's scoring when an interview ends, or by staff with "score now", and kept so a
 * failed scoring loses nothing and a reviewer can score beside it. Once the session is scored, its
 * scorecard carries the record.
 */
export const sessionTranscripts = sqliteTable(
  'session_transcripts',
  {
    session_id: text('session_id').primaryKey(),
    workspace_id: workspaceId(),
    transcript: text('transcript', { mode: 'json' }).$type<TranscriptEntry[]>().notNull(),
    kept_at: text('kept_at').notNull(),
    /** Who handed it over, as in the audit trail (`system`, `user:<id>`, `api_key:<id>`). */
    kept_by: text('kept_by').notNull(),
  },
  (t) => [foreignKey({ columns: [t.session_id], foreignColumns: [sessions.id] })],
);
