import { extended } from '../objects.ts';
import { recommendationLabels } from '../schemas/template.ts';
import type { Emit } from './emit.ts';
import type { LeaveCause, OutcomeBasis, OutcomeTrigger, ParticipantEvent } from './events.ts';
import type { Position } from './guards.ts';
import { attemptsAllowed, nextStageFor, openDecisionsAt, openSessionsAt } from './lookups.ts';
import type { Scorecard } from './scorecard.ts';
import { type ParticipantState, type ProgressionStage, rulesSnapshot } from './state.ts';

/** How a move came about: who made it, why, and on what grounds. */
export interface MoveCause {
  readonly trigger: OutcomeTrigger;
  readonly actor: string;
  readonly note: string | null;
  readonly decision_id: string | null;
  readonly basis: OutcomeBasis;
}

export function outcomeBasis(
  pos: Position,
  scored: { readonly id: string; readonly scorecard: Scorecard | null } | undefined,
  attemptsUsed = pos.progress.attempts_used,
): OutcomeBasis {
  return {
    stage_id: pos.stage.id,
    session_id: scored?.id ?? null,
    overall_score: scored?.scorecard?.overall_score ?? null,
    threshold_applied: scored?.scorecard?.threshold_applied ?? pos.progress.rules.pass_threshold,
    rules: pos.progress.rules,
    attempts_used: attemptsUsed,
    attempts_allowed: attemptsAllowed(pos.progress),
  };
}

export const movedData = (cause: MoveCause) =>
  extended(cause.basis, { trigger: cause.trigger, note: cause.note, decision_id: cause.decision_id });

/**
 * Advance: the stage is closed as passed (or skipped, when an admin advances someone who has not passed),
 * then the participant enters the next active stage with a fresh rules snapshot, or completes.
 */
export function advanceEvents(
  state: ParticipantState,
  pos: Position,
  cause: MoveCause,
  passed: boolean,
  emit: Emit,
): ParticipantEvent[] {
  const close =
    pos.progress.state === 'passed'
      ? []
      : [emit(passed ? 'stage_passed' : 'stage_skipped', movedData(cause), cause.actor)];
  const entered = enterNextStageEvent(state, pos.stage, cause.actor, emit);
  return [...close, entered ?? completedEvent(state, cause, emit)];
}

/** Entering the next active stage after `from` (or the first one) not entered before, with a fresh rules snapshot; `null` when none is left. */
export function enterNextStageEvent(
  state: ParticipantState,
  from: ProgressionStage | null,
  actor: string,
  emit: Emit,
): ParticipantEvent | null {
  const { next, skippedDrafts } = nextStageFor(state, from);
  if (!next) return null;
  return emit(
    'stage_entered',
    {
      stage_id: next.id,
      stage_name: next.stage_name,
      stage_type: next.stage_type,
      stage_order: next.stage_order,
      rules: rulesSnapshot(next),
      from_stage_id: from?.id ?? null,
      skipped_draft_stage_ids: skippedDrafts.map((s) => s.id),
    },
    actor,
  );
}

/** The final review passed: the journey ends here with the positive recommendation. */
export function completeEvents(state: ParticipantState, cause: MoveCause, emit: Emit): ParticipantEvent[] {
  return [emit('stage_passed', movedData(cause), cause.actor), completedEvent(state, cause, emit)];
}

const completedEvent = (state: ParticipantState, cause: MoveCause, emit: Emit) =>
  emit(
    'participant_completed',
    extended(movedData(cause), { recommendation: recommendationLabels(state.template).positive }),
    cause.actor,
  );

/** Reject with the negative recommendation; `failStage` when a result or a decision failed the stage. */
export function rejectEvents(
  state: ParticipantState,
  cause: MoveCause,
  failStage: boolean,
  emit: Emit,
): ParticipantEvent[] {
  const fail = failStage ? [emit('stage_failed', movedData(cause), cause.actor)] : [];
  return [
    ...fail,
    emit(
      'participant_rejected',
      extended(movedData(cause), { recommendation: recommendationLabels(state.template).negative }),
      cause.actor,
    ),
  ];
}

/**
 * An admin moving a participant by hand ends what is open at their stage: sessions are cancelled and
 * open decisions closed, so nothing is left in a queue for someone who has moved on.
 */
export function leaveStageEvents(
  state: ParticipantState,
  pos: Position,
  cause: LeaveCause,
  note: string | null,
  emit: Emit,
): ParticipantEvent[] {
  const outcome = cause === 'participant_advanced' ? 'advance' : cause === 'participant_rejected' ? 'reject' : null;
  return [
    ...openSessionsAt(state, pos.stage.id).map((s) =>
      emit('session_cancelled', { session_id: s.id, stage_id: s.stage_id, attempt: s.attempt, reason: null, cause }),
    ),
    // A flag on a corrected score stays open for a person whatever happens to the stage (docs/rules.md#correcting-a-score).
    ...openDecisionsAt(state, pos.stage.id)
      .filter((d) => d.reason !== 'scorecard_corrected')
      .map((d) => emit('decision_closed', { decision_id: d.id, stage_id: d.stage_id, outcome, cause, note })),
  ];
}
