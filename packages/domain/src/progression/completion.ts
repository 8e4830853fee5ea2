import { extended } from '../objects.ts';
import type { StageType } from '../schemas/stage.ts';
import type { DecideContext } from './commands.ts';
import { emitter, SYSTEM } from './emit.ts';
import type { DecisionReason, DecisionSuggestion, RulesSnapshot, Session } from './entities.ts';
import type { ParticipantEvent } from './events.ts';
import type { Position } from './guards.ts';
import { attemptsAllowed, openDecisionsAt } from './lookups.ts';
import { advanceEvents, completeEvents, type MoveCause, movedData, outcomeBasis, rejectEvents } from './moves.ts';
import type { Scorecard } from './scorecard.ts';
import type { ParticipantState } from './state.ts';

export type CompletionOutcome =
  | { readonly kind: 'retake_available' }
  | { readonly kind: 'advance' }
  | { readonly kind: 'reject' }
  | {
      readonly kind: 'open_decision';
      readonly reason: DecisionReason;
      readonly suggested: DecisionSuggestion | null;
    }
  | { readonly kind: 'wait'; readonly state: 'passed' | 'failed' }
  /** A final review passed: the participant completes. */
  | { readonly kind: 'complete' };

const openApproval = { kind: 'open_decision', reason: 'approval_required', suggested: 'advance' } as const;
const openFailed = { kind: 'open_decision', reason: 'failed_no_retakes', suggested: 'reject' } as const;

/**
 * docs/rules.md#completion-table, from the rules snapshot: what a completed session leads to. `attemptsUsed` counts
 * the session just completed. An interviewer's score that `needsReview` (docs/rules.md#scoring-with-evidence)
 * does nothing by itself: it opens a decision, suggesting what the table would have done when that is an
 * advance or a reject.
 */
export function completionOutcome(
  rules: RulesSnapshot,
  stageType: StageType,
  passed: boolean,
  attemptsUsed: number,
  attemptsAllowed: number,
  needsReview = false,
): CompletionOutcome {
  const ruled = tableOutcome(rules, stageType, passed, attemptsUsed, attemptsAllowed);
  if (!needsReview) return ruled;
  return { kind: 'open_decision', reason: 'scorecard_needs_review', suggested: suggestionFrom(ruled) };
}

/** What a reviewer of an unchecked score is pointed to: the move the rules would have made, if any. */
function suggestionFrom(outcome: CompletionOutcome): DecisionSuggestion | null {
  switch (outcome.kind) {
    case 'advance':
    case 'complete':
      return 'advance';
    case 'reject':
      return 'reject';
    case 'open_decision':
      return outcome.suggested;
    case 'retake_available':
    case 'wait':
      return null;
  }
}

function tableOutcome(
  rules: RulesSnapshot,
  stageType: StageType,
  passed: boolean,
  attemptsUsed: number,
  attemptsAllowed: number,
): CompletionOutcome {
  if (!passed && attemptsUsed < attemptsAllowed) return { kind: 'retake_available' };
  // Recording a final review *is* the human decision: never a decision on top of it.
  if (stageType === 'final_review') return passed ? { kind: 'complete' } : { kind: 'reject' };
  switch (rules.automation_rule) {
    case 'auto_advance':
      if (passed) return { kind: 'advance' };
      return rules.auto_reject ? { kind: 'reject' } : openFailed;
    case 'require_reviewer_approval':
      return passed ? openApproval : openFailed;
    case 'none':
      return { kind: 'wait', state: passed ? 'passed' : 'failed' };
  }
}

/** The events of completing `session` at the participant's current stage with `scorecard`. */
export function completionEvents(
  state: ParticipantState,
  pos: Position,
  session: Session,
  scorecard: Scorecard,
  ctx: DecideContext,
): ParticipantEvent[] {
  const emit = emitter(pos.participant.id, ctx);
  const attemptsUsed = pos.progress.attempts_used + 1;
  // A result at the stage answers a participant's request for a person to run it: the request closes.
  const answered = openDecisionsAt(state, pos.stage.id)
    .filter((d) => d.reason === 'human_alternative')
    .map((d) =>
      emit('decision_closed', {
        decision_id: d.id,
        stage_id: d.stage_id,
        outcome: null,
        cause: 'result_recorded',
        note: null,
      }),
    );
  const completed = emit('session_completed', {
    session_id: session.id,
    stage_id: pos.stage.id,
    attempt: session.attempt,
    scorecard,
    attempts_used: attemptsUsed,
    attempts_allowed: attemptsAllowed(pos.progress),
    rules: pos.progress.rules,
  });
  const scored = { id: session.id, scorecard, completed_at: ctx.now };
  return [...answered, completed, ...outcomeEvents(state, pos, scored, attemptsUsed, ctx)];
}

/**
 * What the rules of the participant's snapshot do with a score at their current stage: the completion
 * table's move, a retake, a decision, or waiting. `attemptsUsed` counts the scored session, whose
 * `completed_at` starts a retake's cool-down.
 */
export function outcomeEvents(
  state: ParticipantState,
  pos: Position,
  scored: { readonly id: string; readonly scorecard: Scorecard; readonly completed_at: string },
  attemptsUsed: number,
  ctx: DecideContext,
): ParticipantEvent[] {
  const { scorecard } = scored;
  const emit = emitter(pos.participant.id, ctx);
  const allowed = attemptsAllowed(pos.progress);
  const basis = outcomeBasis(pos, scored, attemptsUsed);
  const outcome = completionOutcome(
    pos.progress.rules,
    pos.stage.stage_type,
    scorecard.passed,
    attemptsUsed,
    allowed,
    scorecard.needs_review,
  );
  const finalReview = pos.stage.stage_type === 'final_review';
  const cause: MoveCause = {
    trigger: finalReview ? 'final_review' : 'automation',
    // A final review's result is the reviewer's own decision; everything else here is the rule acting.
    actor: finalReview ? ctx.actor : SYSTEM,
    note: null,
    decision_id: null,
    basis,
  };

  switch (outcome.kind) {
    case 'retake_available':
      return [emit('retake_available', extended(basis, { completed_at: scored.completed_at }), SYSTEM)];
    case 'advance':
      return advanceEvents(state, pos, cause, true, emit);
    case 'complete':
      return completeEvents(state, cause, emit);
    case 'reject':
      return rejectEvents(state, cause, true, emit);
    case 'wait':
      return [emit(outcome.state === 'passed' ? 'stage_passed' : 'stage_failed', movedData(cause), cause.actor)];
    case 'open_decision': {
      const decision = {
        id: ctx.newId(),
        participant_id: pos.participant.id,
        stage_id: pos.stage.id,
        session_id: scored.id,
        reason: outcome.reason,
        suggested: outcome.suggested,
        status: 'open' as const,
        outcome: null,
        note: null,
        decided_by: null,
        decided_at: null,
        created_at: ctx.now,
      };
      return [emit('decision_opened', extended(basis, { decision }), SYSTEM)];
    }
  }
}
