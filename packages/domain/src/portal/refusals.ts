import type { DomainError, DomainErrorCode } from '../errors.ts';

/**
 * What a participant reads when their portal refuses something (docs/errors.md#refusals-a-participant-reads).
 * Staff messages name the participant and stage by name; a participant gets the refusal's own plain words
 * where the rule gave some, the message itself for a bad request (it is about the fields they sent),
 * else a plain sentence for its kind. Never an internal id: a text that names one is not shown.
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Whether a text names an internal id (every id Stageflow makes is a UUID). */
export const namesInternalId = (text: string): boolean => UUID.test(text);

const BY_KIND: Record<DomainErrorCode, string> = {
  NOT_FOUND: 'We could not find that in your evaluation. Go back to your evaluation and try again.',
  CONFLICT: 'This cannot be done right now. Go back to your evaluation to see where you stand.',
  PRECONDITION_FAILED: 'The team is changing your evaluation. Please try again later.',
  BAD_REQUEST: 'Something in the request was not right. Go back to your evaluation and try again.',
};

export function portalRefusalMessage(error: DomainError): string {
  const said = error.participantMessage ?? (error.code === 'BAD_REQUEST' ? error.message : undefined);
  return said !== undefined && !namesInternalId(said) ? said : BY_KIND[error.code];
}
