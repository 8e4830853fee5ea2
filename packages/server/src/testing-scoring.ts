/**
 * The interviewer's scoring in API tests: a session's record for the test interviewer (Design 60 %,
 * Coding 40 %, 0–10, testing-pipeline.ts), stored as an interview's turns as the portal stores them, and
 * the scorecards a model answers about it.
 */
import { type Db, type Repositories, type StoragePort, writeTx } from '@stageflow/db';
import type { StoredTurn, TranscriptEntry } from '@stageflow/domain';
import { NOW } from '@stageflow/testing';
import type { Context } from './context.ts';
import { recordedModel } from './interviewer/recorded-model.ts';
import { scoreTranscript } from './interviewer/scoring.ts';

/** What the participant said, word for word: the quotes that verify. */
export const SAID = {
  Design: 'I split the ledger into a write service and a read service',
  Coding: 'I wrote the failing test first and then the fix',
} as const;

export const TRANSCRIPT = [
  { speaker: 'interviewer', text: 'How would you design the payments ledger?', at: NOW },
  { speaker: 'participant', text: `${SAID.Design}, so each can scale on its own.`, at: NOW },
  { speaker: 'interviewer', text: 'How did you fix the last bug you shipped?', at: NOW },
  { speaker: 'participant', text: `${SAID.Coding}. It took an afternoon.`, at: NOW },
  { speaker: 'interviewer', text: 'Thank you, that is all from me.', at: NOW },
];

/** `transcript` as stored turns, its last turn ending the interview when it is the interviewer's. */
const turnsOf = (transcript: readonly TranscriptEntry[]) =>
  transcript.map(
    (entry, index): StoredTurn => ({
      index,
      speaker: entry.speaker === 'participant' ? 'participant' : 'interviewer',
      text: entry.text,
      at: entry.at,
      source: entry.speaker === 'participant' ? null : 'model',
      prompt_version: entry.speaker === 'participant' ? null : 'interviewer-v3',
      ended_by: index === transcript.length - 1 && entry.speaker !== 'participant' ? 'interviewer' : null,
      client_key: null,
    }),
  );

/**
 * Stores `transcript` as the session's interview, its last turn ending it when it is the interviewer's:
 * what the portal leaves behind once an interview is over (docs/entities.md#session-turn).
 */
export function storeInterview(
  t: { readonly db: Db; readonly repos: Repositories; readonly workspaceId: string },
  sessionId: string,
  transcript: readonly TranscriptEntry[] = TRANSCRIPT,
): void {
  writeTx(t.db, (tx) => t.repos.sessionTurns.append(tx, t.workspaceId, sessionId, turnsOf(transcript)));
}

/** `storeInterview` on either engine: through the storage port, as the portal appends turns. */
export async function appendInterview(
  t: { readonly deps: { readonly storage: StoragePort }; readonly workspaceId: string },
  participantId: string,
  sessionId: string,
  transcript: readonly TranscriptEntry[] = TRANSCRIPT,
): Promise<void> {
  const stored = await t.deps.storage.interviews.append(t.workspaceId, participantId, sessionId, () => ({
    append: turnsOf(transcript),
    answer: null,
  }));
  if (stored instanceof Error) throw stored;
}

/** A model's scorecard: Design and Coding on 0–10, each with its quotes (by default, ones the participant said). */
export const modelAnswer = (
  design: number,
  coding: number,
  evidence: { Design?: string[]; Coding?: string[] } = {},
) => ({
  dimension_scores: [
    {
      name: 'Design',
      score: design,
      reasoning: 'Clear split of responsibilities.',
      evidence: evidence.Design ?? [SAID.Design],
    },
    { name: 'Coding', score: coding, reasoning: 'Test-first habits.', evidence: evidence.Coding ?? [SAID.Coding] },
  ],
  summary: 'A thoughtful engineer.',
  improvement_feedback: 'Talk more about how the services fail.',
});

/** Scores a session with `answer` as a model at localhost:11434 would have given it, without HTTP. */
export const scoreWithRecording = (ctx: Context, sessionId: string, answer: unknown) =>
  scoreTranscript(ctx, sessionId, TRANSCRIPT, {
    model: recordedModel({ baseUrl: 'http://localhost:11434/v1', model: 'llama3.1:8b', apiKey: null }, [answer]),
  });
