import { z } from 'zod';
import { optionalText, Text, Timestamps, text, UseCase, Uuid, wholeBetween } from './common.ts';

export const EvaluationDimension = z.strictObject({
  name: text(80),
  description: Text.trim().max(1000).default(''),
  weight: wholeBetween(1, 100),
  /** On the interviewer's scale; checked only with `rule_based` scoring. */
  min_score: z.number().min(0).optional(),
});
export type EvaluationDimension = z.infer<typeof EvaluationDimension>;

/** How many dimensions an interviewer scores at most (and so how many scores a scorecard carries). */
export const MAX_EVALUATION_DIMENSIONS = 12;

/**
 * The rules of the dimension list as a whole: names unique (ignoring case) and weights summing to 100.
 * Reads the list as it came, so it can run where a dimension also has an issue of its own (a fractional
 * weight stops zod's own parse before list rules): a form shows both problems at once.
 */
export function dimensionListIssues(dimensions: readonly unknown[]): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<string>();
  const weights: unknown[] = [];
  dimensions.forEach((d, i) => {
    const { name, weight } = (typeof d === 'object' && d !== null ? d : {}) as { name?: unknown; weight?: unknown };
    weights.push(weight);
    if (typeof name !== 'string' || name.trim() === '') return;
    const key = name.trim().toLowerCase();
    if (seen.has(key)) issues.push({ path: [i, 'name'], message: `dimension name "${name.trim()}" is used twice` });
    seen.add(key);
  });
  if (weights.every((w) => typeof w === 'number' && Number.isFinite(w))) {
    const total = (weights as number[]).reduce((sum, w) => sum + w, 0);
    if (total !== 100) issues.push({ path: [], message: `weights must sum to exactly 100 (they sum to ${total})` });
  }
  return issues;
}

export const EvaluationDimensions = z
  .array(EvaluationDimension)
  .min(1, 'add at least one dimension')
  .max(MAX_EVALUATION_DIMENSIONS, `at most ${MAX_EVALUATION_DIMENSIONS} dimensions`)
  .superRefine((dimensions, ctx) => {
    for (const issue of dimensionListIssues(dimensions)) ctx.addIssue({ code: 'custom', ...issue });
  });

export const Interaction = z.strictObject({
  tone: z.enum(['friendly', 'professional', 'strict', 'challenging']).default('professional'),
  style: z.enum(['structured', 'conversational', 'adaptive']).default('structured'),
  difficulty: z.enum(['easy', 'medium', 'hard', 'adaptive']).default('medium'),
  probing_depth: z.enum(['low', 'medium', 'high']).default('medium'),
});

export const ScoringScale = z.enum(['0-10', '0-5', '0-100']);
export type ScoringScale = z.infer<typeof ScoringScale>;
export const SCALE_MAX: Record<ScoringScale, number> = { '0-10': 10, '0-5': 5, '0-100': 100 };

export const Scoring = z.strictObject({
  scale: ScoringScale.default('0-10'),
  scoring_method: z.enum(['weighted_average', 'rule_based']).default('weighted_average'),
});

export const InterviewContext = z.strictObject({
  organization_context: optionalText(4000),
  domain_context: optionalText(4000),
  scenario_context: optionalText(4000),
});

export const OutputOptions = z.strictObject({
  include_transcript: z.boolean().default(true),
  include_score_breakdown: z.boolean().default(true),
  include_recommendation: z.boolean().default(true),
  include_improvement_feedback: z.boolean().default(true),
});

const agentProfileFields = {
  name: text(120),
  persona: text(4000),
  use_case: UseCase,
  evaluation_dimensions: EvaluationDimensions,
  interaction: Interaction.prefault({}),
  scoring: Scoring.prefault({}),
  context: InterviewContext.prefault({}),
  output: OutputOptions.prefault({}),
  additional_instructions: optionalText(8000),
};

export const CreateAgentProfileInput = z.strictObject(agentProfileFields);
export type CreateAgentProfileInput = z.input<typeof CreateAgentProfileInput>;

export const UpdateAgentProfileInput = z.strictObject({
  id: Uuid,
  name: agentProfileFields.name.optional(),
  persona: agentProfileFields.persona.optional(),
  use_case: UseCase.optional(),
  evaluation_dimensions: EvaluationDimensions.optional(),
  interaction: Interaction.optional(),
  scoring: Scoring.optional(),
  context: InterviewContext.optional(),
  output: OutputOptions.optional(),
  additional_instructions: agentProfileFields.additional_instructions,
});
export type UpdateAgentProfileInput = z.input<typeof UpdateAgentProfileInput>;

export const AgentProfileStatus = z.enum(['active', 'archived']);

export const AgentProfile = z.object({
  id: Uuid,
  ...CreateAgentProfileInput.shape,
  status: AgentProfileStatus,
  ...Timestamps,
});
export type AgentProfile = z.infer<typeof AgentProfile>;

export const ListAgentProfilesInput = z
  .strictObject({
    status: z.enum(['active', 'archived', 'all']).default('active'),
    search: Text.trim().max(120).optional(),
  })
  .prefault({});
