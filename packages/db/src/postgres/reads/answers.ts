import type { AnswerFacts } from '@stageflow/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { toSubmission } from '../../repositories/answers.ts';
import type { PgExec } from '../client.ts';
import { binary } from '../for-update.ts';
import { inWorkspace, preparedLockable } from '../prepared.ts';
import { sessionAnswers, sessionSubmissions } from '../schema.ts';

// Every completion reads them for its transcript (docs/decisions/037-prepared-queries-on-postgresql.md).
const submissionOf = preparedLockable('answers_submission_of_session', (db) =>
  db
    .select()
    .from(sessionSubmissions)
    .where(
      and(
        inWorkspace(sessionSubmissions.workspace_id),
        eq(sessionSubmissions.session_id, sql.placeholder('sessionId')),
      ),
    )
    .$dynamic(),
);
const answersOf = preparedLockable('answers_of_session', (db) =>
  db
    .select({
      question_id: sessionAnswers.question_id,
      text: sessionAnswers.text,
      updated_at: sessionAnswers.updated_at,
    })
    .from(sessionAnswers)
    .where(and(inWorkspace(sessionAnswers.workspace_id), eq(sessionAnswers.session_id, sql.placeholder('sessionId'))))
    .orderBy(asc(binary(sessionAnswers.question_id)))
    .$dynamic(),
);

/**
 * A written assessment's answers and submission on PostgreSQL, every query scoped to the workspace. In a write
 * unit (`inWrite`) `forSession` locks the answers a save replaces and the submission, if any.
 */
export function createPgAnswerReads(exec: PgExec, { inWrite = false }: { inWrite?: boolean } = {}) {
  const readSubmission = submissionOf.lockIf(inWrite);
  const readAnswers = answersOf.lockIf(inWrite);
  return {
    async forSession(workspaceId: string, sessionId: string): Promise<AnswerFacts> {
      const [submitted] = await readSubmission(exec, { workspaceId, sessionId });
      const answers = await readAnswers(exec, { workspaceId, sessionId });
      return { answers, submission: submitted ? toSubmission(submitted) : null };
    },
    /** Which of these sessions have submitted answers. */
    async submittedAmong(workspaceId: string, sessionIds: readonly string[]): Promise<Set<string>> {
      if (sessionIds.length === 0) return new Set();
      const rows = await exec
        .select({ session_id: sessionSubmissions.session_id })
        .from(sessionSubmissions)
        .where(
          and(
            eq(sessionSubmissions.workspace_id, workspaceId),
            inArray(sessionSubmissions.session_id, [...sessionIds]),
          ),
        );
      return new Set(rows.map((r) => r.session_id));
    },
  } satisfies Reads['answers'];
}
