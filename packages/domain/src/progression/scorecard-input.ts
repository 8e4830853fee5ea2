import { z } from 'zod';
import { MAX_EVALUATION_DIMENSIONS } from '../schemas/agent-profile.ts';
import { Text, Uuid } from '../schemas/common.ts';
import { InterviewerUnavailableReason } from '../schemas/interviewer-model.ts';
import { DimensionScoreInput, scorecardFields, scorecardShapeIssue } from './scorecard.ts';

/**
 * Inputs about an interviewer's scorecard (docs/rules.md#scoring-with-evidence): asking the
 * interviewer to score a session now, and a reviewer replacing its score with their own.
 */

/**
 * Asking the interviewer to score a session now: what it scores is what the participant gave there, as
 * stored (the interview's turns, or a written assessment's submitted answers).
 */
export const ScoreSessionInput = z.strictObject({ session_id: Uuid });
export type ScoreSessionInput = z.input<typeof ScoreSessionInput>;

/** A reviewer's own scores in place of the interviewer's: a whole scorecard, and why. */
export const ReplaceScorecardInput = z
  .strictObject({
    session_id: Uuid,
    dimension_scores: z.array(DimensionScoreInput).min(1).max(MAX_EVALUATION_DIMENSIONS).optional(),
    overall_score: scorecardFields.overall_score,
    summary: scorecardFields.summary,
    improvement_feedback: scorecardFields.improvement_feedback,
    /** Required: why the interviewer's score is replaced. Kept with both scorecards. */
    note: Text.trim().min(1, 'say why you correct the score').max(4000),
  })
  .superRefine((s, ctx) => {
    const issue = scorecardShapeIssue(s);
    if (issue) ctx.addIssue({ code: 'custom', ...issue });
  });
export type ReplaceScorecardInput = z.input<typeof ReplaceScorecardInput>;

/** Why the interviewer did not score a session: its model failed (docs/rules.md#interviewer-model). */
export const ScoringFailureReason = InterviewerUnavailableReason;
export type ScoringFailureReason = z.infer<typeof ScoringFailureReason>;

export interface ScoringFailure {
  readonly session_id: string;
  readonly reason: ScoringFailureReason;
  /** For staff, in plain words: never a key or the prompt. */
  readonly message: string;
}

/**
 * What asking the interviewer to score did: `scored` (a scorecard was recorded; `needs_review` and how
 * many quotes were dropped), or `not_scored` with why, in plain words for staff.
 */
export const ScoringReport = z.discriminatedUnion('status', [
  z.object({ status: z.literal('scored'), needs_review: z.boolean(), quotes_dropped: z.int().min(0) }),
  z.object({ status: z.literal('not_scored'), reason: ScoringFailureReason, message: z.string() }),
]);
export type ScoringReport = z.infer<typeof ScoringReport>;
