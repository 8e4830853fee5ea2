import type { ParticipantStatus, ParticipantSummary } from '@stageflow/domain';
import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { likePattern } from '../../repositories/rows.ts';
import type { PgExec } from '../client.ts';
import { participants } from '../schema.ts';
import { nameOrEmailMatches, summaries, toSummary } from './participant-summaries.ts';

/** A text array of bound values. */
const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;

/**
 * The board on PostgreSQL: the same counts and columns as SQLite's (repositories/participants/queries.ts). The
 * board's callers take a column's cards without waiting (`cardsAtStage`, `cardsWithStatus`), and SQLite reads each
 * when asked; here every column's first cards are read up front in one statement, and each column is picked out of
 * them when asked.
 */
export function createPgParticipantBoard(db: PgExec) {
  return {
    async board(workspaceId: string, templateId: string, perColumn: number, search?: string) {
      const ofBoard = and(
        eq(participants.workspace_id, workspaceId),
        eq(participants.evaluation_template_id, templateId),
        search ? nameOrEmailMatches(likePattern(search)) : undefined,
      );
      const counts = await db
        .select({ status: participants.status, stage_id: participants.current_stage_id, count: count() })
        .from(participants)
        .where(ofBoard)
        .groupBy(participants.status, participants.current_stage_id)
        // SQLite answers the groups in index order, nulls (no current stage) first.
        .orderBy(asc(participants.status), sql`${participants.current_stage_id} asc nulls first`);

      // Each column's first cards, straight off the board's indexes (one per status, one per active stage, as on
      // SQLite): a LIMIT per column, laterally over the columns the counts name, in one statement.
      const statuses = [...new Set(counts.map((c) => c.status))];
      const activeStages = counts.flatMap((c) => (c.status === 'active' && c.stage_id !== null ? [c.stage_id] : []));
      const firstOf = (keys: readonly string[], column: SQL) =>
        sql`select top.id from unnest(${textArray(keys)}) as col(key) cross join lateral (
          select ${participants.id} as id from ${participants} where ${ofBoard} and ${column}
          order by ${participants.updated_at} desc, ${participants.id} desc limit ${perColumn}
        ) as top`;
      const firstOfColumns = sql.join(
        [
          firstOf(statuses, sql`${participants.status} = col.key`),
          ...(activeStages.length > 0
            ? [
                firstOf(
                  activeStages,
                  sql`${participants.status} = 'active' and ${participants.current_stage_id} = col.key`,
                ),
              ]
            : []),
        ],
        sql` union `,
      );
      const cards = (
        statuses.length === 0
          ? []
          : await summaries(db)
              .where(and(eq(participants.workspace_id, workspaceId), sql`${participants.id} in (${firstOfColumns})`))
              .orderBy(desc(participants.updated_at), desc(participants.id))
      ).map(toSummary);
      // Every column's first `perColumn` are among the cards, in order; a card read for another column (an active
      // one, read for its stage and its status) comes after them in its own.
      const column = (belongs: (card: ParticipantSummary) => boolean) => cards.filter(belongs).slice(0, perColumn);
      return {
        counts,
        cardsAtStage: (stageId: string) => column((c) => c.status === 'active' && c.current_stage_id === stageId),
        cardsWithStatus: (status: ParticipantStatus) => column((c) => c.status === status),
      };
    },
  } satisfies Pick<Reads['participants'], 'board'>;
}
