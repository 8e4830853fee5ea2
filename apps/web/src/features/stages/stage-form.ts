import { CreateStageInput, DEFAULT_STAGE_TYPE, type EvaluationStage, type UpdateStageInput } from '@stageflow/domain';
import type { UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';

/**
 * The stage dialog's values. Adding and editing both validate with the domain's CreateStageInput:
 * the editor sends every field, so it must meet the same rules, retake rule included. An edit is
 * sent as UpdateStageInput (the id instead of the template id).
 */
export type StageFormValues = CreateStageInput;
export type StageFormOutput = z.output<typeof CreateStageInput>;
/** The stage dialog's form handle, shared by its sections. */
export type StageFormApi = UseFormReturn<StageFormValues, unknown, StageFormOutput>;

/**
 * The dialog's schema: the domain's CreateStageInput, and a name. The API may leave the name out (it is
 * then the type, title-cased), but the dialog follows the walkthrough, whose first step is "Set the Stage
 * name", and the short `type` label is made from it.
 */
export const StageFormSchema = CreateStageInput.superRefine((values, ctx) => {
  if (!values.stage_name?.trim()) ctx.addIssue({ code: 'custom', path: ['stage_name'], message: 'Enter a stage name' });
});

/** One choice of where the stage goes, in words: "First", "After Technical". */
export interface PositionOption {
  /** The select's value: the `stage_order` to send, or '' for "at the end" (the API appends). */
  value: string;
  label: string;
}

/**
 * Where a stage can go, named by the stage it follows (docs/rules.md#live-stages-and-ordering). `live` is
 * the pipeline in order. Adding: first, after any stage, the last choice meaning "at the end". Editing:
 * the same among the other stages, so the stage's own place is the choice after the stage before it.
 */
export function positionOptions(
  live: readonly Pick<EvaluationStage, 'id' | 'stage_name' | 'status'>[],
  editing: string | undefined,
): PositionOption[] {
  const others = live.filter((s) => s.id !== editing);
  const after = others.map((s, i) => ({
    value: editing === undefined && i === others.length - 1 ? '' : String(i + 1),
    label: `After ${s.stage_name}${s.status === 'draft' ? ' (draft)' : ''}`,
  }));
  return [{ value: others.length === 0 && editing === undefined ? '' : '0', label: 'First' }, ...after];
}

export function newStageValues(templateId: string): StageFormValues {
  return {
    evaluation_template_id: templateId,
    type: '',
    stage_name: undefined,
    stage_type: DEFAULT_STAGE_TYPE,
    agent_profile_id: null,
    stage_order: undefined,
    duration_minutes: undefined,
    difficulty: undefined,
    pass_threshold: null,
    allow_retake: false,
    max_attempts: 1,
    retake_cooldown_hours: 0,
    automation_rule: 'none',
    auto_reject: false,
    status: 'active',
    question_set: [],
  };
}

export function stageToFormValues(stage: EvaluationStage): StageFormValues {
  return {
    evaluation_template_id: stage.evaluation_template_id,
    type: stage.type,
    stage_name: stage.stage_name,
    stage_type: stage.stage_type,
    agent_profile_id: stage.agent_profile_id,
    stage_order: stage.stage_order ?? undefined,
    duration_minutes: stage.duration_minutes,
    difficulty: stage.difficulty,
    pass_threshold: stage.pass_threshold,
    allow_retake: stage.allow_retake,
    max_attempts: stage.max_attempts,
    retake_cooldown_hours: stage.retake_cooldown_hours,
    automation_rule: stage.automation_rule,
    auto_reject: stage.auto_reject,
    status: stage.status === 'archived' ? 'draft' : stage.status,
    question_set: stage.question_set.map((q) => ({ ...q })),
  };
}

/** The edit as the API takes it; an unchanged position is left out so the stage is not "moved". */
export function toUpdateStageInput(
  values: StageFormOutput,
  stage: EvaluationStage,
  expectedVersion: number,
): UpdateStageInput {
  const { evaluation_template_id: _template, stage_order, ...fields } = values;
  return {
    id: stage.id,
    ...fields,
    ...(stage_order !== undefined && stage_order !== stage.stage_order ? { stage_order } : {}),
    expected_version: expectedVersion,
  };
}
