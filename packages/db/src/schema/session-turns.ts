import type { InterviewEndedBy, TurnSource, TurnSpeaker } from '@stageflow/domain';
import { sql } from 'drizzle-orm';
import { foreignKey, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { workspaceId } from './columns.ts';
import { sessions } from './participants.ts';

/**
 * An interview's conversation, one row a turn, written as it happens (docs/entities.md#session-turn):
 * the participant's answer before the model is asked, the interviewer's turn once it is whole. Rows are
 * only ever appended, at the next `idx`, inside the transaction that checked the conversation.
 */
export const sessionTurns = sqliteTable(
  'session_turns',
  {
    workspace_id: workspaceId(),
    session_id: text('session_id').notNull(),
    /** The turn's place in the conversation, from 0. */
    idx: integer('idx').notNull(),
    speaker: text('speaker').$type<TurnSpeaker>().notNull(),
    text: text('text').notNull(),
    at: text('at').notNull(),
    /** `model` or `plan` for an interviewer turn; null for the participant's. */
    source: text('source').$type<TurnSource>(),
    /** `PROMPT_VERSION` of an interviewer turn. */
    prompt_version: text('prompt_version'),
    /** Set on the turn that ended the interview. */
    ended_by: text('ended_by').$type<InterviewEndedBy>(),
    /** The participant's Idempotency-Key for an answer: a retry finds it and stores nothing. */
    client_key: text('client_key'),
  },
  (t) => [
    primaryKey({ columns: [t.workspace_id, t.session_id, t.idx] }),
    uniqueIndex('session_turns_client_key_uq')
      .on(t.workspace_id, t.session_id, t.client_key)
      .where(sql`${t.client_key} is not null`),
    foreignKey({ columns: [t.session_id], foreignColumns: [sessions.id] }),
  ],
);
