/**
 * The participant reads on PostgreSQL other than the command path's loads: the list and what shares its filters
 * (count, export, a bulk action's selection), names and emails by id, and, from the files beside this one, the
 * board and the history (sessions, events, decisions). Each answers as SQLite's (repositories/participants/),
 * tested by equivalence on the demo data.
 */
import { decodeParticipantCursor, encodeParticipantCursor } from '@stageflow/domain';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { afterCursorOn, type ParticipantFilter } from '../../repositories/participants/filters.ts';
import { toParticipant } from '../../repositories/participants/load.ts';
import { withExportStages } from '../../repositories/participants/queries.ts';
import type { PgExec } from '../client.ts';
import { participants, sessions, stageProgress } from '../schema.ts';
import { createPgParticipantBoard } from './participant-board.ts';
import { createPgParticipantHistory } from './participant-history.ts';
import { jsonNumber, matching, summaries, toSummary } from './participant-summaries.ts';

type Filters = Omit<ParticipantFilter, 'limit' | 'cursor'>;

/** The list and the reads that share its filters, on PostgreSQL. */
export function createPgParticipantList(db: PgExec) {
  const newestFirst = [desc(participants.created_at), desc(participants.id)] as const;
  return {
    /** Newest first, with filters; `next_cursor` is null on the last page. */
    async list(workspaceId: string, f: ParticipantFilter) {
      const after = f.cursor ? decodeParticipantCursor(f.cursor) : undefined;
      const rows = await summaries(db)
        .where(and(matching(workspaceId, f), afterCursorOn(participants, after)))
        .orderBy(...newestFirst)
        .limit(f.limit + 1);
      const page = rows.slice(0, f.limit).map(toSummary);
      const last = page.at(-1);
      return { items: page, next_cursor: rows.length > f.limit && last ? encodeParticipantCursor(last) : null };
    },

    /** The list's participants for an export (docs/rules.md#csv-export), with their state and score at each stage. */
    async forExport(workspaceId: string, f: Filters, max: number) {
      const where = matching(workspaceId, f);
      const rows = await db
        .select()
        .from(participants)
        .where(where)
        .orderBy(...newestFirst)
        .limit(max + 1);
      // The same filter as a join, rather than thousands of ids in an IN list.
      const progress = await db
        .select({
          participant_id: stageProgress.participant_id,
          stage_id: stageProgress.stage_id,
          state: stageProgress.state,
        })
        .from(stageProgress)
        .innerJoin(participants, eq(participants.id, stageProgress.participant_id))
        .where(and(eq(stageProgress.workspace_id, workspaceId), where));
      const scores = await db
        .select({
          participant_id: sessions.participant_id,
          stage_id: sessions.stage_id,
          score: jsonNumber(sessions.scorecard, 'overall_score'),
        })
        .from(sessions)
        .innerJoin(participants, eq(participants.id, sessions.participant_id))
        .where(and(eq(sessions.workspace_id, workspaceId), eq(sessions.status, 'completed'), where))
        .orderBy(asc(sessions.completed_at), asc(sessions.id));
      const people = rows.slice(0, max).map(toParticipant);
      return { participants: withExportStages(people, progress, scores), truncated: rows.length > max };
    },

    /** How many participants the list's filters match: what "select all N matching" offers. */
    async count(workspaceId: string, f: Filters): Promise<number> {
      const [row] = await db.select({ n: count() }).from(participants).where(matching(workspaceId, f));
      return row?.n ?? 0;
    },

    /** Whom the list's filters match, in the list's order, at most `max + 1` of them: a bulk action's selection. */
    async matchingPeople(workspaceId: string, f: Filters, max: number) {
      return db
        .select({ participant_id: participants.id, name: participants.name })
        .from(participants)
        .where(matching(workspaceId, f))
        .orderBy(...newestFirst)
        .limit(max + 1);
    },

    /** The names of those of `ids` who are participants of the workspace. */
    async namesOf(workspaceId: string, ids: readonly string[]): Promise<Map<string, string>> {
      const names = new Map<string, string>();
      // In slices: a statement takes at most 65,535 bound values.
      for (let at = 0; at < ids.length; at += 5000) {
        const rows = await db
          .select({ id: participants.id, name: participants.name })
          .from(participants)
          .where(and(eq(participants.workspace_id, workspaceId), inArray(participants.id, ids.slice(at, at + 5000))));
        for (const row of rows) names.set(row.id, row.name);
      }
      return names;
    },

    /** Which of these (lowercase) emails a participant of the template already has. */
    async emailsInTemplate(workspaceId: string, templateId: string, emails: readonly string[]): Promise<string[]> {
      if (emails.length === 0) return [];
      const rows = await db
        .select({ email: participants.email })
        .from(participants)
        .where(
          and(
            eq(participants.workspace_id, workspaceId),
            eq(participants.evaluation_template_id, templateId),
            inArray(participants.email, [...emails]),
          ),
        )
        // In the order SQLite answers them: it walks the (sorted) IN list through the unique email index, comparing
        // bytes, as the "C" collation does whatever the database's locale.
        .orderBy(sql`${participants.email} collate "C"`);
      return rows.map((r) => r.email);
    },
  } satisfies Pick<
    Reads['participants'],
    'list' | 'forExport' | 'count' | 'matchingPeople' | 'namesOf' | 'emailsInTemplate'
  >;
}

/** Every participant read but the command path's (load, loadTarget, emailTaken…): list, board and history. */
export function createPgParticipantQueries(db: PgExec) {
  return {
    ...createPgParticipantList(db),
    ...createPgParticipantBoard(db),
    ...createPgParticipantHistory(db),
  } satisfies Partial<Reads['participants']>;
}
