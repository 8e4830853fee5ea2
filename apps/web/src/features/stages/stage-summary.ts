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
