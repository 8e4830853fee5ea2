import {
  DomainError,
  decideAnswer,
  decideInterviewerTurn,
  PROMPT_VERSION,
  portalCopy,
  type StoredTurn,
  unwrap,
} from '@stageflow/domain';
import type { AppContext } from '../application/context.ts';
import { answerPortalConsent } from '../application/portal-consent.ts';
import { participantActor } from '../application/portal-sessions.ts';
import type { InterviewerDeps } from '../interviewer/deps.ts';
import { onInterviewEnded } from '../interviewer/interview-ended.ts';
import { recordedModel } from '../interviewer/recorded-model.ts';
import type { InterviewRunContext } from '../interviewer/runner.ts';
import { DEMO_MODEL, type RecordedInterview } from './demo-interviews.ts';

/**
 * The demo's AI interviews played through the real path, so they can never be in a shape the product
 * could not produce itself (docs/rules.md#the-interview): the participant accepts the stage's AI notice
 * from their portal, each turn is stored as the portal stores it (the interview's domain steps, in the
 * participant's session), the interviewer's closing ends it, and the end hook records the finish and has
 * the interviewer score it, with the recorded answer standing in for the model (none: it waits for a
 * reviewer). `ctx` is the staff side's: its clock, ids and storage.
 */
export function demoInterviews(ctx: AppContext, interviewer: InterviewerDeps) {
  const asParticipant = (participantId: string): InterviewRunContext => ({
    ...ctx,
    actor: participantActor(participantId),
    copy: portalCopy('en'),
    interviewer,
  });

  return {
    /** The participant accepts the AI notice of their current stage. */
    async consent(participantId: string, stageId: string): Promise<void> {
      await answerPortalConsent(asParticipant(participantId), participantId, { stage_id: stageId, accepted: true });
    },

    /** Stores the interview's turns at `turnsAt` (one time a turn), then ends it as the runner would. */
    async interview(
      participantId: string,
      sessionId: string,
      recorded: RecordedInterview,
      turnsAt: readonly string[],
    ): Promise<void> {
      const run = asParticipant(participantId);
      for (const [i, [speaker, text]] of recorded.dialogue.entries()) {
        const at = turnsAt[i] ?? ctx.now();
        const closing = i === recorded.dialogue.length - 1;
        unwrap(
          await ctx.storage.interviews.append(ctx.workspaceId, participantId, sessionId, ({ loaded, turns }) => {
            const facts = { state: loaded.state, session_id: sessionId, turns };
            const decided =
              speaker === 'Candidate'
                ? decideAnswer(facts, { text, client_key: null }, at)
                : decideInterviewerTurn(
                    facts,
                    {
                      after: turns.length,
                      text,
                      source: 'model',
                      prompt_version: PROMPT_VERSION,
                      ended_by: closing ? 'interviewer' : null,
                    },
                    at,
                  );
            if (decided instanceof DomainError) return decided;
            return { append: decided.append, answer: decided.append as readonly StoredTurn[] };
          }),
        );
      }
      const model = recorded.answer ? recordedModel(DEMO_MODEL, [recorded.answer]) : null;
      await onInterviewEnded(run, sessionId, { model });
    },
  };
}

export type DemoInterviews = ReturnType<typeof demoInterviews>;
