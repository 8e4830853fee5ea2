import { participantTexts, type VerifiedQuotes, verifyQuotes } from '../interviewer/evidence.ts';
import type { ModelScorer, ScoredBy, TranscriptEntry } from './scorecard.ts';

/**
 * What the interviewer's model answered, as the complete command takes it beside the scores
 * (docs/rules.md#scoring-with-evidence). Only the server's scoring sets it: the API's input schemas
 * are strict, so no caller can claim a score is the model's.
 */
export interface ModelScoring {
  readonly scored_by: ModelScorer;
  /** The quotes the model gave for each dimension, before they are checked against the transcript. */
  readonly quotes: readonly { readonly name: string; readonly evidence: readonly string[] }[];
}

/** Who scored a scorecard, and for a model's, the evidence each dimension kept, by dimension name in lower case. */
export interface Scorer {
  readonly scored_by: ScoredBy | null;
  readonly evidence?: ReadonlyMap<string, VerifiedQuotes>;
}

export const dimensionKey = (name: string) => name.trim().toLowerCase();

/** A person's score: the caller is the reviewer. */
export const reviewerScorer = (actor: string): Scorer => ({ scored_by: { kind: 'reviewer', user: actor } });

/**
 * A model's score: each dimension's quotes checked against the participant's own turns of
 * `transcript` (interviewer/evidence.ts); what is not found is dropped and counted.
 */
export function modelScorer(
  model: ModelScoring,
  transcript: readonly TranscriptEntry[],
  participantName: string | null,
): Scorer {
  const said = participantTexts(transcript, participantName);
  return {
    scored_by: model.scored_by,
    evidence: new Map(model.quotes.map((q) => [dimensionKey(q.name), verifyQuotes(q.evidence, said)])),
  };
}
