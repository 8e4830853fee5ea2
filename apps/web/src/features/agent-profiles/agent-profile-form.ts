import { zodResolver } from '@hookform/resolvers/zod';
import { type AgentProfile, CreateAgentProfileInput, dimensionListIssues } from '@stageflow/domain';
import { get, set } from 'react-hook-form';

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

const profileResolver = zodResolver(CreateAgentProfileInput);

/**
 * The domain's schema, plus the dimension list's own rules asked on the list as typed: zod stops at a
 * dimension's own issue (a fractional weight) before the list rules, and one error must never hide
 * another (a repeated name stays reported while a weight is wrong).
 */
export const agentProfileResolver: typeof profileResolver = async (values, context, options) => {
  const result = await profileResolver(values, context, options);
  if (Object.keys(result.errors).length === 0) return result;
  const errors = { ...result.errors };
  for (const issue of dimensionListIssues(values.evaluation_dimensions ?? [])) {
    // A list-wide issue sits on `root`, as react-hook-form keeps it for field arrays.
    const name = ['evaluation_dimensions', ...(issue.path.length ? issue.path : ['root'])].join('.');
    if (!get(errors, name)) set(errors, name, { type: 'custom', message: issue.message });
  }
  return { values: {}, errors };
};
