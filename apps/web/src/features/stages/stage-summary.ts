import type { AutomationRule, EvaluationStage } from '@stageflow/domain';

/** The short sentences a stage card shows; kept pure so every wording is tested. */

export const passMarkText = (threshold: number | null) =>
  threshold === null ? 'No pass mark' : `${threshold} / 100 to pass`;

export function retakeText(stage: Pick<EvaluationStage, 'allow_retake' | 'max_attempts' | 'retake_cooldown_hours'>) {
  if (!stage.allow_retake) return 'No retakes';
  const cooldown = stage.retake_cooldown_hours > 0 ? `, ${stage.retake_cooldown_hours} h apart` : '';
  return `Up to ${stage.max_attempts} attempts${cooldown}`;
}

const COMPLETION_TEXT: Record<AutomationRule, string> = {
  auto_advance: 'Advances automatically on a pass',
  require_reviewer_approval: 'Waits for reviewer approval',
  none: 'Nothing automatic',
};

export function completionText(stage: Pick<EvaluationStage, 'automation_rule' | 'auto_reject' | 'stage_type'>) {
  if (stage.stage_type === 'final_review') return 'Reviewer’s decision ends the journey';
  const base = COMPLETION_TEXT[stage.automation_rule];
  return stage.automation_rule === 'auto_advance' && stage.auto_reject ? `${base}; rejects on a fail` : base;
}

/** A written assessment's questions on its card; other formats have none to show. */
export function questionsText(stage: Pick<EvaluationStage, 'stage_type' | 'question_set'>): string | null {
  if (stage.stage_type !== 'async_assessment') return null;
  const n = stage.question_set.length;
  if (n === 0) return 'None yet: add them with Edit';
  return n === 1 ? '1 question' : `${n} questions`;
}
