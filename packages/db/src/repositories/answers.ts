import type { AnswerFacts, AnswerSubmission, SavedAnswer } from '@stageflow/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { sessionAnswers, sessionSubmissions } from '../schema/index.ts';

/** A stored submission as the rules see it. Shared with the PostgreSQL engine. */
export const toSubmission = (row: typeof sessionSubmissions.$inferSelect): AnswerSubmission => ({
  session_id: row.session_id,
  submitted_at: row.submitted_at,
  questions: row.questions,
});

/** A written assessment's answers and their submission, per session; every query is workspace-scoped. */
export function createAnswerRepository(db: Db) {
  const answersOf = db
    .select({
      question_id: sessionAnswers.question_id,
      text: sessionAnswers.text,
      updated_at: sessionAnswers.updated_at,
    })
    .from(sessionAnswers)
    .where(
      and(
        eq(sessionAnswers.workspace_id, sql.placeholder('ws')),
        eq(sessionAnswers.session_id, sql.placeholder('session')),
      ),
    )
    .orderBy(asc(sessionAnswers.question_id))
    .prepare();
  const submissionOf = db
    .select()
    .from(sessionSubmissions)
    .where(
      and(
        eq(sessionSubmissions.workspace_id, sql.placeholder('ws')),
        eq(sessionSubmissions.session_id, sql.placeholder('session')),
      ),
    )
    .prepare();

  /** The session's saved answers and its submission (null until submitted). */
  function forSession(workspaceId: string, sessionId: string): AnswerFacts {
    const submission = submissionOf.get({ ws: workspaceId, session: sessionId });
    return {
      answers: answersOf.all({ ws: workspaceId, session: sessionId }),
      submission: submission ? toSubmission(submission) : null,
    };
  }

  /** Which of these sessions have submitted answers (for a participant's page: no N+1). */
  function submittedAmong(workspaceId: string, sessionIds: readonly string[]): Set<string> {
    if (sessionIds.length === 0) return new Set();
    const rows = db
      .select({ session_id: sessionSubmissions.session_id })
      .from(sessionSubmissions)
      .where(
        and(eq(sessionSubmissions.workspace_id, workspaceId), inArray(sessionSubmissions.session_id, [...sessionIds])),
      )
      .all();
    return new Set(rows.map((r) => r.session_id));
  }

  /** Inserts or replaces the given answers of a session: call inside the save's transaction. */
  function upsert(tx: Tx, workspaceId: string, sessionId: string, answers: readonly SavedAnswer[]): void {
    for (const a of answers) {
      tx.insert(sessionAnswers)
        .values({ workspace_id: workspaceId, session_id: sessionId, ...a })
        .onConflictDoUpdate({
          target: [sessionAnswers.workspace_id, sessionAnswers.session_id, sessionAnswers.question_id],
          set: { text: a.text, updated_at: a.updated_at },
        })
        .run();
    }
  }

  /** Records the submission; a second one for the session breaks the primary key (the rules refuse it first). */
  function submit(tx: Tx, workspaceId: string, submission: AnswerSubmission): void {
    tx.insert(sessionSubmissions)
      .values({ workspace_id: workspaceId, ...submission, questions: [...submission.questions] })
      .run();
  }

  return { forSession, submittedAmong, upsert, submit };
}
