import type { AgentProfile, CreateAgentProfileInput } from '@stageflow/domain';

/**
 * The profile editor's values. New and existing profiles both validate with the domain's
 * CreateAgentProfileInput: the editor always sends the whole profile.
 */
export type AgentProfileFormValues = CreateAgentProfileInput;
export type DimensionValues = AgentProfileFormValues['evaluation_dimensions'][number];

export const emptyDimension = (weight: number): DimensionValues => ({ name: '', description: '', weight });

export const newAgentProfileValues = (): AgentProfileFormValues => ({
  name: '',
  persona: '',
  use_case: 'hiring',
  evaluation_dimensions: [emptyDimension(100)],
  interaction: { tone: 'professional', style: 'structured', difficulty: 'medium', probing_depth: 'medium' },
  scoring: { scale: '0-10', scoring_method: 'weighted_average' },
  context: { organization_context: '', domain_context: '', scenario_context: '' },
  output: {
    include_transcript: true,
    include_score_breakdown: true,
    include_recommendation: true,
    include_improvement_feedback: true,
  },
  additional_instructions: '',
});

export function profileToFormValues(p: AgentProfile): AgentProfileFormValues {
  return {
    name: p.name,
    persona: p.persona,
    use_case: p.use_case,
    evaluation_dimensions: p.evaluation_dimensions.map((d) => ({
      name: d.name,
      description: d.description,
      weight: d.weight,
      ...(d.min_score !== undefined ? { min_score: d.min_score } : {}),
    })),
    interaction: { ...p.interaction },
    scoring: { ...p.scoring },
    context: {
      organization_context: p.context.organization_context ?? '',
      domain_context: p.context.domain_context ?? '',
      scenario_context: p.context.scenario_context ?? '',
    },
    output: { ...p.output },
    additional_instructions: p.additional_instructions ?? '',
  };
}

/** The sum the weights must reach (100); a row still being typed counts as 0. */
export const weightTotal = (dimensions: ReadonlyArray<{ weight?: unknown }> | undefined) =>
  (dimensions ?? []).reduce(
    (sum, d) => sum + (typeof d.weight === 'number' && Number.isFinite(d.weight) ? d.weight : 0),
    0,
  );

/** 100 split over `count` rows in whole numbers, the remainder going to the first rows: 3 → 34, 33, 33. */
export function evenWeights(count: number): number[] {
  if (count <= 0) return [];
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}
