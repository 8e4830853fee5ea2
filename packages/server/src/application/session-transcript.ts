import { answersTranscript, completionTranscript, interviewTranscript, type TranscriptEntry } from '@stageflow/domain';
import type { AppContext } from './context.ts';

/**
 * A session's transcript, from where the participant's words are kept (docs/entities.md#scorecard): the
 * interview's turns as the portal stored them, or a written assessment's submitted answers. Completing
 * the session keeps it on the scorecard; this is the one place that reads it for that.
 */

/** What the participant gave in the session, as a transcript; null when they gave nothing here. */
export async function participantTranscript(ctx: AppContext, sessionId: string): Promise<TranscriptEntry[] | null> {
  const turns = await ctx.reads.sessionTurns.list(ctx.workspaceId, sessionId);
  if (turns.length > 0) return interviewTranscript(turns);
  const { answers, submission } = await ctx.reads.answers.forSession(ctx.workspaceId, sessionId);
  return submission ? answersTranscript(submission, answers) : null;
}

/**
 * The transcript completing a session keeps: the one the reviewer gave, or else what the participant
 * gave. Stored turns and submitted answers are only ever added to before the session completes, so
 * reading them before the command is safe.
 */
export async function transcriptOnCompletion(
  ctx: AppContext,
  sessionId: string | undefined,
  given: TranscriptEntry[] | undefined,
): Promise<TranscriptEntry[] | undefined> {
  if (given?.length || sessionId === undefined) return given;
  return completionTranscript(given, await participantTranscript(ctx, sessionId));
}
