import { conflict, DomainError, notFound } from '../errors.ts';
import { refusal } from '../portal/copy/refusal.ts';
import type { Participant, StageProgress } from './entities.ts';
import {
  attemptsAllowed,
  describeStage,
  lastCompletedSession,
  liveStage,
  openProgress,
  retakeCooldown,
} from './lookups.ts';
import type { ParticipantState, ProgressionStage } from './state.ts';

/*
 * Each refusal below carries two texts: the staff one names the participant and the stage by name, and
 * the participant's says the same in plain words for their portal (docs/errors.md#refusals-a-participant-reads),
 * as a `refusal` the portal words in the participant's language (portal/copy/en.ts `refusals`).
 */

/** Where an active participant stands: the stage they are in and their progress there. */
export interface Position {
  readonly participant: Participant;
  readonly progress: StageProgress;
  readonly stage: ProgressionStage;
}

export function enrolledParticipant(state: ParticipantState, participantId?: string): Participant | DomainError {
  const p = state.participant;
  if (!p || (participantId !== undefined && p.id !== participantId)) {
    return notFound('participant', participantId ?? '(not enrolled)', refusal('evaluationNotFound'));
  }
  return p;
}

/** Terminal participants (completed, rejected, withdrawn) accept no command but reading. */
export function activeParticipant(state: ParticipantState, participantId?: string): Participant | DomainError {
  const participant = enrolledParticipant(state, participantId);
  if (participant instanceof DomainError || participant.status === 'active') return participant;
  return conflict(
    `${participant.name} is ${participant.status}; a ${participant.status} participant accepts no more commands`,
    refusal('ended', participant.status),
  );
}

/** The participant's position, or why no command but reading is possible for them. */
export function activePosition(state: ParticipantState, participantId?: string): Position | DomainError {
  const participant = activeParticipant(state, participantId);
  if (participant instanceof DomainError) return participant;
  const progress = openProgress(state);
  if (!progress) {
    return conflict(`${participant.name} is in no stage`, refusal('noStage'));
  }
  const stage = liveStage(state.template, progress.stage_id);
  if (!stage) {
    return new DomainError(
      'PRECONDITION_FAILED',
      `the stage ${participant.name} is in is no longer a live stage of the template (it was archived): move them on by hand`,
      [],
      refusal('stageChanging'),
    );
  }
  return { participant, progress, stage };
}

/** Commands that name a stage must name the one the participant is in. */
export function wrongStage(pos: Position, stageId: string | undefined): DomainError | undefined {
  if (stageId === undefined || stageId === pos.stage.id) return undefined;
  return conflict(`${pos.participant.name} is at ${describeStage(pos.stage)}, not at the stage this request names`);
}

/** An attempt may take place only once the retake cool-down after the last completed attempt is over. */
export function cooldownRefusal(state: ParticipantState, pos: Position, at: string): DomainError | undefined {
  const cooldown = retakeCooldown(state, pos.progress);
  if (!cooldown || Date.parse(at) >= Date.parse(cooldown.endsAt)) return undefined;
  return conflict(
    `${pos.participant.name} cannot attempt ${describeStage(pos.stage)} at ${at}: the ${cooldown.hours}-hour cool-down after the attempt completed at ${cooldown.completedAt} is not over`,
    refusal('coolDown', pos.stage.stage_name, cooldown.endsAt),
  );
}

/**
 * Whether the participant passed the stage they are in: it is marked passed, or their last completed
 * attempt there passed (a reviewer's decision on it may still be open).
 */
export function passedCurrentStage(state: ParticipantState, pos: Position): boolean {
  return pos.progress.state === 'passed' || lastCompletedSession(state, pos.stage.id)?.scorecard?.passed === true;
}

/** Advancing by hand someone who has not passed their stage is allowed, with a note that says why. */
export const advanceNeedsNote = (state: ParticipantState, pos: Position): boolean => !passedCurrentStage(state, pos);

export function attemptsRefusal(pos: Position): DomainError | undefined {
  const allowed = attemptsAllowed(pos.progress);
  if (pos.progress.attempts_used < allowed) return undefined;
  return conflict(
    `${pos.participant.name} has no attempts left at ${describeStage(pos.stage)} (${pos.progress.attempts_used} of ${allowed} used)`,
    refusal('noAttemptsLeft', pos.stage.stage_name),
  );
}

/**
 * Why a new attempt cannot begin in the stage's current state, if it cannot. A session already open
 * there blocks a new one unless `openSessionAllowed` (schedule with `force`; record_result completes it).
 */
export function newAttemptRefusal(
  _state: ParticipantState,
  pos: Position,
  openSessionAllowed: boolean,
): DomainError | undefined {
  const who = pos.participant.name;
  const where = describeStage(pos.stage);
  const name = pos.stage.stage_name;
  switch (pos.progress.state) {
    case 'pending':
    case 'retake_available':
      return attemptsRefusal(pos);
    case 'scheduled':
    case 'in_progress': {
      if (openSessionAllowed) return attemptsRefusal(pos);
      return conflict(
        `a session is already ${pos.progress.state.replace('_', ' ')} for ${who} at ${where}; pass force to replace it`,
        pos.progress.state === 'scheduled' ? refusal('alreadyBooked', name) : refusal('alreadyUnderWay', name),
      );
    }
    case 'awaiting_decision': {
      return conflict(`${who} is awaiting a reviewer's decision at ${where}`, refusal('reviewing', name));
    }
    case 'passed':
      return conflict(`${who} has already passed ${where} and waits to be advanced`, refusal('passed', name));
    case 'failed':
      return attemptsRefusal(pos) ?? conflict(`${who} has failed ${where}`, refusal('over', name));
    case 'skipped':
      return conflict(`${who} has left ${where}`, refusal('over', name));
  }
}
