import { z } from 'zod';
import type { Session } from '../progression/entities.ts';
import type { Scorecard } from '../progression/scorecard.ts';
import { quantileOfRuns } from './statistics.ts';

/** How many completed results at a stage had this overall score (and passed or not, as judged then). */
export interface ScoreGroup {
  readonly stage_id: string;
  readonly score: number;
  readonly passed: boolean;
  readonly count: number;
}

/**
 * What the analytics count and replay of one session, kept beside it by the store (docs/decisions/038 and 048): a
 * completed result's overall score and whether it passed (1 or 0, as the store keeps truths), which the score
 * distribution counts off an index; and what the pass rule reads again when the rule simulation replays the
 * result (`replayedFactsOf`), which it reads off another. All `null` for a session without a completed result.
 */
export interface ResultFacts {
  readonly result_score: number | null;
  readonly result_passed: 0 | 1 | null;
  readonly result_scoring_method: Scorecard['scoring_method'];
  readonly result_below_min: number | null;
  readonly result_needs_review: 0 | 1 | null;
}

/** A scorecard's facts the replay reads with the score (docs/rules.md#rule-simulation). */
export const replayedFactsOf = (scorecard: Scorecard) => ({
  scoring_method: scorecard.scoring_method,
  below_min_score: scorecard.below_min_score.length,
  needs_review: scorecard.needs_review,
});

const NO_RESULT: ResultFacts = {
  result_score: null,
  result_passed: null,
  result_scoring_method: null,
  result_below_min: null,
  result_needs_review: null,
};

export function resultFactsOf(session: Pick<Session, 'status' | 'scorecard'>): ResultFacts {
  if (session.status !== 'completed' || !session.scorecard) return NO_RESULT;
  const replayed = replayedFactsOf(session.scorecard);
  return {
    result_score: session.scorecard.overall_score,
    result_passed: session.scorecard.passed ? 1 : 0,
    result_scoring_method: replayed.scoring_method,
    result_below_min: replayed.below_min_score,
    result_needs_review: replayed.needs_review ? 1 : 0,
  };
}

/** Scores run 0–100 in ten bins: 0–10, 10–20, …, 90–100 (each holds its lower edge; the last also 100). */
export const SCORE_BIN_WIDTH = 10;
const BINS = 100 / SCORE_BIN_WIDTH;

/** The bin a score falls in: 0 for [0, 10), …, 9 for [90, 100]. */
export const scoreBin = (score: number) => Math.min(BINS - 1, Math.max(0, Math.floor(score / SCORE_BIN_WIDTH)));

export const ScoreDistribution = z.object({
  stage_id: z.string(),
  /** The stage's pass mark today, drawn on the chart; `null`: none (every result passes). */
  pass_threshold: z.number().nullable(),
  /** Completed results (every attempt counts). */
  results: z.int(),
  /** Of those, the ones that passed by the pass mark they were judged by. */
  passed: z.int(),
  median: z.number().nullable(),
  bins: z.array(z.object({ from: z.number(), to: z.number(), count: z.int() })),
});
export type ScoreDistribution = z.infer<typeof ScoreDistribution>;

/** docs/rules.md#score-distribution: each stage's results in ten bins, with the pass mark to draw on them. */
export function scoreDistributions(
  stages: readonly { readonly id: string; readonly pass_threshold: number | null }[],
  groups: readonly ScoreGroup[],
): ScoreDistribution[] {
  return stages.map((stage) => {
    const mine = groups.filter((g) => g.stage_id === stage.id);
    const bins = Array.from({ length: BINS }, (_, i) => ({
      from: i * SCORE_BIN_WIDTH,
      to: (i + 1) * SCORE_BIN_WIDTH,
      count: 0,
    }));
    for (const g of mine) bins[scoreBin(g.score)]!.count += g.count;
    const runs = mine.map((g) => ({ value: g.score, count: g.count })).sort((a, b) => a.value - b.value);
    return {
      stage_id: stage.id,
      pass_threshold: stage.pass_threshold,
      results: mine.reduce((n, g) => n + g.count, 0),
      passed: mine.filter((g) => g.passed).reduce((n, g) => n + g.count, 0),
      median: quantileOfRuns(runs, 0.5),
      bins,
    };
  });
}
