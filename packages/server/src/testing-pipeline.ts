import { type CreateStageInput, DEFAULT_STAGE_TYPE, isAiRun } from '@stageflow/domain';
import { interviewerInput } from '@stageflow/testing';
import type { setupApi } from './testing.ts';

type Api = ReturnType<typeof setupApi>['api'];
type StageSpec = Omit<CreateStageInput, 'evaluation_template_id'>;

/**
 * A runnable pipeline built through the API: an interviewer (0–10 scale, two dimensions) on every
 * AI-run stage. Default: the seed's Phone Screen 60 auto-advance → Technical 75 approval → Final 80.
 */
const pipelinesBuilt = new WeakMap<Api, number>();

export async function buildPipeline(
  api: Api,
  stages: StageSpec[] = [
    { type: 'phone_screen', pass_threshold: 60, automation_rule: 'auto_advance' },
    { type: 'technical', pass_threshold: 75, automation_rule: 'require_reviewer_approval' },
    { type: 'final', stage_type: 'final_review', pass_threshold: 80 },
  ],
) {
  const interviewer = await api.agentProfiles.create(interviewerInput());
  // Live template names are unique (docs/rules.md#template-names): a second pipeline is "… 2".
  const built = (pipelinesBuilt.get(api) ?? 0) + 1;
  pipelinesBuilt.set(api, built);
  const template_name = `Senior Backend Engineer${built === 1 ? '' : ` ${built}`}`;
  const template = await api.templates.create({ template_name, use_case: 'hiring' });
  for (const stage of stages) {
    await api.stages.create({
      evaluation_template_id: template.id,
      ...(isAiRun(stage.stage_type ?? DEFAULT_STAGE_TYPE) ? { agent_profile_id: interviewer.id } : {}),
      ...stage,
    });
  }
  const { stages: created } = await api.templates.byId({ id: template.id });
  return { template, interviewer, stages: created };
}

/** Design 60% and Coding 40% on 0–10: `scores(8, 7)` is an overall of 76. */
export const scores = (design: number, coding: number) => ({
  dimension_scores: [
    { name: 'Design', score: design },
    { name: 'Coding', score: coding },
  ],
});

let counter = 0;
export const person = (name = 'Jane Smith') => ({ name, email: `person${++counter}@example.com` });
