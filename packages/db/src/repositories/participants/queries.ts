import {
  type Decision,
  type DomainEvent,
  decodeParticipantCursor,
  encodeParticipantCursor,
  type Participant,
  type ParticipantStatus,
  type ParticipantSummary,
  type StageProgressState,
} from '@stageflow/domain';
import { and, asc, count, desc, eq, inArray, lt, or, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import { decisions, events, participants, sessions, stageProgress } from '../../schema/index.ts';
import { limitOf } from '../limit.ts';
import { rowReader } from '../row-reader.ts';
import { likePattern } from '../rows.ts';
import { afterCursorOn, listFiltersOn, type ParticipantFilter } from './filters.ts';
import { participantColumns, toDecision, toParticipant, toSession } from './load.ts';

export type { ParticipantFilter } from './filters.ts';

/** The dimensions of a stored scorecard's `dimension_scores` (JSON) that kept no verified quote. */
function unverifiedDimensions(json: string | null): string[] {
  if (!json) return [];
  const dimensions = JSON.parse(json) as { name: string; evidence?: unknown[] }[];
  return dimensions.filter((d) => (d.evidence ?? []).length === 0).map((d) => d.name);
}

/**
 * An inbox entry from its query's row (either engine's): the decision, whom and what it is about, and which
 * dimensions of an unchecked score no quote backs (`dimensions`: the scorecard's `dimension_scores` as JSON text).
 */
export const toInboxEntry = <T extends { decision: Parameters<typeof toDecision>[0]; dimensions: string | null }>({
  decision,
  dimensions,
  ...rest
}: T): Decision & Omit<T, 'decision' | 'dimensions'> & { unverified_dimensions: string[] } => ({
  ...toDecision(decision),
  ...rest,
  unverified_dimensions: unverifiedDimensions(dimensions),
});

/** One exported participant's stages: their state at each, and the score of the latest completed session there. */
export type ExportStages = Map<string, { state: StageProgressState; score: number | null }>;

/**
 * The export's participants with their stages, from its three reads (either engine's): the people, their progress
 * rows, and their completed sessions' scores in completion order, so the latest completed session's score is the
 * one that stays.
 */
export function withExportStages(
  people: readonly Participant[],
  progress: readonly { participant_id: string; stage_id: string; state: StageProgressState }[],
  scoresInCompletionOrder: readonly { participant_id: string; stage_id: string; score: number | null }[],
): (Participant & { stages: ExportStages })[] {
  const results = new Map<string, ExportStages>(people.map((p) => [p.id, new Map()]));
  for (const row of progress) results.get(row.participant_id)?.set(row.stage_id, { state: row.state, score: null });
  for (const row of scoresInCompletionOrder) {
    const stage = results.get(row.participant_id)?.get(row.stage_id);
    if (stage) stage.score = row.score;
  }
  return people.map((p) => ({ ...p, stages: results.get(p.id) ?? new Map() }));
}

/** A participant whose name or email matches a LIKE pattern (`likePattern`), case-insensitively. */
const nameOrEmailMatches = (pattern: string | Placeholder) =>
  or(
    sql`${participants.name} like ${pattern} escape '\\' collate nocase`,
    sql`${participants.email} like ${pattern} escape '\\' collate nocase`,
  );

/** A participant whose name or email holds the search text, case-insensitively and with wildcards taken literally. */
const nameOrEmailLike = (search: string | undefined) => (search ? nameOrEmailMatches(likePattern(search)) : undefined);

/** The list's filters (all but paging), always within the workspace. */
const matching = listFiltersOn(participants, nameOrEmailLike);

/**
 * The latest completed score of the participant at their current stage, for cards and tables (the
 * same column `participantViewOf` in the domain computes from a loaded state). It
 * names the workspace so it runs on `sessions_workspace_participant_idx`: without it, SQLite scanned
 * every session of every workspace once per card (a 1k board took 49 s beside 144k sessions; bench/README.md).
 */
const lastScore = sql<number | null>`(
  select json_extract(${sessions.scorecard}, '$.overall_score') from ${sessions}
  where ${sessions.workspace_id} = ${participants.workspace_id} and ${sessions.participant_id} = ${participants.id}
    and ${sessions.stage_id} = ${participants.current_stage_id} and ${sessions.status} = 'completed'
  order by ${sessions.completed_at} desc limit 1
)`.as('last_score');

/** An event as the audit trail answers it: the template it was filed under stays out. */
const eventColumns = rowReader<DomainEvent>(events, ['evaluation_template_id']);

export function createParticipantQueries(db: Db) {
  const summaryColumns = {
    participant: participants,
    stage_state: stageProgress.state,
    attempts_used: stageProgress.attempts_used,
    pass_threshold: sql<number | null>`json_extract(${stageProgress.rules}, '$.pass_threshold')`.as('pass_threshold'),
    last_score: lastScore,
  };
  const summaries = () =>
    db
      .select(summaryColumns)
      .from(participants)
      .leftJoin(
        stageProgress,
        and(
          eq(stageProgress.participant_id, participants.id),
          eq(stageProgress.stage_id, participants.current_stage_id),
        ),
      );
  /** A summary from the query's values: the participant's columns, then the four of `summaryColumns` after them. */
  const toSummary = (values: readonly unknown[]): ParticipantSummary => {
    const summary = participantColumns.read(values) as Record<string, unknown>;
    const after = participantColumns.width;
    summary.stage_state = values[after];
    summary.attempts_used = values[after + 1];
    summary.pass_threshold = values[after + 2];
    summary.last_score = values[after + 3];
    return summary as ParticipantSummary;
  };

  // Commands address sessions and decisions by id and the participant page reads its timeline on
  // every request: prepared once rather than built and compiled each time.
  const ws = sql.placeholder('ws');
  const id = sql.placeholder('id');
  const byIdQueries = {
    session: db
      .select()
      .from(sessions)
      .where(and(eq(sessions.workspace_id, ws), eq(sessions.id, id)))
      .prepare(),
    participantOfSession: db
      .select({ id: sessions.participant_id })
      .from(sessions)
      .where(and(eq(sessions.workspace_id, ws), eq(sessions.id, id)))
      .prepare(),
    participantOfDecision: db
      .select({ id: decisions.participant_id })
      .from(decisions)
      .where(and(eq(decisions.workspace_id, ws), eq(decisions.id, id)))
      .prepare(),
    /** A participant's latest events: the first page of their timeline. */
    events: db
      .select()
      .from(events)
      .where(and(eq(events.workspace_id, ws), eq(events.participant_id, id)))
      .orderBy(desc(events.seq))
      .limit(limitOf(sql.placeholder('limit')))
      .prepare(),
    /** The older pages of their timeline. */
    eventsBefore: db
      .select()
      .from(events)
      .where(and(eq(events.workspace_id, ws), eq(events.participant_id, id), lt(events.seq, sql.placeholder('before'))))
      .orderBy(desc(events.seq))
      .limit(limitOf(sql.placeholder('limit')))
      .prepare(),
  };

  /** `limit` events of a participant, newest first, below `before` when given; `next` continues below the last. */
  function timeline(workspaceId: string, participantId: string, limit: number, before?: number) {
    const args = { ws: workspaceId, id: participantId, limit: limit + 1, before };
    const rows = (before ? byIdQueries.eventsBefore : byIdQueries.events).values(args);
    const items = rows.slice(0, limit).map(eventColumns.read);
    return { items, next: rows.length > limit ? (items.at(-1)?.seq ?? null) : null };
  }

  // The board reads ten queries per request (counts, then each column's first cards): compiled once
  // each, with and without a search, rather than built and prepared on every request (bench/README.md).
  const boardQueriesOf = (withSearch: boolean) => {
    const ofBoard = and(
      eq(participants.workspace_id, ws),
      eq(participants.evaluation_template_id, sql.placeholder('template')),
      withSearch ? nameOrEmailMatches(sql.placeholder('pattern')) : undefined,
    );
    const cards = (column: SQL) =>
      summaries()
        .where(and(ofBoard, column))
        .orderBy(desc(participants.updated_at), desc(participants.id))
        .limit(limitOf(sql.placeholder('limit')))
        .prepare();
    return {
      counts: db
        .select({ status: participants.status, stage_id: participants.current_stage_id, count: count() })
        .from(participants)
        .where(ofBoard)
        .groupBy(participants.status, participants.current_stage_id)
        .prepare(),
      cardsAtStage: cards(
        and(eq(participants.status, 'active'), eq(participants.current_stage_id, sql.placeholder('stage')))!,
      ),
      cardsWithStatus: cards(eq(participants.status, sql.placeholder('status'))),
    };
  };
  const boardQueries = { all: boardQueriesOf(false), search: boardQueriesOf(true) };

  return {
    /** Newest first, with filters; `next_cursor` is null on the last page. */
    list(workspaceId: string, f: ParticipantFilter) {
      // The input schema refuses a cursor that does not decode (domain: progression/cursor.ts).
      const after = f.cursor ? decodeParticipantCursor(f.cursor) : undefined;
      const where = and(matching(workspaceId, f), afterCursorOn(participants, after));
      const rows = summaries()
        .where(where)
        .orderBy(desc(participants.created_at), desc(participants.id))
        .limit(limitOf(f.limit + 1))
        .values();
      const page = rows.slice(0, f.limit).map(toSummary);
      const last = page.at(-1);
      return {
        items: page,
        next_cursor: rows.length > f.limit && last ? encodeParticipantCursor(last) : null,
      };
    },

    /**
     * The list's participants for an export (docs/rules.md#csv-export), newest first, at most `max`
     * of them (`truncated` when there were more), each with their state and latest completed score
     * at every stage they have entered.
     */
    forExport(workspaceId: string, f: Omit<ParticipantFilter, 'limit' | 'cursor'>, max: number) {
      const where = matching(workspaceId, f);
      const rows = db
        .select()
        .from(participants)
        .where(where)
        .orderBy(desc(participants.created_at), desc(participants.id))
        .limit(limitOf(max + 1))
        .all();
      const people = rows.slice(0, max).map(toParticipant);
      // The same filter as a join, rather than thousands of ids in an IN list.
      const progress = db
        .select({
          participant_id: stageProgress.participant_id,
          stage_id: stageProgress.stage_id,
          state: stageProgress.state,
        })
        .from(stageProgress)
        .innerJoin(participants, eq(participants.id, stageProgress.participant_id))
        .where(and(eq(stageProgress.workspace_id, workspaceId), where))
        .all();
      const scores = db
        .select({
          participant_id: sessions.participant_id,
          stage_id: sessions.stage_id,
          score: sql<number | null>`json_extract(${sessions.scorecard}, '$.overall_score')`,
        })
        .from(sessions)
        .innerJoin(participants, eq(participants.id, sessions.participant_id))
        .where(and(eq(sessions.workspace_id, workspaceId), eq(sessions.status, 'completed'), where))
        .orderBy(asc(sessions.completed_at), asc(sessions.id))
        .all();
      return { participants: withExportStages(people, progress, scores), truncated: rows.length > max };
    },

    /** How many participants the list's filters match: what "select all N matching" offers. */
    count(workspaceId: string, f: Omit<ParticipantFilter, 'limit' | 'cursor'>): number {
      return db.select({ n: count() }).from(participants).where(matching(workspaceId, f)).get()?.n ?? 0;
    },

    /**
     * Whom the list's filters match, in the list's order (newest first), at most `max + 1` of them so
     * the caller can tell "more than `max`": a bulk action's selection.
     */
    matchingPeople(workspaceId: string, f: Omit<ParticipantFilter, 'limit' | 'cursor'>, max: number) {
      return db
        .select({ participant_id: participants.id, name: participants.name })
        .from(participants)
        .where(matching(workspaceId, f))
        .orderBy(desc(participants.created_at), desc(participants.id))
        .limit(limitOf(max + 1))
        .all();
    },

    /** The names of those of `ids` who are participants of the workspace. */
    namesOf(workspaceId: string, ids: readonly string[]): Map<string, string> {
      const names = new Map<string, string>();
      // In slices: SQLite takes at most 32,766 bound values in one statement.
      for (let at = 0; at < ids.length; at += 500) {
        const rows = db
          .select({ id: participants.id, name: participants.name })
          .from(participants)
          .where(and(eq(participants.workspace_id, workspaceId), inArray(participants.id, ids.slice(at, at + 500))))
          .all();
        for (const row of rows) names.set(row.id, row.name);
      }
      return names;
    },

    /** Which of these (lowercase) emails a participant of the template already has. */
    emailsInTemplate(workspaceId: string, templateId: string, emails: readonly string[]): string[] {
      if (emails.length === 0) return [];
      return db
        .select({ email: participants.email })
        .from(participants)
        .where(
          and(
            eq(participants.workspace_id, workspaceId),
            eq(participants.evaluation_template_id, templateId),
            inArray(participants.email, [...emails]),
          ),
        )
        .all()
        .map((r) => r.email);
    },

    /**
     * How many participants are in each column; the board shows the first `perColumn` cards of each.
     * With `search`, only the people whose name or email matches, in the counts too.
     */
    board(workspaceId: string, templateId: string, perColumn: number, search?: string) {
      const queries = search ? boardQueries.search : boardQueries.all;
      const args = { ws: workspaceId, template: templateId, limit: perColumn, pattern: search && likePattern(search) };
      return {
        counts: queries.counts.all(args),
        cardsAtStage: (stageId: string) => queries.cardsAtStage.values({ ...args, stage: stageId }).map(toSummary),
        cardsWithStatus: (status: ParticipantStatus) =>
          queries.cardsWithStatus.values({ ...args, status }).map(toSummary),
      };
    },

    sessions(
      workspaceId: string,
      f: {
        participant_id?: string | undefined;
        stage_id?: string | undefined;
        status?: string | undefined;
        limit: number;
      },
    ) {
      return db
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
        .limit(limitOf(f.limit))
        .all()
        .map(toSession);
    },
    session(workspaceId: string, sessionId: string) {
      const row = byIdQueries.session.get({ ws: workspaceId, id: sessionId });
      return row && toSession(row);
    },

    /** Which participant a session or decision belongs to (commands address those by their own id). */
    participantOfSession(workspaceId: string, sessionId: string): string | undefined {
      return byIdQueries.participantOfSession.get({ ws: workspaceId, id: sessionId })?.id;
    },
    participantOfDecision(workspaceId: string, decisionId: string): string | undefined {
      return byIdQueries.participantOfDecision.get({ ws: workspaceId, id: decisionId })?.id;
    },

    /** Active participants whose current stage this is: they block archiving and keep their old rules on edits. */
    activeAtStage(workspaceId: string, stageId: string): number {
      return (
        db
          .select({ n: count() })
          .from(participants)
          .where(
            and(
              eq(participants.workspace_id, workspaceId),
              eq(participants.current_stage_id, stageId),
              eq(participants.status, 'active'),
            ),
          )
          .get()?.n ?? 0
      );
    },
    /** Rows that reference a stage: while there are any it can only be archived, not deleted. */
    referencesToStage(workspaceId: string, stageId: string): number {
      const n = (table: typeof stageProgress | typeof sessions) =>
        db
          .select({ n: count() })
          .from(table)
          .where(and(eq(table.workspace_id, workspaceId), eq(table.stage_id, stageId)))
          .get()?.n ?? 0;
      return n(stageProgress) + n(sessions);
    },

    events(
      workspaceId: string,
      f: {
        participant_id?: string | undefined;
        evaluation_template_id?: string | undefined;
        limit: number;
        before_seq?: number | undefined;
      },
    ) {
      if (f.participant_id && !f.evaluation_template_id) {
        const { items, next } = timeline(workspaceId, f.participant_id, f.limit, f.before_seq);
        return { items, next_before_seq: next };
      }
      const rows = db
        .select()
        .from(events)
        .where(
          and(
            eq(events.workspace_id, workspaceId),
            f.participant_id ? eq(events.participant_id, f.participant_id) : undefined,
            f.evaluation_template_id ? eq(events.evaluation_template_id, f.evaluation_template_id) : undefined,
            f.before_seq ? lt(events.seq, f.before_seq) : undefined,
          ),
        )
        .orderBy(desc(events.seq))
        .limit(limitOf(f.limit + 1))
        .values();
      const page = rows.slice(0, f.limit).map(eventColumns.read);
      return { items: page, next_before_seq: rows.length > f.limit ? (page.at(-1)?.seq ?? null) : null };
    },

    /** A participant's timeline, a page at a time (their page carries no events). */
    timeline,

    /** The reviewers' inbox: open decisions oldest first (decided ones newest first), with what to judge them by. */
    decisions(
      workspaceId: string,
      f: {
        status: 'open' | 'decided';
        evaluation_template_id?: string | undefined;
        search?: string | undefined;
        limit: number;
      },
    ) {
      return (
        db
          .select({
            decision: decisions,
            participant_name: participants.name,
            participant_email: participants.email,
            evaluation_template_id: participants.evaluation_template_id,
            overall_score: sql<number | null>`json_extract(${sessions.scorecard}, '$.overall_score')`,
            threshold_applied: sql<number | null>`json_extract(${sessions.scorecard}, '$.threshold_applied')`,
            // Only where it says something: which dimensions of an unchecked score no quote backs.
            dimensions: sql<
              string | null
            >`case when ${decisions.reason} = 'scorecard_needs_review' then json_extract(${sessions.scorecard}, '$.dimension_scores') end`,
          })
          .from(decisions)
          .innerJoin(participants, eq(participants.id, decisions.participant_id))
          // A request for a person (`human_alternative`) has no session, so no score either.
          .leftJoin(sessions, eq(sessions.id, decisions.session_id))
          .where(
            and(
              eq(decisions.workspace_id, workspaceId),
              eq(decisions.status, f.status),
              f.evaluation_template_id ? eq(participants.evaluation_template_id, f.evaluation_template_id) : undefined,
              nameOrEmailLike(f.search),
            ),
          )
          .orderBy(f.status === 'open' ? asc(decisions.created_at) : desc(decisions.decided_at))
          .limit(limitOf(f.limit))
          .all()
          .map(toInboxEntry)
      );
    },

    openDecisionCount(workspaceId: string): number {
      return (
        db
          .select({ n: count() })
          .from(decisions)
          .where(and(eq(decisions.workspace_id, workspaceId), eq(decisions.status, 'open')))
          .get()?.n ?? 0
      );
    },
  };
}
