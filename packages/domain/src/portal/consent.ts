import { z } from 'zod';
import { DomainError, participantConflict } from '../errors.ts';
import type { DecideContext } from '../progression/commands.ts';
import { emitter } from '../progression/emit.ts';
import type { Decision, StageConsent, StageProgressState } from '../progression/entities.ts';
import type { ParticipantEvent } from '../progression/events.ts';
import { activePosition } from '../progression/guards.ts';
import { openSessionsAt } from '../progression/lookups.ts';
import { outcomeBasis } from '../progression/moves.ts';
import type { ParticipantState } from '../progression/state.ts';
import { Uuid } from '../schemas/common.ts';
import { isAiRun } from '../schemas/stage.ts';
import { refusal } from './copy/refusal.ts';

/**
 * A participant's answer to the AI notice of their current AI-run stage
 * (docs/rules.md#consent-to-an-ai-run-stage). Accepting lets them start its session themselves;
 * declining asks for a person to run the stage instead: a `human_alternative` decision opens in the
 * reviewers' inbox, and no attempt is used. Each stage is answered once: the same answer again
 * changes nothing, a different one is refused (the team, whom the notice names, can still help).
 */

/** `{ stage_id, accepted }`: the stage whose notice they read, so an answer never lands on another stage. */
export const PortalConsentInput = z.strictObject({ stage_id: Uuid, accepted: z.boolean() });
export type PortalConsentInput = z.infer<typeof PortalConsentInput>;

/** Where the participant stands with the notice of their current stage. */
export const PortalConsentState = z.enum(['needed', 'accepted', 'declined']);
export type PortalConsentState = z.infer<typeof PortalConsentState>;

/**
 * The consent state of the participant's current stage: `null` when it has no AI notice (it is not
 * AI-run, or they are in no stage).
 */
export function currentConsent(state: ParticipantState): PortalConsentState | null {
  const pos = activePosition(state);
  if (pos instanceof DomainError || !isAiRun(pos.stage.stage_type)) return null;
  return pos.progress.consent ?? 'needed';
}

/** The stage states in which a person can still run the stage instead. */
const DECLINABLE: readonly StageProgressState[] = ['pending', 'retake_available', 'scheduled'];

export function decidePortalConsent(
  state: ParticipantState,
  input: PortalConsentInput,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  const pos = activePosition(state);
  if (pos instanceof DomainError) return pos;
  const stage = pos.stage.stage_name;
  if (input.stage_id !== pos.stage.id) {
    return participantConflict(refusal('otherStage', stage));
  }
  if (!isAiRun(pos.stage.stage_type)) {
    return participantConflict(refusal('notAiRun', stage));
  }
  const answer: StageConsent = input.accepted ? 'accepted' : 'declined';
  const given = pos.progress.consent;
  // A form sent twice (a double click, a reload) changes nothing.
  if (given === answer) return [];
  if (given !== null) {
    return participantConflict(refusal(given === 'accepted' ? 'alreadyAccepted' : 'alreadyDeclined', stage));
  }

  const emit = emitter(pos.participant.id, ctx);
  const stage_type = pos.stage.stage_type;
  if (answer === 'accepted') return [emit('participant_consented_ai', { stage_id: pos.stage.id, stage_type })];

  if (openSessionsAt(state, pos.stage.id).some((s) => s.status === 'in_progress')) {
    return participantConflict(refusal('declineUnderWay', stage));
  }
  // Only a stage still to be taken can be run by a person instead: once a result is in (waiting for a
  // reviewer, passed or failed), the team already has it.
  if (!DECLINABLE.includes(pos.progress.state)) {
    return participantConflict(refusal('resultIn', stage));
  }
  const decision: Decision = {
    id: ctx.newId(),
    participant_id: pos.participant.id,
    stage_id: pos.stage.id,
    session_id: null,
    reason: 'human_alternative',
    suggested: null,
    status: 'open',
    outcome: null,
    note: null,
    decided_by: null,
    decided_at: null,
    created_at: ctx.now,
  };
  return [
    emit('participant_declined_ai', { stage_id: pos.stage.id, stage_type, decision_id: decision.id }),
    emit('decision_opened', { ...outcomeBasis(pos, undefined), decision }),
  ];
}
