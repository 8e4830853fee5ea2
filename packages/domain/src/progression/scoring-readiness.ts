import { conflict, type DomainError, isDomainError } from '../errors.ts';
import type { DecideContext } from './commands.ts';
import { decideParticipant } from './decide.ts';
import { interviewerScores } from './interviewer-scores.ts';
import type { ParticipantState } from './state.ts';

/**
 * Why the interviewer cannot score this session now, or undefined (docs/rules.md#scoring-with-evidence):
 * its result must be one the complete command would take (the decider is asked, so scoring never
 * starts what completing would refuse), at a stage whose interviewer scores.
 */
export function interviewerScoringRefusal(
  state: ParticipantState,
  sessionId: string,
  ctx: DecideContext,
): DomainError | undefined {
  const completing = decideParticipant(state, { type: 'complete', session_id: sessionId, overall_score: 0 }, ctx);
  if (isDomainError(completing)) return completing;
  const session = state.sessions.find((s) => s.id === sessionId);
  const stage = state.template.stages.find((s) => s.id === session?.stage_id);
  if (stage && interviewerScores(stage)) return undefined;
  return conflict(
    `session ${sessionId} is at ${stage ? `stage "${stage.stage_name}" (${stage.stage_type})` : 'a stage'}, which has no interviewer to score it: record its result instead`,
  );
}
