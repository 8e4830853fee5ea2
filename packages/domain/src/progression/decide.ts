import type { DomainError } from '../errors.ts';
import type { DecideContext, ParticipantCommand } from './commands.ts';
import { enroll, update } from './enroll.ts';
import type { ParticipantEvent } from './events.ts';
import { advanceParticipant, decideDecision, rejectParticipant, withdrawParticipant } from './human.ts';
import { noteScoringFailed, replaceScorecard } from './interviewer-scores.ts';
import { complete, recordResult } from './results.ts';
import { cancel, fail, reschedule, schedule, start } from './sessions.ts';
import type { ParticipantState } from './state.ts';

/**
 * The participant decider: what happens when `command` meets `state`, as events to store and fold with
 * `evolveParticipant`, or the `DomainError` that says why not. Pure: time, ids and the actor are in `ctx`.
 */
export function decideParticipant(
  state: ParticipantState,
  command: ParticipantCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  switch (command.type) {
    case 'enroll':
      return enroll(state, command, ctx);
    case 'update':
      return update(state, command, ctx);
    case 'schedule':
      return schedule(state, command, ctx);
    case 'reschedule':
      return reschedule(state, command, ctx);
    case 'start':
      return start(state, command, ctx);
    case 'complete':
      return complete(state, command, ctx);
    case 'fail':
      return fail(state, command, ctx);
    case 'cancel':
      return cancel(state, command, ctx);
    case 'record_result':
      return recordResult(state, command, ctx);
    case 'decide':
      return decideDecision(state, command, ctx);
    case 'advance':
      return advanceParticipant(state, command, ctx);
    case 'reject':
      return rejectParticipant(state, command, ctx);
    case 'withdraw':
      return withdrawParticipant(state, command, ctx);
    case 'replace_scorecard':
      return replaceScorecard(state, command, ctx);
    case 'note_scoring_failed':
      return noteScoringFailed(state, command, ctx);
  }
}
