import { isDomainError } from '../errors.ts';
import type { DecideContext, ParticipantCommand } from './commands.ts';
import { decideParticipant } from './decide.ts';
import { replaceableScorecard } from './interviewer-scores.ts';
import { openProgress, openSessionsAt } from './lookups.ts';
import type { AvailableActions } from './participant-view.ts';
import { interviewerScoringRefusal } from './scoring-readiness.ts';
import type { ParticipantState } from './state.ts';

/**
 * Whether the decider would accept `command` now. What the participant may do is asked of the decider
 * itself rather than restated: the dashboard can then never offer a button the server would refuse.
 */
export const decisionAllows =
  (state: ParticipantState, ctx: DecideContext) =>
  (command: ParticipantCommand): boolean =>
    !isDomainError(decideParticipant(state, command, ctx));

/**
 * Asks the decider command by command. Inputs are the smallest valid ones; a note is given so that
 * "a note is required" never hides an action that is allowed with one.
 */
export function availableActions(state: ParticipantState, ctx: DecideContext): AvailableActions {
  const participant = state.participant;
  const allows = decisionAllows(state, ctx);
  if (!participant) {
    return {
      schedule: false,
      record_result: false,
      advance: false,
      reject: false,
      withdraw: false,
      sessions: [],
      decision_ids: [],
      replace_scorecard_session_ids: [],
    };
  }
  const participant_id = participant.id;
  const note = 'preview';
  const stageId = openProgress(state)?.stage_id;
  return {
    schedule: allows({ type: 'schedule', participant_id, timezone: 'UTC', force: false }),
    record_result: allows({ type: 'record_result', participant_id, overall_score: 100 }),
    advance: allows({ type: 'advance', participant_id, note }),
    reject: allows({ type: 'reject', participant_id, note }),
    withdraw: allows({ type: 'withdraw', participant_id, note }),
    sessions: (stageId ? openSessionsAt(state, stageId) : []).map((s) => ({
      session_id: s.id,
      start: allows({ type: 'start', session_id: s.id }),
      complete: allows({ type: 'complete', session_id: s.id, overall_score: 100 }),
      fail: allows({ type: 'fail', session_id: s.id }),
      cancel: allows({ type: 'cancel', session_id: s.id }),
      score: interviewerScoringRefusal(state, s.id, ctx) === undefined,
    })),
    decision_ids: state.decisions.filter((d) => d.status === 'open').map((d) => d.id),
    replace_scorecard_session_ids: state.sessions
      .filter(
        (s) =>
          replaceableScorecard(s) && allows({ type: 'replace_scorecard', session_id: s.id, overall_score: 100, note }),
      )
      .map((s) => s.id),
  };
}
