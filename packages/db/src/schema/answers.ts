import type { Question } from '@stageflow/domain';
import { foreignKey, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { workspaceId } from './columns.ts';
import { sessions } from './participants.ts';

/**
 * A written assessment's answers (docs/entities.md#answers): one row per session and question, saved as
 * the participant types. They are drafts until the session's row in `session_submissions` exists; the
 * rules refuse every save after that, so the rows are then the submitted answers.
 */
export const sessionAnswers = sqliteTable(
  'session_answers',
  {
    workspace_id: workspaceId(),
    session_id: text('session_id').notNull(),
    /** The question's id in the stage's `question_set`. */
    question_id: text('question_id').notNull(),
    text: text('text').notNull(),
    updated_at: text('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspace_id, t.session_id, t.question_id] }),
    foreignKey({ columns: [t.session_id], foreignColumns: [sessions.id] }),
  ],
);

/** A session's answers were submitted, once (the key refuses a second row), with the questions as they were. */
export const sessionSubmissions = sqliteTable(
  'session_submissions',
  {
    workspace_id: workspaceId(),
    session_id: text('session_id').notNull(),
    submitted_at: text('submitted_at').notNull(),
    questions: text('questions', { mode: 'json' }).$type<Question[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspace_id, t.session_id] }),
    foreignKey({ columns: [t.session_id], foreignColumns: [sessions.id] }),
  ],
);
