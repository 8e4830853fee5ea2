import type { AnswerSubmission, SavedAnswer } from '@stageflow/domain';
import { sql } from 'drizzle-orm';
import type { Writes } from '../../reads.ts';
import type { PgExec } from '../client.ts';
import { sessionAnswers, sessionSubmissions } from '../schema.ts';

/** A session's answers and its submission, stored in the unit's transaction. */
export function createPgAnswerWrites(tx: PgExec) {
  return {
    /**
     * Inserts or replaces the given answers in one statement. SQLite upserts them one by one, so a question
     * given twice keeps its last answer; one statement may touch a row only once, so only the last is sent.
     */
    async upsert(workspaceId: string, sessionId: string, answers: readonly SavedAnswer[]) {
      const last = [...new Map(answers.map((a) => [a.question_id, a])).values()];
      if (last.length === 0) return;
      await tx
        .insert(sessionAnswers)
        .values(last.map((a) => ({ workspace_id: workspaceId, session_id: sessionId, ...a })))
        .onConflictDoUpdate({
          target: [sessionAnswers.workspace_id, sessionAnswers.session_id, sessionAnswers.question_id],
          set: { text: sql`excluded.text`, updated_at: sql`excluded.updated_at` },
        });
    },
    /** Records the submission; a second one for the session breaks the primary key. */
    async submit(workspaceId: string, submission: AnswerSubmission) {
      await tx
        .insert(sessionSubmissions)
        .values({ workspace_id: workspaceId, ...submission, questions: [...submission.questions] });
    },
  } satisfies Writes['answers'];
}
