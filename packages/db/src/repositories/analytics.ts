import type {
  CategoryProgressGroup,
  CategoryScoreGroup,
  CategoryStatusGroup,
  ExitCount,
  OpenDecisionRow,
  ProgressGroup,
  ScoreGroup,
  StageRecord,
  StayLengths,
  StaySink,
  TagCount,
} from '@stageflow/domain';
import type { Db } from '../client.ts';
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
} from './analytics-rows.ts';
import {
  COHORT_EXIT_COUNTS_SQL,
  COHORT_SIZE_SQL,
  KEPT_EXIT_COUNTS_SQL,
  KEPT_SCORE_GROUPS_SQL,
  KEPT_STAYS_AT_RANK_SQL,
  OPEN_DECISIONS_SQL,
  PROGRESS_GROUPS_SQL,
  RECORDED_DECISIONS_SQL,
  REPLAYABLE_STAYS_SQL,
  SCORE_GROUPS_SQL,
  SELF_ID_LATEST_SCORES_SQL,
  SELF_ID_PROGRESS_GROUPS_SQL,
  SELF_ID_STATUS_GROUPS_SQL,
  STAY_DURATIONS_SQL,
  STAYS_ENTERED_SQL,
  TAG_COUNTS_SQL,
  TEMPLATE_SELF_IDS_SQL,
} from './analytics-sql.ts';

/** Whose figures: a template's participants enrolled in `[start, end)` (either may be open), with `tag`. */
export interface Cohort {
  readonly templateId: string;
  readonly start: string | null;
  readonly end: string | null;
  readonly tag: string | null;
}

/** Which stays a simulation replays: at these stages, entered in `[start, end)`. */
export interface StayFilter {
  readonly stageTypes: ReadonlyMap<string, StageRecord['stage_type']>;
  readonly start: string | null;
  readonly end: string | null;
}

/**
 * The facts the analytics figures and the rule simulation are computed from, loaded with the SQL in
 * analytics-sql.ts (set-based, so 100k participants are counted rather than loaded). Callers read them
 * inside one `readTx` so every figure comes from the same snapshot.
 */
