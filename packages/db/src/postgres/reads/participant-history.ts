import type { DomainEvent } from '@stageflow/domain';
import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  isNotNull,
  lt,
  type Placeholder,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { type AwaitingScore, toAwaitingScore } from '../../repositories/participants/awaiting-score.ts';
import { toSession } from '../../repositories/participants/load.ts';
import { toInboxEntry } from '../../repositories/participants/queries.ts';
import type { PgExec } from '../client.ts';
import { inWorkspace, prepared } from '../prepared.ts';
import {
  decisions,
  evaluationStages,
  events,
  participants,
  sessionSubmissions,
  sessions,
  sessionTurns,
  stageProgress,
} from '../schema.ts';
import { jsonNumber, nameOrEmailLike } from './participant-summaries.ts';

/** An event as the audit trail answers it: the template it was filed under stays out (as on SQLite). */
const { evaluation_template_id: _, ...eventFields } = getTableColumns(events);

/**
 * A session the participant is done with: the first closing turn of its interview, else its submission (as on
 * SQLite: repositories/participants/awaiting-score.ts).
 */
const ended = sql<
  string | null
>`(select min(${sessionTurns.at}) from ${sessionTurns} where ${sessionTurns.workspace_id} = ${sessions.workspace_id} and ${sessionTurns.session_id} = ${sessions.id} and ${sessionTurns.ended_by} is not null)`;
const done: SQL = sql`coalesce(${ended}, ${sessionSubmissions.submitted_at})`;

/**
 * The inbox's orders. SQLite breaks ties in insertion order (its rowid: the open ones straight off the
 * (workspace, status, created_at) index, the decided ones sorted from that index's order), which no column here
 * holds: ties are broken alike as far as columns go (a decided tie by creation), then by id, so pages are stable.
 * Only decisions made at the same instant, such as a bulk action's, can come in another order than on SQLite.
 */
const oldestOpenFirst = [asc(decisions.created_at), asc(decisions.id)];
const latestDecidedFirst = [sql`${decisions.decided_at} desc nulls last`, asc(decisions.created_at), asc(decisions.id)];

// The timeline, the participant page's sessions waiting for a score, and what finds a command's participant are
// built once (docs/decisions/037-prepared-queries-on-postgresql.md).
/** A participant's events, newest first: `limit` of them, below `before` when `below`. */
const timelinePage = (below: boolean) =>
  prepared(`participant_timeline${below ? '_before' : ''}`, (db) =>
    db
      .select(eventFields)
      .from(events)
      .where(
        and(
          inWorkspace(events.workspace_id),
          eq(events.participant_id, sql.placeholder('participantId')),
          below ? lt(events.seq, sql.placeholder('before')) : undefined,
        ),
      )
      .orderBy(desc(events.seq))
      .limit(sql.placeholder('limit')),
  );
const timelinePages = { first: timelinePage(false), before: timelinePage(true) };
const sessionById = prepared('participant_session_by_id', (db) =>
  db
    .select()
    .from(sessions)
    .where(and(inWorkspace(sessions.workspace_id), eq(sessions.id, sql.placeholder('sessionId')))),
);
const sessionParticipant = prepared('participant_of_session', (db) =>
  db
    .select({ id: sessions.participant_id })
    .from(sessions)
    .where(and(inWorkspace(sessions.workspace_id), eq(sessions.id, sql.placeholder('sessionId')))),
);
const decisionParticipant = prepared('participant_of_decision', (db) =>
  db
    .select({ id: decisions.participant_id })
    .from(decisions)
    .where(and(inWorkspace(decisions.workspace_id), eq(decisions.id, sql.placeholder('decisionId')))),
);

/**
 * Sessions waiting for a score, the longest waiting first, among those `where` picks (it names the workspace).
 */
