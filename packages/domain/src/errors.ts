/**
 * Domain errors are values: rule functions return them instead of throwing, so a caller can never
 * forget that a rule may refuse. The API turns them into transport errors in exactly one place.
 */
export type DomainErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'PRECONDITION_FAILED' | 'BAD_REQUEST';

export interface FieldIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
    /**
     * The same refusal as a participant reads it in their portal: plain words, no internal id
     * (docs/errors.md#refusals-a-participant-reads). Set where a participant's own command can meet it.
     */
    readonly participantMessage?: string,
  ) {
    super(message);
  }
}

export const notFound = (entity: string, id: string, participantMessage?: string) =>
  new DomainError('NOT_FOUND', `${entity} ${id} was not found`, [], participantMessage);

export const conflict = (message: string, participantMessage?: string) =>
  new DomainError('CONFLICT', message, [], participantMessage);

/** A refusal written for the participant in the first place: staff and the portal read the same words. */
export const participantConflict = (message: string) => conflict(message, message);

export const badInput = (path: readonly (string | number)[], message: string) =>
  new DomainError('BAD_REQUEST', `${path.join('.')}: ${message}`, [{ path, message }]);

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;

/** Returns the value, or throws the domain error for the API's single error mapping to translate. */
export function unwrap<T>(result: T | DomainError): T {
  if (result instanceof DomainError) throw result;
  return result;
}
