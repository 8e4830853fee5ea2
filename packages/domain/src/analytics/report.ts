import { z } from 'zod';
import { LifecycleStatus, text, Uuid } from '../schemas/common.ts';
import { type EvaluationStage, StageType } from '../schemas/stage.ts';
import { StageFunnel } from './funnel.ts';
import { OpenDecisionFigures } from './open-decisions.ts';
import { CalendarDate, periodIssue } from './period.ts';
import { ScoreDistribution } from './scores.ts';

/**
 * Which participants the figures are about (docs/rules.md#analytics-figures): one template's, enrolled
 * between `from` and `to` (whole days, UTC; either may be left out), optionally only those with `tag`.
 */
export const AnalyticsQueryInput = z
  .strictObject({
    evaluation_template_id: Uuid,
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
    tag: text(100).optional(),
  })
  .superRefine((input, ctx) => {
    const issue = periodIssue(input);
    if (issue) ctx.addIssue({ code: 'custom', ...issue });
  });
export type AnalyticsQueryInput = z.infer<typeof AnalyticsQueryInput>;

/** A stage as the figures name it. */
export const AnalyticsStage = z.object({
  stage_id: z.string(),
  stage_name: z.string(),
  stage_type: StageType,
  stage_order: z.number().nullable(),
  status: LifecycleStatus,
  pass_threshold: z.number().nullable(),
});
export type AnalyticsStage = z.infer<typeof AnalyticsStage>;

type StageRow = Pick<
  EvaluationStage,
  'id' | 'stage_name' | 'stage_type' | 'stage_order' | 'status' | 'pass_threshold' | 'created_at'
>;

/**
 * The stages the figures cover, in pipeline order: every active stage, then drafts and archived stages that
 * someone of the cohort entered (their history counts even after the stage left the pipeline).
 */
export function reportStages(stages: readonly StageRow[], entered: ReadonlySet<string>): AnalyticsStage[] {
  const rank = (s: StageRow) =>
    s.status === 'archived' || s.stage_order === null ? Number.MAX_SAFE_INTEGER : s.stage_order;
  return stages
    .filter((s) => s.status === 'active' || entered.has(s.id))
    .sort((a, b) => rank(a) - rank(b) || a.created_at.localeCompare(b.created_at))
    .map((s) => ({
      stage_id: s.id,
      stage_name: s.stage_name,
      stage_type: s.stage_type,
      stage_order: s.stage_order,
      status: s.status,
      pass_threshold: s.pass_threshold,
    }));
}

export const TagCount = z.object({ tag: z.string(), participants: z.int() });
export type TagCount = z.infer<typeof TagCount>;

/** The cohort's tags, most used first (then by name): what "by tag" offers to pick from. */
export const tagCounts = (rows: readonly TagCount[]): TagCount[] =>
  [...rows].sort((a, b) => b.participants - a.participants || a.tag.localeCompare(b.tag));

/** What every analytics answer starts with: the question it answers and the moment it was read. */
export const AnalyticsScope = {
  evaluation_template_id: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  tag: z.string().nullable(),
  /** Participants of the cohort (enrolled in the period, with the tag). */
  participants: z.int(),
  /** When the figures were read: open decisions' ages are counted to here. */
  as_of: z.string(),
  stages: z.array(AnalyticsStage),
};

export const FunnelAnswer = z.object({ ...AnalyticsScope, funnel: z.array(StageFunnel) });
export type FunnelAnswer = z.infer<typeof FunnelAnswer>;
export const ScoresAnswer = z.object({ ...AnalyticsScope, scores: z.array(ScoreDistribution) });
export type ScoresAnswer = z.infer<typeof ScoresAnswer>;
export const OpenDecisionsAnswer = z.object({ ...AnalyticsScope, open_decisions: z.array(OpenDecisionFigures) });
export type OpenDecisionsAnswer = z.infer<typeof OpenDecisionsAnswer>;

/** Every figure at once, from one snapshot: what the Analytics page shows. */
export const AnalyticsReport = z.object({
  ...AnalyticsScope,
  funnel: z.array(StageFunnel),
  scores: z.array(ScoreDistribution),
  open_decisions: z.array(OpenDecisionFigures),
  /** The tags of the period's participants (whatever `tag` is), to pick one from. */
  tags: z.array(TagCount),
});
export type AnalyticsReport = z.infer<typeof AnalyticsReport>;
