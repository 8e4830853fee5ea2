import type { AnswerFacts } from '@stageflow/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { toSubmission } from '../../repositories/answers.ts';
import type { PgExec } from '../client.ts';
import { binary, forUpdateIf } from '../for-update.ts';
import { sessionAnswers, sessionSubmissions } from '../schema.ts';

/**
 * A written assessment's answers and submission on PostgreSQL, every query scoped to the workspace. In a write
 * unit (`inWrite`) `forSession` locks the answers a save replaces and the submission, if any.
 */
export function createPgAnswerReads(exec: PgExec, { inWrite = false }: { inWrite?: boolean } = {}) {
  return {
    async forSession(workspaceId: string, sessionId: string): Promise<AnswerFacts> {
      const submission = exec
        .select()
        .from(sessionSubmissions)
        .where(and(eq(sessionSubmissions.workspace_id, workspaceId), eq(sessionSubmissions.session_id, sessionId)))
        .$dynamic();
      const answers = exec
        .select({
          question_id: sessionAnswers.question_id,
          text: sessionAnswers.text,
          updated_at: sessionAnswers.updated_at,
        })
        .from(sessionAnswers)
        .where(and(eq(sessionAnswers.workspace_id, workspaceId), eq(sessionAnswers.session_id, sessionId)))
        .orderBy(asc(binary(sessionAnswers.question_id)))
        .$dynamic();
      const [submitted] = await forUpdateIf(inWrite, submission);
      return { answers: await forUpdateIf(inWrite, answers), submission: submitted ? toSubmission(submitted) : null };
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
