import type { DomainError } from '../errors.ts';
import type { EvaluationStage } from '../schemas/stage.ts';
import { insertStage, liveStages } from './ordering.ts';
import { type NewStageInput, resolveNewStage, type StageSettings, type TemplateDefaults } from './stage-settings.ts';

/** The pipeline a change starts from: its template and every stage (the db's `Pipeline` fits). */
export interface PipelineSnapshot {
  readonly template: TemplateDefaults & { readonly id: string };
  readonly stages: readonly EvaluationStage[];
}

/** A new stage's id and creation time: the caller makes them, since the domain has no clock or randomness. */
export interface NewStageIdentity {
  readonly id: string;
  readonly now: string;
}

/** The same for several new stages: a fresh id each time `newId` is called, one creation time. */
export interface NewStageIdentities {
  readonly newId: () => string;
  readonly now: string;
}

/**
 * A whole stage from its settings. It has no place in the order (`stage_order: null`) until
 * `insertStage` gives it one, unless the caller already knows it (an import plans every place).
 */
export function newStage(
  settings: StageSettings,
  templateId: string,
  { id, now }: NewStageIdentity,
  stageOrder: number | null = null,
): EvaluationStage {
  return {
    ...settings,
    id,
    evaluation_template_id: templateId,
    stage_order: stageOrder,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Adds a stage from its create fields: what the caller leaves out comes from the template's
 * defaults (see `resolveNewStage`), and it goes in at `at`, or last when `at` is omitted.
 */
export function addStage(
  pipeline: PipelineSnapshot,
  input: NewStageInput,
  identity: NewStageIdentity,
  at?: number,
): EvaluationStage[] | DomainError {
  const settings = resolveNewStage(input, pipeline.template);
  return insertStage(pipeline.stages, newStage(settings, pipeline.template.id, identity), at);
}

/** The live stages copied into a duplicated template: same settings and places, new ids and times. */
export function copyLiveStages(
  stages: readonly EvaluationStage[],
  templateId: string,
  { newId, now }: NewStageIdentities,
): EvaluationStage[] {
  return liveStages(stages).map((stage) => newStage(stage, templateId, { id: newId(), now }, stage.stage_order));
}
