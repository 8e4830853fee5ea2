import type { PortalAnswers } from '@stageflow/domain';
import { submitPortalAnswers } from '../application/answers.ts';
import type { InterviewEndContext } from './interview-ended.ts';
import { scoreWhenDone } from './scoring.ts';

/**
 * The participant submits their written assessment's answers (docs/rules.md#written-assessments), then
 * the stage's interviewer scores them as it scores an interview that ended
 * (docs/rules.md#scoring-with-evidence): without a model, or when it fails, the session waits for a
 * reviewer. The answers are saved whatever scoring does: a failure there is logged, never the
 * participant's error.
 */
export async function submitAnswersForScoring(
  ctx: InterviewEndContext,
  participantId: string,
  sessionId: string,
): Promise<PortalAnswers> {
  const submitted = await submitPortalAnswers(ctx, participantId, sessionId);
  try {
    await scoreWhenDone(ctx, sessionId);
  } catch (error) {
    ctx.log?.error({ err: error, session_id: sessionId }, 'scoring submitted answers failed');
  }
  return submitted;
}
