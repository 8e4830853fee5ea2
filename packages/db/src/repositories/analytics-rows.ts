/**
 * The analytics facts from their query rows, for either engine: the SQLite repository (analytics.ts) and the
 * PostgreSQL one (postgres/reads/analytics.ts) run their own dialect's SQL and hand the rows here, in the same
 * shape (SQLite's: 0/1 for truths, JSON as text, raw rows as arrays in the select's column order).
 */
import {
  type CategoryProgressGroup,
  type CategoryScoreGroup,
  type CategoryStatusGroup,
  type DecisionReason,
  type ExitCount,
  type OpenDecisionRow,
  type ParticipantStatus,
  type ProgressGroup,
  type RecordedAttempt,
  type RecordedDecision,
  type RulesSnapshot,
  type ScoreGroup,
  type ScoringMethod,
  type StageProgressState,
  type StageRecord,
  type StayLengths,
  type StaySink,
  stayLengthsAt,
  stayRanks,
} from '@stageflow/domain';
import type { StayFilter } from './analytics.ts';

export type AnalyticsRow = Record<string, unknown>;

export const progressGroup = (r: AnalyticsRow): ProgressGroup => ({
  stage_id: r.stage_id as string,
  state: r.state as StageProgressState,
  open: r.open === 1,
  status: r.status as ParticipantStatus,
  ended_here: r.ended_here === 1,
  advanced_by_decision: r.advanced_by_decision === 1,
  count: r.count as number,
});

const answered = (r: AnalyticsRow) => ({
  sex: r.sex as string | null,
  race_ethnicity: r.race_ethnicity as string | null,
});

/** The adverse-impact monitor's facts from its three queries' rows. */
export const selfIdentifiedFrom = (
  progress: readonly AnalyticsRow[],
  statuses: readonly AnalyticsRow[],
  scores: readonly AnalyticsRow[],
): { progress: CategoryProgressGroup[]; statuses: CategoryStatusGroup[]; scores: CategoryScoreGroup[] } => ({
  progress: progress.map((r) => ({ ...progressGroup(r), ...answered(r) })),
  statuses: statuses.map((r) => ({
    status: r.status as ParticipantStatus,
    ...answered(r),
    count: r.count as number,
  })),
  scores: scores.map((r) => ({
    stage_id: r.stage_id as string,
    score: r.score as number,
    ...answered(r),
    count: r.count as number,
  })),
});

export const templateSelfIdsFrom = (
  rows: readonly [string, string, string][],
): Map<string, { sex: string; race_ethnicity: string }> =>
  new Map(rows.map(([id, sex, race_ethnicity]) => [id, { sex, race_ethnicity }]));

/** Per stage, the stays' lengths in the rows' order (ascending by the query). */
export function stayDurationsFrom(rows: readonly [string, number][]): Map<string, number[]> {
  const byStage = new Map<string, number[]>();
  for (const [stageId, ms] of rows) {
    const list = byStage.get(stageId);
    if (list) list.push(ms);
    else byStage.set(stageId, [ms]);
  }
  return byStage;
}

/** A count of the stays kept facts say the same of (`KEPT_EXIT_COUNTS_SQL`). */
export const keptExitCount = (r: AnalyticsRow): ExitCount => ({
  stage_id: r.stage_id as string,
  exit: r.funnel_exit as ExitCount['exit'],
  failed: r.state === 'failed',
  count: r.count as number,
});

/** The ranks from which a stage's stay figures read two lengths each (`KEPT_STAYS_AT_RANK_SQL`), once each. */
export function stayPairRanks(left: number): number[] {
  const { median, p90 } = stayRanks(left);
  return [...new Set([median, p90].flatMap((q) => (q ? [q.low] : [])))];
}

/** A stage's stay figures from the pairs of lengths read at `stayPairRanks` (rank → the lengths from it). */
export const stayLengthsFromPairs = (left: number, pairs: ReadonlyMap<number, readonly number[]>): StayLengths =>
  stayLengthsAt(left, (rank) => pairs.get(rank)?.[0] ?? pairs.get(rank - 1)![1]!);

