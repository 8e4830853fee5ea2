import { z } from 'zod';
import { MAX_EVALUATION_DIMENSIONS, Scoring, ScoringScale } from '../schemas/agent-profile.ts';
import { numberBetween, optionalText, Text, text } from '../schemas/common.ts';

/** One dimension as the caller scores it, on the interviewer's scale (the upper bound is checked by `scoreCard`). */
export const DimensionScoreInput = z.strictObject({
  name: text(80),
  score: z.number().min(0),
  reasoning: optionalText(4000),
});
export type DimensionScoreInput = z.input<typeof DimensionScoreInput>;

export const TranscriptEntry = z.strictObject({
  speaker: text(80),
  text: Text.max(20_000),
  at: z.iso.datetime(),
});
export type TranscriptEntry = z.infer<typeof TranscriptEntry>;

/** The scorecard fields shared by `CompleteSessionInput` and `RecordResultInput`. */
export const scorecardFields = {
  /** Scores per interviewer dimension; or give `overall_score` instead. */
  dimension_scores: z.array(DimensionScoreInput).min(1).max(MAX_EVALUATION_DIMENSIONS).optional(),
  /** 0–100, taken as is: for stages without an interviewer, or a reviewer who scores overall. */
  overall_score: numberBetween(0, 100).optional(),
  summary: optionalText(10_000),
  improvement_feedback: optionalText(10_000),
  transcript: z.array(TranscriptEntry).max(2000).optional(),
};

/** Exactly one of the two ways to score: checked by the schemas and again by `scoreCard` for unparsed callers. */
export function scorecardShapeIssue(s: { dimension_scores?: unknown; overall_score?: unknown }) {
  const hasDimensions = s.dimension_scores !== undefined;
  const hasOverall = s.overall_score !== undefined;
  if (hasDimensions && hasOverall) {
    return { path: ['overall_score'], message: 'give either dimension_scores or overall_score, not both' };
  }
  if (!hasDimensions && !hasOverall) {
    return { path: ['dimension_scores'], message: 'give dimension_scores or an overall_score' };
  }
  return undefined;
}

export const ScorecardInput = z.strictObject(scorecardFields).superRefine((s, ctx) => {
  const issue = scorecardShapeIssue(s);
  if (issue) ctx.addIssue({ code: 'custom', ...issue });
});
export type ScorecardInput = z.output<typeof ScorecardInput>;

export const ScoringMethod = Scoring.shape.scoring_method.unwrap();
export type ScoringMethod = z.infer<typeof ScoringMethod>;

export const DimensionScore = z.object({
  name: z.string(),
  /** On the interviewer's scale, as given. */
  score: z.number(),
  /** score / scale_max × 100, rounded to 2 decimals for display (the overall uses the exact value). */
  normalized: z.number(),
  weight: z.number(),
  min_score: z.number().nullable(),
  reasoning: z.string().nullable(),
});
export type DimensionScore = z.infer<typeof DimensionScore>;

/** A completed session's result, with everything needed to explain `passed` later. */
export const Scorecard = z.object({
  /** Empty when the overall score was given directly. */
  dimension_scores: z.array(DimensionScore),
  overall_score: z.number(),
  passed: z.boolean(),
  /** The pass mark from the participant's rules snapshot; `null` means every completed session passes. */
  threshold_applied: z.number().nullable(),
  /** The interviewer's scale and method; `null` when the overall score was given directly. */
  scale: ScoringScale.nullable(),
  scoring_method: ScoringMethod.nullable(),
  /** Dimensions under their `min_score` (only `rule_based` scoring fails a session for these). */
  below_min_score: z.array(z.string()),
  summary: z.string().nullable(),
  improvement_feedback: z.string().nullable(),
  transcript: z.array(TranscriptEntry),
});
export type Scorecard = z.infer<typeof Scorecard>;
