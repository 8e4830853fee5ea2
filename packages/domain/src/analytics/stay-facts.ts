import type { ParticipantState } from '../progression/state.ts';
import { type StageExit, stageExit } from './funnel.ts';

/**
 * What the funnel counts of one stay (docs/rules.md#funnel), kept beside the stay by the store so the whole
 * template's funnel is an index count rather than a join of every participant to every stay they made.
 */
export interface StayFacts {
  readonly stage_id: string;
  /** Where the participant went from the stage (`stageExit`). */
  readonly funnel_exit: StageExit;
  /** The finished stay's length in milliseconds; `null` while they are still there. */
  readonly stay_ms: number | null;
}

/**
 * Each stay's facts from one participant's state: the same facts the funnel's SQL derives for many at once
 * (`ProgressGroup`), written here for one. Every command's store writes them with the stays it changed, so
 * they move with the participant: a rejection changes the last stay's exit, a decision to advance the stay it
 * decided. The store's tests hold the kept facts to the SQL's.
 */
export function stayFactsOf(state: ParticipantState): StayFacts[] {
  const p = state.participant;
  if (!p) return [];
  const last = state.progress.at(-1);
  return state.progress.map((row) => {
    const left = row.left_at !== null;
    const exit = stageExit({
      state: row.state,
      open: !left,
      status: p.status,
      ended_here: left && row === last && (p.status === 'rejected' || p.status === 'withdrawn'),
      advanced_by_decision:
        left &&
        row.state === 'passed' &&
        state.decisions.some((d) => d.stage_id === row.stage_id && d.outcome === 'advance'),
    });
    return {
      stage_id: row.stage_id,
      funnel_exit: exit,
      stay_ms: row.left_at === null ? null : Date.parse(row.left_at) - Date.parse(row.entered_at),
    };
  });
}
