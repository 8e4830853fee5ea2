import { z } from 'zod';
import type { TranscriptEntry } from '../progression/scorecard.ts';
import { Text } from '../schemas/common.ts';

/**
 * The turns of an interview in the participant's portal (docs/rules.md#the-interview,
 * docs/entities.md#session-turn): who said what, when, stored one by one as they happen.
 */

export const TurnSpeaker = z.enum(['interviewer', 'participant']);
export type TurnSpeaker = z.infer<typeof TurnSpeaker>;

/** Where an interviewer turn's words came from: the workspace's model, or the plan without one. */
export const TurnSource = z.enum(['model', 'plan']);
export type TurnSource = z.infer<typeof TurnSource>;

/** What ended an interview: the interviewer's closing, the clock, or the participant finishing. */
export const InterviewEndedBy = z.enum(['interviewer', 'time', 'participant']);
export type InterviewEndedBy = z.infer<typeof InterviewEndedBy>;

/** The longest answer a participant may send in one turn. */
export const INTERVIEW_ANSWER_MAX = 10_000;
/** The longest interviewer turn kept: a model that rambles on is cut there. */
export const INTERVIEWER_TURN_MAX = 8_000;

/** One turn as the participant and staff read it. */
export const InterviewTurn = z.object({
  /** Its place in the conversation, from 0. */
  index: z.int().min(0),
  speaker: TurnSpeaker,
  text: z.string(),
  at: z.iso.datetime(),
});
export type InterviewTurn = z.infer<typeof InterviewTurn>;

/** A turn as stored: with where an interviewer's words came from, the end it made, and the answer's retry key. */
export interface StoredTurn extends InterviewTurn {
  /** `model` or `plan` for the interviewer; null for the participant. */
  readonly source: TurnSource | null;
  /** The prompt words an interviewer turn was made with (`PROMPT_VERSION`); null for the participant. */
  readonly prompt_version: string | null;
  /** Set on the turn that ended the interview, and only there. */
  readonly ended_by: InterviewEndedBy | null;
  /** The participant's `Idempotency-Key` for this answer, if they sent one: a retry stores nothing twice. */
  readonly client_key: string | null;
}

/**
 * Where the conversation stands: the interviewer has not spoken yet (`not_started`), owes the next
 * turn (`awaiting_interviewer`: it was unavailable, or is answering now), waits for the participant, or
 * the interview is over.
 */
export const InterviewStatus = z.enum(['not_started', 'awaiting_interviewer', 'awaiting_participant', 'ended']);
export type InterviewStatus = z.infer<typeof InterviewStatus>;

/** A participant's answer: `POST /api/portal/v1/sessions/{id}/turns`. */
export const InterviewAnswerInput = z.object({
  text: Text.trim().min(1, 'write an answer first').max(INTERVIEW_ANSWER_MAX),
});
export type InterviewAnswerInput = z.infer<typeof InterviewAnswerInput>;

/** Where an interview stands, without its turns. */
export const InterviewState = z.object({
  session_id: z.string(),
  stage_name: z.string(),
  status: InterviewStatus,
  /** What ended it; null while it runs. */
  ended_by: InterviewEndedBy.nullable(),
  /** When the time is spent: the session's start plus the stage's duration. */
  ends_at: z.iso.datetime(),
  /** Whole seconds until `ends_at`, never below 0. */
  seconds_left: z.int().min(0),
});
export type InterviewState = z.infer<typeof InterviewState>;

/** `GET /api/portal/v1/sessions/{id}/turns`: the conversation so far, the time left, whether it ended. */
export const InterviewView = InterviewState.extend({ turns: z.array(InterviewTurn) });
export type InterviewView = z.infer<typeof InterviewView>;

/** The answer of posting an answer (JSON, not streamed): the answer as stored, the interviewer's reply, the state after. */
export const InterviewReply = z.object({
  /** The participant's answer as stored; null when the request only asked the interviewer for its turn. */
  answer: InterviewTurn.nullable(),
  /** The interviewer's new turn (or, for a retry that came after it, the one already stored). */
  turn: InterviewTurn,
  interview: InterviewState,
});
export type InterviewReply = z.infer<typeof InterviewReply>;

/** The running transcript as staff read it (`sessions.transcript`). */
export const TranscriptTurn = InterviewTurn.extend({ source: TurnSource.nullable() });
export type TranscriptTurn = z.infer<typeof TranscriptTurn>;

export const SessionTranscript = z.object({
  session_id: z.string(),
  status: InterviewStatus,
  ended_by: InterviewEndedBy.nullable(),
  /** How the interviewer's turns were made: `model`, `plan` (no model), or null before the first one. */
  source: TurnSource.nullable(),
  /** The prompt words the session ran on; null before the first interviewer turn. */
  prompt_version: z.string().nullable(),
  turns: z.array(TranscriptTurn),
});
export type SessionTranscript = z.infer<typeof SessionTranscript>;

/** A turn without what only the store needs. */
export const publicTurn = (t: InterviewTurn): InterviewTurn => ({
  index: t.index,
  speaker: t.speaker,
  text: t.text,
  at: t.at,
});

/** The conversation as the transcript a scorecard keeps (docs/entities.md#scorecard): who said what, when. */
export const interviewTranscript = (turns: readonly InterviewTurn[]): TranscriptEntry[] =>
  turns.map(({ speaker, text, at }) => ({ speaker, text, at }));
