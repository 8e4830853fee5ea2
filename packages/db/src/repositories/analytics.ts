import type {
  CategoryProgressGroup,
  CategoryScoreGroup,
  CategoryStatusGroup,
  DecisionReason,
  OpenDecisionRow,
  ParticipantStatus,
  ProgressGroup,
  RecordedAttempt,
  RecordedDecision,
  RulesSnapshot,
  ScoreGroup,
  ScoringMethod,
  StageProgressState,
  StageRecord,
  TagCount,
} from '@stageflow/domain';
import type { Db } from '../client.ts';
import {
  COHORT_SIZE_SQL,
  OPEN_DECISIONS_SQL,
  PROGRESS_GROUPS_SQL,
  RECORDED_ATTEMPTS_SQL,
  RECORDED_DECISIONS_SQL,
  SCORE_GROUPS_SQL,
  SELF_ID_LATEST_SCORES_SQL,
  SELF_ID_PROGRESS_GROUPS_SQL,
  SELF_ID_STATUS_GROUPS_SQL,
  STAGE_RECORDS_SQL,
  STAY_DURATIONS_SQL,
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

type Row = Record<string, unknown>;

const progressGroup = (r: Row): ProgressGroup => ({
  stage_id: r.stage_id as string,
  state: r.state as StageProgressState,
  open: r.open === 1,
  status: r.status as ParticipantStatus,
  ended_here: r.ended_here === 1,
  advanced_by_decision: r.advanced_by_decision === 1,
  count: r.count as number,
});

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
    durations: sqlite.prepare(STAY_DURATIONS_SQL).raw(),
    scores: sqlite.prepare(SCORE_GROUPS_SQL),
    openDecisions: sqlite.prepare(OPEN_DECISIONS_SQL),
    tags: sqlite.prepare(TAG_COUNTS_SQL),
    records: sqlite.prepare(STAGE_RECORDS_SQL).raw(),
    attempts: sqlite.prepare(RECORDED_ATTEMPTS_SQL).raw(),
    decisions: sqlite.prepare(RECORDED_DECISIONS_SQL).raw(),
    selfIdGroups: sqlite.prepare(SELF_ID_PROGRESS_GROUPS_SQL),
    selfIdStatuses: sqlite.prepare(SELF_ID_STATUS_GROUPS_SQL),
    selfIdScores: sqlite.prepare(SELF_ID_LATEST_SCORES_SQL),
    templateSelfIds: sqlite.prepare(TEMPLATE_SELF_IDS_SQL).raw(),
  };
  const params = (ws: string, c: Cohort) => ({ ws, template: c.templateId, start: c.start, end: c.end, tag: c.tag });

  return {
    cohortSize: (ws: string, c: Cohort): number => q.cohortSize.get(params(ws, c)) as number,

    progressGroups: (ws: string, c: Cohort): ProgressGroup[] =>
      (q.groups.all(params(ws, c)) as Row[]).map(progressGroup),

    /**
     * The adverse-impact monitor's facts (docs/rules.md#adverse-impact): the progress groups, the cohort's
     * statuses and each participant's latest score per stage, each also by self-identification as stored.
     */
    selfIdentified(
      ws: string,
      c: Cohort,
    ): { progress: CategoryProgressGroup[]; statuses: CategoryStatusGroup[]; scores: CategoryScoreGroup[] } {
      const answered = (r: Row) => ({
        sex: r.sex as string | null,
        race_ethnicity: r.race_ethnicity as string | null,
      });
      return {
        progress: (q.selfIdGroups.all(params(ws, c)) as Row[]).map((r) => ({ ...progressGroup(r), ...answered(r) })),
        statuses: (q.selfIdStatuses.all(params(ws, c)) as Row[]).map((r) => ({
          status: r.status as ParticipantStatus,
          ...answered(r),
          count: r.count as number,
        })),
        scores: (q.selfIdScores.all(params(ws, c)) as Row[]).map((r) => ({
          stage_id: r.stage_id as string,
          score: r.score as number,
          ...answered(r),
          count: r.count as number,
        })),
      };
    },

    /** The self-identification on record of a template's participants, by participant: the simulation's categories. */
    templateSelfIdentification(ws: string, templateId: string): Map<string, { sex: string; race_ethnicity: string }> {
      const rows = q.templateSelfIds.all({ ws, template: templateId }) as [string, string, string][];
      return new Map(rows.map(([id, sex, race_ethnicity]) => [id, { sex, race_ethnicity }]));
    },

    /** Per stage, the lengths of the finished stays in milliseconds, ascending. */
    stayDurations(ws: string, c: Cohort): Map<string, number[]> {
      const byStage = new Map<string, number[]>();
      for (const [stageId, ms] of q.durations.all(params(ws, c)) as [string, number][]) {
        const list = byStage.get(stageId);
        if (list) list.push(ms);
        else byStage.set(stageId, [ms]);
      }
      return byStage;
    },

    scoreGroups: (ws: string, c: Cohort): ScoreGroup[] =>
      (q.scores.all(params(ws, c)) as Row[]).map((r) => ({
        stage_id: r.stage_id as string,
        score: r.score as number,
        passed: r.passed === 1,
        count: r.count as number,
      })),

    openDecisions: (ws: string, c: Cohort): OpenDecisionRow[] =>
      (q.openDecisions.all(params(ws, c)) as Row[]).map((r) => ({
        stage_id: r.stage_id as string,
        reason: r.reason as DecisionReason,
        created_at: r.created_at as string,
      })),

    /** The period's tags (the cohort without its tag). */
    tagCounts: (ws: string, c: Cohort): TagCount[] => q.tags.all(params(ws, { ...c, tag: null })) as TagCount[],

    /**
     * The stays at the picked stages entered in the period, with their completed results and decisions, each
     * participant's in the order they entered them (docs/rules.md#rule-simulation). The domain's
     * `stageRecordsOf` says the same of one participant's state; the tests hold the two together.
     */
    stageRecords(ws: string, f: StayFilter): StageRecord[] {
      const stages = JSON.stringify([...f.stageTypes.keys()]);
      const key = (participant: unknown, stage: unknown) => `${participant as string} ${stage as string}`;
      const attempts = new Map<string, RecordedAttempt[]>();
      for (const r of q.attempts.all({ ws, stages, start: f.start, end: f.end }) as unknown[][]) {
        const [overall, passed, method, below, needsReview] = JSON.parse(r[4] as string) as [
          number,
          boolean,
          ScoringMethod | null,
          string[] | null,
          boolean | null,
        ];
        const attempt: RecordedAttempt = {
          session_id: r[2] as string,
          completed_at: r[3] as string,
          overall_score: overall,
          passed: passed === true,
          scoring_method: method ?? null,
          below_min_score: below?.length ?? 0,
          // Scorecards from before evidence was checked have none: never flagged.
          needs_review: needsReview === true,
        };
        const k = key(r[0], r[1]);
        const list = attempts.get(k);
        if (list) list.push(attempt);
        else attempts.set(k, [attempt]);
      }
      const decisions = new Map<string, RecordedDecision[]>();
      for (const r of q.decisions.all({ ws, stages }) as unknown[][]) {
        const decision = { session_id: r[2], suggested: r[3], outcome: r[4] } as RecordedDecision;
        const k = key(r[0], r[1]);
        const list = decisions.get(k);
        if (list) list.push(decision);
        else decisions.set(k, [decision]);
      }
      // Participants of one workspace share a handful of distinct snapshots: parse each text once.
      const snapshots = new Map<string, RulesSnapshot>();
      const rulesOf = (text: string) => {
        let rules = snapshots.get(text);
        if (!rules) {
          rules = JSON.parse(text) as RulesSnapshot;
          snapshots.set(text, rules);
        }
        return rules;
      };
      return (q.records.all({ ws, stages, start: f.start, end: f.end }) as unknown[][]).map((r) => {
        const k = key(r[0], r[2]);
        return {
          participant_id: r[0] as string,
          participant_name: r[1] as string,
          stage_id: r[2] as string,
          stage_type: f.stageTypes.get(r[2] as string) ?? 'ai_interview',
          entered_at: r[3] as string,
          left_at: r[4] as string | null,
          state: r[5] as StageProgressState,
          rules: rulesOf(r[6] as string),
          retakes_granted: r[7] as number,
          ended: r[8] as StageRecord['ended'],
          attempts: attempts.get(k) ?? [],
          decisions: decisions.get(k) ?? [],
        };
      });
    },
  };
}
