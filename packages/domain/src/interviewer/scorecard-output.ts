import { z } from 'zod';
import { SCALE_MAX } from '../schemas/agent-profile.ts';
import type { PromptProfile } from './subject.ts';

/**
 * The shape a model's scorecard must have (docs/rules.md#prompts): one score per dimension of the
 * profile, by its exact name, on the profile's scale, with a summary and feedback. The same fields as
 * a scorecard a reviewer records (`DimensionScoreInput`), so an answer that parses here can be
 * recorded as it is.
 */
export function modelScorecardSchema(profile: Pick<PromptProfile, 'evaluation_dimensions' | 'scoring'>) {
  const names = profile.evaluation_dimensions.map((d) => d.name);
  const max = SCALE_MAX[profile.scoring.scale];
  return z
    .object({
      dimension_scores: z
        .array(
          z.object({
            name: z.enum(names as [string, ...string[]]),
            score: z.number().min(0).max(max),
            reasoning: z.string(),
          }),
        )
        .min(names.length)
        .max(names.length),
      summary: z.string(),
      improvement_feedback: z.string(),
    })
    .superRefine((card, ctx) => {
      const given = new Set(card.dimension_scores.map((s) => s.name));
      for (const name of names) {
        if (!given.has(name)) {
          ctx.addIssue({ code: 'custom', path: ['dimension_scores'], message: `no score for "${name}"` });
        }
      }
    });
}
export type ModelScorecard = z.infer<ReturnType<typeof modelScorecardSchema>>;
