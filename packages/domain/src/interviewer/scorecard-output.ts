import { z } from 'zod';
import type { CompleteCommand } from '../progression/commands.ts';
import type { ModelScorer, TranscriptEntry } from '../progression/scorecard.ts';
import { SCALE_MAX } from '../schemas/agent-profile.ts';
import type { PromptProfile } from './subject.ts';

/** At most this many quotes per dimension: the prompt asks for one to three. */
export const MAX_QUOTES_PER_DIMENSION = 10;

/** Whether the scorer is asked for feedback to the participant: the profile's `output` settings say (on by default). */
export const asksImprovementFeedback = (profile: Pick<PromptProfile, 'output'>) =>
  profile.output?.include_improvement_feedback ?? true;

/** The interviewer's scorecard as the model answers it (docs/rules.md#scoring-with-evidence). */
export interface ModelScorecard {
  readonly dimension_scores: readonly {
    readonly name: string;
    readonly score: number;
    readonly reasoning: string;
    /** Verbatim quotes of the participant for this score, checked against the transcript before use. */
    readonly evidence: readonly string[];
  }[];
  readonly summary: string;
  /** Present when the profile's `output.include_improvement_feedback` asks for it. */
  readonly improvement_feedback?: string;
}

/**
 * The shape a model's scorecard must have (docs/rules.md#prompts): one score per dimension of the
 * profile, by its exact name, on the profile's scale, with its reasoning and its evidence quotes; a
 * summary; and feedback for the participant when the profile's output settings ask for it.
 */
export function modelScorecardSchema(
  profile: Pick<PromptProfile, 'evaluation_dimensions' | 'scoring' | 'output'>,
): z.ZodType<ModelScorecard> {
  const names = profile.evaluation_dimensions.map((d) => d.name);
  const max = SCALE_MAX[profile.scoring.scale];
  // Required when asked for, absent from the shape otherwise: a JSON schema cannot say "only sometimes".
  const feedback = asksImprovementFeedback(profile) ? { improvement_feedback: z.string() } : {};
  const schema = z
    .object({
      dimension_scores: z
        .array(
          z.object({
            name: z.enum(names as [string, ...string[]]),
            score: z.number().min(0).max(max),
            reasoning: z.string(),
            evidence: z.array(z.string()).max(MAX_QUOTES_PER_DIMENSION),
          }),
        )
        .min(names.length)
        .max(names.length),
      summary: z.string(),
      ...feedback,
    })
    .superRefine((card, ctx) => {
      const given = new Set(card.dimension_scores.map((s) => s.name));
      for (const name of names) {
        if (!given.has(name)) {
          ctx.addIssue({ code: 'custom', path: ['dimension_scores'], message: `no score for "${name}"` });
        }
      }
    });
  return schema as z.ZodType<ModelScorecard>;
}

/**
 * The complete command's fields for a model's scorecard: the scores as a reviewer's would be given,
 * the record that was scored, and the model's quotes beside them, which the command checks against
 * the participant's own turns of that record before any of them counts.
 */
export function modelCompletion(
  answer: ModelScorecard,
  transcript: readonly TranscriptEntry[],
  scored_by: ModelScorer,
): Omit<CompleteCommand, 'type' | 'session_id'> {
  return {
    dimension_scores: answer.dimension_scores.map(({ name, score, reasoning }) => ({ name, score, reasoning })),
    summary: answer.summary,
    ...(answer.improvement_feedback === undefined ? {} : { improvement_feedback: answer.improvement_feedback }),
    transcript: [...transcript],
    model: {
      scored_by,
      quotes: answer.dimension_scores.map(({ name, evidence }) => ({ name, evidence })),
    },
  };
}
