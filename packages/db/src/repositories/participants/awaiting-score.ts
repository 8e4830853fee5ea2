import { extended } from '@stageflow/domain';
import { and, asc, eq, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import { evaluationStages, participants, sessionSubmissions, sessions, sessionTurns } from '../../schema/index.ts';
import { limitOf } from '../limit.ts';

/** A session the participant is done with that nobody has scored yet (docs/rules.md#when-the-interviewer-cannot-score). */
export interface AwaitingScore {
  readonly session_id: string;
  readonly participant_id: string;
  readonly participant_name: string;
  readonly participant_email: string;
  readonly evaluation_template_id: string;
  readonly stage_id: string;
  readonly stage_name: string;
  readonly attempt: number;
  /** What the participant gave: an interview that ended, or submitted written answers. */
  readonly record: 'interview' | 'answers';
  /** When they were done: the interview's closing turn, or the submission. */
  readonly done_at: string;
}

/** A row of the query (either engine's) as an entry: a closing turn (`ended`) tells an interview from answers. */
export const toAwaitingScore = ({
  ended,
  ...row
}: Omit<AwaitingScore, 'record'> & { ended: string | null }): AwaitingScore =>
  extended(row, { record: ended === null ? 'answers' : 'interview' });

/**
 * Sessions waiting for a score: still in progress, with what the participant gave stored (an interview
 * whose closing turn is stored, or submitted answers). The interviewer scores such a session as soon as
 * it is done; these are the ones it could not (no model, a failure, nothing it may score), which a
 * reviewer scores beside the record. Read from the stores themselves, so nothing has to be kept in step.
 */
export function createAwaitingScoreQuery(db: Db) {
  const ended = sql<
    string | null
  >`(select min(${sessionTurns.at}) from ${sessionTurns} where ${sessionTurns.workspace_id} = ${sessions.workspace_id} and ${sessionTurns.session_id} = ${sessions.id} and ${sessionTurns.ended_by} is not null)`;
  const done: SQL = sql`coalesce(${ended}, ${sessionSubmissions.submitted_at})`;
  const query = (where: SQL | undefined) =>
    db
      .select({
        session_id: sessions.id,
        participant_id: participants.id,
        participant_name: participants.name,
        participant_email: participants.email,
        evaluation_template_id: participants.evaluation_template_id,
        stage_id: sessions.stage_id,
        stage_name: evaluationStages.stage_name,
        attempt: sessions.attempt,
        ended,
        done_at: sql<string>`${done}`,
      })
      .from(sessions)
      .innerJoin(participants, eq(participants.id, sessions.participant_id))
      .innerJoin(evaluationStages, eq(evaluationStages.id, sessions.stage_id))
      .leftJoin(
        sessionSubmissions,
        and(eq(sessionSubmissions.workspace_id, sessions.workspace_id), eq(sessionSubmissions.session_id, sessions.id)),
      )
      .where(and(eq(sessions.status, 'in_progress'), isNotNull(done), where))
      .orderBy(asc(done));
  // One participant's, on every participant page: compiled once.
  const ofParticipant = query(
    and(eq(sessions.workspace_id, sql.placeholder('ws')), eq(sessions.participant_id, sql.placeholder('participant'))),
  ).prepare();
  return {
    awaitingScore(
      workspaceId: string,
      f: { participant_id?: string | undefined; evaluation_template_id?: string | undefined; limit: number },
    ): AwaitingScore[] {
      if (f.participant_id && !f.evaluation_template_id) {
        return ofParticipant
          .all({ ws: workspaceId, participant: f.participant_id })
          .slice(0, f.limit)
          .map(toAwaitingScore);
      }
      return query(
        and(
          eq(sessions.workspace_id, workspaceId),
          f.participant_id ? eq(sessions.participant_id, f.participant_id) : undefined,
          f.evaluation_template_id ? eq(participants.evaluation_template_id, f.evaluation_template_id) : undefined,
        ),
      )
        .limit(limitOf(f.limit))
        .all()
        .map(toAwaitingScore);
    },
  };
}
