/**
 * Domain errors are values: rule functions return them instead of throwing, so a caller can never
 * forget that a rule may refuse. The API turns them into transport errors in exactly one place.
 */
import { en } from './portal/copy/en.ts';
import { type ParticipantRefusal, refusalWords } from './portal/copy/refusal.ts';

export type DomainErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'PRECONDITION_FAILED' | 'BAD_REQUEST';

export interface FieldIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** The same issue as the participant reads it in their language, where their own form can meet it. */
  readonly participant?: ParticipantRefusal;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  /**
   * The same refusal as a participant reads it in their portal: plain words, no internal id
   * (docs/errors.md#refusals-a-participant-reads). Set where a participant's own command can meet it; in
   * English (for staff, and for the few rules still worded only in English).
   */
  readonly participantMessage?: string;
  /** That refusal as data, for the portal to word in the participant's language (portal/copy/refusal.ts). */
  readonly participantRefusal?: ParticipantRefusal;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
    participant?: string | ParticipantRefusal,
  ) {
    // A refusal is an answer, not a fault: no stack trace is ever read from one, and capturing it was most of
    // the cost of asking the decider what a participant may do (the page asks it once per action).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    if (typeof participant === 'string') this.participantMessage = participant;
    else if (participant) {
      this.participantRefusal = participant;
      this.participantMessage = refusalWords(participant, en);
    }
  }
}

export const notFound = (entity: string, id: string, participant?: string | ParticipantRefusal) =>
  new DomainError('NOT_FOUND', `${entity} ${id} was not found`, [], participant);

export const conflict = (message: string, participant?: string | ParticipantRefusal) =>
  new DomainError('CONFLICT', message, [], participant);

/** A refusal written for the participant in the first place: staff read its English, the portal its own language. */
export const participantConflict = (said: ParticipantRefusal) => conflict(refusalWords(said, en), said);

export const badInput = (path: readonly (string | number)[], message: string) =>
  new DomainError('BAD_REQUEST', `${path.join('.')}: ${message}`, [{ path, message }]);

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;

/** Returns the value, or throws the domain error for the API's single error mapping to translate. */
export function unwrap<T>(result: T | DomainError): T {
  if (result instanceof DomainError) throw result;
  return result;
}
