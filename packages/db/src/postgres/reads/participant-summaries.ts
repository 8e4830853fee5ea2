/**
 * What the participant list, the board and the reviewers' inbox share on PostgreSQL: the name-or-email search, the
 * list's filters, and a participant's summary (their row with their current stage's state and latest score).
 */
import type { ParticipantSummary } from '@stageflow/domain';
import { and, eq, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { listFiltersOn } from '../../repositories/participants/filters.ts';
import { type ParticipantRow, toParticipant } from '../../repositories/participants/load.ts';
import { likePattern } from '../../repositories/rows.ts';
import type { PgExec } from '../client.ts';
import { participants, sessions, stageProgress } from '../schema.ts';
import { likeIgnoringAsciiCase } from '../text.ts';

/** A participant whose name or email matches a LIKE pattern (`likePattern`), ignoring the case of A–Z only, as on SQLite. */
export const nameOrEmailMatches = (pattern: string | SQL) =>
  or(likeIgnoringAsciiCase(participants.name, pattern), likeIgnoringAsciiCase(participants.email, pattern));

/** A participant whose name or email holds the search text, case-insensitively and with wildcards taken literally. */
export const nameOrEmailLike = (search: string | undefined) =>
  search ? nameOrEmailMatches(likePattern(search)) : undefined;

/** The list's filters (all but paging), always within the workspace: the same conditions as on SQLite. */
export const matching = listFiltersOn(participants, nameOrEmailLike);

/** A number inside a JSON column, as SQLite's `json_extract` answers it (JSON null and a missing key are null). */
export const jsonNumber = (column: SQLWrapper, key: 'overall_score' | 'threshold_applied' | 'pass_threshold') =>
  sql<number | null>`(${column} -> ${sql.raw(`'${key}'`)})`;

/**
 * The latest completed score of the participant at their current stage (as on SQLite: queries.ts). PostgreSQL
 * sorts nulls first when descending, SQLite last: a completed session always has its time, but the order says so.
 */
const lastScore = sql<number | null>`(
  select ${jsonNumber(sessions.scorecard, 'overall_score')} from ${sessions}
  where ${sessions.workspace_id} = ${participants.workspace_id} and ${sessions.participant_id} = ${participants.id}
    and ${sessions.stage_id} = ${participants.current_stage_id} and ${sessions.status} = 'completed'
  order by ${sessions.completed_at} desc nulls last limit 1
)`;

const summaryColumns = {
  participant: participants,
  stage_state: stageProgress.state,
  attempts_used: stageProgress.attempts_used,
  pass_threshold: jsonNumber(stageProgress.rules, 'pass_threshold'),
  last_score: lastScore,
};

/** Participants with their summary columns: the caller adds the conditions, order and limit. */
export const summaries = (db: PgExec) =>
  db
    .select(summaryColumns)
    .from(participants)
    .leftJoin(
      stageProgress,
      and(eq(stageProgress.participant_id, participants.id), eq(stageProgress.stage_id, participants.current_stage_id)),
    );

/** A summary row as the list and the board answer it: the participant, then the four summary columns. */
export const toSummary = ({
  participant,
  ...rest
}: {
  participant: ParticipantRow;
  stage_state: ParticipantSummary['stage_state'] | null;
  attempts_used: number | null;
  pass_threshold: number | null;
  last_score: number | null;
}): ParticipantSummary => ({ ...toParticipant(participant), ...rest }) as ParticipantSummary;
