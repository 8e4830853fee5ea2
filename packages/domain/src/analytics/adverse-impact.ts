import { z } from 'zod';
import type { ParticipantStatus } from '../progression/entities.ts';
import { categoriesOf } from '../self-identification/categories.ts';
import { type ProgressGroup, stageExit } from './funnel.ts';
import { ImpactFigures, impactFigures, MIN_GROUP_SIZE, type Observation } from './impact.ts';
import { AnalyticsScope, TagCount } from './report.ts';
import { quantileOfRuns } from './statistics.ts';

/**
 * The adverse-impact monitor (docs/rules.md#adverse-impact): for one template's cohort, who was selected at
 * each stage and over the whole template, and at scored stages who scored above the median, by sex, by
 * race/ethnicity and by both. The store counts rows by these facts (`sex` and `race_ethnicity` as stored,
 * `null` without a record); what they mean is decided here.
 */

/** Self-identification as stored: an answer (a category, or "decline to answer"), or `null` with no record. */
interface Answered {
  readonly sex: string | null;
  readonly race_ethnicity: string | null;
}

/** Stage-progress rows counted by the funnel's facts and the participant's self-identification. */
export interface CategoryProgressGroup extends ProgressGroup, Answered {}

/** The cohort counted by status and self-identification. */
export interface CategoryStatusGroup extends Answered {
  readonly status: ParticipantStatus;
  readonly count: number;
}

/** Each participant's latest result at a stage, counted by stage, score and self-identification. */
export interface CategoryScoreGroup extends Answered {
  readonly stage_id: string;
  readonly score: number;
  readonly count: number;
}

export const StageImpact = z.object({
  stage_id: z.string(),
  /** Selected: moved on from the stage; not selected: their evaluation ended there with a rejection. */
  selection: ImpactFigures,
  /** At a stage with results: each participant's latest score, above the median of all of them or not. */
  scoring: z
    .object({
      /** Participants with a result there (their latest counts). */
      results: z.int(),
      median_score: z.number(),
      figures: ImpactFigures,
    })
    .nullable(),
});
export type StageImpact = z.infer<typeof StageImpact>;

export const AdverseImpactAnswer = z.object({
  ...AnalyticsScope,
  /** Participants of the cohort with self-identification on record (declining included). */
  self_identified: z.int(),
  /** Categories with fewer people are "insufficient data" (`MIN_GROUP_SIZE`). */
  min_group_size: z.int(),
  /** The whole template: completed (selected) against rejected. */
  template: ImpactFigures,
  by_stage: z.array(StageImpact),
  /** The tags of the period's participants (whatever `tag` is), to pick one from. */
  tags: z.array(TagCount),
});
export type AdverseImpactAnswer = z.infer<typeof AdverseImpactAnswer>;

const observe = (g: Answered & { readonly count: number }, selected: boolean): Observation => ({
  ...categoriesOf(g),
  selected,
  count: g.count,
});

/**
 * Selection at a stage: moved on (passed it, or a person advanced them) is selected; their evaluation
 * ended there rejected is not. Those still there and those who withdrew were not selected either way, and
 * are left out.
 */
export function stageSelectionObservations(stageId: string, groups: readonly CategoryProgressGroup[]) {
  const observations: Observation[] = [];
  for (const g of groups) {
    if (g.stage_id !== stageId) continue;
    const exit = stageExit(g);
    if (exit === 'passed' || exit === 'advanced_by_reviewer') observations.push(observe(g, true));
    else if (exit === 'rejected') observations.push(observe(g, false));
  }
  return observations;
}

/** Selection over the whole template: completed is selected, rejected is not; the active and the withdrawn are left out. */
export const templateSelectionObservations = (groups: readonly CategoryStatusGroup[]) =>
  groups.flatMap((g) =>
    g.status === 'completed' ? [observe(g, true)] : g.status === 'rejected' ? [observe(g, false)] : [],
  );

/**
 * The scoring rate as NYC Local Law 144 audits use it: the share of a category scoring above the median
 * score of everyone with a result at the stage (unknown categories included in the median). Each
 * participant's latest result counts once. `null` when no one has a result there.
 */
export function stageScoring(stageId: string, groups: readonly CategoryScoreGroup[]): StageImpact['scoring'] {
  const mine = groups.filter((g) => g.stage_id === stageId);
  const runs = mine.map((g) => ({ value: g.score, count: g.count })).sort((a, b) => a.value - b.value);
  const median = quantileOfRuns(runs, 0.5);
  if (median === null) return null;
  return {
    results: mine.reduce((n, g) => n + g.count, 0),
    median_score: median,
    figures: impactFigures(mine.map((g) => observe(g, g.score > median))),
  };
}

/** docs/rules.md#adverse-impact: every figure of the monitor for the cohort's stages, in `stageIds` order. */
export function adverseImpactFigures(
  stageIds: readonly string[],
  facts: {
    readonly progress: readonly CategoryProgressGroup[];
    readonly statuses: readonly CategoryStatusGroup[];
    readonly scores: readonly CategoryScoreGroup[];
  },
): Pick<AdverseImpactAnswer, 'self_identified' | 'min_group_size' | 'template' | 'by_stage'> {
  return {
    self_identified: facts.statuses.reduce(
      (n, g) => n + (g.sex !== null || g.race_ethnicity !== null ? g.count : 0),
      0,
    ),
    min_group_size: MIN_GROUP_SIZE,
    template: impactFigures(templateSelectionObservations(facts.statuses)),
    by_stage: stageIds.map((stage_id) => ({
      stage_id,
      selection: impactFigures(stageSelectionObservations(stage_id, facts.progress)),
      scoring: stageScoring(stage_id, facts.scores),
    })),
  };
}
