import { conflict, DomainError, participantConflict } from '../errors.ts';
import { refusal } from '../portal/copy/refusal.ts';
import { portalSessionNotFound } from '../portal/sessions.ts';
import type { Session } from '../progression/entities.ts';
import type { ParticipantState, ProgressionStage } from '../progression/state.ts';
import { isAiRun } from '../schemas/stage.ts';
import { interviewStatus } from './conversation.ts';
import type { InterviewEndedBy, StoredTurn, TurnSource } from './turns.ts';

/**
 * What may be stored in an interview, decided on the participant's state and the session's turns as
 * loaded in the same transaction (docs/rules.md#the-interview). Each step answers the turns to append
 * (none when a retry finds its work done) or the refusal, in the participant's words.
 */

export interface ConversationFacts {
  readonly state: ParticipantState;
  readonly session_id: string;
  readonly turns: readonly StoredTurn[];
}

export interface InterviewSession {
  readonly session: Session;
  readonly stage: ProgressionStage;
}

/**
 * The participant's own in-progress session of an AI-run stage whose notice they accepted: the only
 * sessions with an interview in the portal. Another participant's session, or an unknown one, is
 * NOT_FOUND, worded as for any session.
 */
export function interviewSession(state: ParticipantState, sessionId: string): InterviewSession | DomainError {
  const participant = state.participant;
  const session = state.sessions.find((s) => s.id === sessionId && s.participant_id === participant?.id);
  if (!participant || !session) return portalSessionNotFound(sessionId);
  if (participant.status !== 'active') {
    return participantConflict(refusal('interviewClosed'));
  }
  const stage = state.template.stages.find((s) => s.id === session.stage_id);
  if (!stage || !isAiRun(stage.stage_type)) {
    return participantConflict(refusal('noInterviewHere'));
  }
  if (!stage.interviewer) {
    return participantConflict(refusal('noInterviewer', stage.stage_name));
  }
  const consent = state.progress.find((p) => p.stage_id === stage.id)?.consent ?? null;
  if (consent !== 'accepted') {
    return participantConflict(refusal(consent === 'declined' ? 'interviewDeclined' : 'interviewNeedsConsent'));
  }
  if (session.status !== 'in_progress') {
    return participantConflict(refusal('interviewSessionClosed', session.status));
  }
  return { session, stage };
}

const turn = (
  index: number,
  fields: Pick<StoredTurn, 'speaker' | 'text' | 'at'> & Partial<StoredTurn>,
): StoredTurn => ({ source: null, prompt_version: null, ended_by: null, client_key: null, ...fields, index });

/**
 * The participant's answer, stored before anyone asks the interviewer for the next turn. A retry with
 * the same `client_key` stores nothing and answers the first; the same key with other words is refused.
 * Only while the interviewer waits for them: not before its first question, not while it owes a turn,
 * not after the end. An answer after the time is spent is still kept (the interviewer then closes).
 */
export function decideAnswer(
  facts: ConversationFacts,
  input: { readonly text: string; readonly client_key: string | null },
  now: string,
): { readonly append: readonly StoredTurn[]; readonly answer: StoredTurn } | DomainError {
  const found = interviewSession(facts.state, facts.session_id);
  if (found instanceof DomainError) return found;
  if (input.client_key !== null) {
    const seen = facts.turns.find((t) => t.client_key === input.client_key);
    if (seen) {
      return seen.text === input.text
        ? { append: [], answer: seen }
        : conflict(
            `Idempotency key "${input.client_key}" was already used for a different answer`,
            refusal('answerSentOtherwise'),
          );
    }
  }
  const status = interviewStatus(facts.turns);
  if (status === 'ended') return participantConflict(refusal('interviewEnded'));
  if (status !== 'awaiting_participant') {
    return participantConflict(refusal('interviewerNotAsked'));
  }
  const answer = turn(facts.turns.length, {
    speaker: 'participant',
    text: input.text,
    at: now,
    client_key: input.client_key,
  });
  return { append: [answer], answer };
}

/** The interviewer's turn the runner made, for the conversation as it was when it started (`after` turns). */
export interface InterviewerTurnDraft {
  readonly after: number;
  readonly text: string;
  readonly source: TurnSource;
  readonly prompt_version: string;
  readonly ended_by: Exclude<InterviewEndedBy, 'participant'> | null;
}

/**
 * Stores the interviewer's turn when the conversation is still as the runner found it. When another
 * request spoke first (two tabs, a double click, a finish), nothing is stored and the turn already
 * there is the answer: a conversation never gets two interviewer turns in a row.
 */
export function decideInterviewerTurn(
  facts: ConversationFacts,
  draft: InterviewerTurnDraft,
  now: string,
): { readonly append: readonly StoredTurn[]; readonly turn: StoredTurn } | DomainError {
  const found = interviewSession(facts.state, facts.session_id);
  if (found instanceof DomainError) return found;
  if (facts.turns.length !== draft.after) {
    const spoke = facts.turns.slice(draft.after).find((t) => t.speaker === 'interviewer');
    if (spoke) return { append: [], turn: spoke };
    return participantConflict(refusal('conversationMovedOn'));
  }
  const status = interviewStatus(facts.turns);
  if (status === 'ended') return participantConflict(refusal('interviewEnded'));
  if (status === 'awaiting_participant') {
    return participantConflict(refusal('interviewerWaiting'));
  }
  const stored = turn(facts.turns.length, {
    speaker: 'interviewer',
    text: draft.text,
    at: now,
    source: draft.source,
    prompt_version: draft.prompt_version,
    ended_by: draft.ended_by,
  });
  return { append: [stored], turn: stored };
}

/**
 * The participant finishes the interview: the plan's closing words end it (without a model call: they
 * asked to stop). An interview already ended stores nothing.
 */
export function decideInterviewFinish(
  facts: ConversationFacts,
  closing: { readonly text: string; readonly prompt_version: string },
  now: string,
): { readonly append: readonly StoredTurn[] } | DomainError {
  const found = interviewSession(facts.state, facts.session_id);
  if (found instanceof DomainError) return found;
  if (interviewStatus(facts.turns) === 'ended') return { append: [] };
  return {
    append: [
      turn(facts.turns.length, {
        speaker: 'interviewer',
        text: closing.text,
        at: now,
        source: 'plan',
        prompt_version: closing.prompt_version,
        ended_by: 'participant',
      }),
    ],
  };
}
