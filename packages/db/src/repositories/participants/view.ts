import type { Decision, Participant, ParticipantState, Session, StageProgress } from '@stageflow/domain';

/** A participant as lists and cards show them: where they stand at their current stage. */
export interface ParticipantSummaryData extends Participant {
  readonly stage_state: StageProgress['state'] | null;
  readonly attempts_used: number | null;
  readonly pass_threshold: number | null;
  /** The latest completed score at the current stage. */
  readonly last_score: number | null;
}

/** The participant with their progress, sessions and decisions (newest sessions and decisions first). */
export interface ParticipantViewData extends ParticipantSummaryData {
  readonly progress: StageProgress[];
  readonly sessions: Session[];
  readonly decisions: Decision[];
}

/** ISO timestamps order as strings; `-1` puts the newest first. */
const byTime =
  <K extends string>(key: K, direction: 1 | -1) =>
  <T extends Record<K, string>>(a: T, b: T) =>
    a[key] === b[key] ? 0 : a[key] < b[key] ? -direction : direction;

/**
 * The participant's view from their state, as loaded for the decider or as a command left it (the
 * store writes exactly that state): commands and the participant page answer without reading the
 * same rows a second time. `queries.ts`' summaries compute the same columns in SQL for lists.
 */
export function participantViewOf(state: ParticipantState): ParticipantViewData | undefined {
  const { participant } = state;
  if (!participant) return undefined;
  const here = state.progress.find((p) => p.stage_id === participant.current_stage_id);
  let last: Session | undefined;
  for (const s of state.sessions) {
    if (s.stage_id !== participant.current_stage_id || s.status !== 'completed') continue;
    if (!last || (s.completed_at ?? '') > (last.completed_at ?? '')) last = s;
  }
  return {
    ...participant,
    stage_state: here?.state ?? null,
    attempts_used: here?.attempts_used ?? null,
    pass_threshold: here?.rules.pass_threshold ?? null,
    last_score: last?.scorecard?.overall_score ?? null,
    progress: [...state.progress].sort(byTime('entered_at', 1)),
    sessions: [...state.sessions].sort(byTime('created_at', -1)),
    decisions: [...state.decisions].sort(byTime('created_at', -1)),
  };
}
