import { z } from 'zod';
import {
  DEFAULT_DIFFICULTY,
  DEFAULT_DURATION_MINUTES,
  Difficulty,
  DurationMinutes,
  LifecycleStatus,
  optionalText,
  Text,
  Timestamps,
  text,
  UseCase,
  Uuid,
} from './common.ts';

export const SuccessOutcome = z.enum([
  'hire_no_hire',
  'admit_reject',
  'pass_fail',
  'ready_needs_training',
  'certified_not_certified',
  'custom',
]);
export type SuccessOutcome = z.infer<typeof SuccessOutcome>;

export const CustomOutcomeLabels = z.strictObject({
  positive: text(40),
  negative: text(40),
});

const TagList = z.array(text(80)).max(50);

const templateFields = {
  template_name: text(200),
  use_case: UseCase,
  description: optionalText(5000),
  objective: optionalText(2000),
  success_outcome: SuccessOutcome.optional(),
  custom_outcome_labels: CustomOutcomeLabels.optional(),
  status: LifecycleStatus.default('active'),
  industry: optionalText(120),
  level: optionalText(120),
  requirements: optionalText(5000),
  skills: TagList.default([]),
  soft_skills: TagList.default([]),
  ai_context: optionalText(8000),
  default_duration_minutes: DurationMinutes.default(DEFAULT_DURATION_MINUTES),
  default_difficulty: Difficulty.default(DEFAULT_DIFFICULTY),
  language: Text.trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'use a language tag such as "en" or "pt-BR"')
    .default('en'),
  /** Whether a participant who completed or was rejected sees the final recommendation in their portal. */
  portal_shows_recommendation: z.boolean().default(false),
};

/** Custom outcomes need their own labels: checked on create and on the merged result of an update. */
export function customLabelsIssue(t: {
  success_outcome?: SuccessOutcome | undefined;
  custom_outcome_labels?: unknown;
}) {
  return t.success_outcome === 'custom' && !t.custom_outcome_labels
    ? { path: ['custom_outcome_labels'], message: 'required when success_outcome is "custom"' }
    : undefined;
}

export const CreateTemplateInput = z.strictObject(templateFields).superRefine((t, ctx) => {
  const issue = customLabelsIssue(t);
  if (issue) ctx.addIssue({ code: 'custom', ...issue });
});
export type CreateTemplateInput = z.input<typeof CreateTemplateInput>;

export const UpdateTemplateInput = z.strictObject({
  id: Uuid,
  template_name: templateFields.template_name.optional(),
  use_case: UseCase.optional(),
  description: templateFields.description,
  objective: templateFields.objective,
  success_outcome: SuccessOutcome.optional(),
  custom_outcome_labels: CustomOutcomeLabels.optional(),
  status: LifecycleStatus.optional(),
  industry: templateFields.industry,
  level: templateFields.level,
  requirements: templateFields.requirements,
  skills: TagList.optional(),
  soft_skills: TagList.optional(),
  ai_context: templateFields.ai_context,
  default_duration_minutes: DurationMinutes.optional(),
  default_difficulty: Difficulty.optional(),
  language: templateFields.language.optional(),
  portal_shows_recommendation: z.boolean().optional(),
});
export type UpdateTemplateInput = z.input<typeof UpdateTemplateInput>;

export const EvaluationTemplate = z.object({
  id: Uuid,
  template_name: z.string(),
  use_case: UseCase,
  description: z.string().optional(),
  objective: z.string().optional(),
  success_outcome: SuccessOutcome,
  custom_outcome_labels: CustomOutcomeLabels.optional(),
  status: LifecycleStatus,
  industry: z.string().optional(),
  level: z.string().optional(),
  requirements: z.string().optional(),
  skills: z.array(z.string()),
  soft_skills: z.array(z.string()),
  ai_context: z.string().optional(),
  default_duration_minutes: z.number(),
  default_difficulty: Difficulty,
  language: z.string(),
  portal_shows_recommendation: z.boolean(),
  /** Bumped by every change to the template's stages (optimistic concurrency). */
  version: z.number(),
  ...Timestamps,
});
export type EvaluationTemplate = z.infer<typeof EvaluationTemplate>;

export const ListTemplatesInput = z
  .strictObject({
    status: z.enum(['draft', 'active', 'archived', 'all']).default('all'),
    search: Text.trim().max(200).optional(),
  })
  .prefault({});

export const DuplicateTemplateInput = z.strictObject({
  id: Uuid,
  template_name: templateFields.template_name.optional(),
});

const DEFAULT_OUTCOME: Record<z.infer<typeof UseCase>, SuccessOutcome> = {
  hiring: 'hire_no_hire',
  admissions: 'admit_reject',
  training: 'ready_needs_training',
  custom_api: 'pass_fail',
};

/** docs/entities.md#evaluation-template: when `success_outcome` is omitted it follows from the use case. */
export const defaultSuccessOutcome = (useCase: z.infer<typeof UseCase>): SuccessOutcome => DEFAULT_OUTCOME[useCase];

const OUTCOME_LABELS: Record<Exclude<SuccessOutcome, 'custom'>, { positive: string; negative: string }> = {
  hire_no_hire: { positive: 'hire', negative: 'no_hire' },
  admit_reject: { positive: 'admit', negative: 'reject' },
  pass_fail: { positive: 'pass', negative: 'fail' },
  ready_needs_training: { positive: 'ready', negative: 'needs_training' },
  certified_not_certified: { positive: 'certified', negative: 'not_certified' },
};

/** The recommendation labels a template's participants end with (docs/rules.md#recommendation-labels). */
export function recommendationLabels(t: {
  success_outcome: SuccessOutcome;
  custom_outcome_labels?: { positive: string; negative: string } | undefined;
}): { positive: string; negative: string } {
  if (t.success_outcome === 'custom') {
    return t.custom_outcome_labels ?? { positive: 'positive', negative: 'negative' };
  }
  return OUTCOME_LABELS[t.success_outcome];
}
