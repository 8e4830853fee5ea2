import {
  type CreateTemplateInput,
  DEFAULT_DIFFICULTY,
  DEFAULT_DURATION_MINUTES,
  type EvaluationTemplate,
} from '@stageflow/domain';

/**
 * The template form's values. Create and edit both validate with the domain's CreateTemplateInput:
 * the editor always sends every field, so its rules are exactly UpdateTemplateInput's rules.
 */
export type TemplateFormValues = CreateTemplateInput;

export const newTemplateValues = (): TemplateFormValues => ({
  template_name: '',
  use_case: 'hiring',
  objective: '',
  skills: [],
  requirements: '',
  default_duration_minutes: DEFAULT_DURATION_MINUTES,
  default_difficulty: DEFAULT_DIFFICULTY,
});

/** The editable fields of a loaded template (the form's schema rejects server-owned keys). */
export function templateToFormValues(t: EvaluationTemplate): TemplateFormValues {
  return {
    template_name: t.template_name,
    use_case: t.use_case,
    description: t.description ?? '',
    objective: t.objective ?? '',
    success_outcome: t.success_outcome,
    ...(t.custom_outcome_labels ? { custom_outcome_labels: { ...t.custom_outcome_labels } } : {}),
    status: t.status,
    industry: t.industry ?? '',
    level: t.level ?? '',
    requirements: t.requirements ?? '',
    skills: [...t.skills],
    soft_skills: [...t.soft_skills],
    ai_context: t.ai_context ?? '',
    default_duration_minutes: t.default_duration_minutes,
    default_difficulty: t.default_difficulty,
    language: t.language,
    portal_shows_recommendation: t.portal_shows_recommendation,
  };
}
