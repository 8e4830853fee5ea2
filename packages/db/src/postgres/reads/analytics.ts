import type { StayLengths, StaySink, TagCount } from '@stageflow/domain';
import type { SQL } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import type { Cohort, StayFilter } from '../../repositories/analytics.ts';
import {
  type AnalyticsRow,
  keptExitCount,
  openDecision,
  progressGroup,
  scoreGroup,
  selfIdentifiedFrom,
  sendStays,
  stayDurationsFrom,
  stayLengthsFromPairs,
  stayPairRanks,
  templateSelfIdsFrom,
} from '../../repositories/analytics-rows.ts';
import {
  cohortExitCountsPgSql,
  cohortSizePgSql,
  keptExitCountsPgSql,
  keptScoreGroupsPgSql,
  keptStaysAtRankPgSql,
  openDecisionsPgSql,
  progressGroupsPgSql,
  recordedDecisionsPgSql,
  replayableStaysPgSql,
  scoreGroupsPgSql,
  selfIdLatestScoresPgSql,
  selfIdProgressGroupsPgSql,
  selfIdStatusGroupsPgSql,
  stayDurationsPgSql,
  staysEnteredPgSql,
  tagCountsPgSql,
  templateSelfIdsPgSql,
} from '../analytics-sql.ts';
import type { PgExec } from '../client.ts';

/**
 * The analytics facts on PostgreSQL (postgres/analytics-sql.ts), mapped by the same functions as SQLite's rows.
 * Callers that need every figure from one snapshot read them inside `storage.snapshot`.
 */
export function createPgAnalyticsReads(db: PgExec, _options: { inWrite?: boolean } = {}) {
  const rows = async (query: SQL) => (await db.execute<AnalyticsRow>(query)).rows;
  /** The rows as arrays in the select's column order, as SQLite's `raw()` statements give them. */
  const raw = async (query: SQL) => (await rows(query)).map((r) => Object.values(r));

  return {
    async cohortSize(ws: string, c: Cohort): Promise<number> {
      const [row] = await rows(cohortSizePgSql(ws, c));
      return row!.n as number;
    },
    progressGroups: async (ws: string, c: Cohort) => (await rows(progressGroupsPgSql(ws, c))).map(progressGroup),
    exitCounts: async (ws: string, c: Cohort) => (await rows(cohortExitCountsPgSql(ws, c))).map(keptExitCount),
    async selfIdentified(ws: string, c: Cohort) {
      const [progress, statuses, scores] = [
        await rows(selfIdProgressGroupsPgSql(ws, c)),
        await rows(selfIdStatusGroupsPgSql(ws, c)),
        await rows(selfIdLatestScoresPgSql(ws, c)),
      ];
      return selfIdentifiedFrom(progress, statuses, scores);
    },
    templateSelfIdentification: async (ws: string, templateId: string) =>
      templateSelfIdsFrom((await raw(templateSelfIdsPgSql(ws, templateId))) as [string, string, string][]),
    stayDurations: async (ws: string, c: Cohort) =>
      stayDurationsFrom((await raw(stayDurationsPgSql(ws, c))) as [string, number][]),
    keptExitCounts: async (ws: string, stages: readonly string[]) =>
      (await rows(keptExitCountsPgSql(ws, stages))).map(keptExitCount),
    async keptStayLengths(ws: string, left: ReadonlyMap<string, number>) {
      const figures = new Map<string, StayLengths>();
      for (const [stage, n] of left) {
        const pairs = new Map<number, number[]>();
        for (const rank of stayPairRanks(n)) {
          pairs.set(
            rank,
            (await rows(keptStaysAtRankPgSql(ws, stage, rank))).map((r) => r.ms as number),
          );
        }
        figures.set(stage, stayLengthsFromPairs(n, pairs));
      }
      return figures;
    },
    keptScoreGroups: async (ws: string, stages: readonly string[]) =>
      (await rows(keptScoreGroupsPgSql(ws, stages))).map(scoreGroup),
    scoreGroups: async (ws: string, c: Cohort) => (await rows(scoreGroupsPgSql(ws, c))).map(scoreGroup),
    openDecisions: async (ws: string, c: Cohort) => (await rows(openDecisionsPgSql(ws, c))).map(openDecision),
    tagCounts: async (ws: string, c: Cohort) => (await rows(tagCountsPgSql(ws, c))) as unknown as TagCount[],
    async sendStays(ws: string, f: StayFilter, sink: StaySink) {
      const stages = [...f.stageTypes.keys()];
      const decisions = await raw(recordedDecisionsPgSql(ws, stages));
      const entered = await rows(staysEnteredPgSql(ws, stages, f.start, f.end));
      const replayable = await raw(replayableStaysPgSql(ws, stages, f.start, f.end));
      sendStays(f, replayable, decisions, entered, sink);
    },
  } satisfies Reads['analytics'];
}
