import { conflict, type DomainError } from '../errors.ts';
import type { Session } from './entities.ts';
import type { TranscriptEntry } from './scorecard.ts';

/**
 * The record of a session kept until it is scored (docs/entities.md#session-transcript): what the
 * interviewer's scoring reads, and what a reviewer scores beside when it could not.
 */
export interface SessionTranscriptRecord {
  readonly session_id: string;
  readonly transcript: readonly TranscriptEntry[];
  readonly kept_at: string;
  /** Who handed it over: `system`, `user:<id>` or `api_key:<id>`. */
  readonly kept_by: string;
}

const sameRecord = (a: readonly TranscriptEntry[], b: readonly TranscriptEntry[]) =>
  a.length === b.length &&
  a.every((turn, i) => turn.speaker === b[i]?.speaker && turn.text === b[i]?.text && turn.at === b[i]?.at);

/**
 * Keeping a session's record for scoring: only while the session is open (a completed one's record
 * is on its scorecard), and never over a different one already kept: what a participant said is
 * not rewritten. The same record again changes nothing (a retried hand-over).
 */
export function keepSessionTranscript(
  session: Pick<Session, 'id' | 'status'>,
  kept: SessionTranscriptRecord | null,
  given: readonly TranscriptEntry[],
  by: { readonly now: string; readonly actor: string },
): SessionTranscriptRecord | DomainError {
  if (session.status !== 'scheduled' && session.status !== 'in_progress') {
    return conflict(
      `session ${session.id} is ${session.status}: only a session still open can be scored by the interviewer; a completed session's record is on its scorecard`,
    );
  }
  if (kept) {
    return sameRecord(kept.transcript, given)
      ? kept
      : conflict(
          `session ${session.id} already has a record, and this one differs from it: what was said is not rewritten; leave out transcript to score the record it has`,
        );
  }
  return { session_id: session.id, transcript: [...given], kept_at: by.now, kept_by: by.actor };
}