function awaitingScoreQuery(db: PgExec, where: SQL | undefined, limit: number | Placeholder) {
  return (
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
      .where(and(where, eq(sessions.status, 'in_progress'), isNotNull(done)))
      // Ties (none in practice: two sessions done at the same instant) by id, so pages are stable.
      .orderBy(asc(done), asc(sessions.id))
      .limit(limit)
  );
}
const awaitingScoreOfParticipant = prepared('participant_awaiting_score', (db) =>
  awaitingScoreQuery(
    db,
    and(inWorkspace(sessions.workspace_id), eq(sessions.participant_id, sql.placeholder('participantId'))),
    sql.placeholder('limit'),
  ),
);

/**
 * A participant's history on PostgreSQL, as SQLite answers it (repositories/participants/queries.ts and
 * awaiting-score.ts): sessions, events, decisions, sessions waiting for a score, and what refers to a stage.
 * PostgreSQL sorts nulls first when descending, SQLite last: orders on a column that may be null say which.
 */
export function createPgParticipantHistory(db: PgExec) {
  async function countOf(query: Promise<{ n: number }[]>): Promise<number> {
    const [row] = await query;
    return row?.n ?? 0;
  }

  /** `limit` events of the `limit + 1` rows read, and the `seq` the next page is below (none when no more). */
  function page(rows: readonly unknown[], limit: number) {
    const items = rows.slice(0, limit) as DomainEvent[];
    return { items, next: rows.length > limit ? (items.at(-1)?.seq ?? null) : null };
  }

  /** `limit` events, newest first, below `before` when given; `next` continues below the last. */
  async function eventsPage(workspaceId: string, where: SQL | undefined, limit: number, before: number | undefined) {
    const rows = await db
      .select(eventFields)
      .from(events)
      .where(and(eq(events.workspace_id, workspaceId), where, before ? lt(events.seq, before) : undefined))
      .orderBy(desc(events.seq))
      .limit(limit + 1);
    return page(rows, limit);
  }

  return {
    async sessions(
      workspaceId: string,
      f: {
        participant_id?: string | undefined;
        stage_id?: string | undefined;
        status?: string | undefined;
        limit: number;
      },
    ) {
      const rows = await db
        .select()
        .from(sessions)
        .where(
          and(
            eq(sessions.workspace_id, workspaceId),
            f.participant_id ? eq(sessions.participant_id, f.participant_id) : undefined,
            f.stage_id ? eq(sessions.stage_id, f.stage_id) : undefined,
            f.status ? eq(sessions.status, f.status as never) : undefined,
          ),
        )
        .orderBy(desc(sessions.created_at), desc(sessions.id))
        .limit(f.limit);
      return rows.map(toSession);
    },
    async session(workspaceId: string, sessionId: string) {
      const [row] = await sessionById(db, { workspaceId, sessionId });
      return row && toSession(row);
    },

    async participantOfSession(workspaceId: string, sessionId: string): Promise<string | undefined> {
      const [row] = await sessionParticipant(db, { workspaceId, sessionId });
      return row?.id;
    },
    async participantOfDecision(workspaceId: string, decisionId: string): Promise<string | undefined> {
      const [row] = await decisionParticipant(db, { workspaceId, decisionId });
      return row?.id;
    },

    /** Active participants whose current stage this is. */
    activeAtStage(workspaceId: string, stageId: string): Promise<number> {
      return countOf(
        db
          .select({ n: count() })
          .from(participants)
          .where(
            and(
              eq(participants.workspace_id, workspaceId),
              eq(participants.current_stage_id, stageId),
              eq(participants.status, 'active'),
            ),
          ),
      );
    },
    /** Rows that reference a stage: while there are any it can only be archived, not deleted. */
    async referencesToStage(workspaceId: string, stageId: string): Promise<number> {
      const n = (table: typeof stageProgress | typeof sessions) =>
        countOf(
          db
            .select({ n: count() })
            .from(table)
            .where(and(eq(table.workspace_id, workspaceId), eq(table.stage_id, stageId))),
        );
      return (await n(stageProgress)) + (await n(sessions));
    },

    async events(
      workspaceId: string,
      f: {
        participant_id?: string | undefined;
        evaluation_template_id?: string | undefined;
        limit: number;
        before_seq?: number | undefined;
      },
    ) {
      const { items, next } = await eventsPage(
        workspaceId,
        and(
          f.participant_id ? eq(events.participant_id, f.participant_id) : undefined,
          f.evaluation_template_id ? eq(events.evaluation_template_id, f.evaluation_template_id) : undefined,
        ),
        f.limit,
        f.before_seq,
      );
      return { items, next_before_seq: next };
    },

    /** A participant's timeline, a page at a time. */
    async timeline(workspaceId: string, participantId: string, limit: number, before?: number) {
      const rows = await (before
        ? timelinePages.before(db, { workspaceId, participantId, before, limit: limit + 1 })
        : timelinePages.first(db, { workspaceId, participantId, limit: limit + 1 }));
      return page(rows, limit);
    },

    /** The reviewers' inbox: open decisions oldest first (decided ones newest first), with what to judge them by. */
    async decisions(
      workspaceId: string,
      f: {
        status: 'open' | 'decided';
        evaluation_template_id?: string | undefined;
        search?: string | undefined;
        limit: number;
      },
    ) {
      const rows = await db
        .select({
          decision: decisions,
          participant_name: participants.name,
          participant_email: participants.email,
          evaluation_template_id: participants.evaluation_template_id,
          overall_score: jsonNumber(sessions.scorecard, 'overall_score'),
          threshold_applied: jsonNumber(sessions.scorecard, 'threshold_applied'),
          // As JSON text, as SQLite's `json_extract` answers an array: the shared row mapping reads it.
          dimensions: sql<
            string | null
          >`case when ${decisions.reason} = 'scorecard_needs_review' then (${sessions.scorecard} -> 'dimension_scores')::text end`,
        })
        .from(decisions)
        .innerJoin(participants, eq(participants.id, decisions.participant_id))
        .leftJoin(sessions, eq(sessions.id, decisions.session_id))
        .where(
          and(
            eq(decisions.workspace_id, workspaceId),
            eq(decisions.status, f.status),
            f.evaluation_template_id ? eq(participants.evaluation_template_id, f.evaluation_template_id) : undefined,
            nameOrEmailLike(f.search),
          ),
        )
        .orderBy(...(f.status === 'open' ? oldestOpenFirst : latestDecidedFirst))
        .limit(f.limit);
      return rows.map(toInboxEntry);
    },

    openDecisionCount(workspaceId: string): Promise<number> {
      return countOf(
        db
          .select({ n: count() })
          .from(decisions)
          .where(and(eq(decisions.workspace_id, workspaceId), eq(decisions.status, 'open'))),
      );
    },

    /** Sessions waiting for a score (docs/rules.md#when-the-interviewer-cannot-score), the longest waiting first. */
    async awaitingScore(
      workspaceId: string,
      f: { participant_id?: string | undefined; evaluation_template_id?: string | undefined; limit: number },
    ): Promise<AwaitingScore[]> {
      // The participant page's question (one participant, any template) is built once; other filters each time.
      const rows = await (f.participant_id && !f.evaluation_template_id
        ? awaitingScoreOfParticipant(db, { workspaceId, participantId: f.participant_id, limit: f.limit })
        : awaitingScoreQuery(
            db,
            and(
              eq(sessions.workspace_id, workspaceId),
              f.participant_id ? eq(sessions.participant_id, f.participant_id) : undefined,
              f.evaluation_template_id ? eq(participants.evaluation_template_id, f.evaluation_template_id) : undefined,
            ),
            f.limit,
          ));
      return rows.map(toAwaitingScore);
    },
  } satisfies Pick<
    Reads['participants'],
    | 'sessions'
    | 'session'
    | 'participantOfSession'
    | 'participantOfDecision'
    | 'activeAtStage'
    | 'referencesToStage'
    | 'events'
    | 'timeline'
    | 'decisions'
    | 'openDecisionCount'
    | 'awaitingScore'
  >;
}
