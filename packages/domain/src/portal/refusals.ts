import type { DomainError, FieldIssue } from '../errors.ts';
import type { PortalCopy } from './copy/en.ts';
import { refusalWords } from './copy/refusal.ts';

/**
 * What a participant reads when their portal refuses something (docs/errors.md#refusals-a-participant-reads),
 * in their language (`copy`). Staff messages name the participant and stage by name; a participant gets the
 * refusal's own plain words where the rule gave some, the field issues for a bad request (they are about the
 * fields they sent), else a plain sentence for its kind. Never an internal id: a text that names one is not shown.
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Whether a text names an internal id (every id Stageflow makes is a UUID). */
export const namesInternalId = (text: string): boolean => UUID.test(text);

/** A bad request's issues, each in the participant's words where the rule gave them (else its own message). */
function issuesSaid(error: DomainError, copy: PortalCopy): string | undefined {
  if (error.issues.every((i) => i.participant === undefined)) return error.message;
  return error.issues
    .map((i) => `${i.path.join('.')}: ${i.participant ? refusalWords(i.participant, copy) : i.message}`)
    .join('; ');
}

export function portalRefusalMessage(error: DomainError, copy: PortalCopy): string {
  const said = error.participantRefusal
    ? refusalWords(error.participantRefusal, copy)
    : (error.participantMessage ?? (error.code === 'BAD_REQUEST' ? issuesSaid(error, copy) : undefined));
  return said !== undefined && !namesInternalId(said) ? said : copy.refusalKinds[error.code];
}

/** A field issue as the participant reads it beside the field: their words where the rule gave them. */
export const portalIssueMessage = (issue: Pick<FieldIssue, 'message' | 'participant'>, copy: PortalCopy): string =>
  issue.participant ? refusalWords(issue.participant, copy) : issue.message;