export function createAnalyticsRepository(db: Db) {
  const sqlite = db.$client;
  const q = {
    cohortSize: sqlite.prepare(COHORT_SIZE_SQL).pluck(),
    groups: sqlite.prepare(PROGRESS_GROUPS_SQL),
    exits: sqlite.prepare(COHORT_EXIT_COUNTS_SQL),
    durations: sqlite.prepare(STAY_DURATIONS_SQL).raw(),
    keptExits: sqlite.prepare(KEPT_EXIT_COUNTS_SQL),
    keptStays: sqlite.prepare(KEPT_STAYS_AT_RANK_SQL).pluck(),
    keptScores: sqlite.prepare(KEPT_SCORE_GROUPS_SQL),
    scores: sqlite.prepare(SCORE_GROUPS_SQL),
    openDecisions: sqlite.prepare(OPEN_DECISIONS_SQL),
    tags: sqlite.prepare(TAG_COUNTS_SQL),
    replayable: sqlite.prepare(REPLAYABLE_STAYS_SQL).raw(),
    staysEntered: sqlite.prepare(STAYS_ENTERED_SQL),
    decisions: sqlite.prepare(RECORDED_DECISIONS_SQL).raw(),
    selfIdGroups: sqlite.prepare(SELF_ID_PROGRESS_GROUPS_SQL),
    selfIdStatuses: sqlite.prepare(SELF_ID_STATUS_GROUPS_SQL),
    selfIdScores: sqlite.prepare(SELF_ID_LATEST_SCORES_SQL),
    templateSelfIds: sqlite.prepare(TEMPLATE_SELF_IDS_SQL).raw(),
  };
  const params = (ws: string, c: Cohort) => ({ ws, template: c.templateId, start: c.start, end: c.end, tag: c.tag });

  return {
    cohortSize: (ws: string, c: Cohort): number => q.cohortSize.get(params(ws, c)) as number,

    /**
     * The cohort's stays by the facts the SQL derives from the stays, the participants and the decisions: the
     * rule in SQL (docs/rules.md#funnel), which the adverse-impact monitor counts by and the facts kept with
     * each stay are held to (tests).
     */
    progressGroups: (ws: string, c: Cohort): ProgressGroup[] =>
      (q.groups.all(params(ws, c)) as AnalyticsRow[]).map(progressGroup),

    /** The cohort's stays by where they went, from the facts kept with each. */
    exitCounts: (ws: string, c: Cohort): ExitCount[] =>
      (q.exits.all(params(ws, c)) as AnalyticsRow[]).map(keptExitCount),

    /**
     * The adverse-impact monitor's facts (docs/rules.md#adverse-impact): the progress groups, the cohort's
     * statuses and each participant's latest score per stage, each also by self-identification as stored.
     */
    selfIdentified(
      ws: string,
      c: Cohort,
    ): { progress: CategoryProgressGroup[]; statuses: CategoryStatusGroup[]; scores: CategoryScoreGroup[] } {
      return selfIdentifiedFrom(
        q.selfIdGroups.all(params(ws, c)) as AnalyticsRow[],
        q.selfIdStatuses.all(params(ws, c)) as AnalyticsRow[],
        q.selfIdScores.all(params(ws, c)) as AnalyticsRow[],
      );
    },

    /** The self-identification on record of a template's participants, by participant: the simulation's categories. */
    templateSelfIdentification(ws: string, templateId: string): Map<string, { sex: string; race_ethnicity: string }> {
      return templateSelfIdsFrom(q.templateSelfIds.all({ ws, template: templateId }) as [string, string, string][]);
    },

    /** Per stage, the lengths of the finished stays in milliseconds, ascending. */
    stayDurations: (ws: string, c: Cohort): Map<string, number[]> =>
      stayDurationsFrom(q.durations.all(params(ws, c)) as [string, number][]),

    /** The whole template's stays by where they went, from the facts kept with each (`stages`: the template's). */
    keptExitCounts: (ws: string, stages: readonly string[]): ExitCount[] =>
      (q.keptExits.all({ ws, stages: JSON.stringify(stages) }) as AnalyticsRow[]).map(keptExitCount),

    /** Per stage, the whole template's finished stays' figures (`left`: how many left each), read at two ranks. */
    keptStayLengths(ws: string, left: ReadonlyMap<string, number>): Map<string, StayLengths> {
      return new Map(
        [...left].map(([stage, n]) => {
          const pairs = stayPairRanks(n).map(
            (rank) => [rank, q.keptStays.all({ ws, stage, rank }) as number[]] as const,
          );
          return [stage, stayLengthsFromPairs(n, new Map(pairs))];
        }),
      );
    },

    /** The whole template's completed results by stage, score and pass, from the facts kept with each. */
    keptScoreGroups: (ws: string, stages: readonly string[]): ScoreGroup[] =>
      (q.keptScores.all({ ws, stages: JSON.stringify(stages) }) as AnalyticsRow[]).map(scoreGroup),

    scoreGroups: (ws: string, c: Cohort): ScoreGroup[] =>
      (q.scores.all(params(ws, c)) as AnalyticsRow[]).map(scoreGroup),

    openDecisions: (ws: string, c: Cohort): OpenDecisionRow[] =>
      (q.openDecisions.all(params(ws, c)) as AnalyticsRow[]).map(openDecision),

    /** The period's tags (the cohort without its tag). */
    tagCounts: (ws: string, c: Cohort): TagCount[] => q.tags.all(params(ws, { ...c, tag: null })) as TagCount[],

    /**
     * The stays at the picked stages entered in the period, sent to the simulation (docs/rules.md#rule-simulation):
     * those with results as records with their results and decisions, each participant's in the order they
     * entered them, streamed as SQLite reads them; the rest counted. The domain's `stageRecordsOf` says the same
     * of one participant's state; the tests hold the two together.
     */
    sendStays(ws: string, f: StayFilter, sink: StaySink): void {
      const stages = JSON.stringify([...f.stageTypes.keys()]);
      const period = { ws, stages, start: f.start, end: f.end };
      const decisions = q.decisions.all({ ws, stages }) as unknown[][];
      const entered = q.staysEntered.all(period) as AnalyticsRow[];
      sendStays(f, q.replayable.iterate(period) as Iterable<unknown[]>, decisions, entered, sink);
    },
  };
}
