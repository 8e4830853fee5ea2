import type { EvaluationStage } from '../schemas/stage.ts';

/** Builders shared by the pipeline tests (not exported from the package). */

export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const TEMPLATE_ID = uuid(900);
export const INTERVIEWER_ID = uuid(901);
const NOW = '2026-01-01T00:00:00.000Z';

/** A runnable stage: a manual review needs no interviewer. Archived when `order` is null. */
export function stage(id: string, order: number | null, extra: Partial<EvaluationStage> = {}): EvaluationStage {
  return {
    id,
    evaluation_template_id: TEMPLATE_ID,
    type: id,
    stage_name: id.toUpperCase(),
    stage_type: 'manual_review',
    agent_profile_id: null,
    stage_order: order,
    duration_minutes: 30,
    difficulty: 'intermediate',
    pass_threshold: null,
    allow_retake: false,
    max_attempts: 1,
    retake_cooldown_hours: 0,
    automation_rule: 'none',
    auto_reject: false,
    status: order === null ? 'archived' : 'active',
    question_set: [],
    created_at: NOW,
    updated_at: NOW,
    ...extra,
  };
}

/** Live stages named by id, in order: `pipeline('a', 'b')` is a at 0, b at 1. */
export const pipeline = (...ids: string[]) => ids.map((id, order) => stage(id, order));

/** Freezes a pipeline all the way down, so a rule that mutates its input throws in the test. */
export function frozen<T extends object>(stages: readonly T[]): readonly T[] {
  return Object.freeze(stages.map((s) => Object.freeze({ ...s })));
}
