import { interviewEndedBy } from '@stageflow/domain';
import type { PortalAppContext } from '../application/context.ts';
import { finishPortalSession } from '../application/portal-sessions.ts';
import type { InterviewerDeps } from './deps.ts';

/** What runs once an interview has ended: the participant's portal context, with the interviewer's dependencies. */
export type InterviewEndContext = PortalAppContext & { readonly interviewer: InterviewerDeps };

/**
 * Called once an interview's closing turn is stored, whatever ended it (docs/rules.md#the-interview).
 * The session then waits for its result: here it is recorded as finished
 * (`participant_finished_session`, with what ended it), and a reviewer scores it beside the transcript.
 * Scoring the session with the model belongs here too. It may run again for the same session (the
 * participant finishing an interview that had ended), so what it does must be safe to repeat.
 */
export async function onInterviewEnded(ctx: InterviewEndContext, sessionId: string): Promise<void> {
  const participantId = ctx.repos.participants.participantOfSession(ctx.workspaceId, sessionId);
  if (!participantId) return;
  const endedBy = interviewEndedBy(ctx.repos.sessionTurns.list(ctx.workspaceId, sessionId)) ?? 'participant';
  await finishPortalSession(ctx, participantId, sessionId, endedBy);
}
