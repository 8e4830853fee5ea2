import type { EvaluationStage, StageProgress, StageProgressState } from '@stageflow/domain';

export interface PipelineStep {
  stageId: string;
  name: string;
  /** Their progress there, or `upcoming` for an active stage they have not reached. */
  state: StageProgressState | 'upcoming';
  current: boolean;
  attemptsUsed: number;
}

type StageLike = Pick<EvaluationStage, 'id' | 'stage_name' | 'stage_order' | 'status'>;
type ProgressLike = Pick<StageProgress, 'stage_id' | 'state' | 'entered_at' | 'left_at' | 'attempts_used'>;

/**
 * The participant's way through the template: the stages they have been in, in the order they
 * entered them (even ones archived since), then the active stages still ahead, in stage order.
 */
export function pipelineSteps(
  stages: readonly StageLike[],
  progress: readonly ProgressLike[],
  currentStageId: string | null,
): PipelineStep[] {
  const byId = new Map(stages.map((s) => [s.id, s]));
  const visited = [...progress].sort((a, b) => a.entered_at.localeCompare(b.entered_at));
  const seen = new Set(visited.map((p) => p.stage_id));
  const ahead = stages
    .filter((s) => s.status === 'active' && s.stage_order !== null && !seen.has(s.id))
    .sort((a, b) => (a.stage_order ?? 0) - (b.stage_order ?? 0));
  // Once finished, nothing is ahead.
  const finished = currentStageId === null && visited.length > 0;
  return [
    ...visited.map((p) => ({
      stageId: p.stage_id,
      name: byId.get(p.stage_id)?.stage_name ?? 'Removed stage',
      state: p.state,
      current: p.stage_id === currentStageId && p.left_at === null,
      attemptsUsed: p.attempts_used,
    })),
    ...(finished ? [] : ahead).map((s) => ({
      stageId: s.id,
      name: s.stage_name,
      state: 'upcoming' as const,
      current: false,
      attemptsUsed: 0,
    })),
  ];
}

/** The stage progress the participant is in now (the open row), if any. */
export const openProgress = <P extends ProgressLike>(progress: readonly P[], currentStageId: string | null) =>
  progress.find((p) => p.stage_id === currentStageId && p.left_at === null);
