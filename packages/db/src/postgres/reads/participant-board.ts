import type { ParticipantStatus, ParticipantSummary } from '@stageflow/domain';
import { and, asc, count, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { likePattern } from '../../repositories/rows.ts';
import type { PgExec } from '../client.ts';
import { participants } from '../schema.ts';
import { nameOrEmailMatches, summaries, toSummary } from './participant-summaries.ts';

/**
 * The board on PostgreSQL: the same counts and columns as SQLite's (repositories/participants/queries.ts). The
 * board's callers take a column's cards without waiting (`cardsAtStage`, `cardsWithStatus`), and SQLite reads each
 * when asked; here every column's first cards are read up front in one statement, ranked within their status and
 * within their active stage, and each column is picked out of them.
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

      // A column's order: most recently changed first. Ranked among those of their status (a finished column)
      // and among those of their status at their stage (an active stage's column).
      const recency = sql`order by ${participants.updated_at} desc, ${participants.id} desc`;
      const ranked = db
        .select({
          id: participants.id,
          status: participants.status,
          in_status: sql<number>`row_number() over (partition by ${participants.status} ${recency})`.as('in_status'),
          at_stage:
            sql<number>`row_number() over (partition by ${participants.status}, ${participants.current_stage_id} ${recency})`.as(
              'at_stage',
            ),
        })
        .from(participants)
        .where(ofBoard)
        .as('ranked');
      const firstOfColumns = db
        .select({ id: ranked.id })
        .from(ranked)
        .where(or(lte(ranked.in_status, perColumn), and(eq(ranked.status, 'active'), lte(ranked.at_stage, perColumn))));
      const cards = (
        await summaries(db)
          .where(and(eq(participants.workspace_id, workspaceId), inArray(participants.id, firstOfColumns)))
          .orderBy(desc(participants.updated_at), desc(participants.id))
      ).map(toSummary);
      // Every column's first `perColumn` are among the cards, in order; a card ranked in for another column ranks
      // after them in its own.
      const column = (belongs: (card: ParticipantSummary) => boolean) => cards.filter(belongs).slice(0, perColumn);
      return {
        counts,
        cardsAtStage: (stageId: string) => column((c) => c.status === 'active' && c.current_stage_id === stageId),
        cardsWithStatus: (status: ParticipantStatus) => column((c) => c.status === status),
      };
    },
  } satisfies Pick<Reads['participants'], 'board'>;
}
