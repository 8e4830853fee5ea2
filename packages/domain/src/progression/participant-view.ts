import { z } from 'zod';
import { extended } from '../objects.ts';
import { Decision, Participant, Session, StageProgress, StageProgressState } from './entities.ts';
import type { ParticipantState } from './state.ts';

/**
 * A participant as lists, cards and command answers show them: where they stand at their current
 * stage. Lists compute the same columns in SQL (packages/db participants/queries.ts); a page and a
 * command's answer compute them from the state here.
 */
export const ParticipantSummary = Participant.extend({
  stage_state: StageProgressState.nullable(),
  attempts_used: z.number().nullable(),
  pass_threshold: z.number().nullable(),
  /** The latest completed score at the current stage. */
  last_score: z.number().nullable(),
});
export type ParticipantSummary = z.infer<typeof ParticipantSummary>;

/** The participant with their progress (in the order entered), sessions and decisions (newest first). */
export const ParticipantView = ParticipantSummary.extend({
  progress: z.array(StageProgress),
  sessions: z.array(Session),
  decisions: z.array(Decision),
});
export type ParticipantView = z.infer<typeof ParticipantView>;

/** The actions a person may take on a participant right now, with the ids each one needs (available-actions.ts). */
export const AvailableActions = z.object({
  schedule: z.boolean(),
  record_result: z.boolean(),
  advance: z.boolean(),
  reject: z.boolean(),
  withdraw: z.boolean(),
  /** Open sessions at the current stage and what each allows. */
  sessions: z
    .array(
      z.object({
        session_id: z.string(),
        start: z.boolean(),
        complete: z.boolean(),
        fail: z.boolean(),
        cancel: z.boolean(),
        /** The stage's interviewer can score it, given its record (docs/rules.md#scoring-with-evidence). */
        score: z.boolean(),
      }),
    )
    .readonly(),
  /** Open decisions the participant is waiting on. */
  decision_ids: z.array(z.string()).readonly(),
  /** Completed sessions whose interviewer's score a reviewer may replace with their own. */
  replace_scorecard_session_ids: z.array(z.string()).readonly(),
});
export type AvailableActions = z.infer<typeof AvailableActions>;

/** ISO timestamps order as strings; `-1` puts the newest first. */
const byTime =
  <K extends string>(key: K, direction: 1 | -1) =>
  <T extends Record<K, string>>(a: T, b: T) =>
    a[key] === b[key] ? 0 : a[key] < b[key] ? -direction : direction;

/** The participant's view from their state, as loaded for the decider or as a command left it. */
export function participantViewOf(state: ParticipantState): ParticipantView | undefined {
  const { participant } = state;
  if (!participant) return undefined;
  const here = state.progress.find((p) => p.stage_id === participant.current_stage_id);
  let last: Session | undefined;
  for (const s of state.sessions) {
    if (s.stage_id !== participant.current_stage_id || s.status !== 'completed') continue;
    if (!last || (s.completed_at ?? '') > (last.completed_at ?? '')) last = s;
  }
  return extended(participant, {
    stage_state: here?.state ?? null,
    attempts_used: here?.attempts_used ?? null,
    pass_threshold: here?.rules.pass_threshold ?? null,
    last_score: last?.scorecard?.overall_score ?? null,
    progress: [...state.progress].sort(byTime('entered_at', 1)),
    sessions: [...state.sessions].sort(byTime('created_at', -1)),
    decisions: [...state.decisions].sort(byTime('created_at', -1)),
  });
}
