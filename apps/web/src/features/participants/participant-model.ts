import type { EvaluationStage, Session, StageProgress, StageProgressState } from '@stageflow/domain';

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

/** Allowed attempts at a stage: the snapshot's max plus retakes a reviewer granted. */
export const attemptsAllowed = (p: Pick<StageProgress, 'rules' | 'retakes_granted'>) =>
  p.rules.max_attempts + p.retakes_granted;

/**
 * When the next attempt may start, if a cool-down after the last completed attempt is still running
 * at `now`; `null` when it may start now.
 */
export function cooldownEnds(
  p: Pick<StageProgress, 'stage_id' | 'rules'>,
  sessions: readonly Pick<Session, 'stage_id' | 'status' | 'completed_at'>[],
  now: number,
): string | null {
  const hours = p.rules.retake_cooldown_hours;
  if (hours === 0) return null;
  const last = sessions
    .filter((s) => s.stage_id === p.stage_id && s.status === 'completed' && s.completed_at)
    .map((s) => Date.parse(s.completed_at as string))
    .sort((a, b) => b - a)[0];
  if (last === undefined) return null;
  const ends = last + hours * 3_600_000;
  return ends > now ? new Date(ends).toISOString() : null;
}

/** The active stage after `stageId` in stage order, or null when it is the last. */
export function nextActiveStage<S extends StageLike>(stages: readonly S[], stageId: string): S | null {
  const current = stages.find((s) => s.id === stageId);
  if (current?.stage_order == null) return null;
  const order = current.stage_order;
  return (
    stages
      .filter((s) => s.status === 'active' && s.stage_order !== null && s.stage_order > order)
      .sort((a, b) => (a.stage_order ?? 0) - (b.stage_order ?? 0))[0] ?? null
  );
}