export const scoreGroup = (r: AnalyticsRow): ScoreGroup => ({
  stage_id: r.stage_id as string,
  score: r.score as number,
  passed: r.passed === 1,
  count: r.count as number,
});

export const openDecision = (r: AnalyticsRow): OpenDecisionRow => ({
  stage_id: r.stage_id as string,
  reason: r.reason as DecisionReason,
  created_at: r.created_at as string,
});

/**
 * Sends the picked stays to the simulation (`StaySink`): each stay with results as its record, built from the
 * replayable stays' raw rows (one a result, a stay's together, in the order the simulation reads them) and its
 * decisions; every other stay entered in the period only as a count, by stage.
 */
export function sendStays(
  f: StayFilter,
  rows: Iterable<unknown[]>,
  decisionRows: readonly unknown[][],
  entered: readonly AnalyticsRow[],
  sink: StaySink,
): void {
  // By participant, then stage: the ids' hashes are computed once a stay and used again (no joined key to hash).
  const decisions = new Map<string, Map<string, RecordedDecision[]>>();
  for (const r of decisionRows) {
    const decision = { session_id: r[2], suggested: r[3], outcome: r[4] } as RecordedDecision;
    const byStage = decisions.get(r[0] as string) ?? new Map<string, RecordedDecision[]>();
    decisions.set(r[0] as string, byStage);
    const list = byStage.get(r[1] as string);
    if (list) list.push(decision);
    else byStage.set(r[1] as string, [decision]);
  }
  // Participants of one workspace share a handful of distinct snapshots: parse each text once. A stage's stays
  // mostly hold the one its last stay did, and comparing with that text is cheaper than hashing it.
  const snapshots = new Map<string, RulesSnapshot>();
  const lastAtStage = new Map<string, { text: string; rules: RulesSnapshot }>();
  const rulesOf = (stageId: string, text: string) => {
    const last = lastAtStage.get(stageId);
    if (last?.text === text) return last.rules;
    let rules = snapshots.get(text);
    if (!rules) {
      rules = JSON.parse(text) as RulesSnapshot;
      snapshots.set(text, rules);
    }
    lastAtStage.set(stageId, { text, rules });
    return rules;
  };
  const withResults = new Map<string, number>();
  let stay = null as StageRecord | null;
  let attempts: RecordedAttempt[] = [];
  for (const r of rows) {
    const attempt: RecordedAttempt = {
      session_id: r[7] as string,
      completed_at: r[8] as string,
      overall_score: r[9] as number,
      passed: r[10] === 1,
      scoring_method: r[11] as ScoringMethod | null,
      below_min_score: r[12] as number,
      // Scorecards from before evidence was checked have none: never flagged.
      needs_review: r[13] === 1,
    };
    if (stay && stay.participant_id === r[0] && stay.stage_id === r[1]) {
      attempts.push(attempt);
      continue;
    }
    if (stay) sink.stay(stay);
    const stageId = r[1] as string;
    withResults.set(stageId, (withResults.get(stageId) ?? 0) + 1);
    attempts = [attempt];
    stay = {
      participant_id: r[0] as string,
      stage_id: stageId,
      stage_type: f.stageTypes.get(stageId) ?? 'ai_interview',
      left_at: r[2] as string | null,
      state: r[3] as StageProgressState,
      rules: rulesOf(stageId, r[4] as string),
      retakes_granted: r[5] as number,
      ended: r[6] as StageRecord['ended'],
      attempts,
      decisions: decisions.get(r[0] as string)?.get(stageId) ?? [],
    };
  }
  if (stay) sink.stay(stay);
  for (const e of entered) {
    const stageId = e.stage_id as string;
    sink.staysWithoutResult(stageId, (e.count as number) - (withResults.get(stageId) ?? 0));
  }
}
