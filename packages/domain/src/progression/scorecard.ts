import { z } from 'zod';
import { extended } from '../objects.ts';
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
  /**
   * The interviewer's quotes for this score that the participant really said, each found in one of
   * their own turns of the transcript (docs/rules.md#scoring-with-evidence). Empty for a reviewer's score.
   */
  evidence: z.array(z.string()),
  /** How many of the interviewer's quotes for it were dropped: not found in the participant's own words. */
  evidence_dropped: z.int().min(0),
});
export type DimensionScore = z.infer<typeof DimensionScore>;

/** The interviewer's model scored it: which model, on which server, with which prompt's words. */
export const ModelScorer = z.object({
  kind: z.literal('model'),
  model: z.string(),
  /** The model server's host (and port) from its base URL: never its path, credentials or key. */
  provider_host: z.string(),
  /** `PROMPT_VERSION` of the scoring prompt (docs/rules.md#prompts). */
  prompt_version: z.string(),
});
export type ModelScorer = z.infer<typeof ModelScorer>;

/** A person scored it (or an integration, with an API key): who, as the audit trail names them. */
export const ReviewerScorer = z.object({
  kind: z.literal('reviewer'),
  /** `user:<id>` or `api_key:<id>`. */
  user: z.string(),
});
export type ReviewerScorer = z.infer<typeof ReviewerScorer>;

export const ScoredBy = z.discriminatedUnion('kind', [ModelScorer, ReviewerScorer]);
export type ScoredBy = z.infer<typeof ScoredBy>;

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
  /** Who scored it; `null` on scorecards recorded before Stageflow kept that. */
  scored_by: ScoredBy.nullable(),
  /**
   * The interviewer's score has a dimension without a verified quote: it moves nobody by itself and
   * waits for a reviewer (docs/rules.md#scoring-with-evidence). Always false for a reviewer's score.
   */
  needs_review: z.boolean(),
});
export type Scorecard = z.infer<typeof Scorecard>;

/** An interviewer's scorecard a reviewer replaced with their own: kept on the session, for the record. */
export const ReplacedScorecard = z.object({
  scorecard: Scorecard,
  replaced_at: z.string(),
  /** The reviewer: `user:<id>` or `api_key:<id>`. */
  replaced_by: z.string(),
  /** Why, in the reviewer's words (a replacement always has one). */
  note: z.string(),
});
export type ReplacedScorecard = z.infer<typeof ReplacedScorecard>;

type StoredDimension = Omit<DimensionScore, 'evidence' | 'evidence_dropped'> & Partial<DimensionScore>;
type StoredScorecard = Omit<Scorecard, 'dimension_scores' | 'scored_by' | 'needs_review'> &
  Partial<Pick<Scorecard, 'scored_by' | 'needs_review'>> & { dimension_scores: StoredDimension[] };

/**
 * A scorecard as stored, in today's shape: scorecards recorded before evidence and `scored_by` were
 * kept read as a reviewer's would, with nothing verified and nobody named (`scored_by: null`).
 */
export function scorecardOnRecord(stored: StoredScorecard): Scorecard {
  // Every load reads each session's scorecard through here: no spread then properties (objects.ts says why).
  return extended(stored, {
    dimension_scores: stored.dimension_scores.map((d) =>
      extended(d, { evidence: d.evidence ?? [], evidence_dropped: d.evidence_dropped ?? 0 }),
    ),
    scored_by: stored.scored_by ?? null,
    needs_review: stored.needs_review ?? false,
  });
}
