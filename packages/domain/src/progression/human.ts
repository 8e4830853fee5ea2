import { badInput, conflict, DomainError, notFound } from '../errors.ts';
import type { AdvanceCommand, DecideCommand, DecideContext, RejectCommand, WithdrawCommand } from './commands.ts';
import { emitter } from './emit.ts';
import type { Decision, Session } from './entities.ts';
import type { ParticipantEvent } from './events.ts';
import { activePosition, advanceNeedsNote, type Position, passedCurrentStage } from './guards.ts';
import { describeStage, lastCompletedSession, openSessionsAt } from './lookups.ts';
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
      `the decision was already decided (${decision.outcome ?? 'closed'} at ${decision.decided_at}); a decision is decided once`,
    );
  }
  if (decision.reason === 'scorecard_corrected') return keepCorrectedScore(decision, cmd, ctx);
  if (cmd.outcome === 'keep') {
    return badInput(['outcome'], 'keep answers only a decision about a corrected score; advance, reject or retake');
  }
  const pos = activePosition(state, decision.participant_id);
  if (pos instanceof DomainError) return pos;
  if (decision.reason === 'human_alternative') return decideHumanAlternative(state, pos, decision, cmd, ctx);
  if (decision.stage_id !== pos.stage.id || pos.progress.state !== 'awaiting_decision') {
    return conflict(
      `the decision is about another stage, but ${pos.participant.name} is at ${describeStage(pos.stage)} (${pos.progress.state.replace('_', ' ')})`,
    );
  }
  const note = orNull(cmd.note);
  const against = cmd.outcome !== decision.suggested;
  if (against && !note) {
    const why =
      cmd.outcome === 'retake'
        ? `granting ${pos.participant.name} a retake at ${describeStage(pos.stage)} requires a note`
        : decision.suggested === null
          ? `deciding this ${decision.reason.replace(/_/g, ' ')} decision requires a note: it suggests nothing`
          : `going against the suggestion (${decision.suggested}) to ${cmd.outcome} requires a note`;
    return badInput(['note'], why);
  }

  const emit = emitter(pos.participant.id, ctx);
  const decided = emit('decision_decided', {
    decision_id: decision.id,
    stage_id: decision.stage_id,
    reason: decision.reason,
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
      // Advancing against a failed score is not passing it: the stage is closed as moved past, and the record
      // says who did it on what score (docs/rules.md#deciding-a-decision).
      return [decided, ...advanceEvents(state, pos, cause, session?.scorecard?.passed !== false, emit)];
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

/**
 * A corrected score the rules could not act on (docs/rules.md#correcting-a-score): the reviewer says they
 * saw it, with a note; nobody moves. Whatever should change is done with the ordinary commands, so the
 * participant may be anywhere, even past the end of their evaluation.
 */
function keepCorrectedScore(
  decision: Decision,
  cmd: DecideCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  if (cmd.outcome !== 'keep') {
    return badInput(
      ['outcome'],
      'a decision about a corrected score is answered with keep; to move the participant, advance or reject them on their page',
    );
  }
  const note = orNull(cmd.note);
  if (!note) return badInput(['note'], 'keeping a corrected score as it stands requires a note: say what you checked');
  return [
    emitter(decision.participant_id, ctx)('decision_decided', {
      decision_id: decision.id,
      stage_id: decision.stage_id,
      reason: decision.reason,
      outcome: 'keep',
      suggested: null,
      against_suggestion: false,
      note,
    }),
  ];
}

/**
 * A participant asked for a person to run their AI-run stage (docs/rules.md#consent-to-an-ai-run-stage).
 * The usual answer is to run it with them and record its result, which closes the request by itself;
 * deciding it directly advances (the stage passed with a person) or rejects. Nothing was scored, so
 * there is no suggestion and the note is always required: it is the only record of how the stage went.
 * A retake means nothing here: no attempt was used.
 */
function decideHumanAlternative(
  state: ParticipantState,
  pos: Position,
  decision: Decision,
  cmd: DecideCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  if (decision.stage_id !== pos.stage.id) {
    return conflict(
      `the decision is about another stage, but ${pos.participant.name} is at ${describeStage(pos.stage)}`,
    );
  }
  if (cmd.outcome === 'retake') {
    return badInput(
      ['outcome'],
      `the decision asks for a person to run ${describeStage(pos.stage)}; no attempt was used, so there is nothing to retake: record the stage's result, or advance or reject`,
    );
  }
  const note = orNull(cmd.note);
  if (!note) {
    return badInput(
      ['note'],
      `deciding ${pos.participant.name}'s request for a person at ${describeStage(pos.stage)} without a recorded result requires a note: say how the stage went`,
    );
  }
  const emit = emitter(pos.participant.id, ctx);
  const decided = emit('decision_decided', {
    decision_id: decision.id,
    stage_id: decision.stage_id,
    reason: decision.reason,
    outcome: cmd.outcome,
    suggested: null,
    against_suggestion: false,
    note,
  });
  const cause: MoveCause = {
    trigger: 'decision',
    actor: ctx.actor,
    note,
    decision_id: decision.id,
    basis: outcomeBasis(pos, lastCompletedSession(state, pos.stage.id)),
  };
  // A session booked at the stage (a slot for the person-run stage) ends with it.
  const leaving = cmd.outcome === 'advance' ? 'participant_advanced' : 'participant_rejected';
  const cancelled = openSessionsAt(state, pos.stage.id).map((s) =>
    emit('session_cancelled', {
      session_id: s.id,
      stage_id: s.stage_id,
      attempt: s.attempt,
      reason: null,
      cause: leaving,
    }),
  );
  return cmd.outcome === 'advance'
    ? [decided, ...cancelled, ...advanceEvents(state, pos, cause, true, emit)]
    : [decided, ...cancelled, ...rejectEvents(state, cause, true, emit)];
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
      `${pos.participant.name} has not passed ${describeStage(pos.stage)} (${pos.progress.state.replace('_', ' ')}); advancing them anyway requires a note`,
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
