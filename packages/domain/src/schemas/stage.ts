import { z } from 'zod';
import {
  Difficulty,
  DurationMinutes,
  ExpectedVersion,
  LifecycleStatus,
  numberBetween,
  Timestamps,
  text,
  Uuid,
  wholeBetween,
} from './common.ts';
import { Question, QuestionSetInput, questionSetIssue } from './question-set.ts';

export const StageType = z.enum([
  'ai_interview',
  'roleplay_simulation',
  'practice_session',
  'manual_review',
  'async_assessment',
  'final_review',
]);
export type StageType = z.infer<typeof StageType>;

/** What a stage is when the caller does not say: a live interview run by an interviewer. */
export const DEFAULT_STAGE_TYPE: StageType = 'ai_interview';

/** Formats run by an interviewer (agent profile): they need one before they can be active. */
export const AI_RUN_STAGE_TYPES: readonly StageType[] = ['ai_interview', 'roleplay_simulation', 'practice_session'];
export const isAiRun = (t: StageType) => AI_RUN_STAGE_TYPES.includes(t);

export const AutomationRule = z.enum(['none', 'auto_advance', 'require_reviewer_approval']);
export type AutomationRule = z.infer<typeof AutomationRule>;

export const PassThreshold = numberBetween(0, 100).nullable();
export const MaxAttempts = wholeBetween(1, 10);
export const RetakeCooldownHours = wholeBetween(0, 8760);
export const StageOrder = wholeBetween(0, 999);

/**
 * The fields a caller may set on a stage, as the seed spells them. Everything but `type` is
 * optional here; defaults that depend on the template or on other fields are filled in by
 * `resolveNewStage` in pipeline/stage-settings.ts (docs/entities.md#evaluation-stage).
 */
export const stageFields = {
  type: text(64),
  stage_name: text(120).optional(),
  stage_type: StageType.optional(),
  agent_profile_id: Uuid.nullable().optional(),
  stage_order: StageOrder.optional(),
  duration_minutes: DurationMinutes.optional(),
  difficulty: Difficulty.optional(),
  pass_threshold: PassThreshold.optional(),
  allow_retake: z.boolean().optional(),
  max_attempts: MaxAttempts.optional(),
  retake_cooldown_hours: RetakeCooldownHours.optional(),
  automation_rule: AutomationRule.optional(),
  auto_reject: z.boolean().optional(),
  status: LifecycleStatus.exclude(['archived']).optional(),
  /** Beyond the seed: a written assessment's questions, in order (docs/entities.md#question-set). */
  question_set: QuestionSetInput.optional(),
};

/** max_attempts is 1 without retakes and 2–10 with them (docs/entities.md#evaluation-stage, beyond the seed). */
export function retakeIssue(s: { allow_retake?: boolean | undefined; max_attempts?: number | undefined }) {
  if (s.max_attempts === undefined || s.allow_retake === undefined) return undefined;
  if (!s.allow_retake && s.max_attempts !== 1) {
    return { path: ['max_attempts'], message: 'must be 1 when allow_retake is false' };
  }
  if (s.allow_retake && s.max_attempts < 2) {
    return { path: ['max_attempts'], message: 'must be between 2 and 10 when allow_retake is true' };
  }
  return undefined;
}

export const CreateStageInput = z
  .strictObject({
    evaluation_template_id: Uuid,
    ...stageFields,
    expected_version: ExpectedVersion,
  })
  .superRefine((s, ctx) => {
    const issue = retakeIssue({ allow_retake: s.allow_retake ?? false, max_attempts: s.max_attempts });
    if (issue) ctx.addIssue({ code: 'custom', ...issue });
    const questions = questionSetIssue(s.stage_type ?? DEFAULT_STAGE_TYPE, s.question_set);
    if (questions) ctx.addIssue({ code: 'custom', ...questions });
  });
export type CreateStageInput = z.input<typeof CreateStageInput>;

export const UpdateStageInput = z.strictObject({
  id: Uuid,
  ...stageFields,
  type: stageFields.type.optional(),
  expected_version: ExpectedVersion,
});
export type UpdateStageInput = z.input<typeof UpdateStageInput>;

export const EvaluationStage = z.object({
  id: Uuid,
  evaluation_template_id: Uuid,
  type: z.string(),
  stage_name: z.string(),
  stage_type: StageType,
  agent_profile_id: Uuid.nullable(),
  /** Position among the template's live stages; `null` once archived. */
  stage_order: z.number().nullable(),
  duration_minutes: z.number(),
  difficulty: Difficulty,
  pass_threshold: z.number().nullable(),
  allow_retake: z.boolean(),
  max_attempts: z.number(),
  retake_cooldown_hours: z.number(),
  automation_rule: AutomationRule,
  auto_reject: z.boolean(),
  status: LifecycleStatus,
  /** Empty for every type but `async_assessment`. */
  question_set: z.array(Question),
  ...Timestamps,
});
export type EvaluationStage = z.infer<typeof EvaluationStage>;

export const ListStagesInput = z.strictObject({
  evaluation_template_id: Uuid,
  include_archived: z.boolean().default(false),
});

export const StageRefInput = z.strictObject({ id: Uuid, expected_version: ExpectedVersion });

export const ReorderStagesInput = z.strictObject({
  evaluation_template_id: Uuid,
  /** Every live stage of the template, exactly once, in the new order. */
  stage_ids: z.array(Uuid).min(1).max(200),
  expected_version: ExpectedVersion,
});

/** One stage in the seed's JSON shape, as import accepts it and export produces it. */
export const PortableStage = z
  .strictObject({
    ...stageFields,
    type: stageFields.type.optional(),
  })
  .superRefine((s, ctx) => {
    if (!s.type && !s.stage_name) {
      ctx.addIssue({ code: 'custom', path: ['stage_name'], message: 'give a stage_name or a type' });
    }
    const issue = retakeIssue({ allow_retake: s.allow_retake ?? false, max_attempts: s.max_attempts });
    if (issue) ctx.addIssue({ code: 'custom', ...issue });
    const questions = questionSetIssue(s.stage_type ?? DEFAULT_STAGE_TYPE, s.question_set);
    if (questions) ctx.addIssue({ code: 'custom', ...questions });
  });
export type PortableStage = z.input<typeof PortableStage>;

export const ImportStagesInput = z.strictObject({
  evaluation_template_id: Uuid,
  stages: z.array(PortableStage).min(1, 'the array has no stages').max(100),
  /** `append` adds after the live stages; `replace` archives the live stages first. */
  mode: z.enum(['append', 'replace']).default('append'),
  expected_version: ExpectedVersion,
});
export type ImportStagesInput = z.input<typeof ImportStagesInput>;

export const ExportStagesInput = z.strictObject({ evaluation_template_id: Uuid });
