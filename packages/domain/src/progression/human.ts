import { badInput, conflict, DomainError, notFound } from '../errors.ts';
import type { AdvanceCommand, DecideCommand, DecideContext, RejectCommand, WithdrawCommand } from './commands.ts';
import { emitter } from './emit.ts';
import type { Session } from './entities.ts';
import type { ParticipantEvent } from './events.ts';
import { activePosition, advanceNeedsNote, type Position, passedCurrentStage } from './guards.ts';
import { describeStage, lastCompletedSession } from './lookups.ts';
import { advanceEvents, leaveStageEvents, type MoveCause, outcomeBasis, rejectEvents } from './moves.ts';
import type { ParticipantState } from './state.ts';
import { orNull } from './text.ts';

/** A reviewer decides an open decision: advance, reject, or grant one more attempt. */
export function decideDecision(
  state: ParticipantState,
  cmd: DecideCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  const decision = state.decisions.find((d) => d.id === cmd.decision_id);
  if (!decision) return notFound('decision', cmd.decision_id);
  if (decision.status === 'decided') {
    return conflict(
      `decision ${decision.id} was already decided (${decision.outcome ?? 'closed'} by ${decision.decided_by} at ${decision.decided_at}); a decision is decided once`,
    );
  }
  const pos = activePosition(state, decision.participant_id);
  if (pos instanceof DomainError) return pos;
  if (decision.stage_id !== pos.stage.id || pos.progress.state !== 'awaiting_decision') {
    return conflict(
      `decision ${decision.id} is for stage ${decision.stage_id}, but participant ${pos.participant.id} is at ${describeStage(pos.stage)} (${pos.progress.state})`,
    );
  }
  const note = orNull(cmd.note);
  const against = cmd.outcome !== decision.suggested;
  if (against && !note) {
    const why =
      cmd.outcome === 'retake'
        ? `granting participant ${pos.participant.id} a retake at ${describeStage(pos.stage)} requires a note`
        : `going against decision ${decision.id}'s suggestion (${decision.suggested}) to ${cmd.outcome} requires a note`;
    return badInput(['note'], why);
  }

  const emit = emitter(pos.participant.id, ctx);
  const decided = emit('decision_decided', {
    decision_id: decision.id,
    stage_id: decision.stage_id,
    outcome: cmd.outcome,
    suggested: decision.suggested,
    against_suggestion: against,
    note,
  });
  const session = state.sessions.find((s) => s.id === decision.session_id);
  const cause: MoveCause = {
    trigger: 'decision',
    actor: ctx.actor,
    note,
    decision_id: decision.id,
    basis: outcomeBasis(pos, session),
  };
  switch (cmd.outcome) {
    case 'advance':
      return [decided, ...advanceEvents(state, pos, cause, true, emit)];
    case 'reject':
      return [decided, ...rejectEvents(state, cause, true, emit)];
    case 'retake':
      return [
        decided,
        emit('retake_granted', {
          ...cause.basis,
          attempts_allowed: cause.basis.attempts_allowed + 1,
          decision_id: decision.id,
          note,
          completed_at: session?.completed_at ?? null,
        }),
      ];
  }
}

/** An admin advances a participant by hand; someone who has not passed the stage needs a note. */
export function advanceParticipant(
  state: ParticipantState,
  cmd: AdvanceCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  const pos = activePosition(state, cmd.participant_id);
  if (pos instanceof DomainError) return pos;
  const note = orNull(cmd.note);
  if (!note && advanceNeedsNote(state, pos)) {
    return badInput(
      ['note'],
      `participant ${pos.participant.id} has not passed ${describeStage(pos.stage)} (${pos.progress.state.replace('_', ' ')}); advancing them anyway requires a note`,
    );
  }
  const emit = emitter(pos.participant.id, ctx);
  const cause = manualCause(pos, lastCompletedSession(state, pos.stage.id), note, ctx);
  return [
    ...leaveStageEvents(state, pos, 'participant_advanced', note, emit),
    ...advanceEvents(state, pos, cause, passedCurrentStage(state, pos), emit),
  ];
}

export function rejectParticipant(
  state: ParticipantState,
  cmd: RejectCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  const pos = activePosition(state, cmd.participant_id);
  if (pos instanceof DomainError) return pos;
  const note = orNull(cmd.note);
  const emit = emitter(pos.participant.id, ctx);
  const cause = manualCause(pos, lastCompletedSession(state, pos.stage.id), note, ctx);
  return [
    ...leaveStageEvents(state, pos, 'participant_rejected', note, emit),
    ...rejectEvents(state, cause, false, emit),
  ];
}

export function withdrawParticipant(
  state: ParticipantState,
  cmd: WithdrawCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  const pos = activePosition(state, cmd.participant_id);
  if (pos instanceof DomainError) return pos;
  const note = orNull(cmd.note);
  const emit = emitter(pos.participant.id, ctx);
  return [
    ...leaveStageEvents(state, pos, 'participant_withdrawn', note, emit),
    emit('participant_withdrawn', { stage_id: pos.stage.id, note }),
  ];
}

const manualCause = (pos: Position, last: Session | undefined, note: string | null, ctx: DecideContext): MoveCause => ({
  trigger: 'manual',
  actor: ctx.actor,
  note,
  decision_id: null,
  basis: outcomeBasis(pos, last),
});
