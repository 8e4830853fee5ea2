import { interviewEndedBy } from '@stageflow/domain';
import type { PortalAppContext } from '../application/context.ts';
import { finishPortalSession } from '../application/portal-sessions.ts';
import type { Logger } from '../logger.ts';
import type { InterviewerDeps } from './deps.ts';
import { type ScoreOptions, scoreWhenDone } from './scoring.ts';

/** What runs once an interview has ended: the participant's portal context, with the interviewer's dependencies. */
export type InterviewEndContext = PortalAppContext & {
  readonly interviewer: InterviewerDeps;
  readonly log?: Logger | undefined;
};

/**
 * Called once an interview's closing turn is stored, whatever ended it (docs/rules.md#the-interview).
 * The session is recorded as finished (`participant_finished_session`, with what ended it), then the
 * interviewer scores the conversation from its stored turns (docs/rules.md#scoring-with-evidence): the
 * stage's rules act on the score, or, without a model or when it fails, the session waits for a reviewer
 * to score it beside the transcript. It may run again for the same session (the participant finishing
 * an interview that had ended): a session already scored is left alone, and one still waiting is
 * scored again, so a model that was down gets another chance. `scoring` picks another model than the
 * workspace's (demo data replays a recorded one).
 */
export async function onInterviewEnded(
  ctx: InterviewEndContext,
  sessionId: string,
  scoring: ScoreOptions = {},
): Promise<void> {
  const participantId = await ctx.reads.participants.participantOfSession(ctx.workspaceId, sessionId);
  if (!participantId || (await ctx.reads.participants.session(ctx.workspaceId, sessionId))?.status !== 'in_progress') {
    return;
  }
  const endedBy = interviewEndedBy(await ctx.reads.sessionTurns.list(ctx.workspaceId, sessionId)) ?? 'participant';
  await finishPortalSession(ctx, participantId, sessionId, endedBy);
  await scoreWhenDone(ctx, sessionId, scoring);
}
